import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventBus } from '../../src-main/app/events.js';
import { createLogger } from '../../src-main/app/logger.js';
import { openDatabase, type Db } from '../../src-main/db/connection.js';
import { createScheduler, type Scheduler } from '../../src-main/scheduler/index.js';
import { SecretRegistry } from '../../src-main/vault/redact.js';

export interface TestScheduler {
  dir: string;
  db: Db;
  scheduler: Scheduler;
  close(): Promise<void>;
}

/** A scheduler over a fresh data folder (real clock, silent logger), without the rest of the app. */
export function openTestScheduler(prefix: string): TestScheduler {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const { db } = openDatabase(dir);
  const scheduler = createScheduler({ dataDir: dir, db, clock: { now: Date.now }, events: new EventBus(), logger: createLogger(db, new SecretRegistry(), Date.now, false) });
  return {
    dir,
    db,
    scheduler,
    close: async () => {
      await scheduler.close();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
