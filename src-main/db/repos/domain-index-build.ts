import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Db } from '../connection.js';
import { BUSY_TIMEOUT_MS } from '../wal.js';

/** How a background rebuild ended: everything back, or stopped on request (what is left stays saved). */
export type IndexBuildOutcome = 'built' | 'stopped';

export interface IndexBuild {
  /** Rejects when the worker could not do the job (no worker threads, a lock held past the busy timeout...). */
  done: Promise<IndexBuildOutcome>;
  /** Asks the worker to stop after the statement it is running. */
  stop(): void;
}

export interface IndexBuildJob {
  /** Saved triggers whose name starts with this stay dropped (the search triggers: the trigram fill restores them). */
  keepPrefix: string;
  /** Run with the last triggers, in their transaction (the facet recount). */
  finalSql: string;
}

/**
 * Rebuilds what a bulk load dropped on a worker thread with its own
 * connection: ~2-3 s of CREATE INDEX at 100k names that would otherwise
 * freeze the app's thread (every request and screen) at the end of a sync.
 * Reads go on meanwhile (WAL), planned without the missing indexes. Null
 * when a worker cannot share the database (an in-memory one): the caller
 * rebuilds on its own thread.
 */
export function buildInBackground(db: Db, job: IndexBuildJob): IndexBuild | null {
  if (db.memory) return null;
  const stop = new Int32Array(new SharedArrayBuffer(4));
  let worker: Worker;
  try {
    worker = new Worker(new URL('./domain-index-build.worker.mjs', import.meta.url), {
      // SQLite's sorter helper threads only where cores are left over: this worker takes one, the app's thread needs one.
      workerData: { path: db.name, busyTimeoutMs: BUSY_TIMEOUT_MS, threads: Math.max(0, Math.min(4, availableParallelism() - 2)), stop, ...job },
    });
  } catch {
    return null;
  }
  const done = new Promise<IndexBuildOutcome>((resolve, reject) => {
    worker.on('message', (m: { outcome?: IndexBuildOutcome; error?: string }) => {
      if (m.outcome) resolve(m.outcome);
      else if (m.error) reject(new Error(m.error));
    });
    worker.on('error', reject);
    // After a message this is a no-op; without one the worker died.
    worker.on('exit', (code) => reject(new Error(`The index builder stopped (exit code ${code}).`)));
  });
  return { done, stop: () => Atomics.store(stop, 0, 1) };
}
