import { isRegistrarError, type RegistrarError } from '../registrars/errors.js';
import type { RegistrarId } from '../registrars/types.js';
import type { LeaseStore, LeaseTicket } from './lease.js';
import { createKeptLease } from './lane-lease.js';
import type { Lane, LaneCall, LaneState } from './lane-types.js';
import type { LanePolicy } from './policy.js';
import type { RequestLog } from './request-log.js';
import { pauseSentence, type PauseReason } from './pause-text.js';
import { delay, type SchedulerTimers } from './timers.js';

/** A queued call that never reached the registrar (aborted, or the scheduler closed). */
export class LaneAbortedError extends Error {
  constructor(
    message: string,
    /** False: nothing was sent, so even a write may be tried again. */
    readonly sent = false,
  ) {
    super(message);
    this.name = 'LaneAbortedError';
  }
}

export interface LaneIdentity {
  registrar: RegistrarId;
  accountId: string;
  label: string;
}

export interface LaneDeps extends LaneIdentity {
  key: string;
  policy: LanePolicy;
  timers: SchedulerTimers;
  /** The cross-process lease store, opened on first use by a crossProcess policy. */
  leases: (() => LeaseStore) | null;
  requestLog?: RequestLog;
  /** Called when the lane pauses or resumes. */
  onStateChange?: (state: LaneState) => void;
}

/** The scheduler's lane: the Lane interface plus what the app needs to manage it. */
export interface SchedulerLane extends Lane, LaneIdentity {
  policy(): LanePolicy;
  setPolicy(policy: LanePolicy): void;
  /** A pause the user asked for (null = until resume()). */
  pause(until: number | null, detail?: string): void;
  /** Lifts any pause now (e.g. the registrar confirmed the key is unbanned). */
  resume(): void;
  close(): void;
}

interface Entry {
  call: LaneCall;
  fn: (signal: AbortSignal) => Promise<unknown>;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
  attempt: number;
  detach?: () => void;
}

interface Pause {
  until: number;
  reason: PauseReason;
  detail: string;
}

const FOREVER = Number.MAX_SAFE_INTEGER;

export function createLane(deps: LaneDeps): SchedulerLane {
  const { timers, key } = deps;
  let policy = deps.policy;
  const queues: Record<'interactive' | 'bulk', Entry[]> = { interactive: [], bulk: [] };
  let retrying = 0;
  let inFlight = 0;
  let lastStartAt = -Infinity;
  let pause: Pause | null = null;
  let errors: number[] = [];
  const commandStarts = new Map<number, number[]>();
  let wake: { at: number; handle: unknown } | null = null;
  /** The finished call's lease slot, kept for the next start (one lease transaction per LEASE_HOLD_MS, not per request). */
  const kept = deps.leases ? createKeptLease(deps.leases, timers) : null;
  let closed = false;
  const closing = new AbortController();

  const queuedCount = () => queues.interactive.length + queues.bulk.length + retrying;

  const state = (): LaneState => {
    const now = timers.now();
    const active = pause && pause.until > now ? pause : null;
    return {
      key,
      inFlight,
      queued: queuedCount(),
      pausedUntil: active ? (active.until === FOREVER ? null : active.until) : null,
      pauseReason: active?.reason ?? null,
      pauseDetail: active?.detail ?? null,
    };
  };
  const notify = () => deps.onStateChange?.(state());

  const setPause = (until: number, reason: PauseReason, extra: { count?: number; detail?: string } = {}) => {
    if (pause && pause.until >= until) return;
    pause = { until, reason, detail: extra.detail ?? pauseSentence(reason, deps.registrar, deps.label, until === FOREVER ? null : until, extra) };
    notify();
  };

  const arm = (at: number) => {
    if (wake && wake.at <= at) return;
    if (wake) timers.clearTimeout(wake.handle);
    const handle = timers.setTimeout(() => {
      wake = null;
      pump();
    }, at - timers.now());
    wake = { at, handle };
  };

  /** First call (interactive before bulk) whose command budget allows it now; else when one will. */
  const pick = (now: number): Entry | number => {
    let earliest = Infinity;
    for (const q of [queues.interactive, queues.bulk]) {
      for (let i = 0; i < q.length; i++) {
        const entry = q[i]!;
        const freeAt = budgetFreeAt(entry.call.command, now);
        if (freeAt <= now) {
          q.splice(i, 1);
          return entry;
        }
        earliest = Math.min(earliest, freeAt);
      }
    }
    return earliest;
  };

  const budgetFreeAt = (command: string, now: number): number => {
    let at = now;
    policy.commandBudgets.forEach((b, i) => {
      if (!b.commands.includes(command)) return;
      const recent = (commandStarts.get(i) ?? []).filter((t) => t > now - b.windowMs);
      commandStarts.set(i, recent);
      if (recent.length >= b.calls) at = Math.max(at, recent[recent.length - b.calls]! + b.windowMs);
    });
    return at;
  };

  const pump = () => {
    while (!closed) {
      const now = timers.now();
      if (pause && pause.until > now) {
        if (queuedCount() > 0 && pause.until !== FOREVER) arm(pause.until);
        return;
      }
      if (pause) {
        pause = null;
        notify();
      }
      if (inFlight >= policy.maxInFlight || queues.interactive.length + queues.bulk.length === 0) return;
      // A wall clock stepped backwards: count the spacing from now instead of stalling until it catches up.
      if (lastStartAt > now) lastStartAt = now;
      // No timer hop when spacing is 0 or already satisfied.
      if (policy.minSpacingMs > 0 && now < lastStartAt + policy.minSpacingMs) return arm(lastStartAt + policy.minSpacingMs);
      const picked = pick(now);
      if (typeof picked === 'number') return arm(picked);
      start(picked, now);
    }
  };

  const start = (entry: Entry, now: number) => {
    entry.detach?.();
    inFlight++;
    lastStartAt = now;
    policy.commandBudgets.forEach((b, i) => {
      if (b.commands.includes(entry.call.command)) commandStarts.set(i, [...(commandStarts.get(i) ?? []), now]);
    });
    void execute(entry);
  };

  const execute = async (entry: Entry) => {
    let ticket: LeaseTicket | null = null;
    try {
      if (policy.crossProcess) {
        if (!deps.leases || !kept) throw new Error(`Lane ${key} needs the cross-process lease store.`);
        ticket = kept.take(policy) ?? (await deps.leases().acquire(key, policy.maxInFlight, policy.minSpacingMs, entry.call.signal));
        lastStartAt = ticket.lastStartAt = timers.now();
      }
    } catch (err) {
      inFlight--;
      entry.reject(closed || entry.call.signal?.aborted ? new LaneAbortedError('The call was cancelled before it was sent.') : err);
      pump();
      return;
    }
    const t0 = timers.now();
    let value: unknown;
    let error: unknown = null;
    try {
      value = await entry.fn(closing.signal);
    } catch (err) {
      error = err ?? new Error('unknown failure');
    }
    log(entry, t0, error);
    if (error !== null && unanswered(error) && policy.settleAfterUnansweredMs > 0 && !closed) {
      // The registrar may still be working on it: do not let the next request overlap.
      await delay(timers, policy.settleAfterUnansweredMs, closing.signal).catch(() => undefined);
    }
    if (ticket) kept?.finished(ticket, policy, closed);
    inFlight--;
    if (error === null) entry.resolve(value);
    else if (!handleError(entry, error)) entry.reject(error);
    pump(); // starts the next call synchronously, which takes the kept slot
    kept?.idle();
  };

  /** Spends the error budget and pauses; true when the call was re-queued (reads only). */
  const handleError = (entry: Entry, err: unknown): boolean => {
    if (!isRegistrarError(err)) return false;
    const now = timers.now();
    recordError(now);
    const honour = policy.honourRetryAfter;
    if (err.kind === 'Banned') setPause(honour && err.until && err.until > now ? err.until : now + policy.banBackoffMs, 'banned');
    if (err.kind === 'AccountBlocked') setPause(honour && err.until && err.until > now ? err.until : now + policy.blockBackoffMs, 'blocked');
    if (err.kind === 'RateLimited') setPause(now + (honour && err.retryAfterMs !== undefined ? err.retryAfterMs : policy.rateLimitBackoffMs), 'rate-limited');
    return retryRead(entry, err);
  };

  const recordError = (now: number) => {
    const b = policy.errorBudget;
    errors = errors.filter((t) => t > now - b.windowMs);
    errors.push(now);
    if (errors.length >= b.errors) setPause(errors[errors.length - b.errors]! + b.windowMs, 'error-budget', { count: errors.length });
  };

  const retryRead = (entry: Entry, err: RegistrarError): boolean => {
    if (entry.call.kind !== 'read' || closed) return false;
    if (err.kind !== 'Transient' && err.kind !== 'RateLimited') return false;
    if (entry.attempt > policy.readRetries.max) return false;
    const backoff = err.kind === 'RateLimited' ? 0 : Math.min(policy.readRetries.maxMs, policy.readRetries.baseMs * 2 ** (entry.attempt - 1));
    entry.attempt++;
    retrying++;
    delay(timers, backoff, entry.call.signal).then(
      () => {
        retrying--;
        enqueue(entry, true);
      },
      () => {
        retrying--;
        entry.reject(new LaneAbortedError('The read was cancelled while waiting to retry.', true));
      },
    );
    return true;
  };

  const log = (entry: Entry, t0: number, error: unknown) => {
    deps.requestLog?.write({
      at: t0,
      registrar: deps.registrar,
      account: deps.label,
      command: entry.call.command,
      kind: entry.call.kind,
      priority: entry.call.priority ?? 'bulk',
      attempt: entry.attempt,
      durationMs: timers.now() - t0,
      outcome: error === null ? 'ok' : isRegistrarError(error) ? error.kind : 'error',
      ...(isRegistrarError(error) && error.code ? { code: error.code } : {}),
    });
  };

  const enqueue = (entry: Entry, front = false) => {
    if (closed) return entry.reject(new LaneAbortedError('The scheduler is closed.'));
    const signal = entry.call.signal;
    if (signal?.aborted) return entry.reject(new LaneAbortedError('The call was cancelled before it was sent.'));
    const q = queues[entry.call.priority ?? 'bulk'];
    if (front) q.unshift(entry);
    else q.push(entry);
    if (signal) {
      const onAbort = () => {
        const i = q.indexOf(entry);
        if (i >= 0) q.splice(i, 1);
        entry.reject(new LaneAbortedError('The call was cancelled before it was sent.', entry.attempt > 1));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      entry.detach = () => signal.removeEventListener('abort', onAbort);
    }
    pump();
  };

  return {
    key,
    registrar: deps.registrar,
    accountId: deps.accountId,
    label: deps.label,
    run<T>(call: LaneCall, fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        enqueue({ call, fn, resolve: resolve as (v: unknown) => void, reject, attempt: 1 });
      });
    },
    state,
    policy: () => policy,
    setPolicy(next) {
      policy = next;
      pump();
    },
    pause(until, detail) {
      setPause(until ?? FOREVER, 'manual', detail ? { detail } : {});
    },
    resume() {
      if (!pause) return;
      pause = null;
      errors = [];
      notify();
      pump();
    },
    close() {
      if (closed) return;
      closed = true;
      if (wake) timers.clearTimeout(wake.handle);
      wake = null;
      kept?.release();
      closing.abort(new LaneAbortedError('The scheduler is closed.', true));
      for (const q of [queues.interactive, queues.bulk]) for (const e of q.splice(0)) e.reject(new LaneAbortedError('The scheduler is closed.'));
    },
  };
}

/** Ended without the registrar's answer: it may still be processing the request. */
function unanswered(err: unknown): boolean {
  if (!isRegistrarError(err)) return true;
  return err.kind === 'OutcomeUnknown';
}
