import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../src-main/db/connection.js';
import { createDomainQueryRepo } from '../../../src-main/db/repos/domain-query.js';
import { createSearchIndex } from '../../../src-main/db/repos/domain-search-index.js';

/** Rows written as a bulk load would (search triggers and indexes dropped by `defer`). */
function load(db: Db, n: number): void {
  db.prepare("INSERT INTO accounts (id, registrar, label, vault_id, created_at, updated_at) VALUES ('a1', 'dynadot', 'Main', 'v', 0, 0)").run();
  const insert = db.prepare("INSERT INTO domains (account_id, registrar, name, unicode, tld, status, first_seen_at, last_synced_at) VALUES ('a1', 'dynadot', ?, ?, 'com', 'active', 1, 1)");
  db.transaction(() => {
    for (let i = 0; i < n; i++) insert.run(`slice${i}.com`, `slice${i}.com`);
  })();
}

const state = (db: Db) => db.prepare('SELECT deferred FROM domains_fts_state').get();
const fts = (db: Db, term: string) => (db.prepare('SELECT count(*) AS n FROM domains_fts WHERE domains_fts MATCH ?').get(`"${term}"`) as { n: number }).n;

describe('trigram fill after a bulk load', () => {
  it('a fill cut short by closing the database is resumed in slices at the next start, searches right throughout', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dd-fill-'));
    const first = openDatabase(dir);
    const index = createSearchIndex(first.db);
    const release = index.defer();
    load(first.db, 9000);
    release();
    // Indexes are back at once; the trigram index fills after the release returns.
    expect(first.db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'domains_p_expires'").get()).toEqual({ n: 1 });
    expect(state(first.db)).toEqual({ deferred: 1 });
    first.db.close();

    const second = openDatabase(dir);
    const again = createSearchIndex(second.db);
    // Not a load cut short: nothing to rebuild at once, the fill resumes.
    expect(again.recover()).toBe(false);
    expect(state(second.db)).toEqual({ deferred: 1 });
    const query = createDomainQueryRepo(second.db);
    expect(query.count({ search: 'slice888' })).toBe(11);
    await again.ready();
    expect(state(second.db)).toEqual({ deferred: 0 });
    expect(fts(second.db, 'slice888')).toBe(11);
    expect(query.count({ search: 'slice888' })).toBe(11);
    expect(second.db.prepare('SELECT count(*) AS n FROM domains_deferred_ddl').get()).toEqual({ n: 0 });
    expect(second.db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'domains_fts_%'").get()).toEqual({ n: 3 });
    // The search triggers are back: a new row is indexed as it is written.
    second.db.prepare("INSERT INTO domains (account_id, registrar, name, unicode, tld, status, first_seen_at, last_synced_at) VALUES ('a1', 'dynadot', 'slice888x.io', 'slice888x.io', 'io', 'active', 1, 1)").run();
    expect(fts(second.db, 'slice888')).toBe(12);
    second.db.close();
  });

  it('finish() completes a pending fill at once', () => {
    const { db } = openDatabase(mkdtempSync(join(tmpdir(), 'dd-fill-')));
    const index = createSearchIndex(db);
    const release = index.defer();
    load(db, 5000);
    release();
    expect(state(db)).toEqual({ deferred: 1 });
    index.finish();
    expect(state(db)).toEqual({ deferred: 0 });
    expect(fts(db, 'slice4999')).toBe(1);
    db.close();
  });
});
