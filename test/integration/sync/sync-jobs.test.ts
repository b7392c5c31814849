import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobDetail, JobProgress, JobSummary } from '../../../src-shared/contract/areas/jobs.js';
import type { SyncProgress, SyncReport, SyncStatus } from '../../../src-shared/contract/areas/portfolio.js';
import type { DomainDeckApp } from '../../../src-main/app/open-app.js';
import { createAppDispatcher } from '../../../src-main/rpc/index.js';
import { startSandbox, type RunningSandbox } from '../../../src-main/sandbox/server.js';
import { openTestApp } from '../../helpers/open-test-app.js';

/**
 * Issue 7: every sync is a job in the journal, one item per account, with
 * the account's counts as its result; a failing account fails its item with
 * its reason while the others succeed; cancel stops each account after the
 * page it is writing and leaves a consistent cache; pause/resume are refused.
 */
const NAMES = 400;
const BAD_TOKEN = `drk_${'x'.repeat(40)}`;
let sandbox: RunningSandbox;
let app: DomainDeckApp;

/** The contract as a shell calls it, on one app. */
function contract(target: DomainDeckApp) {
  const rpc = createAppDispatcher(target);
  return {
    async call<T>(method: string, input: unknown): Promise<T> {
      const r = await rpc.dispatch(method as never, input as never);
      if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
      return r.value as T;
    },
    async callError(method: string, input: unknown): Promise<{ code: string; message: string }> {
      const r = await rpc.dispatch(method as never, input as never);
      if (r.ok) throw new Error(`${method} was expected to fail`);
      return r.error;
    },
  };
}
let call: ReturnType<typeof contract>['call'];

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'sync-jobs', domains: NAMES });
  app = await openTestApp();
  ({ call } = contract(app));
  const d = sandbox.descriptor.registrars;
  await app.services.accounts.add({ registrar: 'mrdomain', label: 'mrd-a', endpoint: d.mrdomain.endpoint, credentials: d.mrdomain.accounts[0]!.credentials });
  await app.services.accounts.add({ registrar: 'reseller', label: 'rsl-a', endpoint: d.reseller.endpoint, credentials: d.reseller.accounts[0]!.credentials });
  // A token the registrar refuses: this account fails, the others must not notice.
  await app.services.accounts.add({ registrar: 'reseller', label: 'rsl-bad', endpoint: d.reseller.endpoint, credentials: { token: BAD_TOKEN } });
});

afterAll(async () => {
  await app?.close();
  await sandbox?.close().catch(() => undefined);
});

describe('sync in the job journal', () => {
  it('runs as a job with one item per account and its counts; a failing account fails alone, with its reason and no secret', async () => {
    const progress: SyncProgress[] = [];
    const jobEvents: JobProgress[] = [];
    const offSync = app.events.subscribe('sync.progress', (p) => progress.push(p as SyncProgress));
    const offJob = app.events.subscribe('job.progress', (p) => jobEvents.push(p as JobProgress));
    const report = await call<SyncReport>('sync.run', {});
    offSync();
    offJob();

    expect(report.jobId).toEqual(expect.any(String));
    expect(report.accounts.map((a) => [a.account, a.state, a.error?.code ?? null])).toEqual([
      ['mrd-a', 'ok', null],
      ['rsl-a', 'ok', null],
      ['rsl-bad', 'failed', 'AuthFailed'],
    ]);

    const job = await call<JobDetail>('jobs.get', { id: report.jobId });
    expect(job).toMatchObject({ kind: 'sync', isWrite: false, pausable: false, state: 'done', title: 'Sync 3 accounts (full)' });
    expect(job.totals).toMatchObject({ total: 3, done: 2, failed: 1, unconfirmed: 0, pending: 0, running: 0 });
    const byKey = new Map(job.items.map((i) => [i.key, i]));
    for (const a of report.accounts.filter((r) => r.state === 'ok')) {
      const item = byKey.get(a.account)!;
      expect(item).toMatchObject({ accountId: a.accountId, state: 'done', error: null });
      expect(item.result).toMatchObject({ runId: a.runId, added: a.added, updated: a.updated, removed: a.removed, flagged: a.flagged, requests: a.pages + a.detailReads });
      expect(a.added).toBe(NAMES);
    }
    const bad = byKey.get('rsl-bad')!;
    expect(bad.state).toBe('failed');
    expect(bad.error).toMatchObject({ kind: 'AuthFailed' });
    expect(bad.error!.message.length).toBeGreaterThan(10);
    expect(JSON.stringify(job)).not.toContain(BAD_TOKEN);

    // Progress: sync events carry the job, and the journal reported the job itself.
    expect(progress.length).toBeGreaterThan(3);
    expect(progress.every((p) => p.jobId === report.jobId && p.accountsTotal === 3)).toBe(true);
    expect(progress.at(-1)?.accountsDone).toBe(3);
    expect(jobEvents.some((e) => e.jobId === report.jobId && e.state === 'done' && e.done === 2 && e.failed === 1)).toBe(true);

    const list = await call<{ items: JobSummary[] }>('jobs.list', { limit: 10 });
    expect(list.items[0]).toMatchObject({ id: report.jobId, kind: 'sync' });
    const status = await call<SyncStatus>('sync.status', {});
    expect(status.jobIds).toEqual([]);
  });

  it('starts the account with the most registrar calls first and still reports in account order', async () => {
    const before = await call<SyncStatus>('sync.status', {});
    const calls = new Map(before.accounts.map((a) => [a.account, a.lastRun && a.lastRun.state !== 'failed' ? a.lastRun.pages + a.lastRun.detailReads : 0]));
    const report = await call<SyncReport>('sync.run', { mode: 'incremental' });
    expect(report.accounts.map((a) => a.account)).toEqual(['mrd-a', 'rsl-a', 'rsl-bad']);
    const job = await call<JobDetail>('jobs.get', { id: report.jobId });
    const expected = ['mrd-a', 'rsl-a', 'rsl-bad'].sort((a, b) => calls.get(b)! - calls.get(a)!);
    expect(calls.get('rsl-a')).toBeGreaterThan(calls.get('mrd-a')!);
    expect(job.items.map((i) => i.key)).toEqual(expected);
    expect(job.title).toBe('Sync 3 accounts (incremental)');
  });

  it('cancel stops the account after the page it is writing; what was stored stays whole and the next sync completes it', async () => {
    // A fresh cache, so the account's first pass is the one cancelled.
    const other = await openTestApp();
    try {
      const { call: call2, callError } = contract(other);
      const d = sandbox.descriptor.registrars;
      const account = await other.services.accounts.add({ registrar: 'reseller', label: 'rsl-a', endpoint: d.reseller.endpoint, credentials: d.reseller.accounts[0]!.credentials });
      const cached = (): number => (other.db.prepare('SELECT count(*) AS n FROM domains WHERE account_id = ? AND removed_at IS NULL').get(account.id) as { n: number }).n;
      sandbox.setFaults({ reseller: { latency: { ms: 150, jitter: 0 } } });
      let jobId: string | null = null;
      const firstPageStored = new Promise<void>((resolve) => {
        const off = other.events.subscribe('sync.progress', (p) => {
          const e = p as SyncProgress;
          if (e.phase === 'listing' && e.done > 0) {
            jobId = e.jobId;
            off();
            resolve();
          }
        });
      });
      const running = call2<SyncReport>('sync.run', {});
      await firstPageStored;
      expect((await call2<SyncStatus>('sync.status', {})).jobIds).toEqual([jobId]);

      // A sync cannot be paused: the refusal says what to do instead.
      const paused = await callError('jobs.pause', { id: jobId });
      expect(paused.code).toBe('Conflict');
      expect(paused.message).toMatch(/cannot be paused or resumed/);

      const summary = await call2<JobSummary>('jobs.cancel', { id: jobId });
      expect(summary.state).toBe('cancelled');
      const report = await running;
      sandbox.setFaults({ reseller: null });
      const [acct] = report.accounts;
      expect(report.jobId).toBe(jobId);
      expect(acct).toMatchObject({ account: 'rsl-a', state: 'failed', error: { code: 'Cancelled' }, removed: 0 });
      expect(acct!.seen).toBeGreaterThan(0);
      expect(acct!.seen).toBeLessThan(NAMES);
      // Whole pages only, every stored name counted, nothing marked removed.
      expect(cached()).toBe(acct!.seen);
      expect(acct!.added).toBe(acct!.seen);
      expect(acct!.seen % 100).toBe(0);

      const job = await call2<JobDetail>('jobs.get', { id: jobId });
      expect(job.state).toBe('cancelled');
      expect(job.items).toHaveLength(1);
      expect(job.items[0]).toMatchObject({ key: 'rsl-a', state: 'cancelled', error: { kind: 'Cancelled' }, result: { added: acct!.added, removed: 0 } });
      const resumed = await callError('jobs.resume', { id: jobId });
      expect(resumed.message).toMatch(/cannot be paused or resumed/);
      const status = await call2<SyncStatus>('sync.status', {});
      expect(status.accounts[0]?.lastRun?.error?.code).toBe('Cancelled');

      const again = await call2<SyncReport>('sync.run', {});
      expect(again.accounts[0]).toMatchObject({ state: 'ok', seen: NAMES, added: NAMES - acct!.seen, removed: 0 });
      expect(cached()).toBe(NAMES);
      const removedEvents = other.db.prepare("SELECT count(*) AS n FROM domain_events WHERE account_id = ? AND kind = 'removed'").get(account.id) as { n: number };
      expect(removedEvents.n).toBe(0);
    } finally {
      sandbox.setFaults({ reseller: null });
      await other.close();
    }
  });
});
