import type { ReconcileResult } from '../../registrars/types.js';

/** One item as a job kind's handler sees it. */
export interface JobItemInput<I = unknown> {
  jobId: string;
  seq: number;
  /** What the item is about, e.g. the domain name. */
  key: string;
  accountId: string | null;
  input: I;
  /** Stored in the journal before the first send; the same on every attempt and after a crash. */
  idempotencyKey: string;
  /** 1 on the first run; grows only when a write was confirmed not applied, or a read is re-run. */
  attempt: number;
}

export interface JobRunContext {
  /** Aborted when the job is paused or cancelled, or the app closes: pass it to lane calls so queued requests are dropped unsent. */
  signal: AbortSignal;
  /** Job-wide parameters given at creation (e.g. years, allowLateFee). */
  params: unknown;
}

/**
 * What a kind of job does per item. `isWrite` decides crash recovery: a write
 * left running becomes `unconfirmed` and goes through `reconcile` (read the
 * domain back) before anything is sent again; a read is simply re-run.
 */
export interface JobKindHandler<I = unknown, R = unknown> {
  isWrite: boolean;
  /**
   * Set for jobs that run once, now, and are never continued later (a sync
   * reads "now"; a later sync replaces it, resuming an old one would only
   * repeat it). Pause and resume are refused with `message`, and a job of
   * this kind that a crash, kill or close left unfinished is closed as
   * failed with `interrupted` (its unfinished items too) instead of resumed.
   */
  runOnce?: { message: string; messageKey: string; interrupted: string };
  run(item: JobItemInput<I>, ctx: JobRunContext): Promise<R>;
  reconcile?(item: JobItemInput<I>, ctx: JobRunContext): Promise<ReconcileResult>;
}

/**
 * Thrown by a handler to end an item as failed or cancelled while keeping a
 * result (e.g. an account sync that stored some pages before it failed or
 * was cancelled). `kind` and the message are what the journal shows.
 */
export class EndItem extends Error {
  constructor(
    readonly state: 'failed' | 'cancelled',
    readonly kind: string,
    message: string,
    readonly result: unknown = null,
  ) {
    super(message);
    this.name = 'EndItem';
  }
}

/** Why a job's signal was aborted: the abort reason the runner gives. */
export class JobStopped extends Error {
  constructor(readonly reason: 'pause' | 'cancel' | 'close') {
    super(reason === 'close' ? 'closing' : `job ${reason === 'pause' ? 'paused' : 'cancelled'}`);
    this.name = 'JobStopped';
  }
}

/** The stop reason behind an aborted job signal; null while it runs. */
export function stopReasonOf(signal: AbortSignal): JobStopped['reason'] | null {
  if (!signal.aborted) return null;
  return signal.reason instanceof JobStopped ? signal.reason.reason : 'close';
}

/** Thrown by a handler for an item that needs nothing (e.g. already renewed elsewhere). */
export class SkipItem extends Error {
  constructor(
    reason: string,
    readonly result: unknown = null,
  ) {
    super(reason);
    this.name = 'SkipItem';
  }
}

export interface NewJobItem {
  key: string;
  accountId?: string | null;
  input?: unknown;
}

export interface NewJob {
  kind: string;
  title: string;
  items: NewJobItem[];
  params?: unknown;
}
