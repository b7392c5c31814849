import type { Db } from '../connection.js';
import { RECOUNT_FACETS_SQL } from '../migrations/006-portfolio-counts.js';

/**
 * Secondary structures of `domains` (and the history's indexes) that a bulk
 * load drops and rebuilds. Loading 100k rows into a table with a dozen
 * indexes costs ~10x more than loading them bare and building each index
 * once by sorting; the search and facet-count triggers are dropped too. After
 * the load a worker thread recreates the indexes and the facet triggers with
 * a recount (domain-index-build.ts; `restore` does the same on this thread
 * when no worker can), then the caller fills the trigram index in slices and
 * only then recreates the search triggers (`restoreSearchTriggers`). The SQL
 * of everything dropped is saved in `domains_deferred_ddl` in the same
 * transaction, so a process killed mid-load is repaired at the next start
 * from the database alone, whatever indexes later migrations add.
 *
 * Every secondary index of domains goes, domains_names included (sync's move
 * detection probes the (account_id, name) unique index, which stays with the
 * table, and random-order inserts into a name index cost as much as the rest
 * of a row). Of the triggers, only those keeping derived data rebuilt after
 * the load: the trigram index and the facet counts.
 */

/** The prefix of the triggers keeping the trigram index current (migrations 004-006). */
export const SEARCH_TRIGGER_PREFIX = 'domains_fts_';
export const isSearchTrigger = (name: string): boolean => name.startsWith(SEARCH_TRIGGER_PREFIX);
/** The prefix of the triggers keeping the facet counters (migration 006): while any is dropped, the counters are stale. */
export const FACET_TRIGGER_PREFIX = 'domains_facets_';
const DROPPED_TRIGGER_PREFIXES = [SEARCH_TRIGGER_PREFIX, FACET_TRIGGER_PREFIX];

interface DdlRow {
  type: 'index' | 'trigger';
  name: string;
  sql: string;
}

export function createDomainBulkLoad(db: Db) {
  // The history's indexes too: a first sync appends an 'added' event per name.
  const current = db.prepare<[], DdlRow>(
    "SELECT type, name, sql FROM sqlite_schema WHERE (tbl_name = 'domains' AND type IN ('index','trigger') OR tbl_name = 'domain_events' AND type = 'index') AND sql IS NOT NULL",
  );
  const save = db.prepare('INSERT OR REPLACE INTO domains_deferred_ddl (name, type, sql) VALUES (?, ?, ?)');
  // Indexes before triggers, so a trigger never fires into a half-built schema.
  const saved = db.prepare<[], DdlRow>("SELECT type, name, sql FROM domains_deferred_ddl ORDER BY type = 'trigger', name");
  const exists = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM sqlite_schema WHERE name = ?');
  const forget = db.prepare('DELETE FROM domains_deferred_ddl WHERE name = ?');
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
    /**
     * Recreates what `drop` removed and recounts the facets its triggers missed (call inside a transaction).
     * `keepDropped` names structures to leave dropped, their SQL still saved (see `restoreSearchTriggers`).
     */
    restore(keepDropped: (name: string) => boolean = () => false): void {
      let restored = 0;
      for (const d of saved.all()) {
        if (keepDropped(d.name)) continue;
        if ((exists.get(d.name)?.n ?? 0) === 0) db.exec(d.sql);
        forget.run(d.name);
        restored++;
      }
      // Nothing was left to restore (a background rebuild did it all, recount included): the counters are right.
      if (restored > 0) db.exec(RECOUNT_FACETS_SQL);
    },
    /** Recreates the search triggers `restore` left dropped (call inside a transaction, with the trigram index complete). */
    restoreSearchTriggers(): void {
      for (const d of saved.all()) {
        if (!isSearchTrigger(d.name)) continue;
        if ((exists.get(d.name)?.n ?? 0) === 0) db.exec(d.sql);
        forget.run(d.name);
      }
    },
    /** Whether a load was cut short and structures are still missing. */
    pending(): boolean {
      return (pending.get()?.n ?? 0) > 0;
    },
    /** Whether the search triggers are all that is still dropped (a trigram fill after a load was cut short). */
    onlySearchTriggersPending(): boolean {
      const left = saved.all();
      return left.length > 0 && left.every((d) => isSearchTrigger(d.name));
    },
  };
}
export type DomainBulkLoad = ReturnType<typeof createDomainBulkLoad>;
