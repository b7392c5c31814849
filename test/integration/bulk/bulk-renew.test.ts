import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainDeckApp } from '../../../src-main/app/open-app.js';
import type { RunningSandbox } from '../../../src-main/sandbox/server.js';
import { openSyncedSandboxApp, type SyncedSandboxApp } from '../../helpers/synced-sandbox-app.js';

/**
 * The bulk renew path end to end against the sandbox registrars: preview
 * (prices, skips, balances), confirmation, the journal job, new expiries in
 * the cache, and a dropped connection after the write reconciled by read-back
 * instead of a second charge.
 */
describe('bulk renew through the journal', () => {
  let sandbox: RunningSandbox;
  let app: DomainDeckApp;
  const ids: Record<string, string> = {};

  let setup: SyncedSandboxApp | undefined;
  beforeAll(async () => {
    setup = await openSyncedSandboxApp('bulk-test');
    ({ sandbox, app } = setup);
    Object.assign(ids, setup.ids);
  });
  afterAll(async () => {
    await setup?.close();
  });

  const activeNames = (accountId: string, n: number) =>
    app.services.portfolio
      .query({ filter: { accounts: [accountId], statuses: ['active'] }, sort: [{ column: 'name', desc: false }], offset: 0, limit: n })
      .items;

  it('previews prices, totals per currency and balances without changing anything', async () => {
    const names = [...activeNames(ids.dynadot!, 3), ...activeNames(ids.mrdomain!, 3)];
    const preview = await app.services.bulk.preview({ kind: 'renew', years: 1, allowLateFee: false }, { ids: names.map((n) => n.id) });
    expect(preview.runnable).toBe(6);
    expect(preview.confirmText).toBe('RENEW');
    // Dynadot quotes live; MrDomain's API has no price check and its list carries no price, so the preview says so.
    expect(preview.totals.map((t) => t.currency)).toEqual(['USD']);
    const mrd = preview.items.filter((i) => i.registrar === 'mrdomain');
    expect(mrd.every((i) => i.priceSource === 'none' && i.warnings.some((w) => w.key === 'bulk.msg.priceUnknown'))).toBe(true);
    const dyn = preview.items.filter((i) => i.registrar === 'dynadot');
    expect(dyn.every((i) => i.priceSource === 'live' && i.price?.currency === 'USD')).toBe(true);
    expect(preview.accounts.find((a) => a.accountId === ids.dynadot)?.balance?.currency).toBe('USD');
    // Nothing renewed: Dynadot's price check is `renew&price_check=1`, so check the registrar's own records.
    for (const n of names.filter((x) => x.registrar === 'dynadot')) {
      const rec = (await sandbox.control('dynadot', { action: 'domain', account: 'dyn-a', name: n.name })) as { domain: { expiresAt: number } };
      expect(rec.domain.expiresAt).toBe(Date.parse(n.expiresAt!));
    }
    expect(sandbox.stats().mrdomain!['mrd-a']!.byCommand['domain/renew'] ?? 0).toBe(0);
  });

  it('refuses to start without the confirmation text', async () => {
    const [d] = activeNames(ids.dynadot!, 1);
    await expect(app.services.bulk.start({ kind: 'renew', years: 1, allowLateFee: false }, { ids: [d!.id] }, 'yes')).rejects.toThrow(/confirm/);
  });

  it('renews across two registrars, moves expiries in the cache and records events', async () => {
    const names = [...activeNames(ids.dynadot!, 4), ...activeNames(ids.mrdomain!, 4)];
    const started = await app.services.bulk.start({ kind: 'renew', years: 2, allowLateFee: false }, { ids: names.map((n) => n.id) }, 'RENEW');
    expect(started.runnable).toBe(8);
    const summary = await app.scheduler.jobs.wait(started.jobId);
    expect(summary.totals).toMatchObject({ done: 8, failed: 0, unconfirmed: 0 });
    for (const n of names) {
      const now = app.services.portfolio.byIds([n.id])[0]!;
      expect(new Date(now.expiresAt!).getUTCFullYear()).toBe(new Date(n.expiresAt!).getUTCFullYear() + 2);
      const detail = app.services.portfolio.get({ id: n.id });
      expect(detail.events.some((e) => e.kind === 'renewed' || e.kind === 'expiry-changed')).toBe(true);
    }
    const stats = sandbox.stats();
    expect(stats.dynadot!['dyn-a']!.violations).toBe(0);
    expect(stats.mrdomain!['mrd-a']!.blocks).toBe(0);
  });

  it('a connection dropped after the renewal was applied is reconciled, not charged twice', async () => {
    const [d] = activeNames(ids.mrdomain!, 20).slice(-1);
    sandbox.setFaults({ mrdomain: { drop: { next: 1 }, only: ['domain/renew'] } });
    const started = await app.services.bulk.start({ kind: 'renew', years: 1, allowLateFee: false }, { ids: [d!.id] }, 'RENEW');
    const summary = await app.scheduler.jobs.wait(started.jobId);
    sandbox.setFaults({ mrdomain: null });
    expect(summary.totals.done).toBe(1);
    const job = app.services.jobs.get(started.jobId, { limit: 10 });
    expect(job.items[0]!.attempt).toBe(1);
    expect(sandbox.stats().mrdomain!['mrd-a']!.byCommand['domain/renew']).toBeGreaterThanOrEqual(1);
    const record = (await sandbox.control('mrdomain', { action: 'domain', account: 'mrd-a', name: d!.name })) as { domain?: { expiresAt?: string }; expiresAt?: string };
    const expiry = record.domain?.expiresAt ?? record.expiresAt;
    expect(new Date(expiry!).getUTCFullYear()).toBe(new Date(d!.expiresAt!).getUTCFullYear() + 1);
  });

  it('skips names the account cannot renew, with the reason, and runs the rest', async () => {
    const [d] = activeNames(ids.dynadot!, 1);
    const preview = await app.services.bulk.preview({ kind: 'renew', years: 1, allowLateFee: false }, { names: [d!.name] });
    expect(preview.items[0]!.skipped).toBeNull();
    await expect(app.services.bulk.preview({ kind: 'renew', years: 1, allowLateFee: false }, { names: ['not-in-portfolio-xyz.com'] })).rejects.toThrow(/Not in your cached portfolio/);
  });
});
