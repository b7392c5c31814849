import type { Db } from '../connection.js';
import { RECOUNT_FACETS_SQL } from '../migrations/006-portfolio-counts.js';

/**
 * Secondary structures of `domains` that a bulk load drops and rebuilds.
 * Loading 100k rows into a table with a dozen indexes costs ~10x more than
 * loading them bare and building each index once by sorting; the search and
 * facet-count triggers are dropped too (the caller rebuilds the trigram
 * index in one pass; `restore` recounts the facets with one GROUP BY per
 * dimension). The SQL of everything dropped is saved in
 * `domains_deferred_ddl` in the same transaction, so a process killed
 * mid-load is repaired at the next start from the database alone, whatever
 * indexes later migrations add.
 */

/*
 * Every secondary index goes, domains_names included (sync's move detection
 * probes the (account_id, name) unique index, which stays with the table,
 * and random-order inserts into a name index cost as much as the rest of a
 * row). Of the triggers, only those keeping derived data that is rebuilt
 * after the load: the trigram index (by the caller) and the facet counts
 * (by `restore`).
 */
const DROPPED_TRIGGER_PREFIXES = ['domains_fts_', 'domains_facets_'];

interface DdlRow {
  type: 'index' | 'trigger';
  name: string;
  sql: string;
}

export function createDomainBulkLoad(db: Db) {
  const current = db.prepare<[], DdlRow>("SELECT type, name, sql FROM sqlite_schema WHERE tbl_name = 'domains' AND type IN ('index','trigger') AND sql IS NOT NULL");
  const save = db.prepare('INSERT OR REPLACE INTO domains_deferred_ddl (name, type, sql) VALUES (?, ?, ?)');
  // Indexes before triggers, so a trigger never fires into a half-built schema.
  const saved = db.prepare<[], DdlRow>("SELECT type, name, sql FROM domains_deferred_ddl ORDER BY type = 'trigger', name");
  const exists = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM sqlite_schema WHERE name = ?');
  const clear = db.prepare('DELETE FROM domains_deferred_ddl');
  const pending = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM domains_deferred_ddl');

  return {
    /** Drops the indexes and the derived-data triggers (call inside a transaction). */
    drop(): void {
      for (const d of current.all()) {
        const drop = d.type === 'index' || DROPPED_TRIGGER_PREFIXES.some((p) => d.name.startsWith(p));
        if (!drop) continue;
        save.run(d.name, d.type, d.sql);
        db.exec(`DROP ${d.type === 'index' ? 'INDEX' : 'TRIGGER'} "${d.name.replace(/"/g, '""')}"`);
      }
    },
    /** Recreates what `drop` removed and recounts the facets its triggers missed (call inside a transaction). */
    restore(): void {
      for (const d of saved.all()) if ((exists.get(d.name)?.n ?? 0) === 0) db.exec(d.sql);
      clear.run();
      db.exec(RECOUNT_FACETS_SQL);
    },
    /** Whether a load was cut short and structures are still missing. */
    pending(): boolean {
      return (pending.get()?.n ?? 0) > 0;
    },
  };
}
export type DomainBulkLoad = ReturnType<typeof createDomainBulkLoad>;
