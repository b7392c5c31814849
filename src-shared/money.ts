import { numberFormat } from './intl-cache.js';
import { z } from 'zod';

/**
 * Money is an integer amount of minor units plus an ISO 4217 currency code.
 * Minor units follow each currency's ISO exponent (USD/EUR cents, IDR sen).
 * Amounts in different currencies are never added or converted silently.
 */
export const moneySchema = z.object({
  amountMinor: z.number().int(),
  currency: z.string().regex(/^[A-Z]{3}$/, 'ISO 4217 code, e.g. USD'),
});
export type Money = z.infer<typeof moneySchema>;

/** ISO 4217 exponents for the currencies we meet; anything else defaults to 2. */
const EXPONENT: Record<string, number> = { USD: 2, EUR: 2, IDR: 2, JPY: 0, GBP: 2, CNY: 2, SGD: 2, AUD: 2, CAD: 2 };
/** Currencies whose minor units are not shown to people (prices are whole). */
const DISPLAY_DIGITS: Record<string, number> = { IDR: 0, JPY: 0 };

export function currencyExponent(currency: string): number {
  return EXPONENT[currency] ?? 2;
}

export function money(amountMinor: number, currency: string): Money {
  if (!Number.isSafeInteger(amountMinor)) throw new RangeError(`Money amount must be an integer number of minor units, got ${amountMinor}`);
  return { amountMinor, currency };
}

/**
 * Money as a plain decimal string (files, exports) with the currency's own number of
 * decimals ("12.99", "178587.00", "1500" for JPY), built from the integer
 * minor units with string arithmetic: never a float on the way.
 */
export function decimalMoney(m: Money): string {
  const exp = currencyExponent(m.currency);
  const digits = Math.abs(m.amountMinor).toString().padStart(exp + 1, '0');
  const sign = m.amountMinor < 0 ? '-' : '';
  return exp === 0 ? `${sign}${digits}` : `${sign}${digits.slice(0, -exp)}.${digits.slice(-exp)}`;
}

/** Parses a registrar's decimal string ("12.99", "178587.00") into minor units without float rounding. */
export function parseDecimalMoney(text: string, currency: string): Money {
  const trimmed = text.trim().replace(/,/g, '');
  const m = /^(-)?(\d+)(?:\.(\d+))?$/.exec(trimmed);
  if (!m) throw new RangeError(`"${text}" is not a decimal amount`);
  const exp = currencyExponent(currency);
  const fraction = (m[3] ?? '').padEnd(exp, '0');
  if (fraction.length > exp && /[1-9]/.test(fraction.slice(exp))) throw new RangeError(`"${text}" has more decimals than ${currency} allows`);
  const minor = Number(m[2]) * 10 ** exp + Number(fraction.slice(0, exp) || '0');
  return money(m[1] ? -minor : minor, currency);
}

export function addMoney(a: Money, b: Money): Money {
  if (a.currency !== b.currency) throw new Error(`Cannot add ${a.currency} to ${b.currency}`);
  return money(a.amountMinor + b.amountMinor, a.currency);
}

/** Sums per currency: the only honest total of a mixed-currency list. */
export function totalsByCurrency(items: readonly Money[]): Money[] {
  const sums = new Map<string, number>();
  for (const m of items) sums.set(m.currency, (sums.get(m.currency) ?? 0) + m.amountMinor);
  return [...sums.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([currency, amountMinor]) => money(amountMinor, currency));
}

export function formatMoney(m: Money, locale: string): string {
  const exp = currencyExponent(m.currency);
  const digits = DISPLAY_DIGITS[m.currency] ?? exp;
  return numberFormat(locale, {
    style: 'currency',
    currency: m.currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(m.amountMinor / 10 ** exp);
}
