import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JobProgress } from '../../../src-shared/contract/areas/jobs.js';
import { AppError } from '../../../src-shared/contract.js';
import { EventBus } from '../../app/events.js';
import { createLogger } from '../../app/logger.js';
import { openDatabase, type Db } from '../../db/connection.js';
import { RegistrarError } from '../../registrars/errors.js';
import { SecretRegistry } from '../../vault/redact.js';
import { createScheduler, SkipItem, type JobKindHandler, type Scheduler } from '../index.js';

let dir: string;
const opened: { db: Db; scheduler: Scheduler }[] = [];

function open() {
  const { db } = openDatabase(dir);
  const events = new EventBus();
  const secrets = new SecretRegistry();
  secrets.addCredential({ key: 'SECRETKEY123' });
  const scheduler = createScheduler({ dataDir: dir, db, clock: { now: Date.now }, events, logger: createLogger(db, secrets, Date.now, false), redact: (t) => secrets.redact(t) });
  opened.push({ db, scheduler });
  return { db, events, scheduler };
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dd-jobs-'));
});

afterEach(async () => {
  for (const o of opened.splice(0)) {
    await o.scheduler.close();
    o.db.close();
  }
  rmSync(dir, { recursive: true, force: true });
});

const unknown = () => new RegistrarError({ kind: 'OutcomeUnknown', registrar: 'dynadot', message: 'connection dropped after send' });
const names = (n: number) => Array.from({ length: n }, (_, i) => ({ key: `d${i}.com`, input: { years: 1 } }));

/** A renew-like write handler that records every send and answers reconcile from a script. */
function writeHandler(script: { failFirst?: Set<string>; verdict?: 'applied' | 'not-applied' | 'unknown' } = {}) {
  const sends: { key: string; idem: string; attempt: number }[] = [];
  const reconciles: string[] = [];
  const handler: JobKindHandler<{ years: number }> = {
    isWrite: true,
    async run(item) {
      sends.push({ key: item.key, idem: item.idempotencyKey, attempt: item.attempt });
      if (script.failFirst?.has(item.key) && sends.filter((s) => s.key === item.key).length === 1) throw unknown();
      return { renewed: item.key };
    },
    async reconcile(item) {
      reconciles.push(item.key);
      return script.verdict ?? 'applied';
    },
  };
  return { handler, sends, reconciles };
}

describe('job journal', () => {
  it('stores an idempotency key per item before anything runs, then runs the job to done with progress', async () => {
    const { scheduler, events } = open();
    const progress: JobProgress[] = [];
    events.subscribe('job.progress', (p) => progress.push(p as JobProgress));
    const seen: string[] = [];
    scheduler.jobs.registerKind('check', { isWrite: false, run: async (item) => void seen.push(item.idempotencyKey) });
    const job = scheduler.jobs.create({ kind: 'check', title: 'Check 5', items: names(5) });
    const before = scheduler.jobs.get(job.id);
    expect(before.state).toBe('queued');
    expect(new Set(before.items.map((i) => i.idempotencyKey)).size).toBe(5);
    scheduler.jobs.start(job.id);
    const done = await scheduler.jobs.wait(job.id);
    expect(done.state).toBe('done');
    expect(done.totals).toMatchObject({ total: 5, done: 5, failed: 0, pending: 0 });
    expect(seen.sort()).toEqual(before.items.map((i) => i.idempotencyKey).sort());
    expect(progress.at(-1)).toMatchObject({ jobId: job.id, state: 'done', done: 5, total: 5 });
  });

  it('never re-sends a write whose outcome is unknown: it is reconciled, and "applied" makes it done', async () => {
    const { scheduler } = open();
    const w = writeHandler({ failFirst: new Set(['d1.com']), verdict: 'applied' });
    scheduler.jobs.registerKind('renew', w.handler);
    const job = scheduler.jobs.create({ kind: 'renew', title: 'Renew 3', items: names(3) });
    scheduler.jobs.start(job.id);
    const done = await scheduler.jobs.wait(job.id);
    expect(done.state).toBe('done');
    expect(w.sends.filter((s) => s.key === 'd1.com')).toHaveLength(1);
    expect(w.reconciles).toEqual(['d1.com']);
    const item = scheduler.jobs.get(job.id).items[1]!;
    expect(item).toMatchObject({ state: 'done', result: { reconciled: 'applied' }, error: null });
    expect(scheduler.jobs.attempts(job.id, 1).map((a) => [a.action, a.outcome])).toEqual([
      ['run', 'unconfirmed'],
      ['reconcile', 'applied'],
    ]);
  });

  it('re-sends only after the registrar confirms "not applied", with the same idempotency key', async () => {
    const { scheduler } = open();
    const w = writeHandler({ failFirst: new Set(['d0.com']), verdict: 'not-applied' });
    scheduler.jobs.registerKind('renew', w.handler);
    const job = scheduler.jobs.create({ kind: 'renew', title: 'Renew 1', items: names(1) });
    scheduler.jobs.start(job.id);
    expect((await scheduler.jobs.wait(job.id)).state).toBe('done');
    expect(w.sends.map((s) => s.attempt)).toEqual([1, 2]);
    expect(new Set(w.sends.map((s) => s.idem)).size).toBe(1);
  });

  it('leaves an item unconfirmed when reconcile cannot tell, pauses the job, and never re-sends it', async () => {
    const { scheduler } = open();
    const w = writeHandler({ failFirst: new Set(['d0.com']), verdict: 'unknown' });
    scheduler.jobs.registerKind('renew', w.handler);
    const job = scheduler.jobs.create({ kind: 'renew', title: 'Renew 2', items: names(2) });
    scheduler.jobs.start(job.id);
    const paused = await scheduler.jobs.wait(job.id);
    expect(paused.state).toBe('paused');
    expect(paused.note).toMatch(/1 item\(s\) could not be confirmed/);
    expect(paused.totals).toMatchObject({ unconfirmed: 1, done: 1 });
    scheduler.jobs.resume(job.id);
    await scheduler.jobs.wait(job.id);
    expect(w.sends.filter((s) => s.key === 'd0.com')).toHaveLength(1);
    expect(w.reconciles).toEqual(['d0.com', 'd0.com']);
  });

  it('survives a crash: writes left running are reconciled (not re-sent), reads are re-run, done items are left alone', async () => {
    const first = open();
    const w1 = writeHandler();
    first.scheduler.jobs.registerKind('renew', w1.handler);
    first.scheduler.jobs.registerKind('check', { isWrite: false, run: async () => 'ok' });
    const renew = first.scheduler.jobs.create({ kind: 'renew', title: 'Renew 3', items: names(3) });
    const check = first.scheduler.jobs.create({ kind: 'check', title: 'Check 2', items: names(2) });
    // What kill -9 leaves behind: item 0 done, item 1 mid-request, the owner process gone.
    for (const id of [renew.id, check.id]) {
      first.db.prepare("UPDATE job_items SET state = 'done', attempt = 1 WHERE job_id = ? AND seq = 0").run(id);
      first.db.prepare("UPDATE job_items SET state = 'running', attempt = 1 WHERE job_id = ? AND seq = 1").run(id);
      first.db.prepare("UPDATE jobs SET state = 'running', started_at = ?, owner_id = 'dead', owner_pid = 4999999, owner_host = ?, heartbeat_at = ? WHERE id = ?").run(Date.now(), hostname(), Date.now(), id);
    }

    const second = open();
    const w2 = writeHandler({ verdict: 'applied' });
    const reads: string[] = [];
    second.scheduler.jobs.registerKind('renew', w2.handler);
    second.scheduler.jobs.registerKind('check', { isWrite: false, run: async (item) => void reads.push(item.key) });
    expect(second.scheduler.jobs.resumeInterrupted().sort()).toEqual([renew.id, check.id].sort());
    const [r, c] = await Promise.all([second.scheduler.jobs.wait(renew.id), second.scheduler.jobs.wait(check.id)]);
    expect(w2.reconciles).toEqual(['d1.com']);
    expect(w2.sends.map((s) => s.key)).toEqual(['d2.com']);
    expect(r.totals).toMatchObject({ done: 3, unconfirmed: 0 });
    expect(reads.sort()).toEqual(['d1.com']);
    expect(c.totals.done).toBe(2);
  });

  it('refuses to start a job another live process owns', () => {
    const { scheduler, db } = open();
    scheduler.jobs.registerKind('check', { isWrite: false, run: async () => 'ok' });
    const job = scheduler.jobs.create({ kind: 'check', title: 'Check', items: names(1) });
    db.prepare("UPDATE jobs SET state = 'running', owner_id = 'other', owner_pid = ?, owner_host = ?, heartbeat_at = ? WHERE id = ?").run(process.ppid, hostname(), Date.now(), job.id);
    expect(() => scheduler.jobs.start(job.id)).toThrow(AppError);
    expect(scheduler.jobs.resumeInterrupted()).toEqual([]);
  });

  it('fails the items of a deleted account with that reason instead of hanging', async () => {
    const { scheduler } = open();
    const w = writeHandler();
    scheduler.jobs.registerKind('renew', w.handler);
    const job = scheduler.jobs.create({ kind: 'renew', title: 'Renew', items: [{ key: 'gone.com', accountId: 'deleted-account' }] });
    scheduler.jobs.start(job.id);
    const done = await scheduler.jobs.wait(job.id);
    expect(done.state).toBe('failed');
    expect(scheduler.jobs.get(job.id).items[0]!.error).toMatchObject({ kind: 'AccountDeleted' });
    expect(w.sends).toHaveLength(0);
  });

  it('pauses (in-flight item finishes), resumes, and cancels the rest', async () => {
    const { scheduler } = open();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const ran: string[] = [];
    scheduler.jobs.registerKind('slow', {
      isWrite: false,
      run: async (item) => {
        ran.push(item.key);
        await gate;
      },
    });
    const slots = names(10).map((n) => ({ ...n, accountId: null }));
    const job = scheduler.jobs.create({ kind: 'slow', title: 'Slow', items: slots });
    scheduler.jobs.start(job.id);
    await new Promise((r) => setTimeout(r, 20));
    expect(scheduler.jobs.pause(job.id).state).toBe('paused');
    release();
    const paused = await scheduler.jobs.wait(job.id);
    expect(paused.state).toBe('paused');
    // Four ran at once (no account: four slots); the other six were never started.
    expect(paused.totals).toMatchObject({ done: 4, pending: 6 });
    const ranBefore = ran.length;
    scheduler.jobs.resume(job.id);
    const done = await scheduler.jobs.wait(job.id);
    expect(done.state).toBe('done');
    expect(ran).toHaveLength(10);
    expect(new Set(ran).size).toBe(10);
    expect(ranBefore).toBeLessThan(10);

    const other = scheduler.jobs.create({ kind: 'slow', title: 'To cancel', items: names(3) });
    const cancelled = scheduler.jobs.cancel(other.id);
    expect(cancelled).toMatchObject({ state: 'cancelled', totals: { cancelled: 3 } });
    expect(() => scheduler.jobs.start(other.id)).toThrow(/already cancelled/);
  });

  it('retries failed reads on request, skips what needs nothing, and redacts secrets in the journal', async () => {
    const { scheduler } = open();
    let failing = true;
    scheduler.jobs.registerKind('check', {
      isWrite: false,
      run: async (item) => {
        if (item.key === 'd2.com') throw new SkipItem('already renewed elsewhere');
        if (failing && item.key === 'd1.com') throw new Error('upstream said key=SECRETKEY123 is wrong');
        return 'ok';
      },
    });
    const job = scheduler.jobs.create({ kind: 'check', title: 'Check', items: names(3) });
    scheduler.jobs.start(job.id);
    const first = await scheduler.jobs.wait(job.id);
    expect(first.totals).toMatchObject({ done: 1, failed: 1, skipped: 1 });
    const failedItem = scheduler.jobs.get(job.id, { itemState: 'failed' });
    expect(failedItem.itemsTotal).toBe(1);
    expect(JSON.stringify(failedItem.items[0]!.error)).not.toContain('SECRETKEY123');
    failing = false;
    scheduler.jobs.retryFailedReads(job.id);
    expect((await scheduler.jobs.wait(job.id)).totals).toMatchObject({ done: 2, failed: 0, skipped: 1 });
  });

  it('refuses to retry failed writes automatically', () => {
    const { scheduler } = open();
    scheduler.jobs.registerKind('renew', writeHandler().handler);
    const job = scheduler.jobs.create({ kind: 'renew', title: 'Renew', items: names(1) });
    expect(() => scheduler.jobs.retryFailedReads(job.id)).toThrow(/not retried automatically/);
  });
});
