import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { openWal } from '../db/wal.js';
import { pidAlive } from './process-alive.js';
import { delay, type SchedulerTimers } from './timers.js';

/**
 * Cross-process request slots. The GUI and a CLI command open the same data
 * dir; a lane whose policy says `crossProcess` takes one of `maxInFlight`
 * slots here around every request, so two processes can never overlap
 * Dynadot calls on one key (seed 001 bans the key for that).
 *
 * Why SQLite and not a lock file: `BEGIN IMMEDIATE` gives an atomic
 * check-and-take, so stale-holder takeover cannot race the way
 * read-then-unlink of a lock file does. It lives in its own small file, so a
 * long sync transaction in the main database never delays a request.
 *
 * A holder that died (kill -9) is detected by its PID on this host, or by
 * the lease's expiry (requests have timeouts far shorter than LEASE_TTL_MS).
 *
 * A lane may keep a slot across back-to-back requests (lane.ts) instead of
 * paying a write transaction per request, but for at most LEASE_HOLD_MS from
 * the acquisition before it releases the slot: a waiting process, whose
 * fresh claim makes the releasing one yield (FAIR_MS), gets in within that
 * bound plus one request. The ticket carries the holder's latest request
 * start, written on release so the cross-process spacing still counts from it.
 */
export const LEASE_FILE = 'lane-leases.db';
const LEASE_TTL_MS = 5 * 60_000;
const POLL_MS = 3;
/** A waiter's claim stays fresh this long; the releasing process yields to it. */
const FAIR_MS = 50;
/** Longest a lane keeps one acquisition for consecutive requests (see lane.ts). */
export const LEASE_HOLD_MS = 250;

export interface LeaseTicket {
  readonly laneKey: string;
  readonly slot: number;
  /** When the slot was taken (the lease clock). */
  readonly acquiredAt: number;
  /** Start of the latest request made under this ticket; the holder updates it in memory. */
  lastStartAt: number;
}

export interface LeaseStore {
  /** Waits for a free slot (and the cross-process spacing), then holds it. */
  acquire(laneKey: string, slots: number, minSpacingMs: number, signal?: AbortSignal): Promise<LeaseTicket>;
  /** Frees the slot and records the ticket's last request start for the cross-process spacing. */
  release(ticket: LeaseTicket): void;
  close(): void;
}

interface SlotRow {
  slot: number;
  holder: string | null;
  pid: number | null;
  host: string | null;
  expires_at: number | null;
}

interface MarkRow {
  last_start_at: number | null;
  wanted_by: string | null;
  wanted_at: number | null;
}

type TryResult = { ticket: LeaseTicket } | { waitMs: number };

export function openLeaseStore(dataDir: string, timers: SchedulerTimers): LeaseStore {
  const db = new Database(join(dataDir, LEASE_FILE));
  openWal(db);
  // Leases are worthless after a crash (the holder's PID is gone), so durability is not needed.
  db.pragma('synchronous = OFF');
  db.exec(`
    CREATE TABLE IF NOT EXISTS lane_slots (
      lane_key TEXT NOT NULL, slot INTEGER NOT NULL, holder TEXT, pid INTEGER, host TEXT, expires_at INTEGER,
      PRIMARY KEY (lane_key, slot)
    );
    CREATE TABLE IF NOT EXISTS lane_marks (
      lane_key TEXT PRIMARY KEY, last_start_at INTEGER, wanted_by TEXT, wanted_at INTEGER
    );
  `);
  const me = `${process.pid}-${randomUUID()}`;
  const host = hostname();
  const slotsStmt = db.prepare<[string, number], SlotRow>('SELECT slot, holder, pid, host, expires_at FROM lane_slots WHERE lane_key = ? AND slot < ? ORDER BY slot');
  const markStmt = db.prepare<[string], MarkRow>('SELECT last_start_at, wanted_by, wanted_at FROM lane_marks WHERE lane_key = ?');
  const takeStmt = db.prepare(
    'INSERT INTO lane_slots(lane_key, slot, holder, pid, host, expires_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(lane_key, slot) DO UPDATE SET holder = excluded.holder, pid = excluded.pid, host = excluded.host, expires_at = excluded.expires_at',
  );
  const startedStmt = db.prepare(
    'INSERT INTO lane_marks(lane_key, last_start_at, wanted_by, wanted_at) VALUES (?, ?, NULL, NULL) ON CONFLICT(lane_key) DO UPDATE SET last_start_at = excluded.last_start_at, wanted_by = CASE WHEN lane_marks.wanted_by = ? THEN NULL ELSE lane_marks.wanted_by END',
  );
  const wantStmt = db.prepare(
    'INSERT INTO lane_marks(lane_key, last_start_at, wanted_by, wanted_at) VALUES (?, NULL, ?, ?) ON CONFLICT(lane_key) DO UPDATE SET wanted_by = excluded.wanted_by, wanted_at = excluded.wanted_at',
  );
  const releaseStmt = db.prepare('UPDATE lane_slots SET holder = NULL, pid = NULL, expires_at = NULL WHERE lane_key = ? AND slot = ? AND holder = ?');
  const lastStartStmt = db.prepare('UPDATE lane_marks SET last_start_at = ? WHERE lane_key = ? AND (last_start_at IS NULL OR last_start_at < ?)');
  const clampStmt = db.prepare('UPDATE lane_marks SET last_start_at = ? WHERE lane_key = ?');
  const releaseTx = db.transaction((ticket: LeaseTicket) => {
    releaseStmt.run(ticket.laneKey, ticket.slot, me);
    // Only a reused ticket started requests the mark has not seen (the take wrote acquiredAt).
    if (ticket.lastStartAt > ticket.acquiredAt) lastStartStmt.run(ticket.lastStartAt, ticket.laneKey, ticket.lastStartAt);
  });

  const isFree = (row: SlotRow | undefined, now: number): boolean => {
    if (!row || row.holder === null) return true;
    if ((row.expires_at ?? 0) < now) return true;
    return row.host === host && row.pid !== null && !pidAlive(row.pid);
  };

  const tryTake = db
    .transaction((laneKey: string, slots: number, minSpacingMs: number): TryResult => {
      const now = timers.now();
      const mark = markStmt.get(laneKey);
      // A claim from the future (the clock stepped back) counts as stale, or it would block everyone until then.
      const claimAge = now - (mark?.wanted_at ?? 0);
      const otherFreshClaim = !!mark?.wanted_by && mark.wanted_by !== me && claimAge >= 0 && claimAge <= FAIR_MS;
      const want = (waitMs: number): TryResult => {
        // Claim the turn unless another live waiter already holds a fresh claim.
        if (!otherFreshClaim) wantStmt.run(laneKey, me, now);
        return { waitMs };
      };
      // A wall clock stepped backwards: count the spacing from now instead of stalling until it catches up.
      let lastStart = mark?.last_start_at ?? -Infinity;
      if (lastStart > now) {
        clampStmt.run(now, laneKey);
        lastStart = now;
      }
      const spacingLeft = minSpacingMs > 0 ? lastStart + minSpacingMs - now : 0;
      if (spacingLeft > 0) return want(spacingLeft);
      // Fairness: a process that just released yields to the one that has been waiting.
      if (otherFreshClaim) return { waitMs: POLL_MS };
      const rows = new Map(slotsStmt.all(laneKey, slots).map((r) => [r.slot, r]));
      for (let slot = 0; slot < slots; slot++) {
        if (!isFree(rows.get(slot), now)) continue;
        takeStmt.run(laneKey, slot, me, process.pid, host, now + LEASE_TTL_MS);
        startedStmt.run(laneKey, now, me);
        return { ticket: { laneKey, slot, acquiredAt: now, lastStartAt: now } };
      }
      return want(POLL_MS);
    })
    .immediate;

  let closed = false;
  return {
    async acquire(laneKey, slots, minSpacingMs, signal) {
      for (;;) {
        if (closed) throw new Error('The scheduler is closed.');
        if (signal?.aborted) throw signal.reason;
        const r = tryTake(laneKey, slots, minSpacingMs);
        if ('ticket' in r) return r.ticket;
        await delay(timers, Math.max(1, Math.min(r.waitMs, 250)), signal);
      }
    },
    release(ticket) {
      if (closed) return;
      releaseTx(ticket);
    },
    close() {
      if (closed) return;
      closed = true;
      db.close();
    },
  };
}
