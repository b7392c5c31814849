import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LaneStateView } from '../../src-shared/contract/areas/jobs.js';
import { EventBus } from '../app/events.js';
import { createLogger } from '../app/logger.js';
import { openDatabase, type Db } from '../db/connection.js';
import { RegistrarError } from '../registrars/errors.js';
import { SecretRegistry } from '../vault/redact.js';
import { createScheduler, type Scheduler } from './index.js';

let dir: string;
let db: Db;
let events: EventBus;
let scheduler: Scheduler;

function addAccount(id: string, registrar: string, lanePolicy: unknown) {
  db.prepare("INSERT INTO accounts (id, registrar, label, vault_id, settings, created_at, updated_at) VALUES (?, ?, ?, 'v', ?, 0, 0)").run(id, registrar, id, JSON.stringify({ lanePolicy }));
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dd-sched-'));
  db = openDatabase(dir).db;
  events = new EventBus();
  scheduler = createScheduler({ dataDir: dir, db, clock: { now: Date.now }, events, logger: createLogger(db, new SecretRegistry(), Date.now, false) });
});

afterEach(async () => {
  await scheduler.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('scheduler', () => {
  it('gives one lane per account, the same object every time', () => {
    const a = scheduler.lane({ registrar: 'dynadot', accountId: 'a', label: 'dyn-a' });
    expect(scheduler.lane({ registrar: 'dynadot', accountId: 'a', label: 'dyn-a' })).toBe(a);
    expect(scheduler.lane({ registrar: 'dynadot', accountId: 'b', label: 'dyn-b' })).not.toBe(a);
    expect(scheduler.laneStates().map((s) => s.key)).toEqual(['dynadot:a', 'dynadot:b']);
  });

  it('applies stored per-account overrides, and ignores (never obeys) one that breaks a registrar rule', () => {
    addAccount('m', 'mrdomain', { minSpacingMs: 1000 });
    addAccount('d', 'dynadot', { maxInFlight: 3 });
    expect(scheduler.lane({ registrar: 'mrdomain', accountId: 'm', label: 'm' }).policy().minSpacingMs).toBe(1000);
    expect(scheduler.lane({ registrar: 'dynadot', accountId: 'd', label: 'd' }).policy().maxInFlight).toBe(1);
    const warned = db.prepare("SELECT message FROM app_log WHERE source = 'scheduler'").all() as { message: string }[];
    expect(warned[0]?.message).toMatch(/Ignoring the lane policy stored for account d/);
    expect(() => scheduler.lane({ registrar: 'dynadot', accountId: 'd', label: 'd' }, { maxInFlight: 2 })).toThrow(/maxInFlight must stay 1/);
  });

  it('emits lane.state when a lane pauses, and logs every request without its secrets', async () => {
    const seen: LaneStateView[] = [];
    events.subscribe('lane.state', (p) => seen.push(p as LaneStateView));
    const lane = scheduler.lane({ registrar: 'mrdomain', accountId: 'm2', label: 'mrd-a' });
    const until = Date.now() + 60_000;
    const blocked = new RegistrarError({ kind: 'AccountBlocked', registrar: 'mrdomain', code: '1010', message: 'blocked; apipasswd=hunter22 was used', until });
    await expect(lane.run({ command: 'domain/list', kind: 'read' }, async () => Promise.reject(blocked))).rejects.toBe(blocked);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ key: 'mrdomain:m2', label: 'mrd-a', pauseReason: 'blocked', pausedUntil: new Date(until).toISOString() });
    // The request log is buffered; a normal close writes everything.
    await scheduler.close();
    const log = readFileSync(join(dir, 'logs', 'requests.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(log.at(-1)).toMatchObject({ registrar: 'mrdomain', account: 'mrd-a', command: 'domain/list', outcome: 'AccountBlocked', code: '1010' });
    expect(JSON.stringify(log)).not.toContain('hunter22');
  });
});
