import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src-main/db/connection.js';
import { startSandbox, type RunningSandbox } from '../../../src-main/sandbox/server.js';

/**
 * DESIGN.md: "Dynadot: 1 in flight, never more, across the whole app (CLI and
 * GUI must not both talk to one key at once)". Two real processes share a
 * data dir and hammer one sandbox key at the same moment; the sandbox bans
 * the key on the first overlap, so its stats are the proof.
 */
const HAMMER = join(import.meta.dirname, 'fixtures', 'dynadot-hammer.ts');
const PER_PROCESS = 40;
let sb: RunningSandbox;
const dirs: string[] = [];

beforeAll(async () => {
  sb = await startSandbox({ seed: 'xproc', domains: 10, registrars: { dynadot: { processingMs: 3, banMs: 200 } }, faults: { dynadot: { latency: { ms: 2, jitter: 2 } } } });
});

afterAll(async () => {
  await sb?.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function dataDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'dd-xproc-'));
  dirs.push(d);
  // Migrate once up front; the children then only open it.
  openDatabase(d).db.close();
  return d;
}

function message<T>(child: ChildProcess, pick: (m: Record<string, unknown>) => boolean): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: unknown) => {
      if (pick(m as Record<string, unknown>)) {
        child.off('message', onMessage);
        resolve(m as T);
      }
    };
    child.on('message', onMessage);
    child.once('exit', (code) => reject(new Error(`child exited with ${code}`)));
  });
}

/** Starts one hammer per data dir, releases them together, returns what each got accepted. */
async function hammer(dataDirs: string[], label: 'dyn-a' | 'dyn-b'): Promise<{ accepted: number; total: number }[]> {
  const info = sb.descriptor.registrars.dynadot;
  const key = info.accounts.find((a) => a.label === label)!.credentials.key!;
  const children = dataDirs.map((d) => fork(HAMMER, [d, info.endpoint, key, String(PER_PROCESS)], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
  try {
    await Promise.all(children.map((c) => message(c, (m) => m.ready === true)));
    const results = children.map((c) => message<{ accepted: number; total: number }>(c, (m) => typeof m.accepted === 'number'));
    for (const c of children) c.send('go');
    return await Promise.all(results);
  } finally {
    for (const c of children) if (c.exitCode === null) c.kill();
  }
}

describe('one Dynadot key, two processes', () => {
  it('never overlaps requests when both processes share the data dir', async () => {
    const shared = dataDir();
    const results = await hammer([shared, shared], 'dyn-a');
    const stats = sb.stats().dynadot!['dyn-a']!;
    expect(results).toEqual([
      { accepted: PER_PROCESS, total: PER_PROCESS },
      { accepted: PER_PROCESS, total: PER_PROCESS },
    ]);
    expect(stats.requests).toBe(2 * PER_PROCESS);
    expect(stats.maxConcurrent).toBe(1);
    expect(stats.violations).toBe(0);
    expect(stats.bans).toBe(0);
  }, 60_000);

  it('control: two processes with separate data dirs (no shared lease) do overlap, and the sandbox sees it', async () => {
    const results = await hammer([dataDir(), dataDir()], 'dyn-b');
    const stats = sb.stats().dynadot!['dyn-b']!;
    expect(stats.maxConcurrent).toBeGreaterThan(1);
    expect(stats.violations).toBeGreaterThan(0);
    expect(results.reduce((n, r) => n + r.accepted, 0)).toBeLessThan(2 * PER_PROCESS);
  }, 60_000);
});
