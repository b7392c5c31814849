import type { SyncAccountReport, SyncReport, SyncStatus } from '../../src-shared/contract/areas/portfolio.js';
import type { EventBus } from '../app/events.js';
import type { Logger } from '../app/logger.js';
import type { Db } from '../db/connection.js';
import { createDomainEventsRepo } from '../db/repos/domain-events.js';
import { createSearchIndex } from '../db/repos/domain-search-index.js';
import { createDomainsRepo } from '../db/repos/domains.js';
import type { SettingsRepo } from '../db/repos/settings.js';
import { createSyncRunsRepo, type StoredSyncRun } from '../db/repos/sync-runs.js';
import type { RegistrarAdapter, RegistrarId } from '../registrars/types.js';
import { createBackgroundSync } from '../sync/background.js';
import { createSyncEngine, type SyncRunInput } from '../sync/engine.js';

export interface SyncServiceDeps {
  db: Db;
  settings: SettingsRepo;
  events: EventBus;
  logger: Logger;
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

/** Sync now, sync status and the background schedule, for the contract and the CLI. */
export function createSyncService(deps: SyncServiceDeps) {
  const domains = createDomainsRepo(deps.db);
  const runs = createSyncRunsRepo(deps.db);
  const events = createDomainEventsRepo(deps.db);
  const searchIndex = createSearchIndex(deps.db);
  if (searchIndex.recover()) deps.logger.log('warn', 'sync', 'A sync was interrupted while loading names; the search index was rebuilt.');
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
  const intervalMinutes = () => deps.settings.get<number>(INTERVAL_KEY) ?? DEFAULT_SYNC_INTERVAL_MINUTES;
  const background = createBackgroundSync({
    now: deps.now,
    run: () => run({ mode: 'incremental' }),
    onError: (err) => deps.logger.log('error', 'sync', `Background sync failed: ${err instanceof Error ? err.message : String(err)}`),
  });

  async function run(input: SyncRunInput): Promise<SyncReport> {
    const report = await engine.run(input);
    for (const a of report.accounts) {
      if (a.state === 'ok') continue;
      const what = a.error ? `${a.error.code}: ${a.error.message}` : `${a.failed} domain(s) failed`;
      deps.logger.log(a.state === 'failed' ? 'error' : 'warn', 'sync', `${a.account}: ${a.mode} sync ${a.state} (${what})`);
    }
    return report;
  }

  function status(): SyncStatus {
    const next = background.nextRunAt();
    return {
      running: engine.running(),
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
    },
    /** The accounts service's removal hook: with "delete history", the account's events go too (its rows cascade). */
    forgetAccount(accountId: string, options: { deleteHistory: boolean }): void {
      if (options.deleteHistory) events.purgeAccount(accountId);
    },
  };
}
export type SyncService = ReturnType<typeof createSyncService>;

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
    pages: r.pages,
    detailReads: r.detailReads,
    seen: r.seen,
    added: r.added,
    updated: r.updated,
    unchanged: r.unchanged,
    removed: r.removed,
    flagged: r.flagged,
    failed: r.failed,
    domainErrors: r.domainErrors,
    error: r.errorCode === null ? null : { code: r.errorCode, message: r.error ?? '' },
  };
}
