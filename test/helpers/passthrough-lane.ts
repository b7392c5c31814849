import type { Lane, LaneCall } from '../../src-main/scheduler/lane-types.js';

/**
 * A test double for adapter tests: runs calls one at a time in arrival order
 * and records them, with no policy. Scheduler behaviour is tested on the real
 * lanes in src-main/scheduler.
 */
export function createPassthroughLane(key = 'test'): Lane & { calls: LaneCall[] } {
  const calls: LaneCall[] = [];
  let tail: Promise<unknown> = Promise.resolve();
  return {
    key,
    calls,
    run(call, fn) {
      calls.push(call);
      const next = tail.then(() => fn(new AbortController().signal));
      tail = next.catch(() => undefined);
      return next;
    },
    state: () => ({ key, inFlight: 0, queued: 0, pausedUntil: null, pauseReason: null, pauseDetail: null }),
  };
}
