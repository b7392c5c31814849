import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { hostname } from 'node:os';
import { AppError } from '../../../src-shared/contract.js';
import type { JobDetail, JobItemState, JobSummary } from '../../../src-shared/contract/areas/jobs.js';
import type { EventBus } from '../../app/events.js';
import type { Logger } from '../../app/logger.js';
import type { JobRow, JobsRepo } from '../../db/repos/jobs.js';
import { pidAlive } from '../process-alive.js';
import type { SchedulerTimers } from '../timers.js';
import { runJob } from './run-job.js';
import { JobStopped, type JobKindHandler, type NewJob } from './types.js';
import { toDetail, toProgress, toSummary } from './views.js';

export interface JobRunnerDeps {
  repo: JobsRepo;
  events: EventBus;
  timers: SchedulerTimers;
  logger: Logger;
  redact: (text: string) => string;
  accountExists(accountId: string): boolean;
  slotsFor(accountId: string | null): number;
}

/** Another process's claim on a job counts while its heartbeat is fresher than this (and its PID lives). */
const HEARTBEAT_MS = 10_000;
const STALE_MS = 60_000;
const PROGRESS_EVERY_MS = 200;
/** How often a running job looks for a pause or cancel written by another process (CLI `jobs cancel`). */
const WATCH_MS = 1_000;

interface ActiveRun {
  controller: AbortController;
  done: Promise<void>;
  stopReason: 'pause' | 'cancel' | 'close' | null;
}

export type JobRunner = ReturnType<typeof createJobRunner>;

/**
 * The job journal's API: create jobs, run them in this process, pause,
 * resume, cancel, and recover after a crash. One process owns a running job
 * at a time (owner + heartbeat in the jobs row), so the GUI and a CLI
 * command can never both work through the same items.
 */
export function createJobRunner(deps: JobRunnerDeps) {
  const { repo, timers } = deps;
  const kinds = new Map<string, JobKindHandler>();
  const active = new Map<string, ActiveRun>();
  const owner = { id: `${process.pid}-${randomUUID()}`, pid: process.pid, host: hostname() };

  const summary = (row: JobRow): JobSummary => toSummary(row, repo.counts(row.id), !kinds.get(row.kind)?.runOnce);
  const mustGet = (id: string): JobRow => {
    const row = repo.get(id);
    if (!row) throw new AppError('NotFound', `No job with id ${id}.`, { messageKey: 'errors.NotFound', params: { what: `Job ${id}` } });
    return row;
  };

  /** Pause and resume of a run-once kind (sync) are refused with the kind's own words. */
  const refuseRunOnce = (row: JobRow): void => {
    const once = kinds.get(row.kind)?.runOnce;
    if (once) throw new AppError('Conflict', once.message, { messageKey: once.messageKey, params: { title: row.title } });
  };

  const ownerAlive = (row: JobRow): boolean => {
    if (!row.owner_id || row.owner_id === owner.id) return false;
    if ((row.heartbeat_at ?? 0) < timers.now() - STALE_MS) return false;
    if (row.owner_host !== owner.host || row.owner_pid === null) return true;
    return pidAlive(row.owner_pid);
  };

  const progress = (jobId: string, etaMs: number | null) => {
    const row = repo.get(jobId);
    if (row) deps.events.emit('job.progress', toProgress(summary(row), etaMs));
  };

  /** Takes the job for this process and turns items a dead owner left running into their recovery state. */
  const claim = (id: string): JobRow =>
    repo.transaction(() => {
      const row = mustGet(id);
      if (row.state === 'done' || row.state === 'cancelled') {
        throw new AppError('Conflict', `Job "${row.title}" is already ${row.state}.`, { messageKey: 'jobs.alreadyFinished', params: { title: row.title, state: row.state } });
      }
      if (ownerAlive(row)) {
        throw new AppError('Conflict', `Job "${row.title}" is running in another DomainDeck process (pid ${row.owner_pid}).`, {
          messageKey: 'jobs.ownedElsewhere',
          params: { title: row.title, pid: row.owner_pid ?? 0 },
        });
      }
      const now = timers.now();
      repo.setOwner(id, owner, now);
      // Nobody is running these any more: a write's outcome is unknown, a read is simply re-run.
      repo.moveAll(id, 'running', row.is_write ? 'unconfirmed' : 'pending', now);
      repo.setState(id, 'running', null, now);
      return mustGet(id);
    });

  const finalize = (id: string, run: ActiveRun) => {
    const row = repo.get(id);
    if (!row) return;
    const counts = repo.counts(id);
    const now = timers.now();
    if (run.stopReason === null && row.state === 'running') {
      if (counts.unconfirmed > 0) {
        repo.setState(id, 'paused', `${counts.unconfirmed} item(s) could not be confirmed with the registrar. Nothing was re-sent; resume to check them again.`, now);
      } else if (counts.pending > 0) {
        repo.setState(id, 'paused', 'Stopped before every item ran; resume to continue.', now);
      } else if (counts.failed > 0 && counts.done + counts.skipped === 0) {
        repo.setState(id, 'failed', `All ${counts.failed} item(s) failed.`, now);
      } else {
        repo.setState(id, 'done', counts.failed > 0 ? `${counts.failed} item(s) failed.` : null, now);
      }
    }
    // Items a cancel caught before they were sent went back to pending: they are cancelled too.
    if (run.stopReason === 'cancel' || row.state === 'cancelled') repo.moveAll(id, 'pending', 'cancelled', now);
    repo.releaseOwner(id, owner.id);
    // A run-once job the app's close stopped is over: it will not be resumed.
    const once = kinds.get(row.kind)?.runOnce;
    if (once && run.stopReason === 'close' && row.state === 'running') abandon(id, once.interrupted);
  };

  /** Closes a run-once job for good: unfinished items fail (running) or are cancelled (pending) with `note`. */
  const abandon = (id: string, note: string) =>
    repo.transaction(() => {
      const now = timers.now();
      const error = deps.redact(JSON.stringify({ kind: 'Interrupted', message: note }));
      for (const item of repo.items(id, { state: 'running' })) repo.finishItem(id, item.seq, 'failed', item.result, error, now);
      repo.moveAll(id, 'pending', 'cancelled', now);
      repo.setState(id, 'failed', note, now);
      const row = repo.get(id);
      if (row?.owner_id) repo.releaseOwner(id, row.owner_id);
    });

  const launch = (row: JobRow): ActiveRun => {
    const handler = kinds.get(row.kind)!;
    const controller = new AbortController();
    // Every queued item of the job listens on this one signal (and removes its listener when it starts): not a leak.
    setMaxListeners(0, controller.signal);
    const run: ActiveRun = { controller, done: Promise.resolve(), stopReason: null };
    const t0 = timers.now();
    let finished = 0;
    let lastEmit = -Infinity;
    let remaining = 0;
    const eta = () => (finished < 2 ? null : Math.round(((timers.now() - t0) / finished) * remaining));
    const changed = (force = false) => {
      const counts = repo.counts(row.id);
      const nowRemaining = counts.pending + counts.running + counts.unconfirmed;
      if (nowRemaining < remaining) finished += remaining - nowRemaining;
      remaining = nowRemaining;
      if (!force && timers.now() - lastEmit < PROGRESS_EVERY_MS) return;
      lastEmit = timers.now();
      progress(row.id, eta());
    };
    remaining = (() => {
      const c = repo.counts(row.id);
      return c.pending + c.running + c.unconfirmed;
    })();
    const stopping = () => {
      if (controller.signal.aborted) return true;
      // Another process (CLI `jobs cancel`) may have paused or cancelled it in the journal.
      const state = repo.get(row.id)?.state;
      if (state === 'paused' || state === 'cancelled') {
        run.stopReason = state === 'paused' ? 'pause' : 'cancel';
        controller.abort(new JobStopped(run.stopReason));
        return true;
      }
      return false;
    };
    const beat = setInterval(() => repo.heartbeat(row.id, owner.id, timers.now()), HEARTBEAT_MS);
    beat.unref();
    // Items already running (a sync's accounts) only learn of another process's cancel through the signal.
    const watch = setInterval(() => void stopping(), WATCH_MS);
    watch.unref();
    changed(true);
    run.done = runJob(
      { repo, timers, redact: deps.redact, accountExists: deps.accountExists, slotsFor: deps.slotsFor, changed: () => changed(), stopping },
      row,
      handler,
      { signal: controller.signal, params: JSON.parse(row.params) as unknown },
    )
      .catch((err: unknown) => {
        deps.logger.log('error', 'jobs', deps.redact(`Job ${row.id} (${row.kind}) stopped: ${err instanceof Error ? err.message : String(err)}`));
        repo.setState(row.id, 'paused', 'Stopped by an internal error; resume to continue. Nothing was re-sent.', timers.now());
      })
      .finally(() => {
        clearInterval(beat);
        clearInterval(watch);
        finalize(row.id, run);
        active.delete(row.id);
        progress(row.id, null);
      });
    return run;
  };

  const stop = (id: string, state: 'paused' | 'cancelled', reason: 'pause' | 'cancel', note: string | null): JobSummary => {
    const row = mustGet(id);
    if (row.state === 'done' || row.state === 'failed' || row.state === 'cancelled') return summary(row);
    repo.transaction(() => {
      const now = timers.now();
      repo.setState(id, state, note, now);
      if (state === 'cancelled') repo.moveAll(id, 'pending', 'cancelled', now);
    });
    const run = active.get(id);
    if (run) {
      run.stopReason = reason;
      run.controller.abort(new JobStopped(reason));
    }
    progress(id, null);
    return summary(mustGet(id));
  };

  /** Running (or started, then queued) jobs of a known kind that no live process owns. */
  const interrupted = (): JobRow[] =>
    repo.list(1000).filter((row) => {
      if ((row.state !== 'running' && row.state !== 'queued') || active.has(row.id) || ownerAlive(row) || !kinds.has(row.kind)) return false;
      return !(row.state === 'queued' && row.owner_id === null && row.started_at === null);
    });

  const runner = {
    registerKind<I, R>(kind: string, handler: JobKindHandler<I, R>): void {
      if (kinds.has(kind)) throw new Error(`Job kind "${kind}" is registered twice`);
      kinds.set(kind, handler as JobKindHandler);
    },

    create(job: NewJob): JobSummary {
      const handler = kinds.get(job.kind);
      if (!handler) throw new AppError('InvalidInput', `Unknown job kind "${job.kind}".`);
      const id = randomUUID();
      repo.create(
        {
          id,
          kind: job.kind,
          title: job.title,
          isWrite: handler.isWrite,
          params: deps.redact(JSON.stringify(job.params ?? {})),
          // The idempotency key exists (and is committed) before anything can be sent.
          items: job.items.map((it) => ({ key: it.key, accountId: it.accountId ?? null, input: deps.redact(JSON.stringify(it.input ?? {})), idempotencyKey: randomUUID() })),
        },
        timers.now(),
      );
      return summary(mustGet(id));
    },

    /** Runs a queued, paused or interrupted job in this process; returns at once (see `wait`). A run-once job starts only once. */
    start(id: string): JobSummary {
      if (active.has(id)) return summary(mustGet(id));
      const row = mustGet(id);
      if (row.started_at !== null) refuseRunOnce(row);
      if (!kinds.has(row.kind)) throw new AppError('Unavailable', `This DomainDeck cannot run "${row.kind}" jobs.`, { messageKey: 'errors.Unavailable', params: { detail: `This DomainDeck cannot run "${row.kind}" jobs.` } });
      const claimed = claim(id);
      active.set(id, launch(claimed));
      return summary(mustGet(id));
    },

    resume(id: string): JobSummary {
      return runner.start(id);
    },

    pause(id: string): JobSummary {
      refuseRunOnce(mustGet(id));
      return stop(id, 'paused', 'pause', 'Paused by you; resume to continue.');
    },
    cancel: (id: string): JobSummary => stop(id, 'cancelled', 'cancel', 'Cancelled by you; items already sent keep their outcome.'),

    /** Read jobs only: failed items go back to pending and the job runs again. Failed writes are never retried automatically. */
    retryFailedReads(id: string): JobSummary {
      const row = mustGet(id);
      if (row.is_write) throw new AppError('Conflict', 'Failed writes are not retried automatically; check them and start a new job.', { messageKey: 'jobs.noWriteRetry' });
      refuseRunOnce(row);
      if (active.has(id)) throw new AppError('Conflict', `Job "${row.title}" is still running.`, { messageKey: 'errors.Conflict', params: { detail: `Job "${row.title}" is still running.` } });
      repo.transaction(() => {
        repo.moveAll(id, 'failed', 'pending', timers.now());
        repo.setState(id, 'queued', null, timers.now());
      });
      return runner.start(id);
    },

    get(id: string, options: { itemState?: JobItemState; offset?: number; limit?: number } = {}): JobDetail {
      const row = mustGet(id);
      const s = summary(row);
      const items = repo.items(id, { ...(options.itemState ? { state: options.itemState } : {}), offset: options.offset ?? 0, limit: options.limit ?? -1 });
      return toDetail(s, items, options.itemState ? s.totals[options.itemState] : s.totals.total);
    },

    list: (limit = 200): JobSummary[] => repo.list(limit).map(summary),

    attempts: (id: string, seq: number) => repo.attempts(id, seq),

    /** Jobs a crashed or killed process left running (or queued): claimed and started here; run-once kinds are closed instead. */
    resumeInterrupted(): string[] {
      runner.closeInterrupted();
      const started: string[] = [];
      for (const row of interrupted()) {
        if (kinds.get(row.kind)?.runOnce) continue;
        runner.start(row.id);
        started.push(row.id);
      }
      return started;
    },

    /**
     * Run-once jobs (sync) a crashed or killed process left unfinished: marked
     * failed with the kind's reason, never resumed. Safe at any start, also in
     * one-shot CLI commands: a job whose owner still lives is left alone.
     */
    closeInterrupted(): string[] {
      const closed: string[] = [];
      for (const row of interrupted()) {
        const once = kinds.get(row.kind)?.runOnce;
        if (!once) continue;
        abandon(row.id, once.interrupted);
        closed.push(row.id);
        progress(row.id, null);
      }
      return closed;
    },

    /** Resolves when this process's run of the job has settled (tests, CLI). */
    async wait(id: string): Promise<JobSummary> {
      await active.get(id)?.done;
      return summary(mustGet(id));
    },

    isActive: (id: string): boolean => active.has(id),

    /** Closing, step 1: stop starting items and drop queued lane calls that carry the job's signal. */
    stopAll(): void {
      for (const run of active.values()) {
        run.stopReason = 'close';
        run.controller.abort(new JobStopped('close'));
      }
    },

    /** Closing, step 2: resolves when every run in this process has settled. The jobs stay `running` for resumeInterrupted. */
    async settle(): Promise<void> {
      await Promise.all([...active.values()].map((r) => r.done));
    },
  };
  return runner;
}
