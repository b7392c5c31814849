import { z } from 'zod';
import { parseDecimalMoney, type Money } from '../../../src-shared/money.js';
import { errorFromUnreadable, type CallSite } from './errors.js';

/**
 * Value readers for API3's loose typing: numbers as strings or numbers, dates
 * as millisecond epochs, booleans as yes/no/true/false, settings read back in
 * other words than they were written ("auto" comes back as "auto-renew",
 * "off" as "none"). A word we do not know throws, so nothing is guessed.
 */

export class UnknownValue extends Error {}

const unknown = (what: string, value: unknown): never => {
  throw new UnknownValue(`unknown ${what} ${JSON.stringify(value)}`);
};

/** Validates `value` with `schema`; an unknown shape fails loudly as Transient (read) / OutcomeUnknown (write). */
export function read<S extends z.ZodType>(schema: S, value: unknown, site: CallSite, raw: string): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw errorFromUnreadable(site, raw, `unexpected shape at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? ''}`);
}

/** Runs a normalizer; an UnknownValue becomes the same loud failure. */
export function normalize<T>(fn: () => T, site: CallSite, raw: string): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof UnknownValue) throw errorFromUnreadable(site, raw, err.message);
    throw err;
  }
}

/** "123", 123 -> "123": API3 writes the same field both ways across examples. */
export const text = z.union([z.string(), z.number()]).transform(String);
export const optText = z.union([z.string(), z.number(), z.null()]).optional().transform((v) => (v === undefined || v === null ? undefined : String(v)));
export const num = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/).transform(Number)]);

/** Millisecond epoch ("1361430589062") -> ISO; "", "-", 0 -> null. */
export function msToIso(v: string | number | undefined | null): string | null {
  if (v === undefined || v === null) return null;
  const s = String(v).trim();
  if (s === '' || s === '-' || s === '0') return null;
  if (!/^\d{9,14}$/.test(s)) return unknown('timestamp', v);
  return new Date(Number(s)).toISOString();
}

export function yesNo(v: string | undefined, what: string): boolean | null {
  if (v === undefined) return null;
  const s = v.trim().toLowerCase();
  if (['yes', 'true', 'on', 'locked', 'enable', 'enabled'].includes(s)) return true;
  if (['no', 'false', 'off', 'unlocked', 'disable', 'disabled'].includes(s)) return false;
  return unknown(what, v);
}

/** set_renew_option writes auto / donot / reset; domain_info reads "auto-renew" / "do not renew" / "no renew option". */
export function renewOption(v: string): { option: 'auto' | 'donot' | 'reset'; autoRenew: boolean } {
  const s = v.trim().toLowerCase();
  if (s === 'auto-renew' || s === 'auto' || s === 'auto renew') return { option: 'auto', autoRenew: true };
  if (s === 'do not renew' || s === 'donot' || s === 'do not auto-renew') return { option: 'donot', autoRenew: false };
  // "No renew option": nothing set, Dynadot does not renew the name on its own.
  if (s === 'no renew option' || s === 'reset' || s === '') return { option: 'reset', autoRenew: false };
  return unknown('renew option', v);
}

/** set_privacy writes full / partial / off; the domain reads "none" for off. */
export function privacy(v: string): 'full' | 'partial' | 'off' {
  const s = v.trim().toLowerCase();
  if (s === 'full' || s === 'full privacy') return 'full';
  if (s === 'partial' || s === 'partial privacy') return 'partial';
  if (s === 'none' || s === 'off' || s === 'no' || s === '') return 'off';
  return unknown('privacy setting', v);
}

/** "12.34", "$12.34", "12.34 in USD" -> Money; "", "-", "-1" -> null. */
export function price(v: string | number | undefined | null, currency: string): Money | null {
  if (v === undefined || v === null) return null;
  let s = String(v).trim();
  if (s === '' || s === '-' || s === '-1' || s === '-1.0') return null;
  const inCurrency = / in ([A-Za-z]{3})$/.exec(s);
  if (inCurrency) {
    currency = inCurrency[1]!.toUpperCase();
    s = s.slice(0, inCurrency.index);
  }
  s = s.replace(/^[$€£¥]/, '');
  try {
    return parseDecimalMoney(s, currency.toUpperCase());
  } catch {
    return unknown('amount', v);
  }
}

const ZONES: Record<string, number> = { UTC: 0, GMT: 0, PST: -8, PDT: -7 };

/** "2022/04/04 02:20 PST", "2022/04/04 02:20:34 PST", "2015/04/28 05:46 UTC" -> ISO (the JSON auction times are PST, the XML ones UTC). */
export function zonedTime(v: string): string | null {
  const m = /^(\d{4})\/(\d{1,2})\/(\d{1,2}) (\d{1,2}):(\d{2})(?::(\d{2}))? ([A-Z]{3})$/.exec(v.trim());
  if (!m) return v.trim() === '' ? null : unknown('time', v);
  const offset = ZONES[m[7]!];
  if (offset === undefined) return unknown('time zone', v);
  const utc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0)) - offset * 3_600_000;
  return new Date(utc).toISOString();
}

/**
 * A timestamp field when present and meaningful, else the zoned text beside it.
 * When the stamp is present and says "no time" (0), a text that is not a time
 * (seed 001's get_auction_details shows start_time "1" beside stamp 0) is that
 * same "no time", not an unknown shape; without a stamp the text must parse.
 */
export function timeOf(stamp: string | number | undefined, zoned: string | undefined): string | null {
  const fromStamp = msToIso(stamp);
  if (fromStamp !== null) return fromStamp;
  if (!zoned) return null;
  if (stamp === undefined) return zonedTime(zoned);
  try {
    return zonedTime(zoned);
  } catch (err) {
    if (err instanceof UnknownValue) return null;
    throw err;
  }
}

/** renew price_check's PriceInfo: "Currency=USD, RenewPrice=10.99, LateRenewFee=0.00, TotalPrice=10.99, Duration=1". */
export function priceInfo(v: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of v.split(/[,;\n]/)) {
    const m = /^\s*([A-Za-z_ ]+?)\s*[=:]\s*(.+?)\s*$/.exec(part);
    if (m) out[m[1]!.replace(/[\s_]/g, '').toLowerCase()] = m[2]!;
  }
  return out;
}

/** yyyy-mm-dd for the date-range commands. */
export function day(iso: string | Date): string {
  return (typeof iso === 'string' ? new Date(iso) : iso).toISOString().slice(0, 10);
}
