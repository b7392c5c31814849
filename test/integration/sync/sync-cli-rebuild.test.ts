import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_FILE } from '../../../src-main/db/connection.js';
import { startSandbox, type RunningSandbox } from '../../../src-main/sandbox/server.js';

/**
 * Issue 7: a CLI sync that loads many names (indexes dropped for the load,
 * rebuilt after it) says so while the cache is indexed, and exits with the
 * cache whole: every index, trigger and the search index back.
 */
const BIN = join(process.cwd(), 'bin/domaindeck.mjs');
const NAMES = 700;
const run = promisify(execFile);
let sandbox: RunningSandbox;
let dir: string;

const cli = (args: string[], stdin?: string) => {
  const p = run(process.execPath, [BIN, '--data-dir', dir, ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DOMAINDECK_PASSPHRASE: 'rebuild-test', DOMAINDECK_LANG: 'en' },
  });
  if (stdin !== undefined) {
    p.child.stdin?.end(stdin);
  }
  return p;
};

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'sync-rebuild', domains: NAMES });
  dir = mkdtempSync(join(tmpdir(), 'dd-sync-rebuild-'));
  const reseller = sandbox.descriptor.registrars.reseller;
  await cli(['accounts', 'add', '--registrar', 'reseller', '--label', 'rsl-a', '--endpoint', reseller.endpoint], JSON.stringify(reseller.accounts[0]!.credentials));
});

afterAll(async () => {
  await sandbox?.close().catch(() => undefined);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('a CLI sync that loads many names', () => {
  it('says the cache is being indexed and exits with every index and the search index back', async () => {
    const { stderr } = await cli(['sync']);
    expect(stderr).toMatch(/✔ rsl-a: 700 names \(700 new/);
    expect(stderr).toMatch(/Indexing the cache for fast sorting and search/);
    const db = new Database(join(dir, DB_FILE), { readonly: true, fileMustExist: true });
    try {
      expect(db.prepare('SELECT count(*) AS n FROM domains_deferred_ddl').get()).toEqual({ n: 0 });
      expect(db.prepare('SELECT deferred FROM domains_fts_state').get()).toEqual({ deferred: 0 });
      expect(db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name IN ('domains_p_expires', 'domain_events_name', 'domains_facets_ai', 'domains_fts_ai')").get()).toEqual({ n: 4 });
      const one = (db.prepare('SELECT name FROM domains ORDER BY id LIMIT 1').get() as { name: string }).name;
      expect(db.prepare('SELECT count(*) AS n FROM domains_fts WHERE domains_fts MATCH ?').get(`"${one.slice(0, 6)}"`)).not.toEqual({ n: 0 });
      expect(db.prepare("SELECT sum(n) AS n FROM domain_facet_counts WHERE dim = 'registrar'").get()).toEqual({ n: NAMES });
    } finally {
      db.close();
    }
  });
});
