import type { DomainFilter } from '../../../src-shared/contract/areas/portfolio.js';
import { FACET_DIMENSIONS, sortLikeSql, type FacetCount, type FacetDimension, type FacetGroup } from './domain-facet-counts.js';

/**
 * Facets of a search with facet filters on top (type "gold", then tick
 * Dynadot and Active), derived from one grouped pass over the search alone.
 *
 * Each facet counts the rows every other facet filter keeps, so a search with
 * two facet filters costs three reads of the matching rows (the whole filter,
 * and each filtered dimension without its own filter), every one a fresh SQL
 * query after any write. A pass grouped by all six dimensions at once (see
 * FACET_PASS_SELECT) holds, per combination of values, how many of the
 * search's rows have it: every one of those counts is a sum over its groups
 * (a few thousand), in memory.
 *
 * The grouped pass is what the facets of the search alone read anyway (the
 * screen asks for them first, as the search is typed); a filtered request
 * only uses it when it is still memoized, since grouping every match costs
 * more than the two or three narrower reads it replaces. Only filters on
 * grouped dimensions can be answered so; anything else (an expiry window,
 * tags, lock, removed names) is left to SQL.
 */

/** Filter fields a group row can test; any other field set makes the filter underivable. */
const GROUPED_FIELDS = new Set(['search', 'registrars', 'accounts', 'tlds', 'statuses', 'folders']);

/** The filter's fields that narrow anything (an empty list or includeRemoved: false narrow nothing). */
const setFields = (filter: DomainFilter): string[] =>
  Object.entries(filter)
    .filter(([field, value]) => !(value === undefined || (Array.isArray(value) && value.length === 0) || (field === 'includeRemoved' && value === false)))
    .map(([field]) => field);

/** Whether facets of `filter` can come from the grouped pass of its search alone. */
export function derivableFromSearch(filter: DomainFilter): boolean {
  if (!filter.search?.trim()) return false;
  if (!setFields(filter).every((f) => GROUPED_FIELDS.has(f))) return false;
  // Removed names are outside the pass (it reads present rows), as buildWhere hides them unless asked.
  return !filter.statuses?.includes('removed');
}

/** Whether the filter is its search alone (its facets are the grouped pass itself). */
export function searchOnly(filter: DomainFilter): boolean {
  return !!filter.search?.trim() && setFields(filter).every((f) => f === 'search');
}

/** Which group column a dimension filter tests. */
const COLUMN: Record<'registrars' | 'accounts' | 'tlds' | 'statuses' | 'folders', number> = {
  registrars: FACET_DIMENSIONS.indexOf('registrar'),
  accounts: FACET_DIMENSIONS.indexOf('account'),
  tlds: FACET_DIMENSIONS.indexOf('tld'),
  statuses: FACET_DIMENSIONS.indexOf('status'),
  folders: FACET_DIMENSIONS.indexOf('folder'),
};

/**
 * Counts of `dim` over the groups the filter keeps, `omit` (the dimension's own filter) left out, in
 * SQLite's `ORDER BY count DESC, value` order. `accountIds`: the ids the filter's accounts name (by id
 * or label, resolved by the caller as buildWhere does).
 */
export function countFromGroups(groups: readonly FacetGroup[], filter: DomainFilter, omit: string, dim: FacetDimension, accountIds: ReadonlySet<string> | null): FacetCount[] {
  const tests: [number, (v: string | null) => boolean][] = [];
  const oneOf = (field: keyof typeof COLUMN, values: ReadonlySet<string | null>) => {
    if (omit !== field) tests.push([COLUMN[field], (v) => values.has(v)]);
  };
  if (filter.registrars?.length) oneOf('registrars', new Set(filter.registrars));
  if (filter.accounts?.length) oneOf('accounts', accountIds ?? new Set());
  if (filter.tlds?.length) oneOf('tlds', new Set(filter.tlds.map((t) => t.toLowerCase().replace(/^\./, ''))));
  if (filter.statuses?.length) oneOf('statuses', new Set(filter.statuses));
  if (filter.folders?.length) oneOf('folders', new Set(filter.folders));
  const at = FACET_DIMENSIONS.indexOf(dim);
  const counts = new Map<string | null, number>();
  for (const g of groups) {
    if (!tests.every(([col, test]) => test(g[col] as string | null))) continue;
    const v = g[at] as string | null;
    counts.set(v, (counts.get(v) ?? 0) + g[6]);
  }
  return sortLikeSql([...counts].map(([value, count]) => ({ value, count })));
}
