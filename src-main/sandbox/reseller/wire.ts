import { jsonResponse } from '../core/http.js';
import type { SimResponse } from '../core/types.js';
import { domainStatus, type DnsZone, type Invoice, type Order, type ResellerDomain } from './state.js';
import type { Validator } from './validation.js';

/**
 * JSON shapes of the reseller API (a Laravel app): `{data, ...}` on success,
 * `{message}` on 401/403/404/405/409, `{message, errors}` on 422.
 * README.md in this folder documents each of them for the client adapter.
 */

/** Laravel's default date serialisation: ISO-8601 UTC with microseconds. */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

function isoOrNull(ms: number | null): string | null {
  return ms === null ? null : isoTime(ms);
}

export function ok(status: number, body: unknown, headers: Record<string, string> = {}): SimResponse {
  return jsonResponse(status, body, headers);
}

export function message(status: number, text: string, headers: Record<string, string> = {}): SimResponse {
  return jsonResponse(status, { message: text }, headers);
}

export function validationError(v: Validator): SimResponse {
  return jsonResponse(422, { message: v.summary(), errors: v.errors });
}

/** A single-field 422, for business rules checked after basic validation. */
export function fieldError(field: string, text: string): SimResponse {
  return jsonResponse(422, { message: text, errors: { [field]: [text] } });
}

export function domainJson(d: ResellerDomain, now: number): Record<string, unknown> {
  return {
    id: d.id,
    name: d.name,
    unicode_name: d.unicode,
    tld: d.tld,
    status: domainStatus(d.expiresAt, now),
    registered_at: isoTime(d.createdAt),
    expires_at: isoTime(d.expiresAt),
    auto_renew: d.autoRenew,
    locked: d.locked,
    privacy: d.privacy,
    nameservers: d.nameservers,
    premium: d.premium,
    renew_price: d.renewPriceMinor,
    currency: 'IDR',
  };
}

export function dnsJson(domain: string, zone: DnsZone | null): Record<string, unknown> {
  return {
    domain,
    records: (zone?.records ?? []).map((r) => ({ id: r.id, type: r.type, name: r.name, value: r.value, ttl: r.ttl, priority: r.priority })),
    updated_at: isoOrNull(zone?.updatedAt ?? null),
    pushed_at: isoOrNull(zone?.pushedAt ?? null),
    push_target: 'dynadot',
  };
}

export function invoiceJson(i: Invoice): Record<string, unknown> {
  return {
    id: i.id,
    number: i.number,
    status: i.status,
    amount: i.amount,
    currency: i.currency,
    payment_method: i.paymentMethod,
    payment_url: i.status === 'unpaid' ? i.paymentUrl : null,
    due_at: isoTime(i.dueAt),
    paid_at: isoOrNull(i.paidAt),
    created_at: isoTime(i.createdAt),
  };
}

export function orderJson(o: Order): Record<string, unknown> {
  return {
    id: o.id,
    type: o.type,
    domain: o.domain,
    years: o.years,
    status: o.status,
    privacy: o.privacy,
    auto_renew: o.autoRenew,
    amount: o.amount,
    currency: o.currency,
    failure_reason: o.failureReason,
    domain_expires_at: isoOrNull(o.resultExpiresAt),
    created_at: isoTime(o.createdAt),
    updated_at: isoTime(o.updatedAt),
    completed_at: isoOrNull(o.completedAt),
    invoice: invoiceJson(o.invoice),
  };
}

/** Laravel's paginated resource collection: data + links + meta. */
export function paginated<T>(items: readonly T[], page: number, perPage: number, baseUrl: string, query: URLSearchParams, map: (item: T) => unknown): unknown {
  const total = items.length;
  const lastPage = Math.max(1, Math.ceil(total / perPage));
  const start = (page - 1) * perPage;
  const slice = items.slice(start, start + perPage);
  const pageUrl = (p: number): string => {
    const q = new URLSearchParams(query);
    q.set('page', String(p));
    return `${baseUrl}?${q.toString()}`;
  };
  return {
    data: slice.map(map),
    links: {
      first: pageUrl(1),
      last: pageUrl(lastPage),
      prev: page > 1 ? pageUrl(page - 1) : null,
      next: page < lastPage ? pageUrl(page + 1) : null,
    },
    meta: {
      current_page: page,
      from: slice.length ? start + 1 : null,
      last_page: lastPage,
      path: baseUrl,
      per_page: perPage,
      to: slice.length ? start + slice.length : null,
      total,
    },
  };
}
