import { describe, expect, it } from 'vitest';
import { ManualTimers } from '../../test/helpers/manual-timers.js';
import type { RegistrarId } from '../registrars/types.js';
import { createLane } from './lane.js';
import type { LaneCall } from './lane-types.js';
import { LEASE_HOLD_MS, type LeaseStore, type LeaseTicket } from './lease.js';
import { DEFAULT_POLICIES, type LanePolicy } from './policy.js';
import { delay, type SchedulerTimers } from './timers.js';

/** An in-memory lease store that records every acquire/release and checks the slots are never oversubscribed. */
class FakeLeases implements LeaseStore {
  readonly events: string[] = [];
  readonly released: LeaseTicket[] = [];
  private held = new Set<number>();

  constructor(private readonly timers: SchedulerTimers) {}

  async acquire(laneKey: string, slots: number): Promise<LeaseTicket> {
    for (let slot = 0; slot < slots; slot++) {
      if (this.held.has(slot)) continue;
      this.held.add(slot);
      this.events.push(`acquire:${slot}`);
      const now = this.timers.now();
      return { laneKey, slot, acquiredAt: now, lastStartAt: now };
    }
    throw new Error('the lane asked for more slots than its policy allows');
  }

  release(ticket: LeaseTicket): void {
    if (!this.held.delete(ticket.slot)) throw new Error(`slot ${ticket.slot} released twice`);
    this.events.push(`release:${ticket.slot}`);
    this.released.push({ ...ticket });
  }

  close(): void {}

  heldCount(): number {
    return this.held.size;
  }
}

function makeLane(overrides: Partial<LanePolicy> = {}, registrar: RegistrarId = 'dynadot', timers: SchedulerTimers = new ManualTimers()) {
  const leases = new FakeLeases(timers);
  const policy: LanePolicy = { ...DEFAULT_POLICIES[registrar], ...overrides };
  const lane = createLane({ registrar, accountId: 'acc', label: 'acc-a', key: `${registrar}:acc`, policy, timers, leases: () => leases });
  return { lane, leases };
}

const read: LaneCall = { command: 'get_account_balance', kind: 'read' };

describe('lane lease reuse', () => {
  it('takes one lease for back-to-back queued calls and frees it when the queue drains', async () => {
    const timers = new ManualTimers();
    const { lane, leases } = makeLane({}, 'dynadot', timers);
    const t0 = timers.now();
    const calls = Array.from({ length: 10 }, () => lane.run(read, () => delay(timers, 10)));
    await timers.advance(100);
    await Promise.all(calls);
    expect(leases.events).toEqual(['acquire:0']);
    await timers.advance(1);
    expect(leases.events).toEqual(['acquire:0', 'release:0']);
    // The release records the last request start, so another process spaces from it.
    expect(leases.released[0]).toMatchObject({ acquiredAt: t0, lastStartAt: t0 + 90 });
  });

  it('gives the lease back after LEASE_HOLD_MS, so a waiting process gets a turn', async () => {
    const timers = new ManualTimers();
    const { lane, leases } = makeLane({}, 'dynadot', timers);
    const per = 50;
    const n = 20;
    const calls = Array.from({ length: n }, () => lane.run(read, () => delay(timers, per)));
    await timers.advance(n * per);
    await Promise.all(calls);
    const acquisitions = leases.events.filter((e) => e.startsWith('acquire')).length;
    expect(acquisitions).toBe(Math.ceil((n * per) / LEASE_HOLD_MS));
    for (const t of leases.released) expect(t.lastStartAt - t.acquiredAt).toBeLessThan(LEASE_HOLD_MS);
  });

  it('keeps the lease for a serial caller whose next call follows at once, and frees it when none does', async () => {
    const timers = new ManualTimers();
    const { lane, leases } = makeLane({}, 'dynadot', timers);
    for (let i = 0; i < 3; i++) await lane.run(read, async () => undefined);
    expect(leases.events).toEqual(['acquire:0']);
    expect(leases.heldCount()).toBe(1);
    await timers.advance(1);
    expect(leases.events).toEqual(['acquire:0', 'release:0']);
    expect(leases.heldCount()).toBe(0);
  });

  it('does not sit on the lease while the lane is paused', async () => {
    const timers = new ManualTimers();
    const { lane, leases } = makeLane({}, 'dynadot', timers);
    const first = lane.run(read, () => delay(timers, 10));
    const second = lane.run(read, async () => 'later');
    lane.pause(null);
    await timers.advance(10);
    await first;
    await timers.advance(1);
    expect(leases.heldCount()).toBe(0);
    lane.resume();
    await timers.advance(1);
    await expect(second).resolves.toBe('later');
  });

  it('takes a lease per request when slots > 1 and spacing > 0 (reuse could skip another process’s spacing)', async () => {
    const timers = new ManualTimers();
    const { lane, leases } = makeLane({}, 'mrdomain', timers);
    const calls = Array.from({ length: 4 }, () => lane.run({ command: 'domain/list', kind: 'read' }, () => delay(timers, 300)));
    await timers.advance(2_000);
    await Promise.all(calls);
    expect(leases.events.filter((e) => e.startsWith('acquire'))).toHaveLength(4);
    expect(leases.heldCount()).toBe(0);
  });

  it('frees a kept lease when the lane closes', async () => {
    const timers = new ManualTimers();
    const { lane, leases } = makeLane({}, 'dynadot', timers);
    await lane.run(read, async () => undefined);
    expect(leases.heldCount()).toBe(1);
    lane.close();
    expect(leases.heldCount()).toBe(0);
  });
});

describe('lane spacing timers', () => {
  it('adds no timer hop when spacing is 0: queued calls run without the clock moving', async () => {
    const timers = new ManualTimers();
    const { lane } = makeLane({ crossProcess: false }, 'irsfa', timers);
    lane.setPolicy({ ...lane.policy(), minSpacingMs: 0, maxInFlight: 1 });
    let done = 0;
    const calls = Array.from({ length: 5 }, () => lane.run(read, async () => void done++));
    await timers.flush();
    expect(done).toBe(5);
    await Promise.all(calls);
  });

  it('waits at most minSpacingMs when the wall clock steps backwards', async () => {
    const base = new ManualTimers();
    let offset = 0;
    const timers: SchedulerTimers = { now: () => base.now() + offset, setTimeout: base.setTimeout, clearTimeout: base.clearTimeout };
    const { lane } = makeLane({ crossProcess: false, minSpacingMs: 100, maxInFlight: 1 }, 'irsfa', timers);
    await lane.run(read, async () => undefined);
    offset = -3_600_000;
    let sent = false;
    const next = lane.run(read, async () => void (sent = true));
    await base.advance(100);
    await next;
    expect(sent).toBe(true);
  });
});
