import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../src-main/db/connection.js';
import { migrations } from '../../../src-main/db/migrations/index.js';
import { createSearchIndex } from '../../../src-main/db/repos/domain-search-index.js';

const v4 = migrations.filter((m) => m.version <= 4);
const v5 = migrations.filter((m) => m.version <= 5);

function seedV4(db: Db): void {
  db.exec(`
    INSERT INTO accounts (id, registrar, label, vault_id, created_at, updated_at) VALUES ('a1', 'dynadot', 'Main', 'v', 0, 0), ('a2', 'mrdomain', 'other', 'v', 0, 0);
    INSERT INTO domains (account_id, registrar, name, unicode, tld, expires_at, status, first_seen_at, last_synced_at)
      VALUES ('a1', 'dynadot', 'apple.com', 'apple.com', 'com', 1767225600000, 'active', 1, 1),
             ('a2', 'mrdomain', 'xn--bcher-kva.com', 'bücher.com', 'com', NULL, 'grace', 1, 1);
  `);
}

const search = (db: Db, term: string) =>
  (db.prepare('SELECT d.name FROM domains d WHERE d.id IN (SELECT rowid FROM domains_fts WHERE domains_fts MATCH ?) ORDER BY d.name').all(`"${term}"`) as { name: string }[]).map((r) => r.name);
const indexes = (db: Db) =>
  (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'domains' AND sql IS NOT NULL ORDER BY name").all() as { name: string }[]).map((r) => r.name);

describe('migration 005 (portfolio speed)', () => {
  it('upgrades a v4 cache with data: labels backfilled, search intact, new indexes present', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dd-m005-'));
    const old = openDatabase(dir, { migrations: v4 });
    seedV4(old.db);
    old.db.close();

    const { db, schemaVersion } = openDatabase(dir, { migrations: v5 });
    expect(schemaVersion).toBe(5);
    expect(db.prepare('SELECT name, account_label FROM domains ORDER BY name').all()).toEqual([
      { name: 'apple.com', account_label: 'Main' },
      { name: 'xn--bcher-kva.com', account_label: 'other' },
    ]);
    expect(search(db, 'bücher')).toEqual(['xn--bcher-kva.com']);
    expect(indexes(db)).toEqual(expect.arrayContaining(['domains_names', 'domains_p_account_label', 'domains_p_expiry_month', 'domains_p_registrar_status', 'domains_p_expires']));
    expect(indexes(db)).not.toContain('domains_name');

    // The search triggers index new rows without the old per-row flag check.
    db.prepare("INSERT INTO domains (account_id, registrar, name, unicode, tld, status, first_seen_at, last_synced_at) VALUES ('a1', 'dynadot', 'banana.net', 'banana.net', 'net', 'active', 2, 2)").run();
    expect(search(db, 'anan')).toEqual(['banana.net']);

    // Renaming an account relabels its rows (and only its rows).
    db.prepare("UPDATE accounts SET label = 'Renamed' WHERE id = 'a1'").run();
    expect(db.prepare("SELECT DISTINCT account_label AS l FROM domains WHERE account_id = 'a1'").all()).toEqual([{ l: 'Renamed' }]);
    expect(db.prepare("SELECT account_label AS l FROM domains WHERE account_id = 'a2'").get()).toEqual({ l: 'other' });
    db.close();
  });

  it('a bulk load drops indexes and search triggers, and a crash mid-load is repaired at the next start', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dd-m005-'));
    const first = openDatabase(dir);
    seedV4(first.db);
    const before = indexes(first.db);
    const release = createSearchIndex(first.db).defer();
    expect(indexes(first.db)).toEqual([]);
    first.db.prepare("INSERT INTO domains (account_id, registrar, name, unicode, tld, status, first_seen_at, last_synced_at) VALUES ('a1', 'dynadot', 'cherry.io', 'cherry.io', 'io', 'active', 2, 2)").run();
    expect(search(first.db, 'cherr')).toEqual([]);
    void release; // the process "dies" before releasing
    first.db.close();

    const second = openDatabase(dir);
    const index = createSearchIndex(second.db);
    expect(index.recover()).toBe(true);
    // Repaired in the background: the indexes on a worker thread, then the trigram fill.
    await index.ready();
    expect(indexes(second.db)).toEqual(before);
    expect(search(second.db, 'cherr')).toEqual(['cherry.io']);
    expect(second.db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'domains_fts_%'").get()).toEqual({ n: 3 });
    expect(index.recover()).toBe(false);
    second.db.close();
  });

  it('decides when a bulk load pays off', async () => {
    const { db } = openDatabase(mkdtempSync(join(tmpdir(), 'dd-m005-')));
    seedV4(db);
    const index = createSearchIndex(db);
    expect(index.deferFor(499)).toBeNull();
    const release = index.deferFor(500);
    expect(release).not.toBeNull();
    // While one load runs, others join it (whatever their size) and the last release rebuilds.
    const joined = index.deferFor(1);
    release?.();
    expect(indexes(db)).toEqual([]);
    joined?.();
    await index.ready();
    expect(indexes(db)).toContain('domains_p_expires');
    db.close();
  });
});
