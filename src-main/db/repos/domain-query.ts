import type { Statement } from 'better-sqlite3';
import type { DomainFilter, DomainItem, DomainSort } from '../../../src-shared/contract/areas/portfolio.js';
import type { Db } from '../connection.js';
import { createNameListReader, type NameList } from './domain-name-list.js';
import {
  countGroups,
  createFacetCounters,
  createGenerationMemo,
  FACET_EXPRESSIONS,
  FACET_PASS_GROUP_BY,
  FACET_PASS_SELECT,
  minusCounts,
  passMinus,
  type FacetCount,
  type FacetGroup,
  type FacetPass,
} from './domain-facet-counts.js';
import { countFromGroups, derivableFromSearch, searchOnly } from './domain-facet-groups.js';
import {
  buildOrder,
  buildWhere,
  isShort,
  key,
  PROBE_ABOVE,
  shortTest,
  WALK_OFFSET_MAX,
  WALK_ROWS_MAX,
  WALKABLE_SORTS,
  YES_NO,
  type FilterDimension,
  type SearchPlan,
  type SqlFragment,
} from './domain-query-sql.js';
import { trigramReadiness } from './domain-search-index.js';
import { fromRow, type StoredDomain } from './domains.js';

/**
 * The portfolio views' queries: pages, counts, facets and cost sums over the
 * SQL of domain-query-sql.ts. Counts and facet counts are memoized per write
 * generation (`createGenerationMemo`), and the unfiltered facets are read
 * from the counters migration 006 keeps.
 */
export function createDomainQueryRepo(db: Db) {
  const cache = new Map<string, Statement<unknown[]>>();
  /** Query shapes repeat (the same filters, another page): reuse prepared statements. */
  const prepared = (sql: string): Statement<unknown[]> => {
    let stmt = cache.get(sql);
    if (!stmt) {
      if (cache.size > 200) cache.clear();
      stmt = db.prepare<unknown[]>(sql);
      cache.set(sql, stmt);
    }
    return stmt;
  };
  const labelsStmt = db.prepare<[], { id: string; label: string }>('SELECT id, label FROM accounts');
  const tagsStmt = db.prepare<[string], { tag: string }>('SELECT tag FROM domain_tags WHERE name = ? ORDER BY tag');
  const pricesStmt = db.prepare<[string], { pm: number | null; pc: string | null; am: number | null; ac: string | null }>(
    'SELECT purchase_price_minor AS pm, purchase_currency AS pc, asking_price_minor AS am, asking_currency AS ac FROM domain_user_data WHERE name = ?',
  );

  /** Rows as the contract's items, with the investor's tags and prices joined in (user data is keyed by name). */
  function items(rows: StoredDomain[]): DomainItem[] {
    const labels = new Map(labelsStmt.all().map((a) => [a.id, a.label]));
    return rows.map((d) => {
      const p = pricesStmt.get(d.name);
      return {
        ...toItem(d, labels.get(d.accountId) ?? d.accountId, tagsStmt.all(d.name).map((t) => t.tag)),
        purchasePrice: p?.pm != null && p.pc ? { amountMinor: p.pm, currency: p.pc } : null,
        askingPrice: p?.am != null && p.ac ? { amountMinor: p.am, currency: p.ac } : null,
      };
    });
  }

  // deferred = 1: a bulk load runs, or the trigram index is being filled after one (domain-search-index.ts).
  const trigramReady = trigramReadiness(db);
  /** buildWhere, with searches scanning names while the trigram index is incomplete (its results would be). */
  const whereOf = (filter: DomainFilter, omit?: FilterDimension, unindexed?: ReadonlySet<FilterDimension>, plan?: SearchPlan, matchedIds?: string): SqlFragment =>
    buildWhere(filter, omit, unindexed, plan, matchedIds, trigramReady());
  const short = (filter: DomainFilter): boolean => isShort(filter, trigramReady());

  const memo = createGenerationMemo(db);
  const readNameList = createNameListReader(db);
  const counters = createFacetCounters(db);

  /** Rows matching the filter; memoized, since every page of a view asks again. */
  function count(filter: DomainFilter): number {
    const where = whereOf(filter, undefined, undefined, 'walk');
    return memo.get(key('count', where), () => {
      if (where.everything && !memo.countersStale()) return counters.total();
      if (short(filter)) return shortMatches(filter).ids.length;
      return (prepared(`SELECT count(*) AS n FROM domains d ${where.sql}`).get(...where.params) as { n: number }).n;
    });
  }

  /**
   * A 1-2 character term has no index to narrow it: every query would scan
   * all names again. The count reads the matching ids once (one scan of the
   * name index) and the view's pages and facets reuse them.
   */
  function shortMatches(filter: DomainFilter): { ids: number[]; json: string } {
    const where = whereOf(filter, undefined, undefined, 'walk');
    return memo.get(key('ids', where), () => {
      const ids = nameListMatches(filter) ?? (prepared(`SELECT d.id FROM domains d ${where.sql}`).pluck(true).all(...where.params) as number[]);
      // The JSON form is only needed by facets and deep pages; a keystroke's count and first page never pay for it.
      let json: string | undefined;
      return {
        ids,
        get json() {
          return (json ??= JSON.stringify(ids));
        },
      };
    }, 'bulky');
  }

  /**
   * A term typed with no other filter: tested against the in-memory name list when one was read since the
   * last write (`warmShortSearch`, called while the screen is idle). Reading it costs 2-3 SQL tests, so a
   * query never waits for it: right after a write, SQL answers.
   */
  function nameListMatches(filter: DomainFilter): number[] | null {
    if (!searchOnly(filter)) return null;
    const list = memo.peek<NameList | null>('names', 'kept');
    return list?.match(filter.search?.trim().toLowerCase() ?? '') ?? null;
  }

  /** Whether `where` (one dimension's) is the whole filter's, i.e. that dimension is not filtered itself. */
  function sharesPass(filter: DomainFilter, where: SqlFragment): boolean {
    const all = whereOf(filter);
    return where.sql === all.sql && JSON.stringify(where.params) === JSON.stringify(all.params);
  }
  /** The rows a facet pass reads: a short term's matches by the ids its count found. */
  const passRows = (filter: DomainFilter, where: SqlFragment): SqlFragment =>
    short(filter) ? whereOf(filter, undefined, undefined, 'set', shortMatches(filter).json) : where;
  /** The rows `read` keeps, grouped by every facet dimension at once (FACET_PASS_SELECT). */
  const groupsOf = (read: Pick<SqlFragment, 'sql' | 'params'>): FacetGroup[] =>
    prepared(`SELECT ${FACET_PASS_SELECT} FROM domains d ${read.sql} ${FACET_PASS_GROUP_BY}`).raw(true).all(...read.params) as FacetGroup[];
  /** Tag counts over the rows `read` keeps (all of them unless `limit`), in SQLite's facet order. */
  const tagsOf = (read: Pick<SqlFragment, 'sql' | 'params'>, limit = -1): FacetCount[] =>
    prepared(`SELECT t.tag AS value, count(*) AS count FROM domain_tags t JOIN domains d ON d.name = t.name ${read.sql} GROUP BY t.tag ORDER BY count DESC, value LIMIT ?`).all(
      ...read.params,
      limit,
    ) as FacetCount[];
  /** Every facet dimension counted in one read of the rows the whole filter keeps (`where` is the filter's). */
  function pass(filter: DomainFilter, where: SqlFragment): FacetPass {
    return memo.get(key('pass', where), () => {
      const rest = denseRest(filter);
      return rest ? passMinus(counters.pass(), countGroups(groupsOf(rest))) : countGroups(groupsOf(passRows(filter, where)));
    });
  }

  /**
   * The grouped pass of the filter's search alone, when the filter's facets can be summed from it
   * (domain-facet-groups.ts): read for the search alone, reused for a filtered one while memoized;
   * null otherwise, and for a term most names contain (see denseRest).
   */
  function searchGroups(filter: DomainFilter): FacetGroup[] | null {
    if (!derivableFromSearch(filter)) return null;
    const alone: DomainFilter = { search: filter.search };
    if (denseRest(alone)) return null;
    const where = whereOf(alone);
    if (!searchOnly(filter)) return memo.peek<FacetGroup[]>(key('groups', where), 'bulky') ?? null;
    return memo.get(key('groups', where), () => groupsOf(passRows(alone, where)), 'bulky');
  }
  /** The account ids a filter's accounts name, by id or label (as buildWhere matches them). */
  function accountIdsOf(filter: DomainFilter): Set<string> | null {
    if (!filter.accounts?.length) return null;
    const marks = filter.accounts.map(() => '?').join(',');
    return new Set(prepared(`SELECT id FROM accounts WHERE id IN (${marks}) OR label IN (${marks})`).pluck(true).all(...filter.accounts, ...filter.accounts) as string[]);
  }

  /**
   * A 1-2 character term alone that most names contain ('o', 'e', '.'): its facets are the whole
   * portfolio's (the counters) minus those of the few names without it, read instead of the many with
   * it (at 100k names, ~6k rows read instead of ~94k). The rows left out, as a WHERE clause; null when
   * the term is not such a term, or the counters are stale (a bulk load, or the rebuild after it).
   */
  function denseRest(filter: DomainFilter): Pick<SqlFragment, 'sql' | 'params'> | null {
    if (!short(filter) || memo.countersStale() || !searchOnly(filter)) return null;
    if (count(filter) * 2 <= counters.total()) return null;
    const term = filter.search?.trim().toLowerCase() ?? '';
    // The names index answers the test; only the rows left out are read.
    return { sql: `WHERE d.id IN (SELECT id FROM domains WHERE removed_at IS NULL AND NOT ${shortTest('')})`, params: [term, term] };
  }

  /** How a page meets its search term (see SearchPlan): the count of the same filter, already asked for, decides. */
  function pageWhere(filter: DomainFilter, sort: readonly DomainSort[], offset: number, limit: number): SqlFragment {
    if (!filter.search?.trim()) {
      const yesNo = filter.autoRenew !== undefined || filter.locked !== undefined;
      // Along the sort index when the rows it would pass over before the page's end are few
      // (dense matches near the top); otherwise the filter's own index, then a sort of its matches.
      const walk = yesNo && WALKABLE_SORTS.has(sort[0]?.column ?? 'name') && !memo.countersStale() && (offset + limit) * counters.total() <= WALK_ROWS_MAX * count(filter);
      return walk ? whereOf(filter, undefined, YES_NO) : whereOf(filter);
    }
    const byName = sort.length === 0 || sort[0]?.column === 'name';
    if (byName && short(filter)) return whereOf(filter, undefined, undefined, 'walk');
    const plan = count(filter) > PROBE_ABOVE ? 'probe' : 'set';
    // Many matches of a 1-2 character term, near the top: test each row met along the sort index (most rows match,
    // so the page fills within a few rows) instead of loading tens of thousands of matched ids into a temporary set
    // first. Deep pages would walk too far that way and probe the set instead.
    if (plan === 'probe' && short(filter) && offset < WALK_OFFSET_MAX) return whereOf(filter, undefined, undefined, 'walk');
    return whereOf(filter, undefined, undefined, plan, short(filter) ? shortMatches(filter).json : undefined);
  }

  return {
    count,
    /** The database state now: pass it to `warmShortSearch` later. */
    generation: () => memo.generation(),
    /**
     * Reads the in-memory name list now if the last write made it stale (see nameListMatches), unless the
     * database moved since `since`: while writes keep coming (a sync), the list would be stale at once.
     */
    warmShortSearch(since: string): void {
      if (memo.generation() === since) memo.get('names', readNameList, 'kept');
    },
    /** One page: ids first (cheap to sort), then the full rows of just that page. */
    page(filter: DomainFilter, sort: readonly DomainSort[], offset: number, limit: number): DomainItem[] {
      const where = pageWhere(filter, sort, offset, limit);
      const order = buildOrder(sort);
      const ids = (prepared(`SELECT d.id FROM domains d ${order.joins} ${where.sql} ${order.sql} LIMIT ? OFFSET ?`).all(...where.params, limit, offset) as { id: number }[]).map(
        (r) => r.id,
      );
      if (ids.length === 0) return [];
      const rows = prepared(`SELECT * FROM domains WHERE id IN (${ids.map(() => '?').join(',')})`).all(...ids) as Parameters<typeof fromRow>[0][];
      const byId = new Map(rows.map((r) => [r.id, fromRow(r)]));
      return items(ids.map((id) => byId.get(id)).filter((d): d is StoredDomain => d !== undefined));
    },
    items,
    /**
     * Counts of one column's values under the filter (minus that column's own
     * filter). The six facet dimensions come from the counters when nothing
     * is filtered, else from one pass counting all of them over the rows the
     * filter keeps (shared by every dimension not filtered itself).
     */
    groupCounts(filter: DomainFilter, omit: FilterDimension, expr: string, limit = 1000): { value: string | null; count: number }[] {
      const where = whereOf(filter, omit);
      const dim = FACET_EXPRESSIONS[expr];
      return memo.get(key('group', where, expr, limit), () => {
        if (dim && where.everything && !memo.countersStale()) return counters.counts(dim, limit);
        const groups = dim ? searchGroups(filter) : null;
        if (dim && groups) return countFromGroups(groups, filter, omit, dim, accountIdsOf(filter)).slice(0, limit);
        if (dim && sharesPass(filter, where)) return pass(filter, where).counts[dim].slice(0, limit);
        // This dimension is filtered itself: its own count over the other filters.
        return prepared(`SELECT ${expr} AS value, count(*) AS count FROM domains d ${where.sql} GROUP BY 1 ORDER BY count DESC, value LIMIT ?`).all(...where.params, limit) as {
          value: string | null;
          count: number;
        }[];
      });
    },
    tagCounts(filter: DomainFilter, limit = 1000): { value: string; count: number }[] {
      const where = whereOf(filter, 'tags');
      return memo.get(key('tags', where, limit), () => {
        // Tags not filtered: the rows are the other facets' (a short term's by the ids its count found, or all rows less the few without it).
        const shared = !where.everything && sharesPass(filter, where);
        const rest = shared ? denseRest(filter) : null;
        if (rest) return minusCounts(tagsOf({ sql: 'WHERE d.removed_at IS NULL', params: [] }), tagsOf(rest)).slice(0, limit) as { value: string; count: number }[];
        return tagsOf(shared ? passRows(filter, where) : where, limit) as { value: string; count: number }[];
      });
    },
    /** Renewal prices summed per (month, currency) for expiries in [from, to). */
    renewalByMonth(filter: DomainFilter, from: number, to: number): { month: string; currency: string | null; amount: number | null; count: number }[] {
      const where = whereOf({ ...filter, expiresFrom: undefined, expiresBefore: undefined }, undefined, new Set(['statuses']));
      const extra = `${where.sql ? `${where.sql} AND` : 'WHERE'} d.expires_at >= ? AND d.expires_at < ?`;
      return prepared(
        `SELECT strftime('%Y-%m', d.expires_at / 1000, 'unixepoch') AS month, d.renewal_currency AS currency, sum(d.renewal_price_minor) AS amount, count(*) AS count
         FROM domains d ${extra} GROUP BY month, currency`,
      ).all(...where.params, from, to) as { month: string; currency: string | null; amount: number | null; count: number }[];
    },
  };
}
export type DomainQueryRepo = ReturnType<typeof createDomainQueryRepo>;

export function toItem(d: StoredDomain, account: string, tags: string[]): Omit<DomainItem, 'purchasePrice' | 'askingPrice'> {
  return {
    id: d.id,
    name: d.name,
    unicode: d.unicode,
    tld: d.tld,
    registrar: d.registrar as DomainItem['registrar'],
    accountId: d.accountId,
    account,
    expiresAt: iso(d.expiresAt),
    registryExpiresAt: iso(d.registryExpiresAt),
    createdAt: iso(d.createdAt),
    status: d.status,
    autoRenew: d.autoRenew,
    locked: d.locked,
    privacy: d.privacy,
    nameservers: d.nameservers === null ? null : (JSON.parse(d.nameservers) as string[]),
    folder: d.folder,
    renewalPrice: d.renewalPriceMinor === null || d.renewalCurrency === null ? null : { amountMinor: d.renewalPriceMinor, currency: d.renewalCurrency },
    flags: JSON.parse(d.flags) as string[],
    tags,
    lastSyncedAt: new Date(d.lastSyncedAt).toISOString(),
    removedAt: iso(d.removedAt),
  };
}

function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}
