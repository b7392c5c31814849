import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobDetail, JobSummary } from '../../../src-shared/contract/areas/jobs.js';
import { EventBus } from '../../../src-main/app/events.js';
import { createLogger } from '../../../src-main/app/logger.js';
import { openDatabase } from '../../../src-main/db/connection.js';
import { createScheduler } from '../../../src-main/scheduler/index.js';
import { SecretRegistry } from '../../../src-main/vault/redact.js';

const BIN = join(process.cwd(), 'bin/domaindeck.mjs');
let dir: string;
let finishedId: string;
let queuedId: string;

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, '--data-dir', dir, ...args], { encoding: 'utf8', env: { ...process.env, DOMAINDECK_PASSPHRASE: 'jobs-cli-test', DOMAINDECK_LANG: 'en' }, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dd-jobs-cli-'));
  const { db } = openDatabase(dir);
  const scheduler = createScheduler({ dataDir: dir, db, clock: { now: Date.now }, events: new EventBus(), logger: createLogger(db, new SecretRegistry(), Date.now, false) });
  scheduler.jobs.registerKind('check', {
    isWrite: false,
    run: async (item) => {
      if (item.key === 'bad.com') throw new Error('lookup failed');
      return { ok: true };
    },
  });
  const job = scheduler.jobs.create({ kind: 'check', title: 'Check three names', items: [{ key: 'a.com' }, { key: 'bad.com' }, { key: 'c.com' }] });
  scheduler.jobs.start(job.id);
  await scheduler.jobs.wait(job.id);
  finishedId = job.id;
  queuedId = scheduler.jobs.create({ kind: 'check', title: 'Not started', items: [{ key: 'x.com' }] }).id;
  await scheduler.close();
  db.close();
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('domaindeck jobs', () => {
  it('list --json prints one JSON document with every job, newest first', () => {
    const r = cli(['jobs', 'list', '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { total: number; items: JobSummary[] };
    expect(doc.total).toBe(2);
    const finished = doc.items.find((j) => j.id === finishedId)!;
    expect(finished).toMatchObject({ kind: 'check', state: 'done', totals: { total: 3, done: 2, failed: 1 } });
  });

  it('list without --json writes a table to stderr and nothing to stdout', () => {
    const r = cli(['jobs', 'list']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/ID\s+State\s+Done/);
    expect(r.stderr).toContain(finishedId.slice(0, 8));
  });

  it('show takes an id prefix and prints the items with their errors', () => {
    const r = cli(['jobs', 'show', finishedId.slice(0, 8), '--json']);
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout) as JobDetail;
    expect(d.id).toBe(finishedId);
    expect(d.items.map((i) => [i.key, i.state])).toEqual([
      ['a.com', 'done'],
      ['bad.com', 'failed'],
      ['c.com', 'done'],
    ]);
    expect(d.items[1]!.error).toMatchObject({ message: 'lookup failed' });
    const human = cli(['jobs', 'show', finishedId, '--state', 'failed']);
    expect(human.stderr).toMatch(/bad\.com\s+failed\s+1\s+lookup failed/);
  });

  it('cancel marks a queued job cancelled; an unknown id is one sentence and a non-zero exit', () => {
    const r = cli(['jobs', 'cancel', queuedId, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ id: queuedId, state: 'cancelled', totals: { cancelled: 1 } });
    const missing = cli(['jobs', 'show', 'no-such-job']);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
  });
});
