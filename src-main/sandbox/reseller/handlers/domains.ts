import type { SimResponse } from '../../core/types.js';
import type { InputValue } from '../input.js';
import { premiumMultiplier, priceFor, registryState, tldOf, transferable } from '../pricing.js';
import type { RouteContext } from '../routes.js';
import { CURRENCY, domainStatus, type ResellerDomain } from '../state.js';
import { normalizeDomainName, Validator } from '../validation.js';
import { domainJson, ok, paginated, validationError } from '../wire.js';
import { optionalString, readPaging } from './paging.js';

export const MAX_SEARCH_DOMAINS = 50;
const DOMAIN_STATUSES = ['active', 'grace', 'redemption', 'pending_delete'] as const;

/** POST /domains/search: `domains[]` (bulk, max 50) or `domain` (single). */
export function handleDomainSearch(rc: RouteContext): SimResponse {
  const v = new Validator();
  let raw: InputValue[] | undefined;
  if (rc.input.domains === undefined && rc.input.domain !== undefined) raw = [rc.input.domain];
  else if (v.required('domains', rc.input.domains)) raw = v.array('domains', rc.input.domains, MAX_SEARCH_DOMAINS);
  const names: string[] = [];
  raw?.forEach((item, i) => {
    const field = `domains.${i}`;
    const text = typeof item === 'string' ? item : undefined;
    if (text === undefined) return v.add(field, `The ${field} field must be a string.`);
    const name = normalizeDomainName(text);
    if (name === null) return v.add(field, `The ${field} field format is invalid.`);
    names.push(name);
  });
  if (v.fails()) return validationError(v);
  const unique = [...new Set(names)];
  const data = unique.map((name) => searchResult(rc, name));
  return ok(200, { data, meta: { requested: unique.length, available: data.filter((d) => d.available).length, currency: CURRENCY } });
}

interface SearchResult {
  domain: string;
  available: boolean;
  premium: boolean;
  reason: 'registered' | 'in_your_account' | 'pending_order' | 'unsupported_tld' | null;
  currency: string;
  price: { register: number; renew: number; transfer: number | null } | null;
}

function searchResult(rc: RouteContext, name: string): SearchResult {
  const tld = tldOf(name);
  const list = tld ? priceFor(tld) : undefined;
  const base = { domain: name, currency: CURRENCY };
  if (!tld || !list) return { ...base, available: false, premium: false, reason: 'unsupported_tld', price: null };
  const state = registryState(name);
  const premium = state === 'premium';
  const m = premium ? premiumMultiplier(name) : 1;
  const price = { register: list.register * m, renew: list.renew * m, transfer: transferable(tld) ? list.transfer * m : null };
  const result = (available: boolean, reason: SearchResult['reason']): SearchResult => ({ ...base, available, premium, reason, price });
  if (rc.store.findDomain(rc.account, name)) return result(false, 'in_your_account');
  if (rc.store.heldByAnyAccount(name) || state === 'registered') return result(false, 'registered');
  if (hasOpenRegistration(rc, name)) return result(false, 'pending_order');
  return result(true, null);
}

/** A register/transfer order for the name that is not finished yet, in any account. */
export function hasOpenRegistration(rc: RouteContext, name: string): boolean {
  return rc.store.accounts.some((a) => [...a.openOrders].some((o) => o.domain === name && o.type !== 'renew'));
}

/** GET /domains: paged, filters `search` (substring of the name) and `status`. */
export function handleDomainList(rc: RouteContext): SimResponse {
  const v = new Validator();
  const { page, perPage } = readPaging(rc.input, v);
  const search = optionalString(rc.input, 'search', v)?.toLowerCase();
  const status = rc.input.status === undefined || rc.input.status === '' ? undefined : v.oneOf('status', rc.input.status, DOMAIN_STATUSES);
  if (v.fails()) return validationError(v);
  let items: readonly ResellerDomain[] = rc.store.domains(rc.account);
  if (search || status) {
    items = items.filter(
      (d) => (!search || d.name.includes(search) || d.unicode.includes(search)) && (!status || domainStatus(d.expiresAt, rc.now) === status),
    );
  }
  return ok(200, paginated(items, page, perPage, rc.url, rc.req.query, (d) => domainJson(d, rc.now)));
}
