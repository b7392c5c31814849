import type { SimResponse } from '../../core/types.js';
import { addYears } from '../lifecycle.js';
import { premiumMultiplier, priceFor, registryState, tldOf, transferable } from '../pricing.js';
import type { RouteContext } from '../routes.js';
import { domainStatus, type Order, type OrderType } from '../state.js';
import { normalizeDomainName, Validator } from '../validation.js';
import { fieldError, ok, orderJson, paginated, validationError } from '../wire.js';
import { hasOpenRegistration } from './domains.js';
import { optionalString, readPaging } from './paging.js';

const ORDER_STATUSES = ['awaiting_payment', 'processing', 'completed', 'failed'] as const;
const ORDER_TYPES = ['register', 'renew', 'transfer'] as const;
const PRIVACY = ['full', 'partial', 'off'] as const;
const MAX_TERM_YEARS = 10;

/** GET /orders: newest first, paged, filters `status`, `type`, `domain`. */
export function handleOrderList(rc: RouteContext): SimResponse {
  const v = new Validator();
  const { page, perPage } = readPaging(rc.input, v);
  const status = rc.input.status === undefined || rc.input.status === '' ? undefined : v.oneOf('status', rc.input.status, ORDER_STATUSES);
  const type = rc.input.type === undefined || rc.input.type === '' ? undefined : v.oneOf('type', rc.input.type, ORDER_TYPES);
  const domainText = optionalString(rc.input, 'domain', v);
  if (v.fails()) return validationError(v);
  const domain = domainText === undefined ? undefined : (normalizeDomainName(domainText) ?? domainText.toLowerCase());
  const items = rc.account.orders
    .filter((o) => (!status || o.status === status) && (!type || o.type === type) && (!domain || o.domain === domain))
    .reverse();
  return ok(200, paginated(items, page, perPage, rc.url, rc.req.query, orderJson));
}

interface CommonFields {
  domain: string;
  years: number;
  privacy: Order['privacy'];
  autoRenew: boolean | null;
}

/** Fields shared by register/renew/transfer; `withOptions` adds privacy and auto_renew. */
function readCommon(rc: RouteContext, v: Validator, withOptions: boolean, maxYears: number): CommonFields | null {
  let domain: string | null = null;
  if (v.required('domain', rc.input.domain)) {
    const text = v.string('domain', rc.input.domain);
    if (text !== undefined) {
      domain = normalizeDomainName(text);
      if (domain === null) v.add('domain', 'The domain field format is invalid.');
    }
  }
  const years = rc.input.years === undefined || rc.input.years === '' ? 1 : v.integer('years', rc.input.years, 1, maxYears);
  let privacy: Order['privacy'] = null;
  let autoRenew: boolean | null = null;
  if (withOptions) {
    privacy = rc.input.privacy === undefined || rc.input.privacy === '' ? 'full' : (v.oneOf('privacy', rc.input.privacy, PRIVACY) ?? null);
    autoRenew = rc.input.auto_renew === undefined || rc.input.auto_renew === '' ? false : (v.boolean('auto_renew', rc.input.auto_renew) ?? null);
  }
  if (v.fails() || domain === null || years === undefined) return null;
  return { domain, years, privacy, autoRenew };
}

function created(rc: RouteContext, type: OrderType, f: CommonFields, amount: number): SimResponse {
  const order = rc.lifecycle.create(rc.account, { type, ...f, amount, idempotencyKey: rc.idempotencyKey });
  const text =
    order.invoice.status === 'paid'
      ? 'Order created and paid from the wallet. Provisioning has started.'
      : `Order created. Pay invoice ${order.invoice.number} to start provisioning.`;
  return ok(201, { message: text, data: orderJson(order) });
}

/** POST /orders/register: domain, years, privacy, auto_renew → order + unpaid invoice. */
export function handleRegister(rc: RouteContext): SimResponse {
  const v = new Validator();
  const f = readCommon(rc, v, true, MAX_TERM_YEARS);
  if (!f) return validationError(v);
  const tld = tldOf(f.domain);
  const prices = tld ? priceFor(tld) : undefined;
  if (!tld || !prices) return fieldError('domain', `The domain extension .${f.domain.split('.').slice(1).join('.')} is not supported.`);
  if (rc.store.findDomain(rc.account, f.domain)) return fieldError('domain', `The domain ${f.domain} is already in your account.`);
  if (hasOpenRegistration(rc, f.domain)) return fieldError('domain', `The domain ${f.domain} already has an open order.`);
  const state = registryState(f.domain);
  if (state === 'registered' || rc.store.heldByAnyAccount(f.domain)) {
    return fieldError('domain', `The domain ${f.domain} is not available for registration.`);
  }
  const m = state === 'premium' ? premiumMultiplier(f.domain) : 1;
  return created(rc, 'register', f, (prices.register + prices.renew * (f.years - 1)) * m);
}

/** POST /orders/renew: domain (in this account), years → order + unpaid invoice. */
export function handleRenew(rc: RouteContext): SimResponse {
  const v = new Validator();
  const f = readCommon(rc, v, false, MAX_TERM_YEARS);
  if (!f) return validationError(v);
  const domain = rc.store.findDomain(rc.account, f.domain);
  if (!domain) return fieldError('domain', 'The selected domain is invalid.');
  const status = domainStatus(domain.expiresAt, rc.now);
  if (status === 'pending_delete') return fieldError('domain', `The domain ${f.domain} is pending deletion and can no longer be renewed.`);
  if (status === 'redemption') return fieldError('domain', `The domain ${f.domain} is in redemption; it must be restored before it can be renewed.`);
  // Registries cap the term at 10 years, counting renewals already ordered.
  const pendingYears = [...rc.account.openOrders].filter((o) => o.type === 'renew' && o.domain === f.domain).reduce((n, o) => n + o.years, 0);
  if (addYears(domain.expiresAt, pendingYears + f.years) > addYears(rc.now, MAX_TERM_YEARS)) {
    return fieldError('years', `Renewing ${f.domain} for ${f.years} year(s) would extend it beyond the ${MAX_TERM_YEARS}-year maximum.`);
  }
  return created(rc, 'renew', f, domain.renewPriceMinor * f.years);
}

/** POST /orders/transfer: domain, auth_code (EPP), privacy, auto_renew → order + unpaid invoice (one year added). */
export function handleTransfer(rc: RouteContext): SimResponse {
  const v = new Validator();
  const f = readCommon(rc, v, true, 1);
  if (v.required('auth_code', rc.input.auth_code)) v.string('auth_code', rc.input.auth_code);
  if (!f || v.fails()) return validationError(v);
  const tld = tldOf(f.domain);
  const prices = tld ? priceFor(tld) : undefined;
  if (!tld || !prices || !transferable(tld)) return fieldError('domain', `Transfers of .${tld ?? f.domain.split('.').slice(1).join('.')} domains are not supported.`);
  if (rc.store.findDomain(rc.account, f.domain)) return fieldError('domain', `The domain ${f.domain} is already in your account.`);
  if (hasOpenRegistration(rc, f.domain)) return fieldError('domain', `The domain ${f.domain} already has an open order.`);
  if (registryState(f.domain) !== 'registered' && !rc.store.heldByAnyAccount(f.domain)) {
    return fieldError('domain', `The domain ${f.domain} is not registered; order a registration instead.`);
  }
  return created(rc, 'transfer', f, prices.transfer);
}
