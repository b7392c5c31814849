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
  run(item: JobItemInput<I>, ctx: JobRunContext): Promise<R>;
  reconcile?(item: JobItemInput<I>, ctx: JobRunContext): Promise<ReconcileResult>;
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
