import Database from 'better-sqlite3';
import { copyFileSync, existsSync, openSync, readSync, closeSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../src-shared/contract.js';
import { LATEST_SCHEMA_VERSION, migrations, type Migration } from './migrations/index.js';
import { openWal } from './wal.js';

export type Db = Database.Database;

export interface OpenedDatabase {
  db: Db;
  path: string;
  schemaVersion: number;
  /** Where a corrupt or foreign file was moved, when start-up had to set it aside. */
  recoveredFrom: string | null;
  /** Backup written before migrating an existing database, if any. */
  backupPath: string | null;
}

export const DB_FILE = 'domaindeck.db';
const SQLITE_HEADER = 'SQLite format 3\0';
const SLOW_QUERY_MS = 40;

export interface OpenDatabaseOptions {
  now?: () => number;
  /** Tests inject a migration list to exercise N-1 -> N upgrades. */
  migrations?: readonly Migration[];
  onSlowQuery?: (sql: string, ms: number) => void;
}

/**
 * Opens (creating if needed) the cache database in `dataDir`:
 * - a file that is not SQLite, or fails `quick_check`, is moved aside with a
 *   timestamp (never overwritten) and a fresh database is created;
 * - a database written by a newer DomainDeck is refused with a clear error;
 * - pending migrations run in one transaction, after a file copy backup.
 */
export function openDatabase(dataDir: string, options: OpenDatabaseOptions = {}): OpenedDatabase {
  const now = options.now ?? Date.now;
  const list = options.migrations ?? migrations;
  const latest = options.migrations ? list.length : LATEST_SCHEMA_VERSION;
  const path = join(dataDir, DB_FILE);
  let recoveredFrom: string | null = null;

  if (existsSync(path) && statSync(path).size > 0 && !hasSqliteHeader(path)) {
    recoveredFrom = moveAside(path, now());
  }

  let db = tryOpen(path);
  if (db && !passesQuickCheck(db)) {
    db.close();
    db = null;
  }
  if (!db) {
    recoveredFrom = moveAside(path, now());
    db = new Database(path);
  }

  openWal(db);
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = NORMAL');
  // A 100k-name portfolio with its indexes is ~60 MB; SQLite's default 2 MB page cache turns
  // every sync page and facet query into disk reads. 64 MB (negative = KiB) keeps it in memory.
  db.pragma('cache_size = -65536');
  db.pragma('temp_store = MEMORY');

  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > latest) {
    db.close();
    throw new AppError('Conflict', `The database in ${dataDir} was written by a newer DomainDeck (schema ${current}; this version knows up to ${latest}). Update DomainDeck, or use another --data-dir.`, {
      messageKey: 'cli.databaseTooNew',
      params: { dir: dataDir, found: current, known: latest },
    });
  }

  let backupPath: string | null = null;
  const pending = list.filter((m) => m.version > current);
  if (pending.length > 0) {
    if (current > 0) {
      db.pragma('wal_checkpoint(TRUNCATE)');
      backupPath = `${path}.bak-v${current}-${stamp(now())}`;
      copyFileSync(path, backupPath);
    }
    const migrate = db.transaction(() => {
      for (const m of pending) {
        m.up(db);
        db.pragma(`user_version = ${m.version}`);
      }
    });
    migrate();
  }

  if (options.onSlowQuery) instrumentSlowQueries(db, options.onSlowQuery);
  return { db, path, schemaVersion: db.pragma('user_version', { simple: true }) as number, recoveredFrom, backupPath };
}

function tryOpen(path: string): Db | null {
  try {
    const db = new Database(path);
    db.pragma('schema_version'); // forces a read of the header
    return db;
  } catch {
    return null;
  }
}

function passesQuickCheck(db: Db): boolean {
  try {
    const rows = db.pragma('quick_check') as { quick_check: string }[];
    return rows.length === 1 && rows[0]?.quick_check === 'ok';
  } catch {
    return false;
  }
}

function hasSqliteHeader(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(16);
    const n = readSync(fd, buf, 0, 16, 0);
    return n === 16 && buf.toString('latin1') === SQLITE_HEADER;
  } finally {
    closeSync(fd);
  }
}

function moveAside(path: string, at: number): string | null {
  if (!existsSync(path)) return null;
  const target = `${path}.corrupt-${stamp(at)}`;
  renameSync(path, target);
  for (const suffix of ['-wal', '-shm']) if (existsSync(path + suffix)) renameSync(path + suffix, target + suffix);
  return target;
}

function stamp(at: number): string {
  return new Date(at).toISOString().replace(/[:.]/g, '-');
}

/** Logs statements slower than 40 ms (Signal's practice) without touching call sites. */
function instrumentSlowQueries(db: Db, report: (sql: string, ms: number) => void): void {
  const prepare = db.prepare.bind(db);
  (db as { prepare: Db['prepare'] }).prepare = ((sql: string) => {
    const stmt = prepare(sql);
    for (const fn of ['run', 'get', 'all'] as const) {
      const original = stmt[fn].bind(stmt) as (...args: unknown[]) => unknown;
      (stmt as unknown as Record<string, unknown>)[fn] = (...args: unknown[]) => {
        const t0 = performance.now();
        try {
          return original(...args);
        } finally {
          const ms = performance.now() - t0;
          if (ms > SLOW_QUERY_MS) report(sql, ms);
        }
      };
    }
    return stmt;
  }) as Db['prepare'];
}
