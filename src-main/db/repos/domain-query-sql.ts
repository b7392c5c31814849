import type { DomainFilter, DomainSort, DomainSortColumn } from '../../../src-shared/contract/areas/portfolio.js';

/**
 * Filter and sort SQL for the portfolio views. Every filter becomes a WHERE
 * term over indexed columns of `domains` (tags through `domain_tags`, search
 * through the trigram index), so a page, a count or a facet at 100k names
 * stays in the tens of milliseconds (domain-query.ts runs them).
 */
export type FilterDimension = 'registrars' | 'accounts' | 'tlds' | 'statuses' | 'expiry' | 'tags' | 'folders' | 'autoRenew' | 'locked';

export interface SqlFragment {
  sql: string;
  params: unknown[];
  /** No term but "present rows": the whole portfolio. */
  everything: boolean;
}

/**
 * How a search term meets the rest of a query. Trigram MATCH needs three
 * characters; a shorter term is a substring test over the (name,
 * removed_at, unicode) index, which a scan reads without the wide rows.
 * - `walk`: the short test sits on the row itself: a count scans that index
 *   once, a page in name order walks it and stops at the page's end;
 * - `set`: the matching ids are computed once and the query reads just
 *   those rows (few matches, or every match needed: facets);
 * - `probe`: the same set, hidden from the planner (`+d.id`) so a page
 *   walks its sort index and probes the set, stopping at the page's end
 *   (many matches).
 * `matchedIds` (JSON array) replaces a short term's test by the ids a count
 * of the same filter already found (see `shortMatches` in the repo).
 */
const TRIGRAM = 3;
export type SearchPlan = 'walk' | 'set' | 'probe';
/** Above this many matches a sorted page probes the set along its sort index instead of sorting every match. */
export const PROBE_ABOVE = 2000;
/** A page walks its sort index past at most about this many rows to fill itself (see pageWhere). */
export const WALK_ROWS_MAX = 20_000;
/** A short term's page walks its sort index testing rows only this near the top (see pageWhere). */
export const WALK_OFFSET_MAX = 5000;

/**
 * A 1-2 character term's test (two `?`, both the term): lower() folds ASCII only, like the trigram
 * tokenizer's folding of ASCII; the Unicode form is tested only where it differs.
 */
export const shortTest = (p: string) => `(instr(${p}name, ?) > 0 OR (${p}unicode <> ${p}name AND instr(lower(${p}unicode), ?) > 0))`;

/**
 * `unindexed`: dimensions whose IN-list must not drive the plan (a unary `+`
 * hides the column from the planner). The cost aggregate uses it so an expiry
 * range on the covering expiry index wins over a 7-value status list.
 */
export function buildWhere(
  filter: DomainFilter,
  omit?: FilterDimension,
  unindexed?: ReadonlySet<FilterDimension>,
  plan: SearchPlan = 'set',
  matchedIds?: string,
  /** False while the trigram index is incomplete (a bulk load, or its fill right after): every term is a scan then. */
  trigram = true,
): SqlFragment {
  const terms: string[] = [];
  const params: unknown[] = [];
  const inList = (column: string, values: readonly unknown[], dimension?: FilterDimension) => {
    terms.push(`${dimension && unindexed?.has(dimension) ? '+' : ''}${column} IN (${values.map(() => '?').join(',')})`);
    params.push(...values);
  };
  const showRemoved = filter.includeRemoved === true || (omit !== 'statuses' && (filter.statuses ?? []).includes('removed'));
  if (!showRemoved) terms.push('d.removed_at IS NULL');
  const base = terms.length;

  const search = filter.search?.trim().toLowerCase();
  if (search) {
    const id = plan === 'probe' ? '+d.id' : 'd.id';
    const short = shortTest;
    if (trigram && [...search].length >= TRIGRAM) {
      terms.push(`${id} IN (SELECT rowid FROM domains_fts WHERE domains_fts MATCH ?)`);
      params.push(`"${search.replace(/"/g, '""')}"`);
    } else if (matchedIds !== undefined) {
      terms.push(`${id} IN (SELECT value FROM json_each(?))`);
      params.push(matchedIds);
    } else if (plan === 'walk') {
      terms.push(short('d.'));
      params.push(search, search);
    } else {
      terms.push(`${id} IN (SELECT id FROM domains WHERE ${short('')})`);
      params.push(search, search);
    }
  }
  if (omit !== 'registrars' && filter.registrars?.length) inList('d.registrar', filter.registrars);
  if (omit !== 'accounts' && filter.accounts?.length) {
    const marks = filter.accounts.map(() => '?').join(',');
    // One IN over the matching account ids: an OR of two INs made SQLite scan every row instead of using domains_p_account.
    terms.push(`d.account_id IN (SELECT id FROM accounts WHERE id IN (${marks}) OR label IN (${marks}))`);
    params.push(...filter.accounts, ...filter.accounts);
  }
  if (omit !== 'tlds' && filter.tlds?.length) inList('d.tld', filter.tlds.map((t) => t.toLowerCase().replace(/^\./, '')));
  if (omit !== 'statuses' && filter.statuses?.length) inList('d.status', filter.statuses, 'statuses');
  if (omit !== 'expiry') {
    if (filter.expiresFrom) {
      terms.push('d.expires_at >= ?');
      params.push(Date.parse(filter.expiresFrom));
    }
    if (filter.expiresBefore) {
      terms.push('d.expires_at < ?');
      params.push(Date.parse(filter.expiresBefore));
    }
  }
  if (omit !== 'tags' && filter.tags?.length) {
    terms.push(`d.name IN (SELECT name FROM domain_tags WHERE tag IN (${filter.tags.map(() => '?').join(',')}))`);
    params.push(...filter.tags);
  }
  if (omit !== 'folders' && filter.folders?.length) {
    const named = filter.folders.filter((f): f is string => f !== null);
    const parts: string[] = [];
    if (named.length) {
      parts.push(`d.folder IN (${named.map(() => '?').join(',')})`);
      params.push(...named);
    }
    if (filter.folders.includes(null)) parts.push('d.folder IS NULL');
    terms.push(`(${parts.join(' OR ')})`);
  }
  if (filter.autoRenew !== undefined) {
    terms.push(`${unindexed?.has('autoRenew') ? '+' : ''}d.auto_renew = ?`);
    params.push(filter.autoRenew ? 1 : 0);
  }
  if (filter.locked !== undefined) {
    terms.push(`${unindexed?.has('locked') ? '+' : ''}d.locked = ?`);
    params.push(filter.locked ? 1 : 0);
  }
  if (filter.flagged !== undefined) terms.push(filter.flagged ? "d.flags <> '[]'" : "d.flags = '[]'");
  return { sql: terms.length ? `WHERE ${terms.join(' AND ')}` : '', params, everything: !showRemoved && terms.length === base };
}

/** Whether the search term is answered by a scan of the name index rather than the trigram index. */
export const isShort = (filter: DomainFilter, trigram: boolean): boolean => {
  const search = filter.search?.trim();
  return !!search && (!trigram || [...search].length < TRIGRAM);
};

/** A memo key for a query of `kind` over `where`. */
export const key = (kind: string, where: SqlFragment, ...more: unknown[]) => `${kind}\u0000${where.sql}\u0000${JSON.stringify(where.params)}\u0000${more.join('\u0000')}`;

const SORT_SQL: Record<DomainSortColumn, { exprs: string[]; join?: 'user' }> = {
  name: { exprs: ['d.name'] },
  tld: { exprs: ['d.tld'] },
  registrar: { exprs: ['d.registrar'] },
  // The label copied onto each row (NOCASE like accounts.label): sorts along an index, no join.
  account: { exprs: ['d.account_label'] },
  expiresAt: { exprs: ['d.expires_at'] },
  registryExpiresAt: { exprs: ['d.registry_expires_at'] },
  createdAt: { exprs: ['d.created_at'] },
  status: { exprs: ['d.status'] },
  autoRenew: { exprs: ['d.auto_renew'] },
  locked: { exprs: ['d.locked'] },
  privacy: { exprs: ['d.privacy'] },
  folder: { exprs: ['d.folder'] },
  // Never compare amounts across currencies: group by currency, then amount.
  renewalPrice: { exprs: ['d.renewal_currency', 'd.renewal_price_minor'] },
  lastSyncedAt: { exprs: ['d.last_synced_at'] },
  purchasePrice: { exprs: ['u.purchase_currency', 'u.purchase_price_minor'], join: 'user' },
  askingPrice: { exprs: ['u.asking_currency', 'u.asking_price_minor'], join: 'user' },
};

/** Sorts whose first column has a (column, name) index over present rows: a page can walk it in order. */
export const WALKABLE_SORTS: ReadonlySet<DomainSortColumn> = new Set(['name', 'tld', 'registrar', 'account', 'expiresAt', 'createdAt', 'status', 'autoRenew', 'locked', 'privacy', 'folder', 'renewalPrice']);
/**
 * Yes/no filters keep about half the names: given their own index, SQLite reads every match to sort
 * them (20k rows, ~30 ms at 100k); walking the sort index and testing each row stops at the page's end.
 */
export const YES_NO: ReadonlySet<FilterDimension> = new Set(['autoRenew', 'locked']);

export function buildOrder(sort: readonly DomainSort[]): { sql: string; joins: string } {
  const parts: string[] = [];
  const joins = new Set<string>();
  for (const s of sort) {
    const spec = SORT_SQL[s.column];
    if (spec.join === 'user') joins.add('LEFT JOIN domain_user_data u ON u.name = d.name');
    // SQLite's NULL order (first ascending) is kept: NULLS LAST would defeat the indexes at 100k rows.
    for (const e of spec.exprs) parts.push(`${e} ${s.desc ? 'DESC' : 'ASC'}`);
  }
  // Ties break by name in the first column's direction, which is the order of the (col, name) indexes.
  const dir = sort[0]?.desc ? 'DESC' : 'ASC';
  if (!sort.some((s) => s.column === 'name')) parts.push(`d.name ${dir}`);
  parts.push(`d.id ${dir}`);
  return { sql: `ORDER BY ${parts.join(', ')}`, joins: [...joins].join(' ') };
}
