import { AppError } from '../../src-shared/contract.js';
import type { Aggregates, DomainFilter, DomainItem, DomainSort, Facets, UserData, UserDataPatch } from '../../src-shared/contract/areas/portfolio.js';
import type { Db } from '../db/connection.js';
import { createDomainEventsRepo } from '../db/repos/domain-events.js';
import { createDomainQueryRepo } from '../db/repos/domain-query.js';
import { createUserDataRepo } from '../db/repos/domain-user-data.js';
import { createDomainsRepo, type StoredDomain } from '../db/repos/domains.js';
import { asciiName } from '../sync/normalize.js';

export interface PortfolioServiceDeps {
  db: Db;
  now(): number;
}

/** How long after a page the name list is read (after the screen's facet and dashboard queries). */
const WARM_DELAY_MS = 400;

/** Reads of the cached portfolio (they work offline) and the investor's own notes on it. */
export function createPortfolioService(deps: PortfolioServiceDeps) {
  const domains = createDomainsRepo(deps.db);
  const query = createDomainQueryRepo(deps.db);
  const events = createDomainEventsRepo(deps.db);
  const userData = createUserDataRepo(deps.db);

  // One read transaction per answer: its parts (a page and its total, the facets of every dimension) see one
  // state of the cache even while a sync or an index rebuild commits, and share their memoized passes.
  const snapshot = deps.db.transaction((read: () => unknown) => read());
  const consistent = <T>(read: () => T): T => snapshot(read) as T;

  function item(d: StoredDomain): DomainItem {
    const [one] = query.items([d]);
    if (!one) throw new Error('unreachable: items() maps one row to one item');
    return one;
  }

  // The portfolio on screen is about to be searched: read the name list for 1-2 character terms once the
  // screen's queries are answered and nothing was written meanwhile (during a sync it would go stale at once).
  // Short terms are answered in SQL until then (domain-query.ts nameListMatches).
  let warming: ReturnType<typeof setTimeout> | null = null;
  function warmSoon(): void {
    if (warming) return;
    const since = query.generation();
    warming = setTimeout(() => {
      warming = null;
      try {
        if (deps.db.open) query.warmShortSearch(since);
      } catch {
        // Busy or closing: short searches keep answering in SQL until the next warm-up.
      }
    }, WARM_DELAY_MS);
    warming.unref?.();
  }

  return {
    /** Cache rows by id, in the order given; unknown ids are left out. */
    byIds(ids: readonly number[]): DomainItem[] {
      const rows = ids.map((id) => domains.get(id)).filter((d): d is StoredDomain => d !== null);
      return query.items(rows);
    },

    /** Current (not removed) cache rows for names typed by a person: ASCII or Unicode, any case. */
    byNames(names: readonly string[]): DomainItem[] {
      const rows: StoredDomain[] = [];
      for (const raw of names) {
        const ascii = asciiName(raw);
        if (!ascii) continue;
        const live = domains.findByName(ascii).filter((d) => d.removedAt === null);
        rows.push(...live);
      }
      return query.items(rows);
    },

    query(input: { filter: DomainFilter; sort: DomainSort[]; offset: number; limit: number }): { total: number; items: DomainItem[] } {
      const answer = consistent(() => ({ total: query.count(input.filter), items: query.page(input.filter, input.sort, input.offset, input.limit) }));
      warmSoon();
      return answer;
    },

    facets(input: { filter: DomainFilter }): Facets {
      const f = input.filter;
      return consistent(() => {
        const labels = domains.accountLabels();
        return {
          total: query.count(f),
          registrars: query.groupCounts(f, 'registrars', 'd.registrar'),
          accounts: query.groupCounts(f, 'accounts', 'd.account_id').map((r) => ({ ...r, label: labels.get(r.value ?? '') ?? r.value ?? '' })),
          tlds: query.groupCounts(f, 'tlds', 'd.tld'),
          statuses: query.groupCounts(f, 'statuses', 'd.status'),
          // This exact expression is the month dimension's key in FACET_EXPRESSIONS: change both or neither.
          expiryMonths: query
            .groupCounts(f, 'expiry', "strftime('%Y-%m', d.expires_at / 1000, 'unixepoch')")
            .sort((a, b) => (a.value === null ? 1 : b.value === null ? -1 : a.value.localeCompare(b.value))),
          tags: query.tagCounts(f),
          folders: query.groupCounts(f, 'folders', 'd.folder'),
        };
      });
    },

    /** Renewal cost per calendar month (UTC) from the start of this month, per currency. */
    aggregates(input: { filter: DomainFilter; months: number }): Aggregates {
      const now = new Date(deps.now());
      const from = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);
      const to = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + input.months, 1);
      // Names already gone are not renewal costs unless the caller asks for those statuses.
      const filter: DomainFilter = input.filter.statuses ? input.filter : { ...input.filter, statuses: ['active', 'expired', 'grace', 'redemption', 'pending-delete', 'pending-transfer', 'unknown'] };
      const rows = query.renewalByMonth(filter, from, to);
      const months = Array.from({ length: input.months }, (_, i) => {
        const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + i, 1));
        return { month: d.toISOString().slice(0, 7), totals: [] as { currency: string; amountMinor: number; count: number }[], unpriced: 0 };
      });
      const byMonth = new Map(months.map((m) => [m.month, m]));
      const totals = new Map<string, { currency: string; amountMinor: number; count: number }>();
      let unpriced = 0;
      for (const r of rows) {
        const m = byMonth.get(r.month);
        if (!m) continue;
        if (r.currency === null || r.amount === null) {
          m.unpriced += r.count;
          unpriced += r.count;
          continue;
        }
        m.totals.push({ currency: r.currency, amountMinor: r.amount, count: r.count });
        const t = totals.get(r.currency) ?? { currency: r.currency, amountMinor: 0, count: 0 };
        t.amountMinor += r.amount;
        t.count += r.count;
        totals.set(r.currency, t);
      }
      for (const m of months) m.totals.sort((a, b) => a.currency.localeCompare(b.currency));
      return {
        from: new Date(from).toISOString(),
        to: new Date(to).toISOString(),
        months,
        totals: [...totals.values()].sort((a, b) => a.currency.localeCompare(b.currency)),
        unpriced,
      };
    },

    get(input: { id?: number; name?: string }) {
      let row: StoredDomain | null = null;
      if (input.id !== undefined) row = domains.get(input.id);
      else if (input.name !== undefined) {
        const name = asciiName(input.name);
        row = name ? (domains.findByName(name)[0] ?? null) : null;
      }
      if (!row) {
        const what = input.name ?? `#${input.id ?? ''}`;
        throw new AppError('NotFound', `${what} is not in the cached portfolio.`, { messageKey: 'errors.NotFound', params: { what } });
      }
      const found = row;
      return {
        domain: item(found),
        otherRows: domains.findByName(found.name).filter((r) => r.id !== found.id).map(item),
        raw: { list: parse(found.rawList), detail: parse(found.rawDetail) },
        userData: userData.get(found.name),
        events: events.forName(found.name),
      };
    },

    updateUserData(input: { names: string[]; patch: UserDataPatch }): { updated: number; items: UserData[] } {
      const names = [...new Set(input.names.map((n) => {
        const a = asciiName(n);
        if (!a) throw new AppError('InvalidInput', `"${n}" is not a domain name.`, { messageKey: 'errors.InvalidInput', params: { field: 'names', detail: n } });
        return a;
      }))];
      userData.update(names, input.patch, deps.now());
      return { updated: names.length, items: names.map((n) => userData.get(n)) };
    },
  };
}
export type PortfolioService = ReturnType<typeof createPortfolioService>;

function parse(text: string | null): unknown {
  return text === null ? null : (JSON.parse(text) as unknown);
}
