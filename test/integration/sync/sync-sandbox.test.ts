import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainDeckApp } from '../../../src-main/app/open-app.js';
import { createAppDispatcher } from '../../../src-main/rpc/index.js';
import { startSandbox, type RunningSandbox } from '../../../src-main/sandbox/server.js';
import { openTestApp } from '../../helpers/open-test-app.js';

/**
 * Sync against the simulated registrars: three accounts on two registrars
 * (MrDomain a and b, reseller a), through the real accounts service, lanes
 * and adapters.
 */
let sandbox: RunningSandbox;
let app: DomainDeckApp;

async function stats(): Promise<Record<string, Record<string, { requests: number; violations: number; bans: number; blocks: number }>>> {
  return (await (await fetch(sandbox.descriptor.stats)).json()) as never;
}

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'sync-it', domains: 60 });
  app = await openTestApp();
  const d = sandbox.descriptor.registrars;
  for (const [registrar, index] of [
    ['mrdomain', 0],
    ['mrdomain', 1],
    ['reseller', 0],
  ] as const) {
    const acct = d[registrar].accounts[index];
    if (!acct) throw new Error(`sandbox has no ${registrar} account ${index}`);
    await app.services.accounts.add({ registrar, label: acct.label, endpoint: d[registrar].endpoint, credentials: acct.credentials });
  }
});

afterAll(async () => {
  await app?.close();
  await sandbox?.close().catch(() => undefined);
});

describe('sync against the sandbox', () => {
  it('syncs three accounts on two registrars, then refreshes incrementally with fewer requests', async () => {
    const rpc = createAppDispatcher(app);
    const progress: unknown[] = [];
    const off = app.events.subscribe('sync.progress', (p) => progress.push(p));
    const full = await rpc.dispatch('sync.run', {});
    off();
    expect(full.ok).toBe(true);
    if (!full.ok) return;
    const report = full.value as { ok: boolean; accounts: { account: string; state: string; seen: number; added: number; pages: number; detailReads: number; error: unknown }[] };
    expect(report.accounts.map((a) => [a.account, a.state, a.error])).toEqual([
      ['mrd-a', 'ok', null],
      ['mrd-b', 'ok', null],
      ['rsl-a', 'ok', null],
    ]);
    for (const a of report.accounts) expect(a.added).toBe(a.seen);
    expect(report.accounts[0]?.seen).toBe(60);
    expect(progress.length).toBeGreaterThan(3);

    const list = await rpc.dispatch('domains.query', { filter: {}, sort: [{ column: 'expiresAt', desc: false }], limit: 5 });
    expect(list.ok && (list.value as { total: number }).total).toBe(report.accounts.reduce((s, a) => s + a.seen, 0));

    const before = await stats();
    const inc = await rpc.dispatch('sync.run', { mode: 'incremental' });
    expect(inc.ok).toBe(true);
    if (!inc.ok) return;
    const incReport = inc.value as typeof report;
    expect(incReport.accounts.every((a) => a.state === 'ok')).toBe(true);
    const after = await stats();
    const used = (reg: string, label: string) => (after[reg]?.[label]?.requests ?? 0) - (before[reg]?.[label]?.requests ?? 0);
    const fullRequests = report.accounts.reduce((s, a) => s + a.pages + a.detailReads, 0);
    const incRequests = incReport.accounts.reduce((s, a) => s + a.pages + a.detailReads, 0);
    expect(incRequests).toBeLessThanOrEqual(fullRequests);
    expect(used('mrdomain', 'mrd-a')).toBeGreaterThan(0);
    for (const reg of ['mrdomain', 'reseller']) for (const s of Object.values(after[reg] ?? {})) expect([s.violations, s.bans, s.blocks]).toEqual([0, 0, 0]);
  });

  it('serves every read from the cache with the registrars gone, and says why a sync cannot run', async () => {
    const rpc = createAppDispatcher(app);
    await sandbox.close();
    const page = await rpc.dispatch('domains.query', { filter: { registrars: ['reseller'] }, limit: 3 });
    expect(page.ok).toBe(true);
    const facets = await rpc.dispatch('domains.facets', {});
    expect(facets.ok).toBe(true);
    const status = await rpc.dispatch('sync.status', {});
    expect(status.ok && (status.value as { accounts: { lastSyncedAt: string | null }[] }).accounts.every((a) => a.lastSyncedAt !== null)).toBe(true);
    const offline = await rpc.dispatch('sync.run', { accountId: 'rsl-a' });
    expect(offline.ok).toBe(true);
    if (!offline.ok) return;
    const [acct] = (offline.value as { accounts: { state: string; error: { message: string } | null }[] }).accounts;
    expect(acct?.state).toBe('failed');
    expect(acct?.error?.message).toBeTruthy();
    // Nothing was marked removed by the failed pass.
    const still = await rpc.dispatch('domains.query', { filter: { accounts: ['rsl-a'] }, limit: 1 });
    expect(still.ok && (still.value as { total: number }).total).toBeGreaterThan(0);
  });
});
