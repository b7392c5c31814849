import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobSummary } from '../../../src-shared/contract/areas/jobs.js';
import { DB_FILE } from '../../../src-main/db/connection.js';
import { startSandbox, type RunningSandbox } from '../../../src-main/sandbox/server.js';
import { balanceMinor, checkLedger, plusYears, records, type NameBefore } from './fixtures/renew-ledger.js';

/**
 * Issue 5, "Done when" 2: `domaindeck renew` of 200 Dynadot names in a real
 * child process, killed with SIGKILL at a random point after some names were
 * renewed; `domaindeck jobs resume` is killed again at a random point and
 * run once more to the end. Dynadot's own records must then show every one
 * of the 200 names renewed exactly once (expiry +1 year, balance charged
 * exactly the 200 prices), and the items a kill left mid-flight must have
 * been reconciled by reading the domain back, never re-sent blindly.
 */
const BIN = join(process.cwd(), 'bin/domaindeck.mjs');
const PASSPHRASE = 'kill-resume-test';
const NAMES = 200;
const YEAR = 365 * 86_400_000;
const START_BALANCE = 20_000_000;

let sandbox: RunningSandbox;
let dir: string;
let before: Map<string, NameBefore>;

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function start(args: string[], stdin = ''): { child: ChildProcess; done: Promise<Run> } {
  const child = spawn(process.execPath, [BIN, '--data-dir', dir, ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DOMAINDECK_PASSPHRASE: PASSPHRASE, DOMAINDECK_LANG: 'en' },
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdin!.end(stdin);
  const done = new Promise<Run>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done };
}

async function cli(args: string[], stdin = ''): Promise<Run> {
  const r = await start(args, stdin).done;
  if (r.code !== 0) throw new Error(`domaindeck ${args.slice(0, 3).join(' ')} exited ${r.code}: ${r.stderr.slice(-2000)}`);
  return r;
}

/** Reads the journal the child writes (WAL: a reader never blocks the writer). */
function journal<T>(fn: (db: Database.Database) => T): T {
  const db = new Database(join(dir, DB_FILE), { readonly: true, fileMustExist: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

// The newest job that is not a sync (the setup's `domaindeck sync` is a journal job too).
const latestJobId = (): string | null => journal((db) => (db.prepare("SELECT id FROM jobs WHERE kind <> 'sync' ORDER BY created_at DESC LIMIT 1").get() as { id: string } | undefined)?.id ?? null);
const doneCount = (jobId: string): number => journal((db) => (db.prepare(`SELECT COUNT(*) AS n FROM job_items WHERE job_id = ? AND state = 'done'`).get(jobId) as { n: number }).n);

/** Runs a CLI command and SIGKILLs it once the job has at least `atDone` items done; returns the job id. */
async function killWhenDone(args: string[], atDone: number, jobId: string | null): Promise<{ jobId: string; doneAtKill: number }> {
  const { child, done } = start(args);
  const deadline = Date.now() + 60_000;
  let id = jobId;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`domaindeck ${args[0]} finished (exit ${child.exitCode}) before it could be killed: ${(await done).stderr.slice(-1000)}`);
    if (Date.now() > deadline) throw new Error(`job did not reach ${atDone} done items in time`);
    id ??= latestJobId();
    const n = id ? doneCount(id) : 0;
    if (n >= atDone) {
      // A random moment inside the next item (about three requests of ~15 ms), not just after one finished.
      await new Promise((r) => setTimeout(r, 5 + Math.floor(Math.random() * 60)));
      child.kill('SIGKILL');
      const r = await done;
      expect(r.signal).toBe('SIGKILL');
      return { jobId: id!, doneAtKill: n };
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}

beforeAll(async () => {
  // ~15 ms per request: 200 renewals (price check, renew, read-back) take several seconds.
  sandbox = await startSandbox({ seed: 'kill-resume', domains: 280, registrars: { dynadot: { processingMs: 0 } }, faults: { dynadot: { latency: { ms: 15, jitter: 5 } } } });
  dir = mkdtempSync(join(tmpdir(), 'dd-kill-resume-'));
  const info = sandbox.descriptor.registrars.dynadot;
  const account = info.accounts.find((a) => a.label === 'dyn-a')!;
  await sandbox.control('dynadot', { action: 'setBalance', account: 'dyn-a', amountMinor: START_BALANCE });
  await cli(['accounts', 'add', '--registrar', 'dynadot', '--label', 'dyn main', '--endpoint', info.endpoint, '--json'], JSON.stringify(account.credentials));
  await cli(['sync', '--json']);

  const horizon = Date.now() + 9 * YEAR;
  const active = journal((db) => db.prepare(`SELECT name, expires_at AS expiresAt FROM domains WHERE status = 'active' AND removed_at IS NULL ORDER BY name`).all() as { name: string; expiresAt: number }[]);
  const names = active.filter((d) => plusYears(d.expiresAt, 1) < horizon).map((d) => d.name).slice(0, NAMES);
  expect(names).toHaveLength(NAMES);
  before = await records(sandbox, 'dynadot', 'dyn-a', names);
}, 90_000);

afterAll(async () => {
  await sandbox?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('kill -9 in the middle of a 200-name renewal', () => {
  it('resumes and renews every name exactly once, reconciling what the kills left unknown', async () => {
    const names = [...before.keys()];
    // Random kill points (printed, so a failure can be replayed by pinning them).
    const firstKill = 20 + Math.floor(Math.random() * 80);
    const secondKill = firstKill + 20 + Math.floor(Math.random() * 50);
    console.info(`kill-resume: kills after ${firstKill} and ${secondKill} done items`);

    const first = await killWhenDone(['renew', ...names, '--years', '1', '--yes', '--json'], firstKill, null);
    const killedState = journal((db) => db.prepare('SELECT state, owner_pid FROM jobs WHERE id = ?').get(first.jobId) as { state: string; owner_pid: number });
    expect(killedState.state).toBe('running');

    const second = await killWhenDone(['jobs', 'resume', first.jobId, '--json'], secondKill, first.jobId);
    expect(second.jobId).toBe(first.jobId);

    const final = await cli(['jobs', 'resume', first.jobId.slice(0, 8), '--json']);
    const summary = JSON.parse(final.stdout) as JobSummary;
    expect(summary).toMatchObject({ id: first.jobId, state: 'done', totals: { total: NAMES, done: NAMES, failed: 0, unconfirmed: 0, skipped: 0 } });

    // The registrar's side: each name moved by exactly one year, and the balance paid each price once.
    const ledger = await checkLedger(sandbox, 'dynadot', 'dyn-a', before, 1);
    expect(ledger.wrong).toEqual([]);
    expect(ledger.unchanged).toEqual([]);
    expect(ledger.renewed).toHaveLength(NAMES);
    const priceSum = [...before.values()].reduce((n, b) => n + b.priceMinor, 0);
    expect(ledger.expectedChargeMinor).toBe(priceSum);
    expect(START_BALANCE - (await balanceMinor(sandbox, 'dynadot', 'dyn-a'))).toBe(priceSum);

    const stats = sandbox.stats().dynadot!['dyn-a']!;
    expect({ violations: stats.violations, bans: stats.bans, maxConcurrent: stats.maxConcurrent }).toEqual({ violations: 0, bans: 0, maxConcurrent: 1 });

    // Each kill left the item it was working on `running`; the next process turned it into an
    // unconfirmed write and read the domain back before anything else was sent for it.
    const reconciles = journal(
      (db) => db.prepare(`SELECT key, outcome FROM job_item_attempts JOIN job_items USING (job_id, seq) WHERE job_id = ? AND action = 'reconcile'`).all(first.jobId) as { key: string; outcome: string }[],
    );
    console.info(`kill-resume: done at kills ${first.doneAtKill}, ${second.doneAtKill}; reconciled ${JSON.stringify(reconciles)}`);
    expect(reconciles.length).toBeGreaterThanOrEqual(1);
    for (const r of reconciles) expect(['applied', 'not-applied']).toContain(r.outcome);
  }, 150_000);
});
