/**
 * Time as the scheduler sees it: a clock plus timers. Production uses the
 * system clock and setTimeout; tests inject a manual clock so a 15-minute ban
 * can be crossed without waiting.
 */
export interface SchedulerTimers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export function systemTimers(now: () => number = Date.now): SchedulerTimers {
  return {
    now,
    // Not unref'd: a CLI command whose call waits out a Retry-After must stay alive.
    // Lanes only arm a timer while calls are waiting, and close() clears them.
    setTimeout: (fn, ms) => setTimeout(fn, Math.max(0, ms)),
    clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
  };
}

export function delay(timers: SchedulerTimers, ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      timers.clearTimeout(handle);
      reject(signal?.reason);
    };
    const handle = timers.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
