import { fork } from 'node:child_process';
import { join } from 'node:path';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestScheduler, type TestScheduler } from '../../helpers/test-scheduler.js';
import { startSandbox, type RunningSandbox } from '../../../src-main/sandbox/server.js';
import type { Scheduler } from '../../../src-main/scheduler/index.js';
import { LEASE_HOLD_MS } from '../../../src-main/scheduler/lease.js';

/**
 * A lane keeps its cross-process lease across back-to-back requests (one
 * write transaction per LEASE_HOLD_MS instead of one per request). The price
 * must stay bounded: while another process works through a long bulk queue
 * on the same Dynadot key, this process's call gets in within the hold bound
 * plus one request, and the two never overlap.
 */
const HAMMER = join(import.meta.dirname, 'fixtures', 'dynadot-hammer.ts');
const LATENCY_MS = 20;
const BULK = 150; // ≥ 3 s of work in the other process: far longer than the bound
let sb: RunningSandbox;
let dir: string;
let scheduler: Scheduler;
let opened: TestScheduler | undefined;

beforeAll(async () => {
  sb = await startSandbox({ seed: 'fair', domains: 5, registrars: { dynadot: { processingMs: 0, banMs: 60_000 } }, faults: { dynadot: { latency: { ms: LATENCY_MS, jitter: 0 } } } });
  opened = openTestScheduler('dd-fair-');
  ({ dir, scheduler } = opened);
});

afterAll(async () => {
  await opened?.close();
  await sb?.close();
});

describe('cross-process lease fairness', () => {
  it('lets a waiting process in within the hold bound while another drains a long queue', async () => {
    const info = sb.descriptor.registrars.dynadot;
    const key = info.accounts[0]!.credentials.key!;
    const url = `${info.endpoint}/api3.json?key=${encodeURIComponent(key)}&command=get_account_balance`;
    const child = fork(HAMMER, [dir, info.endpoint, key, String(BULK)], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    try {
      await new Promise<void>((resolve, reject) => {
        child.once('message', () => resolve());
        child.once('exit', (code) => reject(new Error(`hammer exited with ${code}`)));
      });
      const done = new Promise<{ accepted: number; total: number }>((resolve) => child.on('message', (m) => resolve(m as { accepted: number; total: number })));
      child.send('go');
      await new Promise((r) => setTimeout(r, 300));

      const lane = scheduler.lane({ registrar: 'dynadot', accountId: 'acc-dyn-a', label: 'dyn-a' });
      const waits: number[] = [];
      let childFinished = false;
      void done.then(() => (childFinished = true));
      for (let i = 0; i < 3; i++) {
        const asked = performance.now();
        await lane.run({ command: 'get_account_balance', kind: 'read', priority: 'interactive' }, async (signal) => {
          waits.push(performance.now() - asked);
          await (await request(url, { signal })).body.text();
        });
        expect(childFinished).toBe(false); // the probe really competed with the bulk queue
        await new Promise((r) => setTimeout(r, 100));
      }
      // Hold bound + the request in flight + polling, with room for a busy machine; the queue itself lasts ≥ 3 s.
      for (const w of waits) expect(w).toBeLessThan(LEASE_HOLD_MS + 3 * LATENCY_MS + 300);
      expect(await done).toEqual({ accepted: BULK, total: BULK });
      const stats = sb.stats().dynadot!['dyn-a']!;
      expect(stats.maxConcurrent).toBe(1);
      expect(stats.violations).toBe(0);
      expect(stats.requests).toBe(BULK + 3);
    } finally {
      if (child.exitCode === null) child.kill();
    }
  }, 60_000);
});
