import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../src-main/db/connection.js';
import { migrations } from '../../../src-main/db/migrations/index.js';
import { createSearchIndex } from '../../../src-main/db/repos/domain-search-index.js';

const v5 = migrations.filter((m) => m.version <= 5);
/** Pinned to 006, so later migrations (new indexes) do not change what this test checks. */
const v6 = migrations.filter((m) => m.version <= 6);

function seedV5(db: Db): void {
  db.exec(`
    INSERT INTO accounts (id, registrar, label, vault_id, created_at, updated_at) VALUES ('a1', 'dynadot', 'Main', 'v', 0, 0), ('a2', 'mrdomain', 'other', 'v', 0, 0);
    INSERT INTO domains (id, account_id, registrar, name, unicode, tld, expires_at, status, folder, first_seen_at, last_synced_at, account_label)
      VALUES (7, 'a1', 'dynadot', 'apple.com', 'apple.com', 'com', 1767225600000, 'active', 'Sale', 1, 1, 'Main'),
             (9, 'a2', 'mrdomain', 'xn--bcher-kva.com', 'bücher.com', 'com', NULL, 'grace', NULL, 1, 1, 'other'),
             (12, 'a2', 'mrdomain', 'gone.es', 'gone.es', 'es', 1767225600000, 'removed', NULL, 1, 1, 'other');
    UPDATE domains SET removed_at = 5 WHERE id = 12;
    INSERT INTO domain_events (name, account_id, account_label, kind, after, at) VALUES ('apple.com', 'a1', 'Main', 'added', '{}', 1);
  `);
}

const search = (db: Db, term: string) =>
  (db.prepare('SELECT d.name FROM domains d WHERE d.id IN (SELECT rowid FROM domains_fts WHERE domains_fts MATCH ?) ORDER BY d.name').all(`"${term}"`) as { name: string }[]).map((r) => r.name);
const counters = (db: Db) =>
  Object.fromEntries((db.prepare('SELECT dim, key, n FROM domain_facet_counts WHERE n > 0 ORDER BY dim, key').all() as { dim: string; key: string; n: number }[]).map((r) => [`${r.dim}:${r.key}`, r.n]));
const schema = (db: Db) => (db.prepare("SELECT name FROM sqlite_schema WHERE type IN ('index','trigger') AND sql IS NOT NULL ORDER BY name").all() as { name: string }[]).map((r) => r.name);

describe('migration 006 (portfolio counts)', () => {
  it('rebuilds domains and history with every row, id and rule, and counts the facets', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dd-m006-'));
    const old = openDatabase(dir, { migrations: v5 });
    seedV5(old.db);
    old.db.close();

    const { db, schemaVersion } = openDatabase(dir, { migrations: v6 });
    expect(schemaVersion).toBe(6);
    expect(db.prepare('SELECT id, name, change_hash, account_label, removed_at FROM domains ORDER BY id').all()).toEqual([
      { id: 7, name: 'apple.com', change_hash: null, account_label: 'Main', removed_at: null },
      { id: 9, name: 'xn--bcher-kva.com', change_hash: null, account_label: 'other', removed_at: null },
      { id: 12, name: 'gone.es', change_hash: null, account_label: 'other', removed_at: 5 },
    ]);
    // Same row ids: the contentless search index still finds them.
    expect(search(db, 'bücher')).toEqual(['xn--bcher-kva.com']);
    expect(counters(db)).toEqual({
      'account:Va1': 1,
      'account:Va2': 1,
      'folder:N': 1,
      'folder:VSale': 1,
      'month:N': 1,
      'month:V2026-01': 1,
      'registrar:Vdynadot': 1,
      'registrar:Vmrdomain': 1,
      'status:Vactive': 1,
      'status:Vgrace': 1,
      'tld:Vcom': 2,
    });
    const names = schema(db);
    expect(names).toEqual(expect.arrayContaining(['domains_names', 'domains_p_expires', 'domains_fts_ai', 'domains_fts_au', 'domains_facets_ai', 'domain_events_name', 'domain_events_no_update', 'accounts_label_to_domains']));
    expect(names).not.toContain('domains_p_expiry_month');
    expect(db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'domains_names'").get()).toEqual({ sql: 'CREATE INDEX domains_names ON domains(name, removed_at, unicode)' });

    // The rules hold as before, written without IN lists.
    expect(() => db.prepare("UPDATE domains SET status = 'bogus' WHERE id = 7").run()).toThrow(/CHECK constraint/);
    expect(() => db.prepare('UPDATE domains SET auto_renew = 2 WHERE id = 7').run()).toThrow(/CHECK constraint/);
    expect(() => db.prepare("INSERT INTO domain_events (name, kind, at) VALUES ('x', 'bogus', 1)").run()).toThrow(/CHECK constraint/);
    expect(() => db.prepare("UPDATE domain_events SET kind = 'moved'").run()).toThrow(/append-only/);
    expect(db.prepare('SELECT name, kind FROM domain_events').all()).toEqual([{ name: 'apple.com', kind: 'added' }]);
    db.prepare("UPDATE accounts SET label = 'Renamed' WHERE id = 'a1'").run();
    expect(db.prepare('SELECT account_label AS l FROM domains WHERE id = 7').get()).toEqual({ l: 'Renamed' });
    // An account removed takes its rows (and their counts) with it.
    db.prepare("DELETE FROM accounts WHERE id = 'a2'").run();
    expect(counters(db)).toEqual({ 'account:Va1': 1, 'folder:VSale': 1, 'month:V2026-01': 1, 'registrar:Vdynadot': 1, 'status:Vactive': 1, 'tld:Vcom': 1 });
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });

  it('upgrades a cache whose bulk load was cut short: the saved definitions are replaced and the next start repairs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dd-m006-'));
    const old = openDatabase(dir, { migrations: v5 });
    seedV5(old.db);
    // The v5 bulk load: search triggers and every index but domains_names dropped, their SQL saved.
    old.db.exec("UPDATE domains_fts_state SET deferred = 1");
    for (const r of old.db.prepare("SELECT type, name, sql FROM sqlite_schema WHERE tbl_name = 'domains' AND sql IS NOT NULL AND (type = 'index' AND name <> 'domains_names' OR name LIKE 'domains_fts_%')").all() as { type: string; name: string; sql: string }[]) {
      old.db.prepare('INSERT INTO domains_deferred_ddl (name, type, sql) VALUES (?, ?, ?)').run(r.name, r.type, r.sql);
      old.db.exec(`DROP ${r.type === 'index' ? 'INDEX' : 'TRIGGER'} ${r.name}`);
    }
    old.db.prepare("INSERT INTO domains (account_id, registrar, name, unicode, tld, status, first_seen_at, last_synced_at) VALUES ('a1', 'dynadot', 'cherry.io', 'cherry.io', 'io', 'active', 2, 2)").run();
    old.db.close();

    const { db } = openDatabase(dir, { migrations: v6 });
    expect(db.prepare("SELECT sql FROM domains_deferred_ddl WHERE name = 'domains_fts_au'").get()).toEqual({ sql: expect.stringContaining('WHEN old.name IS NOT new.name') });
    expect(db.prepare("SELECT count(*) AS n FROM domains_deferred_ddl WHERE name = 'domains_p_expiry_month'").get()).toEqual({ n: 0 });
    const index = createSearchIndex(db);
    expect(index.recover()).toBe(true);
    // Repaired in the background (indexes on a worker thread, then the trigram fill).
    await index.ready();
    expect(search(db, 'cherr')).toEqual(['cherry.io']);
    expect(schema(db)).toEqual(expect.arrayContaining(['domains_fts_ai', 'domains_fts_au', 'domains_fts_ad', 'domains_p_expires', 'domains_facets_au']));
    expect(counters(db)['tld:Vio']).toBe(1);
    db.close();
  });
});
