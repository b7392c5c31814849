/**
 * The request lane every registrar HTTP call goes through (DESIGN.md,
 * "Scheduler and job journal"). One lane per (registrar, account); its policy
 * decides concurrency, spacing, error budget and pauses. Adapters only see
 * this interface; the scheduler implements it.
 */
export type CallKind = 'read' | 'write';
export type CallPriority = 'interactive' | 'bulk';

export interface LaneCall {
  /** Registrar command/action, for stats, logs and per-command rules (e.g. `renew`, `domain/list`). */
  command: string;
  /** Classified by what the call does, not by its HTTP verb. */
  kind: CallKind;
  /** Interactive reads jump ahead of bulk background work. Default: bulk. */
  priority?: CallPriority;
  /** Abort waiting in the queue (the call itself is aborted through the signal given to `fn`). */
  signal?: AbortSignal;
}

export interface LaneState {
  key: string;
  inFlight: number;
  queued: number;
  /** Set while the lane refuses to send: ban, block, error budget or Retry-After. */
  pausedUntil: number | null;
  pauseReason: 'banned' | 'blocked' | 'error-budget' | 'rate-limited' | 'manual' | null;
  /** Human, English, secret-free explanation for the UI/CLI. */
  pauseDetail: string | null;
}

export interface Lane {
  readonly key: string;
  /**
   * Runs `fn` when the policy allows. `fn` performs exactly one HTTP request
   * and throws a RegistrarError on failure; the lane reads the error's kind to
   * pause (Banned, AccountBlocked, RateLimited) and to spend the error budget.
   * Reads may be retried by the lane on Transient errors; writes never are.
   */
  run<T>(call: LaneCall, fn: (signal: AbortSignal) => Promise<T>): Promise<T>;
  state(): LaneState;
}
