import { describe, expect, it } from 'vitest';
import { createUserDataRepo } from '../../../src-main/db/repos/domain-user-data.js';
import { createPortfolioService } from '../../../src-main/services/portfolio-service.js';
import { createFakeRegistrar, domain } from '../../helpers/fake-registrar.js';
import { generatePortfolio } from '../../helpers/portfolio-fixture.js';
import { syncHarness } from './harness.js';

async function smallPortfolio() {
  const h = syncHarness();
  const dyn = createFakeRegistrar([
    domain('apple.com', { expiresAt: '2025-04-02T00:00:00.000Z', renewalPrice: { amountMinor: 1000, currency: 'USD' }, folder: 'Sale' }),
    domain('banana.net', { expiresAt: '2025-04-20T00:00:00.000Z', renewalPrice: { amountMinor: 900, currency: 'EUR' }, autoRenew: true }),
    domain('cherry.io', { expiresAt: '2025-06-01T00:00:00.000Z', renewalPrice: null, status: 'grace', locked: false }),
    domain('xn--bcher-kva.com', { unicode: 'bücher.com', expiresAt: '2026-09-01T00:00:00.000Z', renewalPrice: { amountMinor: 2500, currency: 'USD' } }),
  ]);
  const mrd = createFakeRegistrar(
    [
      domain('date.es', { expiresAt: '2025-04-25T00:00:00.000Z', renewalPrice: { amountMinor: 1500000, currency: 'IDR' }, folder: 'Sale' }),
      domain('elder.co.id', { tld: 'co.id', expiresAt: null, renewalPrice: { amountMinor: 100, currency: 'USD' } }),
      domain('gone.es'),
    ],
    { registrar: 'mrdomain' },
  );
  h.account('d', 'Dyn main', dyn);
  h.account('m', 'MrD', mrd);
  await h.engine.run({ mode: 'full' });
  mrd.domains.delete('gone.es');
  await h.engine.run({ mode: 'full' });
  const user = createUserDataRepo(h.db);
  user.update(['apple.com', 'date.es'], { tags: ['premium'] }, 1);
  user.update(['apple.com'], { addTags: ['brandable'], purchasePrice: { amountMinor: 50000, currency: 'USD' } }, 1);
  user.update(['banana.net'], { purchasePrice: { amountMinor: 20000, currency: 'USD' } }, 1);
  const svc = createPortfolioService({ db: h.db, now: () => h.clock.t });
  const names = (r: { items: { name: string }[] }) => r.items.map((i) => i.name);
  const q = (filter = {}, sort: { column: never; desc: boolean }[] = [], offset = 0, limit = 100) => svc.query({ filter, sort, offset, limit });
  return { h, svc, q, names, user };
}

describe('portfolio queries', () => {
  it('hides removed names unless asked, and reports totals with paging', async () => {
    const { q, names } = await smallPortfolio();
    expect(q().total).toBe(6);
    expect(names(q({ includeRemoved: true }))).toContain('gone.es');
    expect(names(q({ statuses: ['removed'] }))).toEqual(['gone.es']);
    const page = q({}, [{ column: 'name' as never, desc: false }], 2, 2);
    expect(page.total).toBe(6);
    expect(names(page)).toEqual(['cherry.io', 'date.es']);
  });

  it('sorts by any column, both directions, with ties broken by name', async () => {
    const { q, names } = await smallPortfolio();
    const by = (column: string, desc = false) => names(q({}, [{ column: column as never, desc }]));
    expect(by('expiresAt')).toEqual(['elder.co.id', 'apple.com', 'banana.net', 'date.es', 'cherry.io', 'xn--bcher-kva.com']);
    expect(by('expiresAt', true)[0]).toBe('xn--bcher-kva.com');
    expect(by('account')).toEqual(['apple.com', 'banana.net', 'cherry.io', 'xn--bcher-kva.com', 'date.es', 'elder.co.id']);
    expect(by('registrar', true).slice(0, 2)).toEqual(['elder.co.id', 'date.es']);
    // Money sorts within a currency, never across: EUR < IDR < USD groups, amounts inside.
    expect(by('renewalPrice')).toEqual(['cherry.io', 'banana.net', 'date.es', 'elder.co.id', 'apple.com', 'xn--bcher-kva.com']);
    expect(by('purchasePrice', true).slice(0, 2)).toEqual(['apple.com', 'banana.net']);
    // 'co.id' sorts before 'com' ('.' < 'm').
    expect(by('tld')).toEqual(['elder.co.id', 'apple.com', 'xn--bcher-kva.com', 'date.es', 'cherry.io', 'banana.net']);
  });

  it('filters by registrar, account label, tld, status, expiry window, tag, folder, auto-renew and lock', async () => {
    const { q, names } = await smallPortfolio();
    expect(names(q({ registrars: ['mrdomain'] }))).toEqual(['date.es', 'elder.co.id']);
    expect(names(q({ accounts: ['dyn MAIN'] })).length).toBe(4);
    expect(names(q({ accounts: ['m'] }))).toEqual(['date.es', 'elder.co.id']);
    expect(names(q({ tlds: ['.co.id', 'io'] }))).toEqual(['cherry.io', 'elder.co.id']);
    expect(names(q({ statuses: ['grace'] }))).toEqual(['cherry.io']);
    expect(names(q({ expiresFrom: '2025-04-01T00:00:00Z', expiresBefore: '2025-05-01T00:00:00Z' }))).toEqual(['apple.com', 'banana.net', 'date.es']);
    expect(names(q({ tags: ['PREMIUM'] }))).toEqual(['apple.com', 'date.es']);
    expect(names(q({ folders: ['Sale'] }))).toEqual(['apple.com', 'date.es']);
    expect(names(q({ folders: [null] })).length).toBe(4);
    expect(names(q({ autoRenew: true }))).toEqual(['banana.net']);
    expect(names(q({ locked: false }))).toEqual(['cherry.io']);
    expect(names(q({ registrars: ['dynadot'], tags: ['premium'], folders: ['Sale'] }))).toEqual(['apple.com']);
  });

  it('finds substrings of ASCII and Unicode names, short terms included', async () => {
    const { q, names } = await smallPortfolio();
    expect(names(q({ search: 'ANAN' }))).toEqual(['banana.net']);
    expect(names(q({ search: 'bücher' }))).toEqual(['xn--bcher-kva.com']);
    expect(names(q({ search: 'xn--' }))).toEqual(['xn--bcher-kva.com']);
    expect(names(q({ search: 'er' }))).toEqual(['cherry.io', 'elder.co.id', 'xn--bcher-kva.com']);
    expect(names(q({ search: '"quoted' }))).toEqual([]);
    expect(names(q({ search: 'es' }))).toEqual(['date.es']);
  });

  it('counts facets, each ignoring its own filter', async () => {
    const { svc } = await smallPortfolio();
    const f = svc.facets({ filter: { registrars: ['dynadot'] } });
    expect(f.total).toBe(4);
    expect(f.registrars).toEqual([
      { value: 'dynadot', count: 4 },
      { value: 'mrdomain', count: 2 },
    ]);
    expect(f.accounts).toEqual([{ value: 'd', label: 'Dyn main', count: 4 }]);
    expect(f.statuses).toEqual([
      { value: 'active', count: 3 },
      { value: 'grace', count: 1 },
    ]);
    expect(f.tags).toEqual([
      { value: 'brandable', count: 1 },
      { value: 'premium', count: 1 },
    ]);
    expect(f.expiryMonths.map((m) => m.value)).toEqual(['2025-04', '2025-06', '2026-09']);
    expect(f.folders).toContainEqual({ value: 'Sale', count: 1 });
  });

  it('sums renewal costs per month and currency, never mixing currencies', async () => {
    const { svc } = await smallPortfolio();
    const a = svc.aggregates({ filter: {}, months: 12 });
    expect(a.from).toBe('2025-03-01T00:00:00.000Z');
    expect(a.to).toBe('2026-03-01T00:00:00.000Z');
    expect(a.months).toHaveLength(12);
    const april = a.months.find((m) => m.month === '2025-04');
    expect(april?.totals).toEqual([
      { currency: 'EUR', amountMinor: 900, count: 1 },
      { currency: 'IDR', amountMinor: 1500000, count: 1 },
      { currency: 'USD', amountMinor: 1000, count: 1 },
    ]);
    expect(a.months.find((m) => m.month === '2025-06')).toEqual({ month: '2025-06', totals: [], unpriced: 1 });
    expect(a.totals).toEqual([
      { currency: 'EUR', amountMinor: 900, count: 1 },
      { currency: 'IDR', amountMinor: 1500000, count: 1 },
      { currency: 'USD', amountMinor: 1000, count: 1 },
    ]);
    expect(a.unpriced).toBe(1);
    expect(svc.aggregates({ filter: { autoRenew: true }, months: 12 }).totals).toEqual([{ currency: 'EUR', amountMinor: 900, count: 1 }]);
  });

  it('returns one domain with raw payload, user data, history and the same name elsewhere', async () => {
    const { svc, h } = await smallPortfolio();
    const got = svc.get({ name: 'APPLE.com' });
    expect(got.domain).toMatchObject({ name: 'apple.com', account: 'Dyn main', registrar: 'dynadot', tags: ['brandable', 'premium'] });
    expect(got.raw.list).toEqual({ name: 'apple.com', source: 'fake', from: 'list' });
    expect(got.userData.purchasePrice).toEqual({ amountMinor: 50000, currency: 'USD' });
    expect(got.events.map((e) => e.kind)).toEqual(['added']);
    expect(() => svc.get({ id: 99999 })).toThrow(/not in the cached portfolio/);
    expect(svc.get({ name: 'gone.es' }).domain.status).toBe('removed');
    expect(h.domains.findByName('gone.es')).toHaveLength(1);
  });

  it('edits user data for many names: tags add/remove/replace, prices, custom fields merge', async () => {
    const { svc } = await smallPortfolio();
    const r = svc.updateUserData({ names: ['apple.com', 'Banana.NET'], patch: { addTags: ['x'], removeTags: ['premium'], notes: 'n', customFields: { buyer: 'Ann', score: 3 } } });
    expect(r.updated).toBe(2);
    expect(r.items.map((i) => i.tags)).toEqual([['brandable', 'x'], ['x']]);
    svc.updateUserData({ names: ['apple.com'], patch: { customFields: { buyer: null }, askingPrice: { amountMinor: 99900, currency: 'EUR' }, purchasePrice: null } });
    const u = svc.get({ name: 'apple.com' }).userData;
    expect(u).toMatchObject({ notes: 'n', customFields: { score: 3 }, askingPrice: { amountMinor: 99900, currency: 'EUR' }, purchasePrice: null });
    expect(() => svc.updateUserData({ names: ['not a name'], patch: { notes: 'x' } })).toThrow(/not a domain name/);
  });
});

describe('history is append-only', () => {
  it('refuses updates and deletes of events, except an explicit account purge', async () => {
    const { h } = await smallPortfolio();
    expect(() => h.db.prepare("UPDATE domain_events SET kind = 'added'").run()).toThrow(/append-only/);
    expect(() => h.db.prepare('DELETE FROM domain_events').run()).toThrow(/append-only/);
    const before = h.events.forName('date.es').length;
    expect(h.events.purgeAccount('m')).toBeGreaterThan(0);
    expect(h.events.forName('date.es')).toHaveLength(0);
    expect(before).toBeGreaterThan(0);
    expect(h.events.forName('apple.com')).toHaveLength(1);
    expect(() => h.db.prepare("DELETE FROM domain_events WHERE account_id = 'd'").run()).toThrow(/append-only/);
  });

  it('removing an account drops its cached rows but keeps their history', async () => {
    const { h, q } = await smallPortfolio();
    h.db.prepare("DELETE FROM accounts WHERE id = 'm'").run();
    expect(q({ includeRemoved: true }).total).toBe(4);
    expect(h.events.forName('date.es').map((e) => e.kind)).toEqual(['added']);
  });
});

describe('100k names', () => {
  it('answers sorted pages, filters, search, facets and aggregates correctly', async () => {
    const h = syncHarness();
    const all = generatePortfolio(100_000);
    const registrars = ['dynadot', 'mrdomain', 'irsfa', 'reseller'] as const;
    registrars.forEach((r, i) => h.account(`acc${i}`, `Account ${i}`, createFakeRegistrar(all.slice(i * 25_000, (i + 1) * 25_000), { registrar: r, pageSize: 5000 })));
    const report = await h.engine.run({ mode: 'full' });
    expect(report.accounts.map((a) => a.added)).toEqual([25_000, 25_000, 25_000, 25_000]);
    const svc = createPortfolioService({ db: h.db, now: () => h.clock.t });

    const byExpiry = [...all].sort((a, b) => Date.parse(a.expiresAt ?? '') - Date.parse(b.expiresAt ?? '') || (a.name < b.name ? -1 : 1));
    const page = svc.query({ filter: {}, sort: [{ column: 'expiresAt', desc: false }], offset: 500, limit: 50 });
    expect(page.total).toBe(100_000);
    expect(page.items.map((i) => i.name)).toEqual(byExpiry.slice(500, 550).map((d) => d.name));

    const term = 'novaor';
    const matching = all.filter((d) => d.name.includes(term)).map((d) => d.name).sort();
    const found = svc.query({ filter: { search: term }, sort: [{ column: 'name', desc: false }], offset: 0, limit: 1000 });
    expect(found.total).toBe(matching.length);
    expect(found.items.map((i) => i.name)).toEqual(matching.slice(0, 1000));

    const grace = all.slice(25_000, 50_000).filter((d) => d.status === 'grace' && d.tld === 'id').length;
    expect(svc.query({ filter: { registrars: ['mrdomain'], statuses: ['grace'], tlds: ['id'] }, sort: [], offset: 0, limit: 1 }).total).toBe(grace);

    const facets = svc.facets({ filter: {} });
    const tldCount = new Map<string, number>();
    for (const d of all) tldCount.set(d.tld, (tldCount.get(d.tld) ?? 0) + 1);
    expect(Object.fromEntries(facets.tlds.map((t) => [t.value, t.count]))).toEqual(Object.fromEntries(tldCount));
    expect(facets.registrars.map((r) => r.count)).toEqual([25_000, 25_000, 25_000, 25_000]);

    const agg = svc.aggregates({ filter: {}, months: 12 });
    const from = Date.parse(agg.from);
    const to = Date.parse(agg.to);
    const usd = all.filter((d) => d.renewalPrice?.currency === 'USD' && Date.parse(d.expiresAt ?? '') >= from && Date.parse(d.expiresAt ?? '') < to);
    expect(agg.totals.find((t) => t.currency === 'USD')).toEqual({ currency: 'USD', amountMinor: usd.reduce((s, d) => s + (d.renewalPrice?.amountMinor ?? 0), 0), count: usd.length });
  }, 120_000);
});
