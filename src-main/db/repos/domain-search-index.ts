import type { Db } from '../connection.js';
import { RECOUNT_FACETS_SQL } from '../migrations/006-portfolio-counts.js';
import { createDomainBulkLoad, isSearchTrigger, SEARCH_TRIGGER_PREFIX } from './domain-bulk-load.js';
import { buildInBackground, type IndexBuild } from './domain-index-build.js';

const NAMES_EXPR = "CASE WHEN unicode = name THEN name ELSE name || ' ' || unicode END";

/** A page must bring at least this many new names to be worth a bulk load. */
const MIN_BULK_ROWS = 500;
/**
 * ...and at least 1/8 of the rows already cached: rebuilding the indexes
 * costs about as much as indexing an eighth of the table row by row, and a
 * new account's first page is followed by more.
 */
const BULK_SHARE = 8;
/** Rows per slice of the trigram fill after a load: ~60 ms of work, then the event loop runs. */
const FILL_ROWS = 4000;
/** A slice that failed (another process holding the write lock, say) is tried again after this. */
const FILL_RETRY_MS = 1000;

/**
 * Whether the trigram index is complete right now (not during a bulk load or the fill after one):
 * while it is not, a search must scan names instead, or it would miss rows (domain-query-sql.ts).
 */
export function trigramReadiness(db: Db): () => boolean {
  const deferred = db.prepare<[], number>('SELECT deferred FROM domains_fts_state WHERE id = 1').pluck(true);
  return () => deferred.get() !== 1;
}

/** Where a rebuild after a load is: indexes and counters (on the worker), the trigram fill, or done. */
export type RebuildPhase = 'indexes' | 'search' | 'done';

/**
 * Control of the trigram search index and of bulk loads. Row-by-row trigram
 * inserts and per-row index maintenance cost ~10x a one-pass rebuild, so a
 * sync loading many new names defers both (the search triggers and the
 * secondary indexes are dropped, see domain-bulk-load.ts). When the last
 * holder finishes, the sync returns at once: a worker thread recreates the
 * indexes and the facet counters (domain-index-build.ts), then the trigram
 * index is filled here in slices that yield to the event loop (~2.5 s and
 * ~0.7 s of work at 100k names that would otherwise hold the sync's end and
 * every request behind it).
 *
 * `domains_fts_state.deferred` = 1 from the start of a load until the fill's
 * last slice, which recreates the search triggers in the same transaction:
 * while it is set, searches scan names and facets count rows instead of
 * reading the counters (domain-query.ts), so they are correct at every
 * moment, only slower. A process that dies mid-load or mid-rebuild leaves it
 * set, and `recover()` at start-up starts the rebuild again.
 *
 * During the fill, rows are indexed in id order; a row inserted later gets a
 * higher id and is reached by a later slice. What the missing triggers
 * would have done to rows already indexed (a delete, a rename, an id reused
 * below the fill's position) is noted by TEMP triggers of this connection,
 * and the last slice then indexes everything again in one go.
 */
export function createSearchIndex(db: Db, options: { onPhase?: (phase: RebuildPhase) => void } = {}) {
  const phase = (p: RebuildPhase) => options.onPhase?.(p);
  let holders = 0;
  const bulk = createDomainBulkLoad(db);
  const setDeferred = db.prepare('UPDATE domains_fts_state SET deferred = ? WHERE id = 1');
  const getDeferred = db.prepare<[], { deferred: number }>('SELECT deferred FROM domains_fts_state WHERE id = 1');
  const rows = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM domains');
  const clear = db.prepare("INSERT INTO domains_fts(domains_fts) VALUES ('delete-all')");
  const fill = db.prepare(`INSERT INTO domains_fts(rowid, names) SELECT id, ${NAMES_EXPR} FROM domains`);
  const fillAfter = db.prepare(`INSERT INTO domains_fts(rowid, names) SELECT id, ${NAMES_EXPR} FROM domains WHERE id > ? ORDER BY id LIMIT ?`);
  const lastOf = db.prepare<[number, number], { last: number | null; n: number }>('SELECT max(id) AS last, count(*) AS n FROM (SELECT id FROM domains WHERE id > ? ORDER BY id LIMIT ?)');

  // IMMEDIATE (`.immediate`) throughout: the worker commits between our reads and writes otherwise (see store.ts).
  const start = db.transaction(() => {
    setDeferred.run(1);
    bulk.drop();
  }).immediate;
  /** Everything at once, on this thread (closing with a rebuild pending, or a caller that needs the index now). */
  const rebuildNow = db.transaction(() => {
    bulk.restore();
    clear.run();
    fill.run();
    setDeferred.run(0);
  }).immediate;
  /** What the background rebuild did not (all of it without a worker): indexes and facet counters, search triggers left out. */
  const restoreNow = db.transaction(() => bulk.restore(isSearchTrigger)).immediate;
  /** A rebuild starts (end of a load, or a load cut short): searches scan names until the fill is done. */
  const beginRebuild = db.transaction(() => {
    setDeferred.run(1);
    clear.run();
  }).immediate;

  // --- after a load: indexes on a worker, then the fill in slices -------------------------
  /** Bumped by every start and stop: a rebuild or fill of an older run stops at its next step. */
  let fillRun = 0;
  let filling: Promise<void> | null = null;
  let building: IndexBuild | null = null;
  let tempTriggers = false;

  function watchFill(): void {
    db.exec(`
      CREATE TEMP TABLE IF NOT EXISTS domains_fts_fill (id INTEGER PRIMARY KEY CHECK (id = 1), last INTEGER NOT NULL, dirty INTEGER NOT NULL);
      DELETE FROM temp.domains_fts_fill;
      INSERT INTO temp.domains_fts_fill (id, last, dirty) VALUES (1, 0, 0);
      CREATE TEMP TRIGGER IF NOT EXISTS domains_fts_fill_ad AFTER DELETE ON main.domains BEGIN
        UPDATE temp.domains_fts_fill SET dirty = 1;
      END;
      CREATE TEMP TRIGGER IF NOT EXISTS domains_fts_fill_au AFTER UPDATE OF name, unicode ON main.domains WHEN old.name IS NOT new.name OR old.unicode IS NOT new.unicode BEGIN
        UPDATE temp.domains_fts_fill SET dirty = 1;
      END;
      CREATE TEMP TRIGGER IF NOT EXISTS domains_fts_fill_ai AFTER INSERT ON main.domains WHEN new.id <= (SELECT last FROM temp.domains_fts_fill) BEGIN
        UPDATE temp.domains_fts_fill SET dirty = 1;
      END;
    `);
    tempTriggers = true;
  }
  function unwatchFill(): void {
    if (!tempTriggers || !db.open) return;
    db.exec('DROP TRIGGER IF EXISTS temp.domains_fts_fill_ad; DROP TRIGGER IF EXISTS temp.domains_fts_fill_au; DROP TRIGGER IF EXISTS temp.domains_fts_fill_ai; DROP TABLE IF EXISTS temp.domains_fts_fill;');
    tempTriggers = false;
  }
  const fillState = () => db.prepare<[], { last: number; dirty: number }>('SELECT last, dirty FROM temp.domains_fts_fill WHERE id = 1').get();
  const setLast = (last: number) => db.prepare('UPDATE temp.domains_fts_fill SET last = ?').run(last);

  /** One slice; true when the index is complete (search triggers back, deferred cleared). */
  const fillSlice = db.transaction((): boolean => {
    const state = fillState();
    if (!state) throw new Error('The search index fill lost its state.');
    const { last, n } = lastOf.get(state.last, FILL_ROWS) ?? { last: null, n: 0 };
    if (n > 0) {
      fillAfter.run(state.last, FILL_ROWS);
      setLast(last ?? state.last);
    }
    if (n === FILL_ROWS) return false;
    if (fillState()?.dirty === 1) {
      // Something the missing triggers would have handled touched indexed rows: index everything again.
      clear.run();
      fill.run();
    }
    bulk.restoreSearchTriggers();
    setDeferred.run(0);
    return true;
  }).immediate;

  /** The trigram fill, one slice per turn of the event loop; settles when done or superseded. */
  function fillSlices(run: number): Promise<void> {
    watchFill();
    phase('search');
    return new Promise<void>((resolve) => {
      const step = () => {
        // Closed, or superseded (a new load started, or a full rebuild): the next start-up or release takes over.
        if (run !== fillRun || !db.open) return resolve();
        let done: boolean;
        try {
          done = fillSlice();
        } catch {
          setTimeout(step, FILL_RETRY_MS).unref();
          return;
        }
        if (!done) return void setImmediate(step);
        unwatchFill();
        phase('done');
        resolve();
      };
      setImmediate(step);
    });
  }

  /** Indexes and counters on a worker (here if it cannot), then the fill. */
  async function rebuildThenFill(run: number): Promise<void> {
    phase('indexes');
    const build = buildInBackground(db, { keepPrefix: SEARCH_TRIGGER_PREFIX, finalSql: RECOUNT_FACETS_SQL });
    if (build) {
      building = build;
      try {
        if ((await build.done) === 'stopped') return;
      } catch {
        // The worker could not finish (no worker threads here, a lock held too long): this thread does the rest.
      } finally {
        if (building === build) building = null;
      }
    }
    // Another process holding the write lock past the busy timeout: try again a little later (never a rejection
    // nobody awaits); what is missing stays saved, so a restart would repair it too.
    for (;;) {
      if (run !== fillRun || !db.open) return;
      try {
        restoreNow();
        break;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, FILL_RETRY_MS).unref());
      }
    }
    resumeCheckpoints();
    await fillSlices(run);
  }

  /** Runs `work` as the current rebuild or fill; `ready()` follows it. */
  function track(work: (run: number) => Promise<void>): void {
    const run = ++fillRun;
    const p: Promise<void> = work(run)
      // Whatever did not get rebuilt stays saved in domains_deferred_ddl (and deferred set): the next start repairs it.
      .catch(() => undefined)
      .finally(() => {
        if (filling === p) filling = null;
      });
    filling = p;
  }

  function stopFill(): void {
    fillRun++;
    building?.stop();
    building = null;
    unwatchFill();
    filling = null;
  }

  // A load is written in many small transactions and grows the WAL by ~100 MB at 100k names; each checkpoint
  // copies it into the database and fsyncs. None while a load and its rebuild run: the worker checkpoints once at the end.
  let checkpointPages: number | null = null;
  function holdCheckpoints(): void {
    if (checkpointPages !== null) return;
    checkpointPages = db.pragma('wal_autocheckpoint', { simple: true }) as number;
    db.pragma('wal_autocheckpoint = 0');
  }
  function resumeCheckpoints(): void {
    if (checkpointPages === null || !db.open) return;
    db.pragma(`wal_autocheckpoint = ${checkpointPages}`);
    checkpointPages = null;
  }

  /** Everything now, on this thread (a worker told to stop may still finish its statement: the lock is waited for). */
  function rebuildAll(): void {
    try {
      rebuildNow();
      phase('done');
    } finally {
      resumeCheckpoints();
    }
  }

  /** A rebuild from what is saved (end of a load, or a load cut short): indexes on a worker, then the fill. */
  function startRebuild(): void {
    holdCheckpoints();
    beginRebuild();
    track(rebuildThenFill);
  }

  function defer(): () => void {
    if (holders++ === 0) {
      stopFill();
      start();
      holdCheckpoints();
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (--holders > 0) return;
      startRebuild();
    };
  }

  return {
    /** Stops per-row indexing until every holder has released; the last release rebuilds (the trigram index in slices, see `ready`). */
    defer,
    /** `defer()` when a page of `newRows` names makes a bulk load pay off (always once one is running); otherwise null. */
    deferFor(newRows: number): (() => void) | null {
      if (holders > 0) return defer();
      if (newRows < MIN_BULK_ROWS || newRows * BULK_SHARE < (rows.get()?.n ?? 0)) return null;
      return defer();
    },
    /** Settles when the rebuild and trigram fill after the last load have finished (or were superseded); at once when none runs. */
    ready(): Promise<void> {
      return filling ?? Promise.resolve();
    },
    /**
     * Start-up repair. A load or rebuild cut short (structures still dropped) is rebuilt in the background: true.
     * A trigram fill cut short (the process closed during it) is resumed in slices: false. Searches scan names meanwhile.
     */
    recover(): boolean {
      if (holders > 0 || (getDeferred.get()?.deferred !== 1 && !bulk.pending())) return false;
      stopFill();
      if (getDeferred.get()?.deferred === 1 && bulk.onlySearchTriggersPending()) {
        clear.run();
        track(fillSlices);
        return false;
      }
      startRebuild();
      return true;
    },
    /** Completes a pending rebuild and fill now, in one transaction (before closing the database, say). */
    finish(): void {
      if (holders > 0 || !filling) return;
      stopFill();
      rebuildAll();
    },
    rebuild(): void {
      stopFill();
      rebuildAll();
    },
  };
}
export type SearchIndex = ReturnType<typeof createSearchIndex>;
