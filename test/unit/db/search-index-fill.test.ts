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

const indexCount = (db: Db) => (db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('domains', 'domain_events')").get() as { n: number }).n;
const pending = (db: Db) => (db.prepare('SELECT count(*) AS n FROM domains_deferred_ddl').get() as { n: number }).n;
const searchTriggers = (db: Db) => (db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'domains_fts_%'").get() as { n: number }).n;
const counter = (db: Db, dim: string, key: string) => (db.prepare('SELECT n FROM domain_facet_counts WHERE dim = ? AND key = ?').get(dim, key) as { n: number } | undefined)?.n ?? 0;

describe('rebuild after a bulk load', () => {
  it('the release returns before the indexes are back; reads are right meanwhile, and the rebuild ends with everything restored', async () => {
    const { db } = openDatabase(mkdtempSync(join(tmpdir(), 'dd-fill-')));
    const before = indexCount(db);
    const phases: string[] = [];
    const index = createSearchIndex(db, { onPhase: (p) => phases.push(p) });
    const release = index.defer();
    expect(indexCount(db)).toBe(0);
    load(db, 9000);
    release();
    // The worker thread rebuilds; this thread answers queries without the indexes, and right.
    const query = createDomainQueryRepo(db);
    expect(state(db)).toEqual({ deferred: 1 });
    expect(query.count({ search: 'slice888' })).toBe(11);
    expect(query.page({}, [{ column: 'name', desc: true }], 0, 2).map((r) => r.name)).toEqual(['slice999.com', 'slice998.com']);
    await index.ready();
    expect(phases).toEqual(['indexes', 'search', 'done']);
    expect(indexCount(db)).toBe(before);
    expect(pending(db)).toBe(0);
    expect(state(db)).toEqual({ deferred: 0 });
    expect(searchTriggers(db)).toBe(3);
    expect(fts(db, 'slice888')).toBe(11);
    // The counters were recounted with their triggers back, in one transaction.
    expect(counter(db, 'tld', 'Vcom')).toBe(9000);
    db.prepare("INSERT INTO domains (account_id, registrar, name, unicode, tld, status, first_seen_at, last_synced_at) VALUES ('a1', 'dynadot', 'late.io', 'late.io', 'io', 'active', 1, 1)").run();
    expect(counter(db, 'tld', 'Vio')).toBe(1);
    expect(fts(db, 'late')).toBe(1);
    db.close();
  });

  it('a new load while the worker rebuilds stops it; the last release rebuilds everything', async () => {
    const { db } = openDatabase(mkdtempSync(join(tmpdir(), 'dd-fill-')));
    const before = indexCount(db);
    const index = createSearchIndex(db);
    const first = index.defer();
    load(db, 6000);
    first();
    const second = index.defer();
    db.prepare("INSERT INTO domains (account_id, registrar, name, unicode, tld, status, first_seen_at, last_synced_at) VALUES ('a1', 'dynadot', 'second.net', 'second.net', 'net', 'active', 1, 1)").run();
    second();
    await index.ready();
    expect(indexCount(db)).toBe(before);
    expect(pending(db)).toBe(0);
    expect(state(db)).toEqual({ deferred: 0 });
    expect(fts(db, 'second')).toBe(1);
    expect(fts(db, 'slice5999')).toBe(1);
    expect(counter(db, 'tld', 'Vnet')).toBe(1);
    expect(counter(db, 'tld', 'Vcom')).toBe(6000);
    db.close();
  });

  it('closed during the rebuild: the next start finishes it in the background, searches right throughout', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dd-fill-'));
    const first = openDatabase(dir);
    const before = indexCount(first.db);
    const release = createSearchIndex(first.db).defer();
    load(first.db, 9000);
    release();
    first.db.close();

    // Wherever the worker had got to (it runs on with its own connection), the next start completes the job.
    const second = openDatabase(dir);
    const again = createSearchIndex(second.db);
    again.recover();
    const query = createDomainQueryRepo(second.db);
    expect(query.count({ search: 'slice888' })).toBe(11);
    await again.ready();
    expect(state(second.db)).toEqual({ deferred: 0 });
    expect(indexCount(second.db)).toBe(before);
    expect(pending(second.db)).toBe(0);
    expect(searchTriggers(second.db)).toBe(3);
    expect(fts(second.db, 'slice888')).toBe(11);
    expect(query.count({ search: 'slice888' })).toBe(11);
    expect(again.recover()).toBe(false);
    second.db.close();
  });

  it('a trigram fill cut short is resumed in slices at the next start, not rebuilt', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dd-fill-'));
    const first = openDatabase(dir);
    const index = createSearchIndex(first.db);
    const release = index.defer();
    load(first.db, 9000);
    release();
    await index.ready();
    // The state a fill leaves when the app closes mid-way: indexes back, search triggers saved and dropped, deferred.
    first.db.exec("UPDATE domains_fts_state SET deferred = 1; INSERT INTO domains_fts(domains_fts) VALUES ('delete-all')");
    for (const t of first.db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'domains_fts_%'").all() as { name: string; sql: string }[]) {
      first.db.prepare("INSERT INTO domains_deferred_ddl (name, type, sql) VALUES (?, 'trigger', ?)").run(t.name, t.sql);
      first.db.exec(`DROP TRIGGER ${t.name}`);
    }
    first.db.close();

    const second = openDatabase(dir);
    const again = createSearchIndex(second.db);
    expect(again.recover()).toBe(false);
    expect(state(second.db)).toEqual({ deferred: 1 });
    const query = createDomainQueryRepo(second.db);
    expect(query.count({ search: 'slice888' })).toBe(11);
    await again.ready();
    expect(state(second.db)).toEqual({ deferred: 0 });
    expect(fts(second.db, 'slice888')).toBe(11);
    expect(pending(second.db)).toBe(0);
    expect(searchTriggers(second.db)).toBe(3);
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
