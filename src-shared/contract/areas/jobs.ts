import { z } from 'zod';
import { event, method } from '../define.js';

/**
 * Jobs (bulk renew, bid, nameserver changes, sync) and the request lanes
 * they run through. Times are ISO-8601 UTC strings.
 */
export const jobStateSchema = z.enum(['queued', 'running', 'paused', 'cancelled', 'done', 'failed']);
export type JobState = z.infer<typeof jobStateSchema>;

export const jobItemStateSchema = z.enum(['pending', 'running', 'done', 'failed', 'unconfirmed', 'skipped', 'cancelled']);
export type JobItemState = z.infer<typeof jobItemStateSchema>;

const count = z.number().int().min(0);

export const jobTotalsSchema = z.object({
  total: count,
  pending: count,
  running: count,
  done: count,
  failed: count,
  /** Writes whose outcome is not known yet: reconciled by reading the domain back, never re-sent blindly. */
  unconfirmed: count,
  skipped: count,
  cancelled: count,
});
export type JobTotals = z.infer<typeof jobTotalsSchema>;

export const jobSummarySchema = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  state: jobStateSchema,
  isWrite: z.boolean(),
  /** False for jobs that run once (sync): pause and resume are refused; cancel works. */
  pausable: z.boolean(),
  /** Why the job is paused or failed (English, secret-free). */
  note: z.string().nullable(),
  totals: jobTotalsSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type JobSummary = z.infer<typeof jobSummarySchema>;

export const jobItemErrorSchema = z.object({
  /** A normalized registrar error kind, 'AccountDeleted', or 'Internal'. */
  kind: z.string(),
  code: z.string().optional(),
  message: z.string(),
});

export const jobItemSchema = z.object({
  seq: z.number().int().min(0),
  key: z.string(),
  accountId: z.string().nullable(),
  state: jobItemStateSchema,
  attempt: count,
  idempotencyKey: z.string(),
  input: z.unknown(),
  result: z.unknown().nullable(),
  error: jobItemErrorSchema.nullable(),
  updatedAt: z.string(),
});
export type JobItem = z.infer<typeof jobItemSchema>;

export const jobDetailSchema = jobSummarySchema.extend({
  items: z.array(jobItemSchema),
  /** Items matching the filter (the page in `items` may be shorter). */
  itemsTotal: count,
});
export type JobDetail = z.infer<typeof jobDetailSchema>;

export const jobProgressSchema = z.object({
  jobId: z.string(),
  state: jobStateSchema,
  total: count,
  done: count,
  failed: count,
  unconfirmed: count,
  skipped: count,
  cancelled: count,
  pending: count,
  running: count,
  /** Estimated from the observed rate of this run; null until there is one. */
  etaMs: z.number().int().min(0).nullable(),
});
export type JobProgress = z.infer<typeof jobProgressSchema>;

export const laneStateSchema = z.object({
  key: z.string(),
  registrar: z.string(),
  accountId: z.string(),
  label: z.string(),
  inFlight: count,
  queued: count,
  pausedUntil: z.string().nullable(),
  pauseReason: z.enum(['banned', 'blocked', 'error-budget', 'rate-limited', 'manual']).nullable(),
  /** Plain English, secret-free; the renderer words it by `pauseReason` in the user's language. */
  pauseDetail: z.string().nullable(),
});
export type LaneStateView = z.infer<typeof laneStateSchema>;

const jobId = z.object({ id: z.string().min(1) }).strict();

export const jobsMethods = {
  'jobs.list': method('read', z.object({ limit: z.number().int().min(1).max(1000).default(200) }).strict(), z.object({ total: count, items: z.array(jobSummarySchema) }), 'Recent jobs, newest first.'),
  'jobs.get': method(
    'read',
    z
      .object({
        id: z.string().min(1),
        itemState: jobItemStateSchema.optional(),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(100_000).default(1000),
      })
      .strict(),
    jobDetailSchema,
    'One job with its items (paged, optionally filtered by item state).',
  ),
  'jobs.pause': method('write', jobId, jobSummarySchema, 'Stop starting new items; items in flight finish.'),
  'jobs.resume': method('write', jobId, jobSummarySchema, 'Reconcile unconfirmed items, then continue with pending ones.'),
  'jobs.cancel': method('write', jobId, jobSummarySchema, 'Cancel items not started yet; items in flight finish and keep their outcome.'),
  'lanes.list': method('read', z.object({}).strict(), z.object({ items: z.array(laneStateSchema) }), 'Request lanes per account: in flight, queued, and why a lane is paused.'),
} as const;

export const jobsEvents = {
  'job.progress': event(jobProgressSchema, 'A job advanced, paused, resumed or finished.'),
  'lane.state': event(laneStateSchema, 'A request lane paused (ban, block, error budget, rate limit) or resumed.'),
} as const;
