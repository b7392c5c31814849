import type { Statement } from 'better-sqlite3';
import type { Db } from '../connection.js';
import { FACET_TRIGGER_PREFIX } from './domain-bulk-load.js';

/**
 * Facet counts at 100k names without six 100k-entry scans per call:
 *
 * - unfiltered: the counters migration 006 keeps by trigger
 *   (`domain_facet_counts`), a 40-row read;
 * - filtered: one pass over the filtered rows that counts every dimension at
 *   once (`countDimensions`), instead of one GROUP BY per dimension each
 *   re-running the filter (search, tags...) and its row reads;
 * - either way memoized per write generation (`createGenerationMemo`).
 */
export type FacetDimension = 'registrar' | 'account' | 'tld' | 'status' | 'folder' | 'month';
export const FACET_DIMENSIONS: readonly FacetDimension[] = ['registrar', 'account', 'tld', 'status', 'folder', 'month'];

/** The SQL expression portfolio-service.ts groups each dimension by (the month one is also migration 006's). */
export const FACET_EXPRESSIONS: Readonly<Record<string, FacetDimension>> = {
  'd.registrar': 'registrar',
  'd.account_id': 'account',
  'd.tld': 'tld',
  'd.status': 'status',
  'd.folder': 'folder',
  "strftime('%Y-%m', d.expires_at / 1000, 'unixepoch')": 'month',
};

/**
 * One facet pass: the rows a filter keeps, grouped by every dimension at once
 * (FACET_DIMENSIONS order, the month as migration 006 computes it). SQLite
 * groups them (a few thousand groups for tens of thousands of rows), so no
 * row crosses into JS; `countGroups` then sums each dimension.
 */
export const FACET_PASS_SELECT = `d.registrar, d.account_id, d.tld, d.status, d.folder, strftime('%Y-%m', d.expires_at / 1000, 'unixepoch'), count(*)`;
export const FACET_PASS_GROUP_BY = 'GROUP BY 1, 2, 3, 4, 5, 6';

export interface FacetCount {
  value: string | null;
  count: number;
}

export interface GenerationMemo {
  /**
   * `compute()`'s answer for `key` as of the current database state, computed at most once per
   * state. `bulky` answers (id lists, whole passes) are kept for the last few keys only; `kept`
   * ones (one per kind, like the name list) until the state moves, whatever else is asked.
   */
  get<T>(key: string, compute: () => T, size?: MemoSize): T;
  /** The answer for `key` if one was computed for the current database state; never computes. */
  peek<T>(key: string, size?: MemoSize): T | undefined;
  /** Whether the counters' triggers are dropped right now (a bulk load, or the rebuild after it; read with the last generation). */
  countersStale(): boolean;
  /** The database state now (equal strings: nothing was written in between). */
  generation(): string;
}

export type MemoSize = 'small' | 'bulky' | 'kept';

/** Small answers (counts, facet lists) kept per state; bulky ones (up to ~1.5 MB each at 100k names) far fewer. */
const MAX_SMALL = 256;
const MAX_BULKY = 4;

/**
 * Which database state a memoized answer belongs to: this connection's total
 * changes (every INSERT, UPDATE and DELETE it ran, triggers and cascades
 * included) and SQLite's data_version (moved by commits of any other
 * connection or process). An answer stays valid until either moves, so a
 * write anywhere costs a recount, never a stale count; when the state moves
 * every answer is dropped. The generation is read before computing: a
 * commit by another process during the computation makes the next call
 * recompute.
 */
export function createGenerationMemo(db: Db): GenerationMemo {
  const stmt = db
    .prepare<[], [number, number, number]>(
      `SELECT total_changes(), (SELECT data_version FROM pragma_data_version()),
         (SELECT count(*) FROM domains_deferred_ddl WHERE type = 'trigger' AND substr(name, 1, ${FACET_TRIGGER_PREFIX.length}) = '${FACET_TRIGGER_PREFIX}')`,
    )
    .raw(true);
  const small = new Map<string, unknown>();
  const bulky = new Map<string, unknown>();
  const kept = new Map<string, unknown>();
  let current = '';
  let countersStale = false;
  /** The database state now (and whether the counters are stale, read with it). */
  const generationNow = (): string => {
    const [changes, version, droppedTriggers] = stmt.get() ?? [0, 0, 0];
    countersStale = droppedTriggers > 0;
    return `${changes}:${version}`;
  };
  /** The store for `size`, emptied first if the database moved since the last call. */
  const storeFor = (size: MemoSize): Map<string, unknown> => {
    const generation = generationNow();
    if (generation !== current) {
      small.clear();
      bulky.clear();
      kept.clear();
      current = generation;
    }
    return size === 'kept' ? kept : size === 'bulky' ? bulky : small;
  };
  return {
    get<T>(key: string, compute: () => T, size: MemoSize = 'small'): T {
      const store = storeFor(size);
      if (store.has(key)) return store.get(key) as T;
      const value = compute();
      const max = size === 'kept' ? Infinity : size === 'bulky' ? MAX_BULKY : MAX_SMALL;
      if (store.size >= max) store.delete(store.keys().next().value as string);
      store.set(key, value);
      return value;
    },
    peek<T>(key: string, size: MemoSize = 'small'): T | undefined {
      return storeFor(size).get(key) as T | undefined;
    },
    countersStale: () => countersStale,
    generation: generationNow,
  };
}

/** Reads of the counters; only valid while no bulk load runs (their triggers are dropped during one). */
export function createFacetCounters(db: Db) {
  const byDim: Statement<[string, number], FacetCount> = db.prepare(
    "SELECT CASE WHEN key = 'N' THEN NULL ELSE substr(key, 2) END AS value, n AS count FROM domain_facet_counts WHERE dim = ? AND n > 0 ORDER BY count DESC, value LIMIT ?",
  );
  const total = db.prepare<[], { n: number | null }>("SELECT sum(n) AS n FROM domain_facet_counts WHERE dim = 'registrar'");
  const totalRows = (): number => total.get()?.n ?? 0;
  return {
    counts: (dim: FacetDimension, limit: number): FacetCount[] => byDim.all(dim, limit),
    /** Present rows (every present row has exactly one registrar). */
    total: totalRows,
    /** Every dimension over all present rows, as a pass over them would count it. */
    pass: (): FacetPass => {
      const counts = {} as Record<FacetDimension, FacetCount[]>;
      for (const dim of FACET_DIMENSIONS) counts[dim] = byDim.all(dim, Number.MAX_SAFE_INTEGER);
      return { total: totalRows(), counts };
    },
  };
}

/** A grouped pass row: FACET_DIMENSIONS values (the month last), then the row count. */
export type FacetGroup = [string, string, string, string, string | null, string | null, number];

export interface FacetPass {
  total: number;
  counts: Record<FacetDimension, FacetCount[]>;
}

/**
 * Sums every dimension over `groups` (FACET_PASS_SELECT rows), ordered as
 * `ORDER BY count DESC, value` orders them in SQLite: NULL first, then
 * BINARY (UTF-8 byte) order.
 */
export function countGroups(groups: Iterable<FacetGroup>): FacetPass {
  const maps = FACET_DIMENSIONS.map(() => new Map<string | null, number>());
  let total = 0;
  for (const g of groups) {
    const n = g[6];
    total += n;
    for (let i = 0; i < maps.length; i++) {
      const m = maps[i]!;
      const v = g[i] as string | null;
      m.set(v, (m.get(v) ?? 0) + n);
    }
  }
  const counts = {} as Record<FacetDimension, FacetCount[]>;
  FACET_DIMENSIONS.forEach((dim, i) => {
    counts[dim] = [...(maps[i] ?? new Map<string | null, number>())].map(([value, count]) => ({ value, count })).sort(bySqlOrder);
  });
  return { total, counts };
}

/** Counts of `all` less those of `some` of its rows (values left at zero go), in SQLite's order. */
export function minusCounts(all: readonly FacetCount[], some: readonly FacetCount[]): FacetCount[] {
  const less = new Map(some.map((c) => [c.value, c.count]));
  return all
    .map((c) => ({ value: c.value, count: c.count - (less.get(c.value) ?? 0) }))
    .filter((c) => c.count > 0)
    .sort(bySqlOrder);
}

/** A pass over all rows less a pass over some of them: a pass over the others. */
export function passMinus(all: FacetPass, some: FacetPass): FacetPass {
  const counts = {} as Record<FacetDimension, FacetCount[]>;
  for (const dim of FACET_DIMENSIONS) counts[dim] = minusCounts(all.counts[dim], some.counts[dim]);
  return { total: all.total - some.total, counts };
}

/** Sorted as SQLite's `ORDER BY count DESC, value` sorts them. */
export function sortLikeSql(counts: FacetCount[]): FacetCount[] {
  return counts.sort(bySqlOrder);
}

function bySqlOrder(a: FacetCount, b: FacetCount): number {
  if (a.count !== b.count) return b.count - a.count;
  if (a.value === b.value) return 0;
  if (a.value === null) return -1;
  if (b.value === null) return 1;
  return Buffer.compare(Buffer.from(a.value), Buffer.from(b.value));
}
