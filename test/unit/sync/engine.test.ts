import { describe, expect, it } from 'vitest';
import { createUserDataRepo } from '../../../src-main/db/repos/domain-user-data.js';
import { RegistrarError } from '../../../src-main/registrars/errors.js';
import { createFakeRegistrar, domain } from '../../helpers/fake-registrar.js';
import { syncHarness } from './harness.js';

const YEAR = 365 * 24 * 3600 * 1000;
const plusMs = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

describe('sync engine: full sync and events', () => {
  it('adds every listed domain with an "added" event and records the run', async () => {
    const h = syncHarness();
    const fake = createFakeRegistrar([domain('alpha.com'), domain('beta.net'), domain('gamma.org')], { pageSize: 2 });
    h.account('a1', 'Main', fake);
    const report = await h.engine.run({ mode: 'full' });
    expect(report.ok).toBe(true);
    const [a] = report.accounts;
    expect(a).toMatchObject({ accountId: 'a1', state: 'ok', pages: 2, seen: 3, added: 3, updated: 0, removed: 0, failed: 0, error: null });
    expect(h.kinds('beta.net')).toEqual(['added']);
    expect(h.row('a1', 'beta.net')).toMatchObject({ tld: 'net', status: 'active', locked: true, expiresAt: Date.parse('2030-01-15T00:00:00.000Z') });
    expect(h.runs.lastFinished('a1')).toMatchObject({ state: 'ok', added: 3, pages: 2 });
    expect((h.db.prepare("SELECT last_sync_at FROM accounts WHERE id = 'a1'").get() as { last_sync_at: number }).last_sync_at).toBe(h.clock.t);
  });

  it('turns changes into the right events and keeps a vanished domain as removed, never deleted', async () => {
    const h = syncHarness();
    const names = ['renew.com', 'fix.com', 'ns.com', 'lock.com', 'auto.com', 'folder.com', 'status.com', 'same.com', 'gone.com'];
    const fake = createFakeRegistrar(names.map((n) => domain(n)));
    h.account('a1', 'Main', fake);
    await h.engine.run({ mode: 'full' });

    const base = domain('x.com');
    const set = (n: string, over: Parameters<typeof domain>[1]) => fake.domains.set(n, domain(n, over));
    set('renew.com', { expiresAt: plusMs(base.expiresAt as string, YEAR) });
    set('fix.com', { expiresAt: plusMs(base.expiresAt as string, 3 * 24 * 3600 * 1000) });
    set('ns.com', { nameservers: ['ns1.parking.example'] });
    set('lock.com', { locked: false });
    set('auto.com', { autoRenew: true });
    set('folder.com', { folder: 'For sale' });
    set('status.com', { status: 'grace' });
    fake.domains.delete('gone.com');
    h.clock.t += 3600_000;

    const [a] = (await h.engine.run({ mode: 'full' })).accounts;
    expect(a).toMatchObject({ state: 'ok', updated: 7, unchanged: 1, removed: 1, added: 0 });
    expect(h.kinds('renew.com')).toEqual(['added', 'renewed']);
    expect(h.kinds('fix.com')).toEqual(['added', 'expiry-changed']);
    expect(h.kinds('ns.com')).toEqual(['added', 'nameservers-changed']);
    expect(h.kinds('lock.com')).toEqual(['added', 'lock-changed']);
    expect(h.kinds('auto.com')).toEqual(['added', 'auto-renew-changed']);
    expect(h.kinds('folder.com')).toEqual(['added', 'folder-changed']);
    expect(h.kinds('status.com')).toEqual(['added', 'status-changed']);
    expect(h.kinds('same.com')).toEqual(['added']);
    expect(h.kinds('gone.com')).toEqual(['added', 'removed']);

    const renewed = h.events.forName('renew.com')[0];
    expect(renewed?.before).toEqual({ expiresAt: '2030-01-15T00:00:00.000Z' });
    expect(renewed?.after).toEqual({ expiresAt: '2031-01-15T00:00:00.000Z' });
    const gone = h.row('a1', 'gone.com');
    expect(gone).toMatchObject({ status: 'removed', removedAt: h.clock.t });
    expect(gone?.rawList).toContain('gone.com');

    // Seen again later: back, with an 'added' event that says it had been removed.
    fake.domains.set('gone.com', domain('gone.com'));
    h.clock.t += 3600_000;
    const [again] = (await h.engine.run({ mode: 'full' })).accounts;
    expect(again?.added).toBe(1);
    expect(h.kinds('gone.com')).toEqual(['added', 'removed', 'added']);
    expect(h.row('a1', 'gone.com')?.removedAt).toBeNull();
  });

  it('a domain that leaves one account for another is recorded as moved', async () => {
    const h = syncHarness();
    const a = createFakeRegistrar([domain('wander.com'), domain('stay.com')]);
    const b = createFakeRegistrar([domain('other.com')], { registrar: 'mrdomain' });
    h.account('a', 'Dyn', a);
    h.account('b', 'Mrd', b);
    await h.engine.run({ mode: 'full' });
    a.domains.delete('wander.com');
    b.domains.set('wander.com', domain('wander.com'));
    h.clock.t += 1000;
    await h.engine.run({ mode: 'full' });
    const kinds = h.kinds('wander.com');
    expect(kinds[0]).toBe('added');
    expect(kinds).toContain('moved');
    const moved = h.events.forName('wander.com').find((e) => e.kind === 'moved');
    expect(moved?.before).toEqual({ accountId: 'a', account: 'Dyn' });
    expect(moved?.after).toEqual({ accountId: 'b', account: 'Mrd' });
    expect(h.row('a', 'wander.com')?.status).toBe('removed');
    expect(h.row('b', 'wander.com')?.status).toBe('active');
  });

  it('never touches user data', async () => {
    const h = syncHarness();
    const fake = createFakeRegistrar([domain('mine.com')]);
    h.account('a1', 'Main', fake);
    const user = createUserDataRepo(h.db);
    user.update(['mine.com'], { tags: ['premium'], notes: 'bought at auction', purchasePrice: { amountMinor: 50000, currency: 'USD' }, customFields: { buyer: 'x' } }, 1);
    const before = user.get('mine.com');
    await h.engine.run({ mode: 'full' });
    fake.domains.set('mine.com', domain('mine.com', { locked: false, folder: 'f' }));
    await h.engine.run({ mode: 'full' });
    fake.domains.delete('mine.com');
    await h.engine.run({ mode: 'full' });
    expect(user.get('mine.com')).toEqual(before);
  });

  it('emits progress for each account with accounts done/total', async () => {
    const h = syncHarness();
    h.account('a', 'A', createFakeRegistrar([domain('a1.com'), domain('a2.com')], { pageSize: 1 }));
    h.account('b', 'B', createFakeRegistrar([domain('b1.com')], { registrar: 'reseller' }));
    await h.engine.run({ mode: 'full' });
    const finished = h.progress.filter((p) => p.phase === 'finished');
    expect(finished.map((p) => p.accountId).sort()).toEqual(['a', 'b']);
    expect(h.progress.at(-1)).toMatchObject({ accountsDone: 2, accountsTotal: 2, phase: 'finished' });
    const listingA = h.progress.filter((p) => p.accountId === 'a' && p.phase === 'listing');
    expect(listingA.map((p) => p.done)).toEqual([1, 2]);
  });

  it('joins a second request for an account already syncing instead of listing twice', async () => {
    const h = syncHarness();
    const fake = createFakeRegistrar([domain('one.com')], { latencyMs: 20 });
    h.account('a1', 'Main', fake);
    const [r1, r2] = await Promise.all([h.engine.run({ mode: 'full' }), h.engine.run({ accountId: 'a1', mode: 'full' })]);
    expect(fake.calls.list).toBe(1);
    expect(r1.accounts[0]?.runId).toBe(r2.accounts[0]?.runId);
  });
});

describe('sync engine: error isolation', () => {
  it('one failing account does not stop the others, and says why', async () => {
    const h = syncHarness();
    const bad = createFakeRegistrar([domain('x.com')]);
    bad.failList = new RegistrarError({ kind: 'AuthFailed', registrar: 'dynadot', message: 'Invalid key secret-abc123' });
    const good = createFakeRegistrar([domain('y.com'), domain('z.com')], { registrar: 'mrdomain' });
    h.account('bad', 'Bad', bad);
    h.account('good', 'Good', good);
    h.account('none', 'NoAdapter', createFakeRegistrar([]));
    h.db.prepare("DELETE FROM accounts WHERE id = 'none'").run();
    const report = await h.engine.run({ mode: 'full' });
    expect(report.ok).toBe(false);
    const byId = Object.fromEntries(report.accounts.map((a) => [a.accountId, a]));
    expect(byId.bad).toMatchObject({ state: 'failed', error: { code: 'AuthFailed' } });
    expect(byId.bad?.error?.message).not.toContain('secret-abc123');
    expect(byId.good).toMatchObject({ state: 'ok', added: 2 });
    expect(h.runs.lastFinished('bad')).toMatchObject({ state: 'failed', errorCode: 'AuthFailed' });
  });

  it('an account whose adapter cannot be built fails alone', async () => {
    const h = syncHarness();
    h.account('ok', 'Ok', createFakeRegistrar([domain('fine.com')]));
    h.db.prepare("INSERT INTO accounts (id, registrar, label, vault_id, created_at, updated_at) VALUES ('orphan', 'irsfa', 'Orphan', 'v', 0, 0)").run();
    const report = await h.engine.run({ mode: 'full' });
    const orphan = report.accounts.find((a) => a.accountId === 'orphan');
    expect(orphan).toMatchObject({ state: 'failed', error: { code: 'Internal', message: 'no adapter for orphan' } });
    expect(report.accounts.find((a) => a.accountId === 'ok')?.state).toBe('ok');
  });

  it('a listing that breaks midway keeps the pages read and marks nothing removed', async () => {
    const h = syncHarness();
    const fake = createFakeRegistrar(['a.com', 'b.com', 'c.com', 'd.com'].map((n) => domain(n)), { pageSize: 2 });
    h.account('a1', 'Main', fake);
    await h.engine.run({ mode: 'full' });
    fake.domains.set('a.com', domain('a.com', { locked: false }));
    fake.failAfterPages = fake.calls.pages + 1;
    const [r] = (await h.engine.run({ mode: 'full' })).accounts;
    expect(r).toMatchObject({ state: 'failed', pages: 1, seen: 2, updated: 1, removed: 0, error: { code: 'Transient' } });
    expect(h.row('a1', 'd.com')?.removedAt).toBeNull();
  });

  it('a bad domain is reported with its reason while the rest are stored; odd values are flagged, not fatal', async () => {
    const h = syncHarness();
    const fake = createFakeRegistrar([
      domain('good.com'),
      domain('weird-status.com', { status: 'on-vacation' as never }),
      domain('bad-date.com', { expiresAt: 'next tuesday', raw: { ExpDate: 'next tuesday' } }),
    ]);
    fake.extraRows.push({ name: '', raw: { junk: true } });
    h.account('a1', 'Main', fake);
    const [r] = (await h.engine.run({ mode: 'full' })).accounts;
    expect(r).toMatchObject({ state: 'partial', added: 3, failed: 1, flagged: 2 });
    expect(r?.domainErrors[0]?.reason).toMatch(/without a usable name/);
    expect(h.row('a1', 'weird-status.com')).toMatchObject({ status: 'unknown', flags: '["status:unknown"]' });
    expect(h.row('a1', 'bad-date.com')).toMatchObject({ expiresAt: null, flags: '["expiresAt:unparseable"]' });
    expect(h.row('a1', 'bad-date.com')?.rawList).toContain('next tuesday');
  });

  it('a detail read that fails for one name keeps its list data and the others get theirs', async () => {
    const h = syncHarness();
    const fake = createFakeRegistrar([domain('a.com'), domain('b.com', { nameservers: ['ns.b.example'] }), domain('c.com')], { listOmits: ['nameservers'] });
    fake.failDetail.set('a.com', new RegistrarError({ kind: 'Transient', registrar: 'dynadot', message: 'timeout reading a.com' }));
    h.account('a1', 'Main', fake);
    const [r] = (await h.engine.run({ mode: 'full' })).accounts;
    expect(r).toMatchObject({ state: 'partial', added: 3, failed: 1, detailReads: 3 });
    expect(r?.domainErrors).toEqual([{ name: 'a.com', reason: 'timeout reading a.com' }]);
    expect(h.row('a1', 'a.com')).toMatchObject({ nameservers: null, status: 'active' });
    expect(h.row('a1', 'b.com')?.nameservers).toBe('["ns.b.example"]');
  });

  it('an account-wide error during detail reads stops that account only', async () => {
    const h = syncHarness();
    const fake = createFakeRegistrar([domain('a.com'), domain('b.com')], { listOmits: ['nameservers'] });
    fake.failDetail.set('a.com', new RegistrarError({ kind: 'Banned', registrar: 'dynadot', message: 'key banned', until: 1 }));
    h.account('a1', 'Main', fake);
    h.account('a2', 'Other', createFakeRegistrar([domain('c.com')], { registrar: 'reseller' }));
    const report = await h.engine.run({ mode: 'full' });
    expect(report.accounts.find((a) => a.accountId === 'a1')).toMatchObject({ state: 'failed', error: { code: 'Banned' } });
    expect(report.accounts.find((a) => a.accountId === 'a2')?.state).toBe('ok');
  });

  it('an empty list for an account holding many names is not taken as "everything left"', async () => {
    const h = syncHarness();
    const fake = createFakeRegistrar(Array.from({ length: 12 }, (_, i) => domain(`n${i}.com`)));
    h.account('a1', 'Main', fake);
    await h.engine.run({ mode: 'full' });
    fake.domains.clear();
    const [r] = (await h.engine.run({ mode: 'full' })).accounts;
    expect(r).toMatchObject({ state: 'partial', removed: 0 });
    expect(r?.domainErrors[0]?.reason).toMatch(/empty domain list/);
    expect(h.row('a1', 'n0.com')?.removedAt).toBeNull();
  });
});

describe('sync engine: incremental and selected names', () => {
  it('reads details only for domains whose list row changed or that are new', async () => {
    const h = syncHarness();
    const fake = createFakeRegistrar(['a.com', 'b.com', 'c.com'].map((n) => domain(n)), { listOmits: ['nameservers', 'renewalPrice'] });
    h.account('a1', 'Main', fake);
    const [full] = (await h.engine.run({ mode: 'full' })).accounts;
    expect(full?.detailReads).toBe(3);
    expect(h.row('a1', 'a.com')?.renewalPriceMinor).toBe(1299);

    h.clock.t += 3600_000;
    const [quiet] = (await h.engine.run({ mode: 'incremental' })).accounts;
    expect(quiet).toMatchObject({ detailReads: 0, unchanged: 3, updated: 0 });
    // Omitted fields survive a list-only pass.
    expect(h.row('a1', 'a.com')?.nameservers).toBe('["ns1.example.net","ns2.example.net"]');

    fake.domains.set('b.com', domain('b.com', { locked: false, nameservers: ['ns.new.example'] }));
    fake.domains.set('d.com', domain('d.com'));
    fake.calls.detailNames.length = 0;
    const [changed] = (await h.engine.run({ mode: 'incremental' })).accounts;
    expect(fake.calls.detailNames.sort()).toEqual(['b.com', 'd.com']);
    expect(changed).toMatchObject({ added: 1, updated: 1, unchanged: 2 });
    expect(h.kinds('b.com')).toEqual(['added', 'nameservers-changed', 'lock-changed']);

    // Stale details are re-read after a week.
    h.clock.t += 8 * 24 * 3600_000;
    const [stale] = (await h.engine.run({ mode: 'incremental' })).accounts;
    expect(stale?.detailReads).toBe(4);
  });

  it('user-supplied lists pass the known names, and incremental passes only those due', async () => {
    const h = syncHarness();
    const soon = new Date(h.clock.t + 10 * 24 * 3600_000).toISOString();
    const fake = createFakeRegistrar([domain('far.id'), domain('soon.id', { expiresAt: soon }), domain('late.id', { status: 'grace' })], { registrar: 'irsfa', listDomains: 'user-supplied' });
    h.account('i1', 'Irsfa', fake);
    // Nothing known yet: a user-supplied account is seeded with names.
    const [empty] = (await h.engine.run({ mode: 'full' })).accounts;
    expect(empty).toMatchObject({ state: 'ok', seen: 0 });
    expect(fake.calls.list).toBe(0);
    await h.engine.run({ accountId: 'i1', names: ['far.id', 'soon.id', 'late.id'], mode: 'full' });
    expect(h.row('i1', 'far.id')?.status).toBe('active');

    await h.engine.run({ mode: 'full' });
    expect([...(fake.calls.listNames.at(-1) ?? [])].sort()).toEqual(['far.id', 'late.id', 'soon.id']);
    h.clock.t += 3600_000;
    await h.engine.run({ mode: 'incremental' });
    expect([...(fake.calls.listNames.at(-1) ?? [])].sort()).toEqual(['late.id', 'soon.id']);
  });

  it('refreshes selected names with one detail read each and marks a name the registrar lost as removed', async () => {
    const h = syncHarness();
    const fake = createFakeRegistrar(['a.com', 'b.com', 'c.com'].map((n) => domain(n)));
    h.account('a1', 'Main', fake);
    await h.engine.run({ mode: 'full' });
    fake.domains.set('a.com', domain('a.com', { expiresAt: '2031-01-15T00:00:00.000Z' }));
    fake.domains.delete('b.com');
    const report = await h.engine.run({ names: ['A.com', 'b.com'], mode: 'full' });
    expect(fake.calls.detailNames.sort()).toEqual(['a.com', 'b.com']);
    expect(report.accounts[0]).toMatchObject({ mode: 'names', updated: 1, removed: 1 });
    expect(h.kinds('a.com')).toEqual(['added', 'renewed']);
    expect(h.row('a1', 'b.com')?.status).toBe('removed');
    await expect(h.engine.run({ names: ['nowhere.com'], mode: 'full' })).rejects.toMatchObject({ code: 'NotFound' });
  });
});
