import { describe, expect, it } from 'vitest';
import { ManualTimers } from '../../test/helpers/manual-timers.js';
import { RegistrarError, type RegistrarErrorKind } from '../registrars/errors.js';
import type { RegistrarId } from '../registrars/types.js';
import { createLane, LaneAbortedError } from './lane.js';
import type { LaneCall, LaneState } from './lane-types.js';
import { DEFAULT_POLICIES, type LanePolicy } from './policy.js';
import { delay } from './timers.js';

function makeLane(overrides: Partial<LanePolicy> = {}, registrar: RegistrarId = 'irsfa') {
  const timers = new ManualTimers();
  const states: LaneState[] = [];
  const policy: LanePolicy = { ...DEFAULT_POLICIES[registrar], crossProcess: false, minSpacingMs: 0, ...overrides };
  const lane = createLane({ registrar, accountId: 'acc', label: 'acc-a', key: `${registrar}:acc`, policy, timers, leases: null, onStateChange: (s) => states.push(s) });
  return { lane, timers, states };
}

const rerr = (kind: RegistrarErrorKind, extra: { until?: number; retryAfterMs?: number } = {}) => new RegistrarError({ kind, registrar: 'irsfa', message: `${kind} happened`, ...extra });
const read: LaneCall = { command: 'domain/info', kind: 'read' };
const write: LaneCall = { command: 'domain/renew', kind: 'write' };

function deferred<T = void>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('lane limits', () => {
  it('never has more than maxInFlight calls running', async () => {
    const { lane, timers } = makeLane({ maxInFlight: 2 });
    let running = 0;
    let max = 0;
    const all = Promise.all(
      Array.from({ length: 10 }, () =>
        lane.run(read, async () => {
          max = Math.max(max, ++running);
          await delay(timers, 50);
          running--;
        }),
      ),
    );
    await timers.advance(1_000);
    await all;
    expect(max).toBe(2);
  });

  it('spaces request starts by minSpacingMs', async () => {
    const { lane, timers } = makeLane({ maxInFlight: 4, minSpacingMs: 100 });
    const t0 = timers.now();
    const starts: number[] = [];
    const all = Promise.all(Array.from({ length: 5 }, () => lane.run(read, async () => void starts.push(timers.now() - t0))));
    await timers.advance(1_000);
    await all;
    expect(starts).toEqual([0, 100, 200, 300, 400]);
  });

  it('caps listed commands per window (MrDomain mass checks) without holding other calls back', async () => {
    const { lane, timers } = makeLane({ commandBudgets: [{ commands: ['domain/check'], calls: 2, windowMs: 60_000 }] });
    const t0 = timers.now();
    const started: Record<string, number> = {};
    const check = (n: string) => lane.run({ command: 'domain/check', kind: 'read' }, async () => void (started[n] = timers.now() - t0));
    const all = Promise.all([check('c1'), check('c2'), check('c3'), lane.run(read, async () => void (started.info = timers.now() - t0))]);
    await timers.advance(59_999);
    expect(started).toEqual({ c1: 0, c2: 0, info: 0 });
    await timers.advance(1);
    await all;
    expect(started.c3).toBe(60_000);
  });
});

describe('lane pauses', () => {
  it('pauses on an exhausted error budget, says why, and resumes when the window allows', async () => {
    const { lane, timers, states } = makeLane({ maxInFlight: 1, errorBudget: { errors: 3, windowMs: 60_000 } });
    const t0 = timers.now();
    for (let i = 0; i < 3; i++) await expect(lane.run(read, async () => Promise.reject(rerr('Invalid')))).rejects.toThrow('Invalid happened');
    const s = lane.state();
    expect(s.pauseReason).toBe('error-budget');
    expect(s.pausedUntil).toBe(t0 + 60_000);
    expect(s.pauseDetail).toMatch(/3 errors from Irsfa account "acc-a".*pauses until 2030-01-01T00:01:00.000Z/);
    let ran = false;
    const next = lane.run(read, async () => void (ran = true));
    await timers.advance(59_999);
    expect(ran).toBe(false);
    expect(lane.state().queued).toBe(1);
    await timers.advance(1);
    await next;
    expect(ran).toBe(true);
    expect(states.map((x) => x.pauseReason)).toEqual(['error-budget', null]);
  });

  it('pauses a banned lane until the stated time, then sends again', async () => {
    const { lane, timers } = makeLane({}, 'dynadot');
    const until = timers.now() + 12 * 60_000;
    await expect(lane.run(read, async () => Promise.reject(rerr('Banned', { until })))).rejects.toThrow('Banned happened');
    expect(lane.state()).toMatchObject({ pauseReason: 'banned', pausedUntil: until });
    expect(lane.state().pauseDetail).toContain('Dynadot suspended the API key of account "acc-a"');
    let sentAt = 0;
    const next = lane.run(read, async () => void (sentAt = timers.now()));
    await timers.advance(12 * 60_000 - 1);
    expect(sentAt).toBe(0);
    await timers.advance(1);
    await next;
    expect(sentAt).toBe(until);
  });

  it('uses the configured back-off when a ban or block states no end', async () => {
    const { lane, timers } = makeLane({ banBackoffMs: 900_000, blockBackoffMs: 1_800_000 }, 'mrdomain');
    const t0 = timers.now();
    await expect(lane.run(read, async () => Promise.reject(rerr('Banned')))).rejects.toThrow();
    expect(lane.state().pausedUntil).toBe(t0 + 900_000);
    const blocked = lane.run(read, async () => Promise.reject(rerr('AccountBlocked'))).catch((e: unknown) => e);
    await timers.advance(900_000);
    expect(await blocked).toBeInstanceOf(RegistrarError);
    expect(lane.state()).toMatchObject({ pauseReason: 'blocked', pausedUntil: t0 + 900_000 + 1_800_000 });
  });

  it('honours Retry-After: a read waits it out and is retried once; a write is not retried', async () => {
    const { lane, timers } = makeLane({ rateLimitBackoffMs: 30_000 });
    let reads = 0;
    const r = lane.run(read, async () => {
      if (++reads === 1) throw rerr('RateLimited', { retryAfterMs: 5_000 });
      return 'fresh';
    });
    await timers.advance(4_999);
    expect(reads).toBe(1);
    expect(lane.state().pauseReason).toBe('rate-limited');
    await timers.advance(1);
    await expect(r).resolves.toBe('fresh');
    expect(reads).toBe(2);

    let writes = 0;
    await expect(
      lane.run(write, async () => {
        writes++;
        throw rerr('RateLimited');
      }),
    ).rejects.toThrow('RateLimited');
    expect(writes).toBe(1);
    expect(lane.state().pausedUntil).toBe(timers.now() + 30_000);
  });

  it('rejects a call waiting on a paused lane when its signal aborts; nothing is sent', async () => {
    const { lane, timers } = makeLane();
    lane.pause(null, 'held by the test');
    const ac = new AbortController();
    let sent = false;
    const p = lane.run({ ...write, signal: ac.signal }, async () => void (sent = true));
    await timers.advance(10);
    ac.abort();
    const err = await p.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LaneAbortedError);
    expect((err as LaneAbortedError).sent).toBe(false);
    expect(sent).toBe(false);
    expect(lane.state()).toMatchObject({ pauseReason: 'manual', pausedUntil: null, pauseDetail: 'held by the test', queued: 0 });
  });
});

describe('lane retries', () => {
  it('retries a Transient read with exponential back-off', async () => {
    const { lane, timers } = makeLane({ readRetries: { max: 3, baseMs: 500, maxMs: 10_000 } });
    const t0 = timers.now();
    const at: number[] = [];
    const p = lane.run(read, async () => {
      at.push(timers.now() - t0);
      if (at.length < 3) throw rerr('Transient');
      return 'ok';
    });
    await timers.advance(2_000);
    await expect(p).resolves.toBe('ok');
    expect(at).toEqual([0, 500, 1_500]);
  });

  it('gives up on a read after readRetries.max retries', async () => {
    const { lane, timers } = makeLane({ readRetries: { max: 2, baseMs: 10, maxMs: 10 } });
    let calls = 0;
    const p = lane.run(read, async () => {
      calls++;
      throw rerr('Transient');
    });
    const settled = p.catch((e: unknown) => e);
    await timers.advance(100);
    expect(await settled).toBeInstanceOf(RegistrarError);
    expect(calls).toBe(3);
  });

  it('never retries a write, whatever the error', async () => {
    const { lane, timers } = makeLane();
    for (const kind of ['Transient', 'OutcomeUnknown'] as const) {
      let calls = 0;
      const p = lane.run(write, async () => {
        calls++;
        throw rerr(kind);
      });
      const settled = p.catch((e: unknown) => e);
      await timers.advance(60_000);
      expect(((await settled) as RegistrarError).kind).toBe(kind);
      expect(calls).toBe(1);
    }
  });

  it('keeps the slot after an unanswered call so the next request cannot overlap it', async () => {
    const { lane, timers } = makeLane({ maxInFlight: 1, settleAfterUnansweredMs: 2_000 }, 'dynadot');
    const t0 = timers.now();
    const first = lane.run(write, async () => Promise.reject(rerr('OutcomeUnknown'))).catch(() => 'unknown');
    let secondAt = -1;
    const second = lane.run(read, async () => void (secondAt = timers.now() - t0));
    await timers.advance(1_999);
    expect(secondAt).toBe(-1);
    await timers.advance(1);
    await Promise.all([first, second]);
    expect(secondAt).toBe(2_000);
  });
});

describe('lane priorities', () => {
  it('lets an interactive call jump ahead of queued bulk work', async () => {
    const { lane, timers } = makeLane({ maxInFlight: 1 });
    const order: string[] = [];
    const gate = deferred();
    const calls = [
      lane.run(read, async () => {
        order.push('bulk-0');
        await gate.promise;
      }),
    ];
    for (let i = 1; i <= 3; i++) calls.push(lane.run(read, async () => void order.push(`bulk-${i}`)));
    calls.push(lane.run({ ...read, priority: 'interactive' }, async () => void order.push('click')));
    await timers.flush();
    gate.resolve();
    await timers.advance(10);
    await Promise.all(calls);
    expect(order).toEqual(['bulk-0', 'click', 'bulk-1', 'bulk-2', 'bulk-3']);
  });
});
