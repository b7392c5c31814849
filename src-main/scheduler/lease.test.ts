import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualTimers } from '../../test/helpers/manual-timers.js';
import { openLeaseStore, type LeaseStore, type LeaseTicket } from './lease.js';
import type { SchedulerTimers } from './timers.js';

/**
 * Two stores on one data dir stand in for two processes (each has its own
 * holder id; the holder's PID is alive, so neither may take the other's slot).
 */
let dir: string;
const stores: LeaseStore[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dd-lease-'));
});

afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  rmSync(dir, { recursive: true, force: true });
});

function open(timers: SchedulerTimers): LeaseStore {
  const s = openLeaseStore(dir, timers);
  stores.push(s);
  return s;
}

function settled<T>(p: Promise<T>): { value: T | undefined; done: boolean } {
  const state = { value: undefined as T | undefined, done: false };
  void p.then((v) => {
    state.value = v;
    state.done = true;
  });
  return state;
}

describe('lease store', () => {
  it('keeps a held slot from another process until it is released', async () => {
    const timers = new ManualTimers();
    const a = open(timers);
    const b = open(timers);
    const ticket = await a.acquire('dynadot:x', 1, 0);
    const waiting = settled(b.acquire('dynadot:x', 1, 0));
    await timers.advance(500);
    expect(waiting.done).toBe(false);
    a.release(ticket);
    await timers.advance(10);
    expect(waiting.done).toBe(true);
  });

  it('spaces the next process from the last request made under a reused ticket, not from the acquisition', async () => {
    const timers = new ManualTimers();
    const a = open(timers);
    const b = open(timers);
    const ticket: LeaseTicket = await a.acquire('mrdomain:x', 1, 100);
    await timers.advance(200);
    ticket.lastStartAt = timers.now(); // a second request under the same ticket
    const lastStart = ticket.lastStartAt;
    a.release(ticket);
    const next = settled(b.acquire('mrdomain:x', 1, 100));
    await timers.advance(95);
    expect(next.done).toBe(false);
    await timers.advance(10);
    expect(next.done).toBe(true);
    expect(next.value!.acquiredAt).toBeGreaterThanOrEqual(lastStart + 100);
  });

  it('waits at most minSpacingMs when the wall clock stepped backwards since the last start', async () => {
    const base = new ManualTimers();
    let offset = 0;
    const timers: SchedulerTimers = { now: () => base.now() + offset, setTimeout: base.setTimeout, clearTimeout: base.clearTimeout };
    const a = open(timers);
    a.release(await a.acquire('mrdomain:x', 1, 100));
    offset = -3_600_000;
    const next = settled(a.acquire('mrdomain:x', 1, 100));
    await base.advance(110);
    expect(next.done).toBe(true);
  });
});
