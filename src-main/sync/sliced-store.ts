import { storeBatch, type StoreContext, type StoreCounts, type StoreItem } from './store.js';

/**
 * Writes sync pages without holding back registrar answers.
 *
 * Every account syncs on the one event loop, and a page write is CPU work
 * on it. An answer that arrives during a write waits until the write ends,
 * and so does the next request of its lane: written in one go, the other
 * accounts' pages would add their whole write time to the slowest lane,
 * which sets the sync's wall time.
 *
 * So while registrar calls are in flight, pages are written in slices, and
 * only right after an answer has been handled: its lane has just sent its
 * next request, which is the longest time before anything else is due.
 * After each answer, slices run for at most WINDOW_MS, then wait for the
 * next answer. With no call in flight, or none answered for QUIET_MS (a
 * lane paused by its registrar, say), there is nothing to hold back: pages
 * go in one transaction each (every commit has a fixed cost, mostly the
 * search index's flush, so slices are never smaller than MIN_ROWS).
 *
 * Each slice is its own transaction (store.ts keeps a row and its history
 * events together), so a crash or a cancel between slices leaves whole rows.
 */
const WINDOW_MS = 8;
const QUIET_MS = 50;
const MIN_ROWS = 16;

/**
 * Registrar calls one engine has in flight, across all its accounts, and
 * the write window each answer opens.
 */
export interface CallsInFlight {
  n: number;
  /** performance.now() of the last answer. */
  windowAt: number;
  /** No answer for QUIET_MS while calls are out: write freely until the next one. */
  quiet: boolean;
  waiting: (() => void)[];
}

export function callsInFlight(): CallsInFlight {
  return { n: 0, windowAt: -Infinity, quiet: false, waiting: [] };
}

/** Counts `p` as a call in flight until it settles; its answer opens a write window. */
export function inFlight<T>(calls: CallsInFlight | undefined, p: Promise<T>): Promise<T> {
  if (!calls) return p;
  calls.n++;
  return p.finally(() => {
    calls.n--;
    // After the answer's own continuations (its lane's next request) have run.
    setImmediate(() => openWindow(calls, false));
  });
}

function openWindow(calls: CallsInFlight, quiet: boolean): void {
  calls.quiet = quiet;
  if (!quiet) calls.windowAt = performance.now();
  for (const wake of calls.waiting.splice(0)) wake();
}

/** Waits for a moment to write; resolves with the milliseconds the write may take (Infinity: as long as it needs). */
async function writeTurn(calls: CallsInFlight | undefined): Promise<number> {
  await yieldToLoop();
  if (!calls || calls.n === 0 || calls.quiet) return Infinity;
  const left = WINDOW_MS - (performance.now() - calls.windowAt);
  if (left > 0) return left;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => openWindow(calls, true), QUIET_MS);
    calls.waiting.push(() => {
      clearTimeout(timer);
      resolve();
    });
  });
  return calls.quiet ? Infinity : WINDOW_MS - (performance.now() - calls.windowAt);
}

export interface Pace {
  /** Rows written per millisecond, learnt from this pass's slices. */
  rowsPerMs: number;
  calls: CallsInFlight | undefined;
}

export function pace(calls: CallsInFlight | undefined): Pace {
  return { rowsPerMs: 10, calls };
}

export async function storeInSlices(ctx: StoreContext, items: readonly StoreItem[], at: number, counts: StoreCounts, p: Pace): Promise<void> {
  let i = 0;
  while (i < items.length) {
    const budget = await writeTurn(p.calls);
    const size = budget === Infinity ? items.length : Math.max(MIN_ROWS, Math.round(p.rowsPerMs * budget));
    const slice = i === 0 && size >= items.length ? items : items.slice(i, i + size);
    const t0 = performance.now();
    storeBatch(ctx, slice, at, counts);
    const ms = performance.now() - t0;
    // Smoothed: one slow slice (a checkpoint, a GC pause) must not shrink the next ones to nothing.
    if (ms > 0) p.rowsPerMs = p.rowsPerMs * 0.5 + (slice.length / ms) * 0.5;
    i += slice.length;
  }
}

/** Lets timers, sockets and other accounts' work run (setImmediate: after pending I/O, without a timer's 1 ms floor). */
export function yieldToLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
