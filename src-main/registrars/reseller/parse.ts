import { z } from 'zod';
import type { DomainStatus } from '../../../src-shared/domain-status.js';
import { money, type Money } from '../../../src-shared/money.js';
import type { NormalizedDomain } from '../types.js';

/**
 * Wire shapes of the reseller API (sandbox README, "Common shapes", designed
 * Laravel-style because the seed shows no bodies) and their normalized forms.
 * Schemas check what we rely on and let unknown fields through: the raw item
 * is kept beside the normalized row.
 */

const isoish = z.string().nullable();
const id = z.union([z.number().int(), z.string()]).transform(String);

export const invoiceWire = z.looseObject({
  id,
  number: z.string().nullish(),
  status: z.string(),
  amount: z.number().int(),
  currency: z.string(),
  payment_method: z.string().nullish(),
  payment_url: z.string().nullish(),
  due_at: isoish.optional(),
  paid_at: isoish.optional(),
});

export const orderWire = z.looseObject({
  id,
  type: z.string(),
  domain: z.string(),
  years: z.number().int(),
  status: z.string(),
  amount: z.number().int(),
  currency: z.string(),
  failure_reason: z.string().nullish(),
  domain_expires_at: isoish.optional(),
  created_at: isoish.optional(),
  updated_at: isoish.optional(),
  completed_at: isoish.optional(),
  invoice: invoiceWire.nullish(),
});

export const domainWire = z.looseObject({
  name: z.string(),
  unicode_name: z.string().nullish(),
  tld: z.string().nullish(),
  status: z.string(),
  registered_at: isoish.optional(),
  expires_at: isoish.optional(),
  auto_renew: z.boolean().nullish(),
  locked: z.boolean().nullish(),
  privacy: z.string().nullish(),
  nameservers: z.array(z.string()).nullish(),
  premium: z.boolean().nullish(),
  renew_price: z.number().int().nullish(),
  currency: z.string().nullish(),
});

export const pageMetaWire = z.looseObject({ current_page: z.number().int(), last_page: z.number().int(), total: z.number().int().optional() });

export const statusWire = z.looseObject({
  account: z.looseObject({ name: z.string().optional(), status: z.string().optional() }).optional(),
  token: z.looseObject({ name: z.string().optional(), abilities: z.array(z.string()) }),
  wallet: z.looseObject({ balance: z.number().int(), currency: z.string() }),
});

export const searchItemWire = z.looseObject({
  domain: z.string(),
  available: z.boolean(),
  premium: z.boolean().nullish(),
  reason: z.string().nullish(),
  currency: z.string().nullish(),
  price: z.looseObject({ register: z.number().int().nullish(), renew: z.number().int().nullish(), transfer: z.number().int().nullish() }).nullish(),
});

export const dnsRecordWire = z.looseObject({
  type: z.string(),
  name: z.string(),
  value: z.string(),
  ttl: z.number().int().nullish(),
  priority: z.number().int().nullish(),
});

export const dnsZoneWire = z.looseObject({
  domain: z.string(),
  records: z.array(dnsRecordWire),
  updated_at: isoish.optional(),
  pushed_at: isoish.optional(),
  push_target: z.string().nullish(),
});

export type OrderWire = z.infer<typeof orderWire>;
export type DomainWire = z.infer<typeof domainWire>;

/** Laravel's `2025-06-01T08:00:00.000000Z` as an ISO-8601 UTC string with milliseconds. */
export function isoTime(value: string | null | undefined): string | null {
  if (!value) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

const STATUS: Record<string, DomainStatus> = { active: 'active', grace: 'grace', redemption: 'redemption', pending_delete: 'pending-delete' };

export function normalizeDomain(item: DomainWire): NormalizedDomain {
  const name = item.name.toLowerCase();
  const privacy = item.privacy === 'full' || item.privacy === 'partial' || item.privacy === 'off' ? item.privacy : null;
  return {
    name,
    unicode: item.unicode_name ?? name,
    tld: item.tld ?? name.slice(name.indexOf('.') + 1),
    expiresAt: isoTime(item.expires_at),
    registryExpiresAt: null,
    createdAt: isoTime(item.registered_at),
    status: STATUS[item.status] ?? 'unknown',
    autoRenew: item.auto_renew ?? null,
    locked: item.locked ?? null,
    privacy,
    nameservers: item.nameservers ?? null,
    folder: null,
    renewalPrice: typeof item.renew_price === 'number' && item.currency ? money(item.renew_price, item.currency) : null,
    raw: item,
  };
}

/** The four order states the jobs and the portfolio show. */
export type OrderState = 'awaiting-payment' | 'processing' | 'completed' | 'failed';

export interface ResellerInvoice {
  id: string;
  number: string | null;
  /** unpaid | paid | expired (as the API says). */
  status: string;
  amount: Money;
  /** Where the user pays; null once the invoice is no longer unpaid. */
  paymentUrl: string | null;
  paymentMethod: string | null;
  dueAt: string | null;
  paidAt: string | null;
}

export interface ResellerOrder {
  id: string;
  type: string;
  domain: string;
  years: number;
  state: OrderState;
  /** The API's own status word, kept for display and diagnosis. */
  status: string;
  amount: Money;
  failureReason: string | null;
  /** The domain's expiry after completion. */
  domainExpiresAt: string | null;
  createdAt: string | null;
  updatedAt: string | null;
  completedAt: string | null;
  invoice: ResellerInvoice | null;
  /** True once the order can no longer change (completed or failed). */
  settled: boolean;
  raw: unknown;
}

const ORDER_STATE: Record<string, OrderState> = {
  awaiting_payment: 'awaiting-payment',
  pending: 'awaiting-payment',
  unpaid: 'awaiting-payment',
  processing: 'processing',
  completed: 'completed',
  failed: 'failed',
  cancelled: 'failed',
};

/** Unknown status words count as processing: still open, keep polling, never treat as done. */
export function orderState(status: string): OrderState {
  return ORDER_STATE[status] ?? 'processing';
}

export function normalizeInvoice(inv: z.infer<typeof invoiceWire>): ResellerInvoice {
  return {
    id: inv.id,
    number: inv.number ?? null,
    status: inv.status,
    amount: money(inv.amount, inv.currency),
    paymentUrl: inv.payment_url ?? null,
    paymentMethod: inv.payment_method ?? null,
    dueAt: isoTime(inv.due_at),
    paidAt: isoTime(inv.paid_at),
  };
}

export function normalizeOrder(o: OrderWire): ResellerOrder {
  const state = orderState(o.status);
  return {
    id: o.id,
    type: o.type,
    domain: o.domain.toLowerCase(),
    years: o.years,
    state,
    status: o.status,
    amount: money(o.amount, o.currency),
    failureReason: o.failure_reason ?? null,
    domainExpiresAt: isoTime(o.domain_expires_at),
    createdAt: isoTime(o.created_at),
    updatedAt: isoTime(o.updated_at),
    completedAt: isoTime(o.completed_at),
    invoice: o.invoice ? normalizeInvoice(o.invoice) : null,
    settled: state === 'completed' || state === 'failed',
    raw: o,
  };
}

export interface Availability {
  name: string;
  available: boolean;
  premium: boolean;
  /** registered | in_your_account | pending_order | unsupported_tld, or null when available. */
  reason: string | null;
  register: Money | null;
  renew: Money | null;
  transfer: Money | null;
  raw: unknown;
}

export function normalizeSearchItem(item: z.infer<typeof searchItemWire>): Availability {
  const price = (v: number | null | undefined): Money | null => (typeof v === 'number' && item.currency ? money(v, item.currency) : null);
  return {
    name: item.domain.toLowerCase(),
    available: item.available,
    premium: item.premium ?? false,
    reason: item.reason ?? null,
    register: price(item.price?.register),
    renew: price(item.price?.renew),
    transfer: price(item.price?.transfer),
    raw: item,
  };
}

export interface DnsRecordInput {
  type: string;
  /** `@`, `*` or host labels relative to the zone. */
  name: string;
  value: string;
  ttl?: number;
  /** Required for MX and SRV, refused for the other types. */
  priority?: number;
}

export interface DnsZone {
  domain: string;
  records: { type: string; name: string; value: string; ttl: number | null; priority: number | null }[];
  updatedAt: string | null;
  pushedAt: string | null;
  pushTarget: string | null;
  raw: unknown;
}

export function normalizeDnsZone(z: z.infer<typeof dnsZoneWire>): DnsZone {
  return {
    domain: z.domain.toLowerCase(),
    records: z.records.map((r) => ({ type: r.type.toUpperCase(), name: r.name, value: r.value, ttl: r.ttl ?? null, priority: r.priority ?? null })),
    updatedAt: isoTime(z.updated_at),
    pushedAt: isoTime(z.pushed_at),
    pushTarget: z.push_target ?? null,
    raw: z,
  };
}
