import type { Database } from 'better-sqlite3';

/** What openWal uses of a connection. */
export type WalDatabase = Pick<Database, 'pragma' | 'memory' | 'name'>;

/** How long a process waits for another one's lock on a shared file (GUI and CLI on one data dir). */
export const BUSY_TIMEOUT_MS = 5000;
const WAL_RETRY_MS = 25;

/**
 * Sets the busy timeout, then switches the file to WAL. In that order: two
 * processes opening one file at the same moment (the app and a CLI command)
 * otherwise meet SQLITE_BUSY on the journal-mode switch and one crashes.
 * The switch is also retried for the same time, since SQLite does not
 * always call the busy handler for it (it may fail, or quietly keep the
 * old mode while another process holds the lock).
 */
export function openWal(db: WalDatabase, waitMs = BUSY_TIMEOUT_MS): void {
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  const until = Date.now() + waitMs;
  for (;;) {
    try {
      // While another connection holds the file locked, the switch may also just not happen (the old mode comes back).
      if (db.memory || db.pragma('journal_mode = WAL', { simple: true }) === 'wal') return;
    } catch (err) {
      if ((err as { code?: string }).code !== 'SQLITE_BUSY') throw err;
    }
    if (Date.now() >= until) throw new Error(`${db.name} stayed locked by another process for ${waitMs / 1000} s`);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, WAL_RETRY_MS);
  }
}
