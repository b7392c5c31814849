import type { Dispatcher as HttpDispatcher } from 'undici';
import { getGlobalDispatcher } from 'undici';
import { openDatabase, type Db } from '../db/connection.js';
import { createAccountsRepo } from '../db/repos/accounts.js';
import { createSettingsRepo } from '../db/repos/settings.js';
import { adapterFactories } from '../registrars/index.js';
import { createScheduler, type Scheduler } from '../scheduler/index.js';
import { createAccountsService, type AccountsService } from '../services/accounts-service.js';
import { createAppService, type AppService } from '../services/app-service.js';
import { createBulkService, type BulkService } from '../services/bulk-service.js';
import { createJobsService, type JobsService } from '../services/jobs-service.js';
import { createPortfolioService, type PortfolioService } from '../services/portfolio-service.js';
import { createPortfolioIoService, type PortfolioIoService } from '../services/portfolio-io/index.js';
import { createSyncService, type SyncService } from '../services/sync-service.js';
import { SecretRegistry } from '../vault/redact.js';
import type { Vault } from '../vault/vault.js';
import { ensureWritableDataDir } from './data-dir.js';
import { EventBus } from './events.js';
import { createLogger, type Logger } from './logger.js';
import { APP_VERSION } from './version.js';

export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export interface OpenAppOptions {
  dataDir: string;
  vault: Vault;
  clock?: Clock;
  /** undici dispatcher every registrar call goes through (tests inject a MockAgent or a sandbox-bound Agent). */
  http?: HttpDispatcher;
  demo?: boolean;
}

/** Everything the contract calls into, composed once per data dir. Nothing global: tests open many. */
export interface DomainDeckApp {
  dataDir: string;
  db: Db;
  events: EventBus;
  logger: Logger;
  secrets: SecretRegistry;
  clock: Clock;
  http: HttpDispatcher;
  vault: Vault;
  scheduler: Scheduler;
  services: {
    app: AppService;
    accounts: AccountsService;
    jobs: JobsService;
    portfolio: PortfolioService;
    sync: SyncService;
    bulk: BulkService;
    portfolioIo: PortfolioIoService;
  };
  /**
   * For long-running shells (web, Electron): resume jobs a crash or kill
   * interrupted (reconciling unconfirmed writes first) and start the
   * scheduled background sync. One-shot CLI commands do neither.
   */
  startBackground(): void;
  close(): Promise<void>;
}

export async function openApp(options: OpenAppOptions): Promise<DomainDeckApp> {
  const clock = options.clock ?? systemClock;
  ensureWritableDataDir(options.dataDir);
  const opened = openDatabase(options.dataDir, { now: clock.now });
  const events = new EventBus();
  const secrets = new SecretRegistry();
  const logger = createLogger(opened.db, secrets, clock.now);
  if (opened.recoveredFrom) logger.log('warn', 'db', `Corrupt database moved aside to ${opened.recoveredFrom}`);
  if (opened.backupPath) logger.log('info', 'db', `Backed up the database before migrating: ${opened.backupPath}`);
  const settings = createSettingsRepo(opened.db);
  const app = createAppService({
    version: APP_VERSION,
    dataDir: options.dataDir,
    db: opened.db,
    schemaVersion: opened.schemaVersion,
    recoveredFrom: opened.recoveredFrom,
    demo: options.demo ?? false,
    vault: options.vault,
    settings,
    events,
  });
  const http = options.http ?? getGlobalDispatcher();
  const scheduler = createScheduler({ dataDir: options.dataDir, db: opened.db, clock, events, logger, redact: (t) => secrets.redact(t) });
  const accounts = createAccountsService({
    repo: createAccountsRepo(opened.db),
    vault: options.vault,
    secrets,
    logger,
    events,
    now: () => clock.now(),
    http,
    lanes: scheduler,
    factories: adapterFactories,
  });
  const jobs = createJobsService({ scheduler });
  const portfolio = createPortfolioService({ db: opened.db, now: () => clock.now() });
  const portfolioIo = createPortfolioIoService({ db: opened.db, now: () => clock.now() });
  const sync = createSyncService({
    db: opened.db,
    settings,
    events,
    logger,
    jobs: scheduler.jobs,
    now: () => clock.now(),
    redact: (t) => secrets.redact(t),
    adapterFor: (id) => accounts.adapterFor(id),
    markSynced: (id, at) => accounts.markSynced(id, at),
  });
  accounts.onRemove((id, removal) => sync.forgetAccount(id, removal));
  // Registers the bulk job kinds; must happen before interrupted jobs are resumed.
  const bulk = createBulkService({
    jobs: scheduler.jobs,
    adapterFor: (id) => accounts.adapterFor(id),
    query: (input) => portfolio.query({ ...input, sort: [{ column: 'name', desc: false }] }),
    byIds: (ids) => portfolio.byIds(ids),
    byNames: (names) => portfolio.byNames(names),
    refresh: async (accountId, names) => {
      await sync.refreshNames(accountId, names);
    },
    log: (level, message) => logger.log(level, 'bulk', message),
  });
  let closed = false;
  return {
    dataDir: options.dataDir,
    db: opened.db,
    events,
    logger,
    secrets,
    clock,
    http,
    vault: options.vault,
    scheduler,
    services: { app, accounts, jobs, portfolio, sync, bulk, portfolioIo },
    startBackground() {
      const resumed = scheduler.jobs.resumeInterrupted();
      if (resumed.length) logger.log('info', 'jobs', `Resumed ${resumed.length} interrupted job(s): ${resumed.join(', ')}`);
      sync.startBackground();
    },
    async close() {
      if (closed) return;
      closed = true;
      sync.stop();
      await scheduler.close();
      opened.db.close();
    },
  };
}
