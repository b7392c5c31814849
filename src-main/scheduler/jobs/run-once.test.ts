import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../src-shared/contract.js';
import { EventBus } from '../../app/events.js';
import { createLogger } from '../../app/logger.js';
import { openDatabase, type Db } from '../../db/connection.js';
import { SecretRegistry } from '../../vault/redact.js';
import { createScheduler, EndItem, stopReasonOf, type JobKindHandler, type Scheduler } from '../index.js';

/**
 * Run-once job kinds (sync): never paused or resumed; cancel ends running
 * items with what they did; a close or a crash closes the job as failed
 * with the kind's reason instead of resuming it.
 */
let dir: string;
const opened: { db: Db; scheduler: Scheduler }[] = [];

function open() {
  const { db } = openDatabase(dir);
  const scheduler = createScheduler({ dataDir: dir, db, clock: { now: Date.now }, events: new EventBus(), logger: createLogger(db, new SecretRegistry(), Date.now, false) });
  opened.push({ db, scheduler });
  return { db, scheduler };
}

const ONCE = { message: 'A read-all cannot be paused or resumed.', messageKey: 'test.once', interrupted: 'Stopped before it finished; run it again.' };

/** Items that run until their signal fires, then end cancelled with what they "read". */
function onceHandler(started: string[] = []): JobKindHandler {
  return {
    isWrite: false,
    runOnce: ONCE,
    run: (item, ctx) =>
      new Promise((_, reject) => {
        started.push(item.key);
        ctx.signal.addEventListener('abort', () => reject(new EndItem('cancelled', 'Cancelled', `stopped (${stopReasonOf(ctx.signal)})`, { read: 3 })), { once: true });
      }),
  };
}

const items = (n: number) => Array.from({ length: n }, (_, i) => ({ key: `acct-${i}`, accountId: null }));

/** A PID that is certainly not running: a child that has already exited. */
function deadPid(): number {
  return Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dd-run-once-'));
});

afterEach(async () => {
  for (const o of opened.splice(0)) {
    await o.scheduler.close();
    o.db.close();
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('run-once jobs', () => {
  it("refuses pause and resume in the kind's own words; cancel ends running items with their result and cancels the rest", async () => {
    const { scheduler } = open();
    const started: string[] = [];
    scheduler.jobs.registerKind('readall', onceHandler(started));
    const job = scheduler.jobs.create({ kind: 'readall', title: 'Read all', items: items(2) });
    expect(job.pausable).toBe(false);
    scheduler.jobs.start(job.id);
    await new Promise((r) => setTimeout(r, 20));
    expect(started).toEqual(['acct-0', 'acct-1']);
    let refused: unknown = null;
    try {
      scheduler.jobs.pause(job.id);
    } catch (err) {
      refused = err;
    }
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: 'Conflict', message: ONCE.message, extra: { messageKey: 'test.once' } });

    scheduler.jobs.cancel(job.id);
    const done = await scheduler.jobs.wait(job.id);
    expect(done).toMatchObject({ state: 'cancelled', totals: { cancelled: 2, unconfirmed: 0 } });
    const detail = scheduler.jobs.get(job.id);
    expect(detail.items[0]).toMatchObject({ state: 'cancelled', result: { read: 3 }, error: { kind: 'Cancelled', message: 'stopped (cancel)' } });
    expect(() => scheduler.jobs.resume(job.id)).toThrow(ONCE.message);
  });

  it('a job the app closes in the middle is closed as failed with the reason, not left for resumeInterrupted', async () => {
    const { scheduler } = open();
    scheduler.jobs.registerKind('readall', onceHandler());
    const job = scheduler.jobs.create({ kind: 'readall', title: 'Read all', items: items(1) });
    scheduler.jobs.start(job.id);
    await new Promise((r) => setTimeout(r, 20));
    await scheduler.close();
    const after = scheduler.jobs.get(job.id);
    expect(after).toMatchObject({ state: 'failed', note: ONCE.interrupted });
    // The handler ended the item (as cancelled, with its reason "close"); the job is what says it was interrupted.
    expect(after.items[0]).toMatchObject({ state: 'cancelled', error: { message: 'stopped (close)' } });
  });

  it('a job a dead process left running is closed as failed on the next start: running items fail "Interrupted", queued ones are cancelled', async () => {
    const { db, scheduler } = open();
    scheduler.jobs.registerKind('readall', onceHandler());
    const job = scheduler.jobs.create({ kind: 'readall', title: 'Read all', items: items(2) });
    // What a kill -9 leaves: the job running, owned by a PID that is gone, one item mid-way.
    db.prepare("UPDATE jobs SET state = 'running', started_at = ?, owner_id = 'dead', owner_pid = ?, owner_host = ?, heartbeat_at = ? WHERE id = ?").run(Date.now(), deadPid(), hostname(), Date.now(), job.id);
    db.prepare("UPDATE job_items SET state = 'running', attempt = 1 WHERE job_id = ? AND seq = 0").run(job.id);

    const next = open();
    const started: string[] = [];
    next.scheduler.jobs.registerKind('readall', onceHandler(started));
    expect(next.scheduler.jobs.resumeInterrupted()).toEqual([]);
    const closed = next.scheduler.jobs.get(job.id);
    expect(closed).toMatchObject({ state: 'failed', note: ONCE.interrupted, totals: { failed: 1, cancelled: 1, running: 0, pending: 0 } });
    expect(closed.items[0]).toMatchObject({ state: 'failed', error: { kind: 'Interrupted', message: ONCE.interrupted } });
    expect(started).toEqual([]);
    expect(next.scheduler.jobs.closeInterrupted()).toEqual([]);
  });

  it('a job whose owner still lives is left alone', async () => {
    const { scheduler } = open();
    scheduler.jobs.registerKind('readall', onceHandler());
    const job = scheduler.jobs.create({ kind: 'readall', title: 'Read all', items: items(1) });
    scheduler.jobs.start(job.id);
    const other = open();
    other.scheduler.jobs.registerKind('readall', onceHandler());
    expect(other.scheduler.jobs.closeInterrupted()).toEqual([]);
    expect(other.scheduler.jobs.get(job.id).state).toBe('running');
    // A cancel written by the other process reaches the running items through the signal.
    other.scheduler.jobs.cancel(job.id);
    const done = await scheduler.jobs.wait(job.id);
    expect(done.state).toBe('cancelled');
    expect(scheduler.jobs.get(job.id).items[0]).toMatchObject({ state: 'cancelled', error: { message: 'stopped (cancel)' } });
  });
});
