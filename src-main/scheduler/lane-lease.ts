import { LEASE_HOLD_MS, type LeaseStore, type LeaseTicket } from './lease.js';
import type { LanePolicy } from './policy.js';
import type { SchedulerTimers } from './timers.js';

/** How long a kept slot waits for the next call (a serial caller's continuation) before it is released. */
const SPARE_GRACE_MS = 1;

/**
 * A lane's kept lease slot. Taking the cross-process lease is a SQLite write
 * transaction (0.1–0.3 ms on a lane that sleeps between requests), so a busy
 * lane keeps the slot of the call that just finished for the call started
 * right after it: queued work, or a serial caller's next call within
 * SPARE_GRACE_MS. A slot is kept only within LEASE_HOLD_MS of its
 * acquisition, so another process waiting for the key gets its turn within
 * that bound plus one request (lease.ts, FAIR_MS).
 */
export interface KeptLease {
  /** The kept slot for a call starting now (synchronously, so it cannot be released under the caller), or null. */
  take(policy: LanePolicy): LeaseTicket | null;
  /** A call finished with this slot: keep it for the next start, or release it. */
  finished(ticket: LeaseTicket, policy: LanePolicy, closing: boolean): void;
  /** After the lane tried to start more calls: a slot nobody took goes after the grace. */
  idle(): void;
  /** Releases a kept slot now (lane closing). */
  release(): void;
}

export function createKeptLease(store: () => LeaseStore, timers: SchedulerTimers): KeptLease {
  let kept: { ticket: LeaseTicket; handle: unknown } | null = null;

  const take = (policy: LanePolicy | null): LeaseTicket | null => {
    if (!kept) return null;
    const { ticket, handle } = kept;
    kept = null;
    if (handle !== null) timers.clearTimeout(handle);
    if (policy && ticket.slot < policy.maxInFlight) return ticket;
    store().release(ticket); // closing, or the policy shrank since the slot was taken
    return null;
  };
  const release = () => void take(null);

  return {
    take,
    finished(ticket, policy, closing) {
      // Reuse must not bypass cross-process spacing: with one slot nobody else starts while we hold
      // it (and our own spacing is local); with several, only when there is no spacing at all.
      const reusable = policy.maxInFlight === 1 || policy.minSpacingMs === 0;
      if (closing || !reusable || timers.now() - ticket.acquiredAt >= LEASE_HOLD_MS) return store().release(ticket);
      release();
      kept = { ticket, handle: null };
    },
    idle() {
      if (kept && kept.handle === null) kept.handle = timers.setTimeout(release, SPARE_GRACE_MS);
    },
    release,
  };
}
