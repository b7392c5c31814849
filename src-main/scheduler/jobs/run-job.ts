import { isRegistrarError } from '../../registrars/errors.js';
import type { ItemRow, JobRow, JobsRepo } from '../../db/repos/jobs.js';
import { LaneAbortedError } from '../lane.js';
import type { SchedulerTimers } from '../timers.js';
import { EndItem, SkipItem, type JobItemInput, type JobKindHandler, type JobRunContext } from './types.js';
import { parseJson } from './views.js';

/** A write confirmed "not applied" is sent again at most this many times in total. */
export const MAX_WRITE_ATTEMPTS = 3;
/** Items of one job running at once, across all its accounts (each account is further capped by its lane). */
const MAX_PARALLEL = 8;

export interface RunJobDeps {
  repo: JobsRepo;
  timers: SchedulerTimers;
  redact: (text: string) => string;
  accountExists(accountId: string): boolean;
  slotsFor(accountId: string | null): number;
  /** Called after every item state change (progress events). */
  changed(): void;
  /** True when this run must stop starting items (pause, cancel, close, or another process said so). */
  stopping(): boolean;
}

/**
 * Drives one job in this process: reconciles unconfirmed writes first, then
 * runs pending items, each account capped by its lane's in-flight limit.
 * Every state change is committed before the next step, so a kill -9 at any
 * point leaves a journal that start-up recovery understands.
 */
export async function runJob(deps: RunJobDeps, job: JobRow, handler: JobKindHandler, ctx: JobRunContext): Promise<void> {
  const { repo } = deps;
  const retryQueue: ItemRow[] = [];
  if (handler.isWrite && handler.reconcile) {
    for (const row of repo.items(job.id, { state: 'unconfirmed' })) {
      if (deps.stopping()) return;
      const again = await reconcileItem(deps, handler, row, ctx);
      if (again) retryQueue.push(again);
    }
  }

  const queues = new Map<string, ItemRow[]>();
  const push = (row: ItemRow) => {
    const k = row.account_id ?? '';
    const q = queues.get(k);
    if (q) q.push(row);
    else queues.set(k, [row]);
  };
  for (const row of repo.items(job.id, { state: 'pending' })) push(row);
  retryQueue.forEach(push);

  const active = new Map<string, number>();
  const running = new Set<Promise<void>>();
  for (;;) {
    let started = false;
    if (!deps.stopping()) {
      for (const [account, q] of queues) {
        if (running.size >= MAX_PARALLEL) break;
        if (q.length === 0 || (active.get(account) ?? 0) >= deps.slotsFor(account || null)) continue;
        const row = q.shift()!;
        active.set(account, (active.get(account) ?? 0) + 1);
        const p: Promise<void> = runItem(deps, handler, row, ctx)
          .then((again) => {
            if (again) push(again);
          })
          .finally(() => {
            active.set(account, (active.get(account) ?? 1) - 1);
            running.delete(p);
          });
        running.add(p);
        started = true;
      }
    }
    if (started) continue;
    if (running.size === 0) return;
    await Promise.race(running);
  }
}

function view(row: ItemRow, attempt: number): JobItemInput {
  return { jobId: row.job_id, seq: row.seq, key: row.key, accountId: row.account_id, input: parseJson(row.input), idempotencyKey: row.idempotency_key, attempt };
}

/** Runs one pending item; returns the row again when it should go back in the queue. */
async function runItem(deps: RunJobDeps, handler: JobKindHandler, row: ItemRow, ctx: JobRunContext): Promise<ItemRow | null> {
  const { repo, timers } = deps;
  const now = timers.now();
  if (row.account_id !== null && !deps.accountExists(row.account_id)) {
    if (!repo.claimItem(row.job_id, row.seq, now)) return null;
    const error = { kind: 'AccountDeleted', message: 'The account of this item was removed from DomainDeck, so nothing was sent.' };
    repo.finishItem(row.job_id, row.seq, 'failed', null, JSON.stringify(error), now);
    deps.changed();
    return null;
  }
  if (!repo.claimItem(row.job_id, row.seq, now)) return null;
  const attempt = row.attempt + 1;
  deps.changed();
  repo.startAttempt(row.job_id, row.seq, attempt, 'run', now);
  const finish = (state: 'done' | 'failed' | 'unconfirmed' | 'skipped' | 'cancelled', result: unknown, error: unknown) => {
    const at = timers.now();
    const resultJson = result === undefined || result === null ? null : deps.redact(JSON.stringify(result));
    const errorJson = error === null ? null : deps.redact(JSON.stringify(describe(error)));
    repo.transaction(() => {
      repo.finishItem(row.job_id, row.seq, state, resultJson, errorJson, at);
      repo.finishAttempt(row.job_id, row.seq, attempt, 'run', at, state, errorJson ?? resultJson);
    });
    deps.changed();
  };

  try {
    const result = await handler.run(view(row, attempt), ctx);
    finish('done', result ?? null, null);
    return null;
  } catch (err) {
    if (err instanceof SkipItem) {
      finish('skipped', { reason: err.message, ...(err.result === null ? {} : { detail: err.result }) }, null);
      return null;
    }
    if (err instanceof EndItem) {
      finish(err.state, err.result, err);
      return null;
    }
    if (err instanceof LaneAbortedError && !err.sent) {
      // Never reached the registrar: back to pending, to run on resume.
      repo.transaction(() => {
        repo.moveItem(row.job_id, row.seq, 'running', 'pending', timers.now());
        repo.finishAttempt(row.job_id, row.seq, attempt, 'run', timers.now(), 'not-sent', null);
      });
      deps.changed();
      return null;
    }
    if (handler.isWrite && outcomeUnknown(err)) {
      finish('unconfirmed', null, err);
      if (!handler.reconcile || deps.stopping()) return null;
      const fresh = repo.item(row.job_id, row.seq);
      return fresh ? reconcileItem(deps, handler, fresh, ctx) : null;
    }
    finish('failed', null, err);
    return null;
  }
}

/**
 * Reads the registrar back for an unconfirmed write. Applied -> done;
 * not applied -> pending again (same idempotency key), unless it was already
 * sent MAX_WRITE_ATTEMPTS times; unknown -> stays unconfirmed for the user.
 */
async function reconcileItem(deps: RunJobDeps, handler: JobKindHandler, row: ItemRow, ctx: JobRunContext): Promise<ItemRow | null> {
  const { repo, timers } = deps;
  repo.startAttempt(row.job_id, row.seq, row.attempt, 'reconcile', timers.now());
  let verdict: 'applied' | 'not-applied' | 'unknown';
  let detail: unknown = null;
  try {
    verdict = await handler.reconcile!(view(row, row.attempt), ctx);
  } catch (err) {
    verdict = 'unknown';
    detail = describe(err);
  }
  const at = timers.now();
  const summary = detail === null ? null : deps.redact(JSON.stringify(detail));
  let again: ItemRow | null = null;
  repo.transaction(() => {
    repo.finishAttempt(row.job_id, row.seq, row.attempt, 'reconcile', at, verdict, summary);
    if (verdict === 'applied') repo.finishItem(row.job_id, row.seq, 'done', JSON.stringify({ reconciled: 'applied' }), null, at);
    else if (verdict === 'not-applied' && row.attempt < MAX_WRITE_ATTEMPTS) {
      if (repo.moveItem(row.job_id, row.seq, 'unconfirmed', 'pending', at)) again = repo.item(row.job_id, row.seq);
    } else if (verdict === 'not-applied') {
      const error = { kind: 'NotApplied', message: `The registrar did not apply this change after ${row.attempt} attempts; it was not sent again.` };
      repo.finishItem(row.job_id, row.seq, 'failed', null, JSON.stringify(error), at);
    }
  });
  deps.changed();
  return again;
}

/** After the request may have reached the registrar: anything but a definite registrar answer. */
function outcomeUnknown(err: unknown): boolean {
  if (err instanceof LaneAbortedError) return err.sent;
  if (isRegistrarError(err)) return err.kind === 'OutcomeUnknown';
  return true;
}

function describe(err: unknown): { kind: string; code?: string; message: string } {
  if (err instanceof EndItem) return { kind: err.kind, message: err.message };
  if (isRegistrarError(err)) return { kind: err.kind, ...(err.code ? { code: err.code } : {}), message: err.message };
  if (err instanceof Error) return { kind: 'Internal', message: err.message };
  return { kind: 'Internal', message: String(err) };
}
