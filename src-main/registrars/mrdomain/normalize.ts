import type { DomainStatus } from '../../../src-shared/domain-status.js';
import { parseDecimalMoney, type Money } from '../../../src-shared/money.js';

/**
 * Seed 002 §5.27.1 domain statuses -> DomainDeck's lifecycle. "renewed" is
 * "Renewal in process": the domain is live. register-* and inactive are not
 * yet (or no longer) live at the registry, which the normalized set has no
 * word for, so they are "unknown" and the raw status is kept beside them.
 */
const STATUS: Record<string, DomainStatus> = {
  'register-init': 'unknown',
  'register-pending': 'unknown',
  'register-cancel': 'removed',
  'transfer-init': 'pending-transfer',
  'transfer-pending': 'pending-transfer',
  'transfer-cancel': 'removed',
  inactive: 'unknown',
  active: 'active',
  renewed: 'active',
  'expired-renewgrace': 'grace',
  'expired-redemption': 'redemption',
  'expired-pendingdelete': 'pending-delete',
};

export function normalizeStatus(status: string): DomainStatus {
  return STATUS[status] ?? 'unknown';
}

/** "2015-05-14" (tsExpir, tsCreate) -> ISO-8601 UTC midnight; "" (not known yet, e.g. register-init) -> null. */
export function isoFromYmd(ymd: string | undefined): string | null {
  if (!ymd) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(ymd);
  if (!m) return null;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

/** ISO time -> the UTC calendar date "YYYY-MM-DD" the API compares expiries by. */
export function ymdOf(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) throw new RangeError(`Not a date: ${iso}`);
  return new Date(t).toISOString().slice(0, 10);
}

/** curExpDate as the sandbox and the seed both accept it: YYYYMMDD. */
export function curExpDate(iso: string): string {
  return ymdOf(iso).replace(/-/g, '');
}

/** Whole days from one "YYYY-MM-DD" to another. */
export function daysBetween(fromYmd: string, toYmd: string): number {
  return Math.round((Date.parse(`${toYmd}T00:00:00Z`) - Date.parse(`${fromYmd}T00:00:00Z`)) / 86_400_000);
}

export function addYearsYmd(ymd: string, years: number): string {
  const d = new Date(`${ymd}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.toISOString().slice(0, 10);
}

/**
 * The API prints amounts as JSON floats (53.25, 124.0). JavaScript prints a
 * float back as its shortest exact decimal, so String() then the decimal
 * parser gives exact minor units, and refuses sub-cent noise instead of
 * rounding it away.
 */
export function moneyFromFloat(amount: number, currency: string): Money {
  return parseDecimalMoney(String(amount), currency);
}
