import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../src-main/db/connection.js';
import { createDomainBulkLoad, SEARCH_TRIGGER_PREFIX } from '../../../src-main/db/repos/domain-bulk-load.js';
import { buildInBackground } from '../../../src-main/db/repos/domain-index-build.js';

const job = { keepPrefix: SEARCH_TRIGGER_PREFIX, finalSql: "INSERT INTO domain_facet_counts (dim, key, n) VALUES ('tld', 'Vmarker', 1)" };
const marked = (db: Db) => db.prepare("SELECT n FROM domain_facet_counts WHERE key = 'Vmarker'").all();
const names = (db: Db, type: string) =>
  (db.prepare("SELECT name FROM sqlite_schema WHERE type = ? AND sql IS NOT NULL AND tbl_name IN ('domains', 'domain_events') ORDER BY name").all(type) as { name: string }[]).map((r) => r.name);

function dropped(): { db: Db; indexes: string[]; triggers: string[] } {
  const { db } = openDatabase(mkdtempSync(join(tmpdir(), 'dd-ixb-')));
  const indexes = names(db, 'index');
  const triggers = names(db, 'trigger');
  db.transaction(() => createDomainBulkLoad(db).drop())();
  return { db, indexes, triggers };
}

describe('index rebuild on a worker thread', () => {
  it('recreates every saved index and trigger but the kept ones, runs the final SQL with them, and forgets what it restored', async () => {
    const { db, indexes, triggers } = dropped();
    expect(names(db, 'index')).toEqual([]);
    const build = buildInBackground(db, job);
    expect(build).not.toBeNull();
    await expect(build?.done).resolves.toBe('built');
    expect(names(db, 'index')).toEqual(indexes);
    expect(names(db, 'trigger')).toEqual(triggers.filter((t) => !t.startsWith(SEARCH_TRIGGER_PREFIX)));
    expect(db.prepare('SELECT type, name FROM domains_deferred_ddl ORDER BY name').all()).toEqual(triggers.filter((t) => t.startsWith(SEARCH_TRIGGER_PREFIX)).map((name) => ({ type: 'trigger', name })));
    expect(marked(db)).toEqual([{ n: 1 }]);
    db.close();
  });

  it('stops when asked, leaving what it did not build saved', async () => {
    const { db } = dropped();
    const build = buildInBackground(db, job);
    build?.stop();
    await expect(build?.done).resolves.toBe('stopped');
    expect(names(db, 'index')).toEqual([]);
    expect((db.prepare("SELECT count(*) AS n FROM domains_deferred_ddl WHERE type = 'index'").get() as { n: number }).n).toBeGreaterThan(10);
    expect(marked(db)).toEqual([]);
    db.close();
  });

  it('reports a failure instead of half-applying the final step', async () => {
    const { db } = dropped();
    const build = buildInBackground(db, { ...job, finalSql: 'UPDATE no_such_table SET x = 1' });
    await expect(build?.done).rejects.toThrow(/no_such_table/);
    // The indexes were built (each its own transaction); the triggers and the final SQL were rolled back together.
    expect(names(db, 'index').length).toBeGreaterThan(10);
    expect((db.prepare("SELECT count(*) AS n FROM domains_deferred_ddl WHERE name LIKE 'domains_facets_%'").get() as { n: number }).n).toBe(3);
    db.close();
  });

  it('is not offered for an in-memory database (no other connection can see it)', () => {
    const { db } = openDatabase(mkdtempSync(join(tmpdir(), 'dd-ixb-')));
    const memory = Object.create(db, { memory: { value: true } }) as Db;
    expect(buildInBackground(memory, job)).toBeNull();
    db.close();
  });
});
