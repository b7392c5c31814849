import type { Db } from '../connection.js';
import { createDomainBulkLoad } from './domain-bulk-load.js';

const NAMES_EXPR = "CASE WHEN unicode = name THEN name ELSE name || ' ' || unicode END";

/** A page must bring at least this many new names to be worth a bulk load. */
const MIN_BULK_ROWS = 500;
/**
 * ...and at least 1/8 of the rows already cached: rebuilding the indexes
 * costs about as much as indexing an eighth of the table row by row, and a
 * new account's first page is followed by more.
 */
const BULK_SHARE = 8;
const LOAD_CHECKPOINT_PAGES = 16384;

/**
 * Control of the trigram search index and of bulk loads. Row-by-row trigram
 * inserts and per-row index maintenance cost ~10x a one-pass rebuild, so a
 * sync loading many new names defers both (the search triggers and the
 * secondary indexes are dropped, see domain-bulk-load.ts) and the last holder
 * to finish rebuilds them in one transaction. `deferred` = 1 is left behind
 * by a process that died mid-load; `recover()` at start-up rebuilds then.
 */
export function createSearchIndex(db: Db) {
  let holders = 0;
  const bulk = createDomainBulkLoad(db);
  const setDeferred = db.prepare('UPDATE domains_fts_state SET deferred = ? WHERE id = 1');
  const getDeferred = db.prepare<[], { deferred: number }>('SELECT deferred FROM domains_fts_state WHERE id = 1');
  const rows = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM domains');
  const clear = db.prepare("INSERT INTO domains_fts(domains_fts) VALUES ('delete-all')");
  const fill = db.prepare(`INSERT INTO domains_fts(rowid, names) SELECT id, ${NAMES_EXPR} FROM domains`);
  const start = db.transaction(() => {
    setDeferred.run(1);
    bulk.drop();
  });
  const rebuild = db.transaction(() => {
    bulk.restore();
    clear.run();
    fill.run();
    setDeferred.run(0);
  });

  // A load is written in many small transactions (sync slices its pages to keep the event loop free), and each
  // WAL checkpoint fsyncs: checkpoint every 64 MB of WAL instead of every 4 MB while one runs.
  let checkpointPages: number | null = null;
  function defer(): () => void {
    if (holders++ === 0) {
      start();
      checkpointPages = db.pragma('wal_autocheckpoint', { simple: true }) as number;
      if (checkpointPages > 0 && checkpointPages < LOAD_CHECKPOINT_PAGES) db.pragma(`wal_autocheckpoint = ${LOAD_CHECKPOINT_PAGES}`);
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (--holders > 0) return;
      try {
        rebuild();
      } finally {
        if (checkpointPages !== null) db.pragma(`wal_autocheckpoint = ${checkpointPages}`);
        checkpointPages = null;
      }
    };
  }

  return {
    /** Stops per-row indexing until every holder has released; the last release rebuilds. */
    defer,
    /** `defer()` when a page of `newRows` names makes a bulk load pay off (always once one is running); otherwise null. */
    deferFor(newRows: number): (() => void) | null {
      if (holders > 0) return defer();
      if (newRows < MIN_BULK_ROWS || newRows * BULK_SHARE < (rows.get()?.n ?? 0)) return null;
      return defer();
    },
    recover(): boolean {
      if (holders > 0 || (getDeferred.get()?.deferred !== 1 && !bulk.pending())) return false;
      rebuild();
      return true;
    },
    rebuild(): void {
      rebuild();
    },
  };
}
export type SearchIndex = ReturnType<typeof createSearchIndex>;
