import { describe, expect, it } from 'vitest';
import { createUserDataRepo } from '../../../src-main/db/repos/domain-user-data.js';
import { createPortfolioService } from '../../../src-main/services/portfolio-service.js';
import { changeHash, type DomainFields } from '../../../src-main/db/repos/domains.js';
import { summary } from '../../../src-main/sync/diff.js';
import { createFakeRegistrar, domain } from '../../helpers/fake-registrar.js';
import { syncHarness } from './harness.js';

const base: DomainFields = {
  name: 'alpha.com',
  unicode: 'alpha.com',
  tld: 'com',
  expiresAt: 1_900_000_000_000,
  registryExpiresAt: null,
  createdAt: 1_500_000_000_000,
  status: 'active',
  autoRenew: false,
  locked: true,
  privacy: 'full',
  nameservers: '["ns1.example.net","ns2.example.net"]',
  folder: null,
  renewalPriceMinor: 1299,
  renewalCurrency: 'USD',
  flags: '[]',
  rawList: '{"name":"alpha.com"}',
  rawDetail: null,
};

/** One different value per stored field (name is the key, not hashed). */
const changes: Partial<DomainFields>[] = [
  { unicode: 'älpha.com' },
  { tld: 'net' },
  { expiresAt: 1_900_000_000_001 },
  { expiresAt: null },
  { registryExpiresAt: 0 },
  { createdAt: null },
  { status: 'grace' },
  { autoRenew: true },
  { autoRenew: null },
  { locked: false },
  { privacy: null },
  { privacy: 'off' },
  { nameservers: '["ns2.example.net","ns1.example.net"]' },
  { nameservers: null },
  { folder: 'Sale' },
  { folder: '' },
  { renewalPriceMinor: 1300 },
  { renewalPriceMinor: 1299 + 2 ** 32 },
  { renewalCurrency: 'EUR' },
  { flags: '["status:unknown"]' },
  { rawList: '{"name":"alpha.com","x":1}' },
  { rawList: null },
  { rawDetail: '{}' },
];

describe('change hash', () => {
  it('is equal for equal fields and differs on every tracked field, null included', () => {
    expect(changeHash({ ...base })).toBe(changeHash(base));
    expect(Number.isSafeInteger(changeHash(base))).toBe(true);
    const seen = new Set([changeHash(base)]);
    for (const c of changes) {
      const h = changeHash({ ...base, ...c });
      expect(seen.has(h), JSON.stringify(c)).toBe(false);
      seen.add(h);
    }
    // Field boundaries count: moving text from one field to the next is a change.
    expect(changeHash({ ...base, folder: 'ab', renewalCurrency: null })).not.toBe(changeHash({ ...base, folder: 'a', renewalCurrency: 'b' }));
  });
});

describe('re-sync with change hashes', () => {
  it('counts unchanged names without events, and a raw-only change as an update without events', async () => {
    const h = syncHarness();
    const fake = createFakeRegistrar([domain('alpha.com'), domain('beta.net'), domain('gamma.org')]);
    h.account('a1', 'Main', fake);
    await h.engine.run({ mode: 'full' });
    const stored = h.row('a1', 'alpha.com');
    expect(stored?.changeHash).toBe(stored ? changeHash(stored) : null);

    h.clock.t += 1000;
    fake.domains.set('beta.net', domain('beta.net', { raw: { name: 'beta.net', source: 'fake', note: 'new' } }));
    const [a] = (await h.engine.run({ mode: 'full' })).accounts;
    expect(a).toMatchObject({ unchanged: 2, updated: 1, added: 0 });
    expect(h.kinds('alpha.com')).toEqual(['added']);
    expect(h.kinds('beta.net')).toEqual(['added']);
    expect(h.row('a1', 'alpha.com')?.lastSyncedAt).toBe(h.clock.t);
    expect(h.row('a1', 'beta.net')?.rawList).toContain('"note":"new"');
  });

  it('compares rows written before hashes field by field once, filling their hash without events', async () => {
    const h = syncHarness();
    const fake = createFakeRegistrar([domain('alpha.com'), domain('beta.net', { locked: true })]);
    h.account('a1', 'Main', fake);
    await h.engine.run({ mode: 'full' });
    h.db.exec('UPDATE domains SET change_hash = NULL');

    fake.domains.set('beta.net', domain('beta.net', { locked: false }));
    h.clock.t += 1000;
    const [a] = (await h.engine.run({ mode: 'full' })).accounts;
    expect(a).toMatchObject({ unchanged: 1, updated: 1 });
    expect(h.kinds('alpha.com')).toEqual(['added']);
    expect(h.kinds('beta.net')).toEqual(['added', 'lock-changed']);
    const alpha = h.row('a1', 'alpha.com');
    expect(alpha?.changeHash).toBe(alpha ? changeHash(alpha) : null);
    expect(alpha?.lastSyncedAt).toBe(h.clock.t);
  });

  it('repairs a field another writer changed (the write clears the hash) and never touches user data', async () => {
    const h = syncHarness();
    const fake = createFakeRegistrar([domain('alpha.com', { folder: 'Keep' })]);
    h.account('a1', 'Main', fake);
    await h.engine.run({ mode: 'full' });
    createUserDataRepo(h.db).update(['alpha.com'], { tags: ['premium'], notes: 'mine' }, 1);
    // Another writer changed a field and left the hash as it was: a trigger clears it, so sync compares field by field.
    h.db.exec("UPDATE domains SET folder = 'Sold'");
    expect(h.row('a1', 'alpha.com')?.changeHash).toBeNull();
    const [a] = (await h.engine.run({ mode: 'full' })).accounts;
    expect(a).toMatchObject({ updated: 1, unchanged: 0 });
    expect(h.kinds('alpha.com')).toEqual(['added', 'folder-changed']);
    expect(h.row('a1', 'alpha.com')?.folder).toBe('Keep');
    expect(createUserDataRepo(h.db).get('alpha.com')).toMatchObject({ tags: ['premium'], notes: 'mine' });
  });

  it("writes a new name's 'added' event from its row, exactly as the summary of its fields", async () => {
    const h = syncHarness();
    const list = [
      domain('a.com'),
      domain('b.com', { expiresAt: null, autoRenew: null, locked: null }),
      domain('c.com', { expiresAt: '2027-03-05T12:34:56.789Z', autoRenew: true, locked: false }),
      domain('d.com', { expiresAt: '1969-12-31T23:59:59.999Z', status: 'redemption' }),
      domain('e.com', { expiresAt: '9999-12-31T23:59:59.999Z' }),
    ];
    h.account('a1', 'Main', createFakeRegistrar(list));
    await h.engine.run({ mode: 'full' });
    for (const d of list) {
      const row = h.row('a1', d.name);
      const text = h.db.prepare("SELECT after FROM domain_events WHERE name = ? AND kind = 'added'").get(d.name) as { after: string };
      expect(text.after).toBe(JSON.stringify(row ? summary(row) : null));
    }
  });

  it('a bulk load of new names keeps every event and count, and search works once it ends', async () => {
    const h = syncHarness();
    const names = Array.from({ length: 1200 }, (_, i) => `bulk${i}.${i % 3 ? 'com' : 'io'}`);
    h.account('a1', 'Main', createFakeRegistrar(names.slice(0, 600).map((n) => domain(n)), { pageSize: 600 }));
    h.account('a2', 'Other', createFakeRegistrar(names.slice(600).map((n) => domain(n, { status: 'grace' })), { registrar: 'mrdomain', pageSize: 600 }));
    const report = await h.engine.run({ mode: 'full' });
    expect(report.accounts.map((a) => a.added)).toEqual([600, 600]);
    expect(h.db.prepare("SELECT count(*) AS n, count(DISTINCT name) AS d FROM domain_events WHERE kind = 'added'").get()).toEqual({ n: 1200, d: 1200 });
    expect(h.db.prepare("SELECT n FROM domain_facet_counts WHERE dim = 'tld' AND key = 'Vio'").get()).toEqual({ n: 400 });
    expect(h.db.prepare("SELECT n FROM domain_facet_counts WHERE dim = 'status' AND key = 'Vgrace'").get()).toEqual({ n: 600 });
    // The trigram index is filled in slices after the load: searches scan names until it is complete.
    const svc = createPortfolioService({ db: h.db, now: () => h.clock.t });
    const search = (q: string) => svc.query({ filter: { search: q }, sort: [{ column: 'name', desc: false }], offset: 0, limit: 100 }).items.map((d) => d.name);
    const expected = names.filter((n) => n.includes('bulk111')).sort();
    expect(h.db.prepare('SELECT deferred FROM domains_fts_state').get()).toEqual({ deferred: 1 });
    expect(search('bulk111')).toEqual(expected);
    await h.searchReady();
    expect(h.db.prepare('SELECT deferred FROM domains_fts_state').get()).toEqual({ deferred: 0 });
    expect(h.db.prepare("SELECT count(*) AS n FROM domains_fts WHERE domains_fts MATCH '\"bulk111\"'").get()).toEqual({ n: 11 });
    expect(search('bulk111')).toEqual(expected);
    expect(h.db.prepare('SELECT count(*) AS n FROM domains_deferred_ddl').get()).toEqual({ n: 0 });
  });

  it('searches are right at every moment of the trigram fill, whatever is written meanwhile', async () => {
    const h = syncHarness();
    const names = Array.from({ length: 16_000 }, (_, i) => `fill${i}.com`);
    const fake = createFakeRegistrar(names.map((n) => domain(n)), { pageSize: 4000 });
    h.account('a1', 'Main', fake);
    const other = createFakeRegistrar([domain('late-fill1.io')], { registrar: 'mrdomain' });
    h.account('a2', 'Other', other);
    await h.engine.run({ mode: 'full', accountId: 'a1' });
    const svc = createPortfolioService({ db: h.db, now: () => h.clock.t });
    const search = (q: string) => svc.query({ filter: { search: q }, sort: [{ column: 'name', desc: false }], offset: 0, limit: 500 }).items.map((d) => d.name);
    const truth = (q: string) => (h.db.prepare('SELECT name FROM domains WHERE removed_at IS NULL AND instr(name, ?) > 0 ORDER BY name, id').pluck(true).all(q) as string[]).slice(0, 500);
    let slices = 0;
    let wrote = false;
    let done = false;
    const ready = h.searchReady().then(() => (done = true));
    // Between slices: compare searches with a plain scan, and write what the missing triggers would have handled.
    while (!done) {
      for (const q of ['fill1', 'fill88', 'late-fill']) expect(search(q), q).toEqual(truth(q));
      if (slices === 1 && !wrote) {
        wrote = true;
        // Mid-fill: some rows indexed, the search triggers not back yet.
        expect(h.db.prepare('SELECT deferred FROM domains_fts_state').get()).toEqual({ deferred: 1 });
        await h.engine.run({ mode: 'full', accountId: 'a2' });
        h.db.prepare("UPDATE domains SET unicode = 'renamed-fill1.com' WHERE name = 'fill1.com'").run();
        // Still mid-fill, with fill1.com already indexed: only the fill's own watch can catch this rename.
        expect(h.db.prepare('SELECT deferred FROM domains_fts_state').get()).toEqual({ deferred: 1 });
      }
      slices++;
      await new Promise((r) => setImmediate(r));
    }
    await ready;
    expect(wrote).toBe(true);
    expect(slices).toBeGreaterThan(1);
    expect(h.db.prepare('SELECT deferred FROM domains_fts_state').get()).toEqual({ deferred: 0 });
    for (const q of ['fill1', 'fill88', 'late-fill']) expect(search(q), q).toEqual(truth(q));
    expect(h.db.prepare("SELECT count(*) AS n FROM domains_fts WHERE domains_fts MATCH '\"fill88\"'").get()).toEqual({ n: 111 });
    expect(search('renamed-fill')).toEqual(['fill1.com']);
    expect(search('late-fill')).toEqual(['late-fill1.io']);
  });
});
