/**
 * Precise waits for the latency fault. A plain `setTimeout(ms)` is wrong in
 * both directions for a benchmark that compares against `N × latency`:
 * Node arms it from the event loop's cached millisecond clock (so it may fire
 * up to ~1 ms before `ms` of real time has passed since the request arrived)
 * and the loop's millisecond poll timeout usually wakes it late (0.3–2 ms).
 *
 * `waitUntil` sleeps on a timer until shortly before the deadline and then
 * polls with setImmediate (other I/O keeps flowing between polls) until the
 * monotonic clock reaches it: never early, typically a few microseconds late.
 * The busy tail costs at most COARSE_MARGIN_MS of CPU per wait.
 */
export const COARSE_MARGIN_MS = 1.5;

/** Resolves once `now() >= deadline` (both in performance.now() milliseconds). */
export function waitUntil(deadline: number, now: () => number = () => performance.now()): Promise<void> {
  return new Promise((resolve) => {
    const poll = () => {
      if (now() >= deadline) resolve();
      else setImmediate(poll);
    };
    const left = deadline - now();
    if (left > COARSE_MARGIN_MS) setTimeout(poll, Math.floor(left - COARSE_MARGIN_MS));
    else poll();
  });
}
