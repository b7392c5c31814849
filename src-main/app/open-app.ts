import type { Dispatcher as HttpDispatcher } from 'undici';
import { getGlobalDispatcher } from 'undici';
import { openDatabase, type Db } from '../db/connection.js';
import { createSettingsRepo } from '../db/repos/settings.js';
import { createAppService, type AppService } from '../services/app-service.js';
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
  services: {
    app: AppService;
  };
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
  let closed = false;
  return {
    dataDir: options.dataDir,
    db: opened.db,
    events,
    logger,
    secrets,
    clock,
    http: options.http ?? getGlobalDispatcher(),
    vault: options.vault,
    services: { app },
    async close() {
      if (closed) return;
      closed = true;
      opened.db.close();
    },
  };
}
