import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { DomainFilter, DomainSort } from '../../../src-shared/contract/areas/portfolio.js';
import { openDatabase, type Db } from '../../../src-main/db/connection.js';
import { buildWhere } from '../../../src-main/db/repos/domain-query-sql.js';
import { createUserDataRepo } from '../../../src-main/db/repos/domain-user-data.js';
import { createPortfolioService } from '../../../src-main/services/portfolio-service.js';
import { createFakeRegistrar, domain } from '../../helpers/fake-registrar.js';
import { generatePortfolio } from '../../helpers/portfolio-fixture.js';
import { syncHarness } from './harness.js';

const DIMENSIONS: [string, string][] = [
  ['registrar', 'registrar'],
  ['account', 'account_id'],
  ['tld', 'tld'],
  ['status', 'status'],
  ['folder', 'folder'],
  ['month', "strftime('%Y-%m', expires_at / 1000, 'unixepoch')"],
];

/** The counters against a GROUP BY of the rows themselves, dimension by dimension. */
function expectCountersExact(db: Db): void {
  for (const [dim, expr] of DIMENSIONS) {
    const direct = db.prepare(`SELECT ${expr} AS value, count(*) AS n FROM domains WHERE removed_at IS NULL GROUP BY 1 ORDER BY 1`).all();
    const kept = db
      .prepare("SELECT CASE WHEN key = 'N' THEN NULL ELSE substr(key, 2) END AS value, n FROM domain_facet_counts WHERE dim = ? AND n > 0 ORDER BY 1")
      .all(dim);
    expect(kept, dim).toEqual(direct);
  }
}

/** A 3,000-name portfolio on two accounts, a few IDNs, tags on every 7th name. */
async function portfolio() {
  const h = syncHarness();
  const all = generatePortfolio(3000);
  const idn = [domain('xn--bcher-kva.com', { unicode: 'bücher.com' }), domain('xn--mnchen-3ya.de', { unicode: 'münchen.de', tld: 'de' })];
  const one = createFakeRegistrar([...all.slice(0, 1500), ...idn], { pageSize: 700 });
  const two = createFakeRegistrar(all.slice(1500), { registrar: 'mrdomain', pageSize: 700 });
  h.account('a1', 'Main', one);
  h.account('a2', 'Other', two);
  await h.engine.run({ mode: 'full' });
  await h.searchReady();
  const user = createUserDataRepo(h.db);
  user.update(all.filter((_, i) => i % 7 === 0).map((d) => d.name), { tags: ['premium'] }, 1);
  user.update(all.filter((_, i) => i % 11 === 0).map((d) => d.name), { addTags: ['Brandable'] }, 1);
  const svc = createPortfolioService({ db: h.db, now: () => h.clock.t });
  return { h, svc, one, two, all };
}

describe('facet counters', () => {
  it('match the rows after loads, changes, removals, returns and an account leaving', async () => {
    const { h, one, two, all } = await portfolio();
    expectCountersExact(h.db);

    const a = all[3];
    const b = all[1600];
    if (!a || !b) throw new Error('fixture');
    one.domains.set(a.name, { ...a, status: 'grace', folder: 'Moved', expiresAt: '2031-07-01T00:00:00.000Z' });
    one.domains.delete(all[4]?.name ?? '');
    two.domains.delete(b.name);
    one.domains.set(b.name, b); // moves from a2 to a1
    h.clock.t += 1000;
    await h.engine.run({ mode: 'full' });
    expectCountersExact(h.db);

    two.domains.set(b.name, b); // held by both now
    one.domains.set(all[4]?.name ?? '', all[4] as never); // comes back
    h.clock.t += 1000;
    await h.engine.run({ mode: 'full' });
    expectCountersExact(h.db);

    h.db.prepare("DELETE FROM accounts WHERE id = 'a2'").run();
    expectCountersExact(h.db);
  }, 60_000);
});

describe('portfolio queries: memo and the fast paths', () => {
  it('facets and counts follow every write: sync, user data, and another connection', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dd-facets-'));
    const { db } = openDatabase(dir);
    db.prepare("INSERT INTO accounts (id, registrar, label, vault_id, created_at, updated_at) VALUES ('a1', 'dynadot', 'Main', 'v', 0, 0)").run();
    db.prepare(
      "INSERT INTO domains (account_id, registrar, name, unicode, tld, status, first_seen_at, last_synced_at) VALUES ('a1', 'dynadot', 'alpha.com', 'alpha.com', 'com', 'active', 1, 1), ('a1', 'dynadot', 'beta.net', 'beta.net', 'net', 'grace', 1, 1)",
    ).run();
    const svc = createPortfolioService({ db, now: Date.now });
    const statuses = () => svc.facets({ filter: {} }).statuses;
    expect(statuses()).toEqual([
      { value: 'active', count: 1 },
      { value: 'grace', count: 1 },
    ]);
    expect(svc.facets({ filter: { search: 'alp' } }).tags).toEqual([]);

    svc.updateUserData({ names: ['alpha.com'], patch: { tags: ['premium'] } });
    expect(svc.facets({ filter: { search: 'alp' } }).tags).toEqual([{ value: 'premium', count: 1 }]);
    expect(svc.query({ filter: { tags: ['premium'] }, sort: [], offset: 0, limit: 10 }).total).toBe(1);

    db.prepare("UPDATE domains SET status = 'grace' WHERE name = 'alpha.com'").run();
    expect(statuses()).toEqual([{ value: 'grace', count: 2 }]);

    // Another process writes: SQLite's data_version tells this connection.
    const other = new Database(join(dir, 'domaindeck.db'));
    other.prepare("UPDATE domains SET status = 'redemption', removed_at = NULL WHERE name = 'beta.net'").run();
    other.prepare("INSERT INTO domain_tags (tag, name) VALUES ('premium', 'beta.net')").run();
    other.close();
    expect(statuses()).toEqual([
      { value: 'grace', count: 1 },
      { value: 'redemption', count: 1 },
    ]);
    expect(svc.query({ filter: { tags: ['premium'] }, sort: [], offset: 0, limit: 10 }).total).toBe(2);
    db.close();
  });

  it('1-2 character searches return the rows and count of a plain substring scan, in every sort', async () => {
    const { h, svc } = await portfolio();
    const names = (r: { items: { name: string }[] }) => r.items.map((i) => i.name);
    const cases: [DomainFilter, DomainSort[]][] = [
      [{ search: 'xy' }, []],
      [{ search: 'XY' }, [{ column: 'expiresAt', desc: false }]],
      [{ search: 'q' }, [{ column: 'name', desc: true }]],
      [{ search: 'ü' }, [{ column: 'expiresAt', desc: true }]],
      [{ search: 'mü' }, []],
      [{ search: 'o.' }, [{ column: 'renewalPrice', desc: true }]],
      [{ search: 'zz' }, [{ column: 'expiresAt', desc: false }]],
      [{ search: 'ta', registrars: ['mrdomain'], statuses: ['grace'] }, [{ column: 'account', desc: false }]],
      [{ search: 'al', tags: ['premium'] }, [{ column: 'expiresAt', desc: false }]],
      // More than 2,000 matches of a 1-char term: the first pages walk the sort index testing rows.
      [{ search: 'a' }, [{ column: 'expiresAt', desc: false }]],
      [{ search: 'e' }, [{ column: 'renewalPrice', desc: true }]],
    ];
    for (const [filter, sort] of cases) {
      // The reference: the same filter with the term as a LIKE over both forms, no index, no memo.
      const term = (filter.search ?? '').toLowerCase();
      const rest = buildWhere({ ...filter, search: undefined });
      const order = sort[0] ? `${sort[0].column === 'expiresAt' ? 'd.expires_at' : sort[0].column === 'account' ? 'd.account_label' : sort[0].column === 'renewalPrice' ? 'd.renewal_currency ' + (sort[0].desc ? 'DESC' : 'ASC') + ', d.renewal_price_minor' : 'd.name'} ${sort[0].desc ? 'DESC' : 'ASC'}, d.name ${sort[0].desc ? 'DESC' : 'ASC'}, d.id ${sort[0].desc ? 'DESC' : 'ASC'}` : 'd.name, d.id';
      const expected = (
        h.db
          .prepare(`SELECT d.name FROM domains d NOT INDEXED ${rest.sql} ${rest.sql ? 'AND' : 'WHERE'} (instr(d.name, ?) > 0 OR instr(lower(d.unicode), ?) > 0) ORDER BY ${order}`)
          .all(...rest.params, term, term) as { name: string }[]
      ).map((r) => r.name);
      const got = svc.query({ filter, sort, offset: 0, limit: 5000 });
      expect(got.total, JSON.stringify(filter)).toBe(expected.length);
      expect(names(got), JSON.stringify(filter)).toEqual(expected);
      const page = svc.query({ filter, sort, offset: 20, limit: 10 });
      expect(names(page)).toEqual(expected.slice(20, 30));
    }
  }, 60_000);

  it('yes/no filters page along the sort index where matches are dense, with the same rows as a plain sort', async () => {
    const { h, svc } = await portfolio();
    const order = (sort: DomainSort) => {
      const dir = sort.desc ? 'DESC' : 'ASC';
      const col = sort.column === 'expiresAt' ? 'd.expires_at' : sort.column === 'tld' ? 'd.tld' : sort.column === 'locked' ? 'd.locked' : 'd.name';
      return `${col} ${dir}, d.name ${dir}, d.id ${dir}`;
    };
    const cases: [DomainFilter, DomainSort][] = [
      [{ locked: false }, { column: 'expiresAt', desc: false }],
      [{ autoRenew: true }, { column: 'name', desc: true }],
      [{ locked: true, registrars: ['mrdomain'] }, { column: 'tld', desc: false }],
      [{ autoRenew: false, locked: false }, { column: 'locked', desc: true }],
    ];
    for (const [filter, sort] of cases) {
      const w = buildWhere(filter);
      const expected = (h.db.prepare(`SELECT d.name FROM domains d NOT INDEXED ${w.sql} ORDER BY ${order(sort)}`).all(...w.params) as { name: string }[]).map((r) => r.name);
      expect(expected.length, JSON.stringify(filter)).toBeGreaterThan(100);
      for (const [offset, limit] of [[0, 100], [40, 25], [expected.length - 30, 100]] as const) {
        const got = svc.query({ filter, sort: [sort], offset, limit });
        expect(got.items.map((i) => i.name), `${JSON.stringify(filter)} @${offset}`).toEqual(expected.slice(offset, offset + limit));
      }
    }
  }, 60_000);

  it('filtered facets (one pass) equal one GROUP BY per dimension', async () => {
    const { h, svc, all } = await portfolio();
    const filters: DomainFilter[] = [
      { search: 'gold' },
      { search: 'xy' },
      { registrars: ['dynadot'], search: 'gold' },
      { tags: ['premium'] },
      { statuses: ['grace', 'redemption'], registrars: ['mrdomain'] },
      { tlds: ['com'], folders: [null], autoRenew: true },
      { search: 'al', includeRemoved: true },
      // Several facet filters at once over a search: each dimension counts what the others keep.
      { search: 'gold', registrars: ['dynadot', 'mrdomain'], statuses: ['active', 'grace'], folders: [null, 'Keep'], accounts: ['OTHER', 'a1'] },
      { search: 'ri', tlds: ['.com', 'io'], expiresFrom: '2026-01-01T00:00:00.000Z', expiresBefore: '2027-01-01T00:00:00.000Z' },
      { tags: ['premium'], statuses: ['expired'], locked: true },
      { search: 'nova', statuses: ['removed', 'active'] },
      // A search with facet filters: summed from the search's grouped pass, each filter in its own terms.
      { search: 'gold', accounts: ['a1'] },
      { search: 'al', tlds: ['.COM', 'io'] },
      { search: 'ri', statuses: ['grace', 'active'], folders: [null] },
      // Terms most names contain: counted as the whole portfolio less the names without them.
      { search: '.' },
      { search: 'o' },
      { search: 'a' },
    ];
    const direct = (filter: DomainFilter, omit: Parameters<typeof buildWhere>[1], expr: string) => {
      const w = buildWhere(filter, omit);
      return h.db.prepare(`SELECT ${expr} AS value, count(*) AS count FROM domains d NOT INDEXED ${w.sql} GROUP BY 1 ORDER BY count DESC, value`).all(...w.params);
    };
    let dense = 0;
    const user = createUserDataRepo(h.db);
    for (const [i, filter] of filters.entries()) {
      // As the screen asks: the search's own facets while it is typed, then with facet filters ticked
      // (after a write, so the search's grouped pass is read afresh whatever was asked before).
      user.update([all[0]!.name], { notes: `edit ${i}` }, 1);
      if (filter.search) svc.facets({ filter: { search: filter.search } });
      const f = svc.facets({ filter });
      if (filter.search && filter.search.length < 3 && Object.keys(filter).length === 1 && f.total * 2 > svc.facets({ filter: {} }).total) dense++;
      const label = JSON.stringify(filter);
      expect(f.registrars, label).toEqual(direct(filter, 'registrars', 'd.registrar'));
      expect(f.accounts.map(({ value, count }) => ({ value, count })), label).toEqual(direct(filter, 'accounts', 'd.account_id'));
      expect(f.tlds, label).toEqual(direct(filter, 'tlds', 'd.tld'));
      expect(f.statuses, label).toEqual(direct(filter, 'statuses', 'd.status'));
      expect(f.folders, label).toEqual(direct(filter, 'folders', 'd.folder'));
      const months = direct(filter, 'expiry', "strftime('%Y-%m', d.expires_at / 1000, 'unixepoch')") as { value: string | null }[];
      expect(f.expiryMonths, label).toEqual([...months].sort((a, b) => (a.value === null ? 1 : b.value === null ? -1 : a.value.localeCompare(b.value))));
      const w = buildWhere(filter, 'tags');
      expect(f.tags, label).toEqual(
        h.db.prepare(`SELECT t.tag AS value, count(*) AS count FROM domain_tags t JOIN domains d NOT INDEXED ON d.name = t.name ${w.sql} GROUP BY t.tag ORDER BY count DESC, value`).all(...w.params),
      );
      expect(f.total, label).toBe(svc.query({ filter, sort: [], offset: 0, limit: 1 }).total);
    }
    expect(dense).toBeGreaterThanOrEqual(2);
  }, 60_000);
});
