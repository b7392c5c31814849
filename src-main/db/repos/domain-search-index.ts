import type { Db } from '../connection.js';

const NAMES_EXPR = "CASE WHEN unicode = name THEN name ELSE name || ' ' || unicode END";

/**
 * Control of the trigram search index. Row-by-row trigram inserts cost ~10x
 * a one-pass rebuild, so a sync loading thousands of new names defers the
 * index (the triggers skip while `deferred` = 1) and the last one to finish
 * rebuilds it. A process that died while deferred leaves the flag set;
 * `recover()` at start-up rebuilds then.
 */
export function createSearchIndex(db: Db) {
  let holders = 0;
  const setDeferred = db.prepare('UPDATE domains_fts_state SET deferred = ? WHERE id = 1');
  const getDeferred = db.prepare<[], { deferred: number }>('SELECT deferred FROM domains_fts_state WHERE id = 1');
  const clear = db.prepare("INSERT INTO domains_fts(domains_fts) VALUES ('delete-all')");
  const fill = db.prepare(`INSERT INTO domains_fts(rowid, names) SELECT id, ${NAMES_EXPR} FROM domains`);
  const rebuild = db.transaction(() => {
    clear.run();
    fill.run();
    setDeferred.run(0);
  });

  return {
    /** Stops per-row indexing until every holder has released; the last release rebuilds. */
    defer(): () => void {
      if (holders++ === 0) setDeferred.run(1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        if (--holders === 0) rebuild();
      };
    },
    recover(): boolean {
      if (holders > 0 || getDeferred.get()?.deferred !== 1) return false;
      rebuild();
      return true;
    },
    rebuild(): void {
      rebuild();
    },
  };
}
export type SearchIndex = ReturnType<typeof createSearchIndex>;
