import { fail } from './envelope.js';

/** Dynadot's price list in USD cents (register / renew / transfer for one year). */
export interface TldPrice {
  tld: string;
  usage: string;
  register: number;
  renew: number;
  transfer: number;
  privacy: boolean;
  idn: boolean;
  restrictions: string;
  /** Days after expiry during which a renewal still works with a late fee (tld_price GracePeriod.Renew). */
  graceRenewDays: number;
  /** Days after registration during which `delete` refunds (GracePeriod.Delete). */
  graceDeleteDays: number;
}

const T = (tld: string, usage: string, register: number, renew: number, transfer: number, extra: Partial<TldPrice> = {}): TldPrice => ({
  tld,
  usage,
  register,
  renew,
  transfer,
  privacy: true,
  idn: true,
  restrictions: '--',
  graceRenewDays: 30,
  graceDeleteDays: 5,
  ...extra,
});

export const TLD_PRICES: TldPrice[] = [
  T('com', 'Commercial', 1099, 1099, 1099),
  T('net', 'Network', 1299, 1299, 1299),
  T('org', 'Organization', 1199, 1199, 1199),
  T('io', 'British Indian Ocean Territory', 3999, 3999, 3999),
  T('co', 'Colombia / Company', 2599, 2599, 2599),
  T('ai', 'Anguilla', 7999, 7999, 7999, { restrictions: 'Minimum registration 2 years' }),
  T('xyz', 'Generic', 1399, 1399, 1399),
  T('app', 'Applications (HTTPS required)', 1599, 1599, 1599),
  T('dev', 'Developers (HTTPS required)', 1499, 1499, 1499),
  T('shop', 'Shopping', 3299, 3299, 3299),
  T('store', 'Stores', 4499, 4499, 4499),
  T('info', 'Information', 1899, 1899, 1899),
  T('me', 'Montenegro / Personal', 1799, 1799, 1799),
  T('es', 'Spain', 899, 899, 899, { privacy: false }),
  T('de', 'Germany', 799, 799, 799, { privacy: false, restrictions: 'German administrative contact' }),
  T('eu', 'European Union', 999, 999, 999, { privacy: false, restrictions: 'EU residents only' }),
  T('id', 'Indonesia', 1499, 1499, 1499, { privacy: false, restrictions: 'Indonesian residents only' }),
  T('co.id', 'Indonesian companies', 1199, 1199, 1199, { privacy: false, idn: false, restrictions: 'Indonesian company documents' }),
  T('my.id', 'Indonesian individuals', 299, 299, 299, { privacy: false, idn: false, restrictions: 'Indonesian ID card' }),
  T('web.id', 'Indonesian web sites', 599, 599, 599, { privacy: false, idn: false, restrictions: 'Indonesian ID card' }),
];

const BY_TLD = new Map(TLD_PRICES.map((t) => [t.tld, t]));

/** Longest matching suffix, so `shop.co.id` prices as `co.id`. */
export function tldOf(name: string): TldPrice | undefined {
  const labels = name.split('.');
  for (let i = 1; i < labels.length; i++) {
    const hit = BY_TLD.get(labels.slice(i).join('.'));
    if (hit) return hit;
  }
  return undefined;
}

/** Fixed demo exchange rates: units of the currency per 1 USD. */
const RATES: Record<string, number> = { USD: 1, EUR: 0.92, GBP: 0.79, CNY: 7.2, INR: 83.2, CAD: 1.36 };

/** Currencies accepted by search/register/renew ("USD, CNY, GBP, EUR, INR, CAD and so on"). */
export function orderCurrency(raw: string | null, accountCurrency: string): string {
  if (raw === null || raw === '') return accountCurrency;
  const c = raw.toUpperCase();
  if (!(c in RATES)) fail(`invalid currency ${raw}`);
  return c;
}

/** Currencies accepted by tld_price, auctions and closeouts: "usd", "eur" or "cny". */
export function marketCurrency(raw: string | null, fallback = 'USD'): string {
  if (raw === null || raw === '') return fallback;
  const c = raw.toUpperCase();
  if (c !== 'USD' && c !== 'EUR' && c !== 'CNY') fail(`invalid currency ${raw}, it must be usd, eur or cny`);
  return c;
}

/** USD cents -> minor units of `currency`. */
export function fromUsd(usdCents: number, currency: string): number {
  return Math.round(usdCents * (RATES[currency] ?? 1));
}

/** Minor units of `currency` -> USD cents. */
export function toUsd(minor: number, currency: string): number {
  return Math.round(minor / (RATES[currency] ?? 1));
}

/** "12.34" */
export function amount(minor: number): string {
  return (minor / 100).toFixed(2);
}

/** "$12.34" as the account_info and auction-bid examples show prices. */
export function dollars(minor: number): string {
  return `$${amount(minor)}`;
}

/** Parses a decimal amount such as "99.9" into minor units, or null. */
export function parseAmount(raw: string | null): number | null {
  if (raw === null || !/^\d+(\.\d{1,2})?$/.test(raw.trim())) return null;
  return Math.round(Number(raw.trim()) * 100);
}
