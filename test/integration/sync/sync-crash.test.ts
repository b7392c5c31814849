import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobDetail, JobSummary } from '../../../src-shared/contract/areas/jobs.js';
import type { SyncReport } from '../../../src-shared/contract/areas/portfolio.js';
import { DB_FILE } from '../../../src-main/db/connection.js';
import { startSandbox, type RunningSandbox } from '../../../src-main/sandbox/server.js';
import { SYNC_INTERRUPTED } from '../../../src-main/services/sync/job-kind.js';

/**
 * Issue 7: a sync killed mid-way (real child process, SIGKILL) is not
 * resumed blindly on the next start. Its job is closed as failed with the
 * reason, the account's item says it was interrupted, `jobs resume` refuses
 * it, and the next sync runs normally and completes the account.
 */
const BIN = join(process.cwd(), 'bin/domaindeck.mjs');
const NAMES = 600;
let sandbox: RunningSandbox;
let dir: string;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function start(args: string[], stdin = '') {
  const child = spawn(process.execPath, [BIN, '--data-dir', dir, ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DOMAINDECK_PASSPHRASE: 'sync-crash-test', DOMAINDECK_LANG: 'en' },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdin.end(stdin);
  const done = new Promise<Run>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
  return { child, done };
}

/** The CLI as a script runs it (async: the sandbox answers from this process). */
const cli = (args: string[], stdin = ''): Promise<Run> => start(args, stdin).done;

function read<T>(fn: (db: Database.Database) => T): T {
  const db = new Database(join(dir, DB_FILE), { readonly: true, fileMustExist: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}
const cachedNames = (): number => read((db) => (db.prepare('SELECT count(*) AS n FROM domains WHERE removed_at IS NULL').get() as { n: number }).n);

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'sync-crash', domains: NAMES });
  dir = mkdtempSync(join(tmpdir(), 'dd-sync-crash-'));
  const reseller = sandbox.descriptor.registrars.reseller;
  const added = await cli(['accounts', 'add', '--registrar', 'reseller', '--label', 'rsl-a', '--endpoint', reseller.endpoint], JSON.stringify(reseller.accounts[0]!.credentials));
  expect(added.code, added.stderr).toBe(0);
});

afterAll(async () => {
  await sandbox?.close().catch(() => undefined);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('a sync killed mid-way', () => {
  it('is closed as interrupted on the next start, never resumed, and the next sync runs normally', async () => {
    // Slow pages: the kill lands after some pages were stored and before the last.
    sandbox.setFaults({ reseller: { latency: { ms: 200, jitter: 0 } } });
    const { child, done } = start(['sync', '--json']);
    const deadline = Date.now() + 30_000;
    while (cachedNamesOrZero() === 0) {
      if (child.exitCode !== null) throw new Error(`sync finished before it could be killed: ${(await done).stderr.slice(-500)}`);
      if (Date.now() > deadline) throw new Error('no page was stored within 30 s');
      await new Promise((r) => setTimeout(r, 10));
    }
    child.kill('SIGKILL');
    await done;
    sandbox.setFaults({ reseller: null });
    const storedAtKill = cachedNames();
    expect(storedAtKill).toBeGreaterThan(0);
    expect(storedAtKill).toBeLessThan(NAMES);

    // Any next start (here a one-shot CLI command) closes the dead process's sync job.
    const listed = await cli(['jobs', 'list', '--json']);
    expect(listed.code, listed.stderr).toBe(0);
    const jobs = (JSON.parse(listed.stdout) as { items: JobSummary[] }).items.filter((j) => j.kind === 'sync');
    expect(jobs).toHaveLength(1);
    const killed = jobs[0]!;
    expect(killed).toMatchObject({ state: 'failed', note: SYNC_INTERRUPTED, pausable: false });
    const shown = await cli(['jobs', 'show', killed.id, '--json']);
    const detail = JSON.parse(shown.stdout) as JobDetail;
    expect(detail.items.map((i) => [i.key, i.state, i.error?.kind])).toEqual([['rsl-a', 'failed', 'Interrupted']]);
    expect(detail.totals.unconfirmed).toBe(0);

    const resumed = await cli(['jobs', 'resume', killed.id]);
    expect(resumed.code).not.toBe(0);
    expect(resumed.stderr).toMatch(/cannot be paused or resumed/);

    // The next sync is an ordinary one: it reads the account again and completes it.
    const next = await cli(['sync', '--json']);
    expect(next.code, next.stderr).toBe(0);
    const report = JSON.parse(next.stdout) as SyncReport;
    expect(report.jobId).not.toBe(killed.id);
    expect(report.accounts[0]).toMatchObject({ account: 'rsl-a', state: 'ok', seen: NAMES, added: NAMES - storedAtKill, removed: 0 });
    expect(cachedNames()).toBe(NAMES);
    const after = JSON.parse((await cli(['jobs', 'show', report.jobId!, '--json'])).stdout) as JobDetail;
    expect(after).toMatchObject({ state: 'done', totals: { done: 1 } });
  });
});

/** Zero until the child has created the database and stored a page. */
function cachedNamesOrZero(): number {
  try {
    return cachedNames();
  } catch {
    return 0;
  }
}
