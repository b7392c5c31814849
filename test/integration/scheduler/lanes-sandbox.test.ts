import { setMaxListeners } from 'node:events';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestScheduler, type TestScheduler } from '../../helpers/test-scheduler.js';
import { RegistrarError } from '../../../src-main/registrars/errors.js';
import { startSandbox, type RunningSandbox } from '../../../src-main/sandbox/server.js';
import { LaneAbortedError, type Scheduler } from '../../../src-main/scheduler/index.js';

/**
 * The default lane policies against the simulators' rules: Dynadot's single
 * flight and MrDomain's simultaneous-access and error limits (sandbox
 * defaults: 4 concurrent, 20 errors per minute).
 */
let sb: RunningSandbox;
let scheduler: Scheduler;
let opened: TestScheduler | undefined;

beforeAll(async () => {
  sb = await startSandbox({ seed: 'lanes', domains: 10, registrars: { dynadot: { processingMs: 2 } }, faults: { dynadot: { latency: { ms: 3, jitter: 3 } }, mrdomain: { latency: { ms: 5, jitter: 5 } } } });
  opened = openTestScheduler('dd-lanes-');
  ({ scheduler } = opened);
});

afterAll(async () => {
  await opened?.close();
  await sb?.close();
});

describe('default lanes against the sandbox', () => {
  it('Dynadot: 150 concurrent callers, interactive and bulk, one request at a time', async () => {
    const info = sb.descriptor.registrars.dynadot;
    const url = `${info.endpoint}/api3.json?key=${encodeURIComponent(info.accounts[0]!.credentials.key!)}&command=get_account_balance`;
    const lane = scheduler.lane({ registrar: 'dynadot', accountId: 'dyn-a', label: 'dyn-a' });
    const ok = await Promise.all(
      Array.from({ length: 150 }, (_, i) =>
        lane.run({ command: 'get_account_balance', kind: 'read', priority: i % 10 === 0 ? 'interactive' : 'bulk' }, async (signal) => {
          const res = await request(url, { signal });
          return (await res.body.text()).includes('GetAccountBalanceResponse');
        }),
      ),
    );
    expect(ok.every(Boolean)).toBe(true);
    expect(sb.stats().dynadot!['dyn-a']).toMatchObject({ requests: 150, maxConcurrent: 1, violations: 0, bans: 0 });
  });

  it('MrDomain: stays under the simultaneous-access limit, and an error storm pauses the lane long before the registrar blocks', async () => {
    const info = sb.descriptor.registrars.mrdomain;
    const creds = info.accounts[0]!.credentials;
    const lane = scheduler.lane({ registrar: 'mrdomain', accountId: 'mrd-a', label: info.accounts[0]!.label });
    const call = (action: string, signal?: AbortSignal) =>
      lane.run({ command: action, kind: 'read', ...(signal ? { signal } : {}) }, async (s) => {
        const res = await request(`${info.endpoint}/${action}/`, { method: 'POST', signal: s, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(creds).toString() });
        const body = (await res.body.json()) as { success: boolean; errorCode: number; errorCodeMsg: string };
        if (!body.success) throw new RegistrarError({ kind: 'Invalid', registrar: 'mrdomain', code: String(body.errorCode), message: body.errorCodeMsg });
        return body;
      });

    await Promise.all(Array.from({ length: 30 }, () => call('tool/hello')));
    const label = info.accounts[0]!.label;
    expect(sb.stats().mrdomain![label]).toMatchObject({ requests: 30, blocks: 0, violations: 0 });
    expect(sb.stats().mrdomain![label]!.maxConcurrent).toBeLessThanOrEqual(2);

    // 40 calls that all fail: the lane spends its budget (5/min) and pauses; the rest wait, unsent.
    const storm = new AbortController();
    setMaxListeners(0, storm.signal); // 40 queued calls share it on purpose
    const outcomes = Array.from({ length: 40 }, () => call('tool/requestinvalid', storm.signal).catch((e: unknown) => e));
    while (lane.state().pauseReason === null) await new Promise((r) => setTimeout(r, 10));
    expect(lane.state().pauseReason).toBe('error-budget');
    expect(lane.state().pauseDetail).toMatch(/errors from MrDomain account/);
    storm.abort();
    const results = await Promise.all(outcomes);
    const sent = results.filter((e) => e instanceof RegistrarError).length;
    expect(sent).toBeGreaterThanOrEqual(5);
    expect(sent).toBeLessThanOrEqual(6);
    expect(results.filter((e) => e instanceof LaneAbortedError && !e.sent)).toHaveLength(40 - sent);
    const stats = sb.stats().mrdomain![label]!;
    expect(stats.errors).toBe(sent);
    expect(stats.blocks).toBe(0);
  });
});
