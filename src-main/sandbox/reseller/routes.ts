import type { SimRequest, SimResponse } from '../core/types.js';
import { handleDnsPush, handleDnsReplace } from './handlers/dns.js';
import { handleDomainList, handleDomainSearch } from './handlers/domains.js';
import { handleOrderList, handleRegister, handleRenew, handleTransfer } from './handlers/orders.js';
import { handleStatus } from './handlers/status.js';
import type { Input } from './input.js';
import type { OrderLifecycle } from './lifecycle.js';
import type { Ability, AccountState, ResellerStore } from './state.js';

export interface RouteContext {
  store: ResellerStore;
  lifecycle: OrderLifecycle;
  account: AccountState;
  req: SimRequest;
  input: Input;
  now: number;
  /** Absolute URL of the requested path (no query), for pagination links. */
  url: string;
  idempotencyKey: string | null;
}

export interface Route {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  ability: Ability;
  /** Name in stats byCommand and in fault `only` filters. */
  command: string;
  /** Order endpoints require Idempotency-Key; DNS writes are idempotent by nature and honour it when sent. */
  idempotency: 'required' | 'optional' | 'none';
  handle(rc: RouteContext): SimResponse;
}

export const API_PREFIX = '/api/reseller/v1';

/** The seed's endpoint table, one row each. */
export const ROUTES: readonly Route[] = [
  { method: 'GET', path: '/status', ability: 'billing.read', command: 'status', idempotency: 'none', handle: handleStatus },
  { method: 'POST', path: '/domains/search', ability: 'domains.read', command: 'domains.search', idempotency: 'none', handle: handleDomainSearch },
  { method: 'GET', path: '/domains', ability: 'domains.read', command: 'domains.list', idempotency: 'none', handle: handleDomainList },
  { method: 'GET', path: '/orders', ability: 'orders.read', command: 'orders.list', idempotency: 'none', handle: handleOrderList },
  { method: 'POST', path: '/orders/register', ability: 'orders.write', command: 'orders.register', idempotency: 'required', handle: handleRegister },
  { method: 'POST', path: '/orders/renew', ability: 'orders.write', command: 'orders.renew', idempotency: 'required', handle: handleRenew },
  { method: 'POST', path: '/orders/transfer', ability: 'orders.write', command: 'orders.transfer', idempotency: 'required', handle: handleTransfer },
  { method: 'PUT', path: '/domains/dns', ability: 'domains.write', command: 'domains.dns.replace', idempotency: 'optional', handle: handleDnsReplace },
  { method: 'POST', path: '/domains/dns/push', ability: 'domains.write', command: 'domains.dns.push', idempotency: 'optional', handle: handleDnsPush },
];

export type RouteMatch = { kind: 'route'; route: Route } | { kind: 'method'; allowed: string[] } | { kind: 'none' };

export function matchRoute(method: string, path: string): RouteMatch {
  const normalized = path.length > 1 ? path.replace(/\/+$/, '') : path;
  if (!normalized.startsWith(API_PREFIX)) return { kind: 'none' };
  const sub = normalized.slice(API_PREFIX.length);
  const candidates = ROUTES.filter((r) => r.path === sub);
  if (candidates.length === 0) return { kind: 'none' };
  // Laravel answers HEAD like GET.
  const wanted = method === 'HEAD' ? 'GET' : method;
  const route = candidates.find((r) => r.method === wanted);
  if (route) return { kind: 'route', route };
  const allowed = candidates.flatMap((r) => (r.method === 'GET' ? ['GET', 'HEAD'] : [r.method]));
  return { kind: 'method', allowed };
}
