import { toAsciiName } from '../mrdomain/names.js';
import { invalidInput } from './errors.js';

/**
 * Input checks that run before any request is sent: a request Dynadot would
 * refuse still costs a turn of the single-flight lane and counts as an error.
 */

export function domainName(input: string, field = 'domain'): string {
  const ascii = toAsciiName(input);
  if (!ascii) throw invalidInput(field, `"${input}" is not a valid domain name.`);
  return ascii;
}

/** Comma-separated domain lists are limited to 100 names per request by seed 001. */
export function domainList(inputs: readonly string[], max = 100, field = 'domain'): string[] {
  if (inputs.length === 0) throw invalidInput(field, 'No domain names were given.');
  if (inputs.length > max) throw invalidInput(field, `Dynadot accepts at most ${max} domain names per request (${inputs.length} given).`);
  return inputs.map((n) => domainName(n, field));
}

export function hostName(input: string, field = 'ns'): string {
  const ascii = toAsciiName(input);
  if (!ascii) throw invalidInput(field, `"${input}" is not a valid name server host name.`);
  return ascii;
}

export function intIn(value: number, min: number, max: number, field: string, what: string): number {
  if (!Number.isInteger(value) || value < min || value > max) throw invalidInput(field, `${what} must be a whole number from ${min} to ${max} (got ${value}).`);
  return value;
}

/** Dynadot's bid currencies: "usd", "eur" or "cny". */
export function marketCurrency(currency: string, field = 'currency'): string {
  const c = currency.toUpperCase();
  if (c !== 'USD' && c !== 'EUR' && c !== 'CNY') throw invalidInput(field, `Dynadot auctions take USD, EUR or CNY, not ${currency}.`);
  return c;
}

/** Money -> "12.34" for a query parameter. */
export function decimal(amountMinor: number): string {
  const sign = amountMinor < 0 ? '-' : '';
  const abs = Math.abs(amountMinor);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
