/**
 * The scheduled refresh: an incremental sync of every account every
 * `intervalMinutes` (0 = off), counted from the end of the previous pass so
 * a slow pass never overlaps the next. The timer is unref'd: it never keeps
 * a CLI process alive.
 */
export interface BackgroundSyncDeps {
  now(): number;
  run(): Promise<unknown>;
  onError(err: unknown): void;
}

export function createBackgroundSync(deps: BackgroundSyncDeps) {
  let intervalMs = 0;
  let timer: NodeJS.Timeout | null = null;
  let nextAt: number | null = null;
  let started = false;
  let stopped = false;

  function schedule(): void {
    if (timer) clearTimeout(timer);
    timer = null;
    nextAt = null;
    if (!started || stopped || intervalMs <= 0) return;
    nextAt = deps.now() + intervalMs;
    timer = setTimeout(tick, intervalMs);
    timer.unref();
  }

  async function tick(): Promise<void> {
    timer = null;
    nextAt = null;
    try {
      await deps.run();
    } catch (err) {
      deps.onError(err);
    }
    schedule();
  }

  return {
    /** Starts the schedule (shells that stay open call this; one-shot CLI commands do not). */
    start(minutes: number): void {
      started = true;
      intervalMs = minutes * 60_000;
      schedule();
    },
    configure(minutes: number): void {
      intervalMs = minutes * 60_000;
      schedule();
    },
    nextRunAt(): number | null {
      return nextAt;
    },
    stop(): void {
      stopped = true;
      schedule();
    },
  };
}
export type BackgroundSync = ReturnType<typeof createBackgroundSync>;
