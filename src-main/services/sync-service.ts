import type { SyncAccountReport, SyncReport, SyncStatus } from '../../src-shared/contract/areas/portfolio.js';
import type { EventBus } from '../app/events.js';
import type { Logger } from '../app/logger.js';
import type { Db } from '../db/connection.js';
import { createDomainEventsRepo } from '../db/repos/domain-events.js';
import { createSearchIndex } from '../db/repos/domain-search-index.js';
import { createDomainsRepo } from '../db/repos/domains.js';
import type { SettingsRepo } from '../db/repos/settings.js';
import { createSyncRunsRepo, syncRunCounts, type StoredSyncRun } from '../db/repos/sync-runs.js';
import type { RegistrarAdapter, RegistrarId } from '../registrars/types.js';
import type { JobRunner } from '../scheduler/index.js';
import { createBackgroundSync } from '../sync/background.js';
import { createSyncEngine, emptyReport, reportOf, type SyncRunInput, type SyncWork } from '../sync/engine.js';
import { SYNC_JOB_KIND, syncJobKind, type LiveSync } from './sync/job-kind.js';

export interface SyncServiceDeps {
  db: Db;
  settings: SettingsRepo;
  events: EventBus;
  logger: Logger;
  /** The job journal: every sync runs as a job there. */
  jobs: JobRunner;
  now(): number;
  redact(text: string): string;
  /** The accounts service's adapter for an account (through its lane). */
  adapterFor(accountId: string): RegistrarAdapter | Promise<RegistrarAdapter>;
  /** The accounts service's hook (it also tells windows); without one, the accounts row is updated directly. */
  markSynced?(accountId: string, at: number): void;
  /** Per-account detail reads kept waiting (the lane decides what flies). */
  detailConcurrency?: number;
}

const INTERVAL_KEY = 'sync.intervalMinutes';
export const DEFAULT_SYNC_INTERVAL_MINUTES = 60;

export type SyncTrigger = 'manual' | 'background';

/** Sync now, sync status and the background schedule, for the contract and the CLI. */
export function createSyncService(deps: SyncServiceDeps) {
  const domains = createDomainsRepo(deps.db);
  const runs = createSyncRunsRepo(deps.db);
  const events = createDomainEventsRepo(deps.db);
  const searchIndex = createSearchIndex(deps.db, { onPhase: (phase) => deps.events.emit('cache.rebuild', { phase }) });
  if (searchIndex.recover()) deps.logger.log('warn', 'sync', 'A sync was interrupted while loading names; the indexes are being rebuilt in the background.');
  const engine = createSyncEngine({
    db: deps.db,
    domains,
    events,
    runs,
    now: deps.now,
    markSynced: deps.markSynced ?? ((id, at) => domains.markAccountSynced(id, at)),
    redact: deps.redact,
    adapterFor: deps.adapterFor,
    emitProgress: (p) => deps.events.emit('sync.progress', p),
    deferSearchIndex: (newNames) => searchIndex.deferFor(newNames),
    ...(deps.detailConcurrency ? { detailConcurrency: deps.detailConcurrency } : {}),
  });
  /** Sync jobs running in this process, oldest first. */
  const live = new Map<string, LiveSync>();
  deps.jobs.registerKind(SYNC_JOB_KIND, syncJobKind({ engine, domains, live: (id) => live.get(id) }));
  const closed = deps.jobs.closeInterrupted();
  if (closed.length) deps.logger.log('warn', 'sync', `Closed ${closed.length} sync job(s) a crash or kill interrupted: ${closed.join(', ')}`);

  const intervalMinutes = () => deps.settings.get<number>(INTERVAL_KEY) ?? DEFAULT_SYNC_INTERVAL_MINUTES;
  const background = createBackgroundSync({
    now: deps.now,
    run: () => run({ mode: 'incremental' }, 'background'),
    onError: (err) => deps.logger.log('error', 'sync', `Background sync failed: ${err instanceof Error ? err.message : String(err)}`),
  });

  /**
   * A sync as a journal job (one item per account, longest first) that this
   * call waits for. Resolves with the report in account order; `jobs.cancel`
   * on its job id stops every account after the page it is writing.
   */
  async function run(input: SyncRunInput, trigger: SyncTrigger = 'manual'): Promise<SyncReport> {
    const startedAt = deps.now();
    const work = engine.plan(input);
    if (work.length === 0) return reportOf([], startedAt, deps.now(), null);
    const ordered = engine.longestFirst(work);
    const job = deps.jobs.create({
      kind: SYNC_JOB_KIND,
      title: jobTitle(input, work, trigger),
      items: ordered.map((w) => ({ key: w.account.label, accountId: w.account.id, input: w.request })),
      params: { mode: input.mode, trigger, ...(input.accountId ? { accountId: input.accountId } : {}), ...(input.names ? { names: input.names.length } : {}) },
    });
    const sync: LiveSync = { progress: engine.progressOf(work.length, job.id), reports: new Map() };
    live.set(job.id, sync);
    let reports: SyncAccountReport[];
    try {
      deps.jobs.start(job.id);
      await deps.jobs.wait(job.id);
      const items = deps.jobs.get(job.id).items;
      const bySeq = ordered.map((w, seq) => sync.reports.get(seq) ?? notRun(w, items[seq]?.error ?? null));
      const byAccount = new Map(ordered.map((w, seq) => [w.account.id, bySeq[seq]!]));
      reports = work.map((w) => byAccount.get(w.account.id)!);
    } finally {
      live.delete(job.id);
    }
    for (const a of reports) {
      if (a.state === 'ok') continue;
      const what = a.error ? `${a.error.code}: ${a.error.message}` : `${a.failed} domain(s) failed`;
      deps.logger.log(a.state === 'failed' ? 'error' : 'warn', 'sync', `${a.account}: ${a.mode} sync ${a.state} (${what})`);
    }
    return reportOf(reports, startedAt, deps.now(), job.id);
  }

  /** An account whose item never ran in this process (cancelled first, account deleted, app closing). */
  function notRun(w: SyncWork, error: { kind: string; message: string } | null): SyncAccountReport {
    return emptyReport(w.account, w.request, deps.now(), null, error ? { code: error.kind, message: error.message } : { code: 'Cancelled', message: 'Cancelled before this account started; nothing was read.' });
  }

  function status(): SyncStatus {
    const next = background.nextRunAt();
    return {
      running: engine.running(),
      jobIds: [...live.keys()],
      intervalMinutes: intervalMinutes(),
      nextRunAt: next === null ? null : new Date(next).toISOString(),
      accounts: domains.accountSummaries().map((a) => {
        const last = runs.lastFinished(a.id);
        return {
          accountId: a.id,
          account: a.label,
          registrar: a.registrar as RegistrarId,
          domains: a.domains,
          lastSyncedAt: a.lastSyncAt === null ? null : new Date(a.lastSyncAt).toISOString(),
          lastRun: last ? toReport(last, a.label, a.registrar as RegistrarId) : null,
        };
      }),
    };
  }

  return {
    run,
    status,
    /**
     * Re-reads a few names as part of another job (a bulk change refreshing
     * what it changed): not a job of its own, so a 1,000-name renewal does
     * not leave 1,000 sync jobs behind; the calling job's item carries it.
     */
    async refreshNames(accountId: string, names: readonly string[]): Promise<SyncReport> {
      return engine.run({ accountId, names, mode: 'incremental' });
    },
    configure(input: { intervalMinutes: number }): SyncStatus {
      deps.settings.set(INTERVAL_KEY, input.intervalMinutes);
      background.configure(input.intervalMinutes);
      return status();
    },
    /** For shells that stay open (web, Electron): refresh in the background on the configured interval. */
    startBackground(): void {
      background.start(intervalMinutes());
    },
    stop(): void {
      background.stop();
      // A trigram fill still running after a big load is completed now rather than resumed on the next start.
      searchIndex.finish();
    },
    /** The accounts service's removal hook: with "delete history", the account's events go too (its rows cascade). */
    forgetAccount(accountId: string, options: { deleteHistory: boolean }): void {
      if (options.deleteHistory) events.purgeAccount(accountId);
    },
  };
}
export type SyncService = ReturnType<typeof createSyncService>;

/** English, like every journal title (the journal is a log; the UI words states and counts itself). */
function jobTitle(input: SyncRunInput, work: readonly SyncWork[], trigger: SyncTrigger): string {
  const mode = input.mode === 'full' ? 'full' : 'incremental';
  if (input.names) {
    const n = input.names.length;
    return `Refresh ${n} name${n === 1 ? '' : 's'}${work.length === 1 ? ` in ${work[0]!.account.label}` : ''}`;
  }
  const what = input.accountId !== undefined ? work[0]!.account.label : `${work.length} account${work.length === 1 ? '' : 's'}`;
  return trigger === 'background' ? `Background refresh of ${what}` : `Sync ${what} (${mode})`;
}

function toReport(r: StoredSyncRun, account: string, registrar: RegistrarId): SyncAccountReport {
  return {
    runId: r.id,
    accountId: r.accountId,
    account,
    registrar,
    mode: r.mode,
    state: r.state === 'running' ? 'failed' : r.state,
    startedAt: new Date(r.startedAt).toISOString(),
    finishedAt: new Date(r.finishedAt ?? r.startedAt).toISOString(),
    ...syncRunCounts(r),
    domainErrors: r.domainErrors,
    error: r.errorCode === null ? null : { code: r.errorCode, message: r.error ?? '' },
  };
}
