import { formatMoney, type Money } from '../../src-shared/money.js';
import { dateTimeFormat, numberFormat, relativeTimeFormat } from '../../src-shared/intl-cache.js';
import { i18n } from '../i18n.js';

/** Locale-aware formatting for the renderer; the locale follows the i18n language. */
export function locale(): string {
  return i18n.language === 'id' ? 'id-ID' : 'en-US';
}

const DAY = 86_400_000;

export function fmtMoney(m: Money | null | undefined): string {
  return m ? formatMoney(m, locale()) : '—';
}

export function fmtDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  return dateTimeFormat(locale(), { year: 'numeric', month: 'short', day: '2-digit', timeZone: 'UTC' }).format(new Date(iso));
}

export function fmtDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return dateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

export function fmtNumber(n: number): string {
  return numberFormat(locale()).format(n);
}

/** Whole days from now until `iso` (negative when past). */
export function daysLeft(iso: string | null | undefined, now = Date.now()): number | null {
  if (!iso) return null;
  return Math.floor((Date.parse(iso) - now) / DAY);
}

export type Urgency = 'past' | 'critical' | 'soon' | 'upcoming' | 'calm';

/** Colour band for an expiry: what an investor must look at first. */
export function urgency(days: number | null): Urgency {
  if (days === null) return 'calm';
  if (days < 0) return 'past';
  if (days <= 30) return 'critical';
  if (days <= 60) return 'soon';
  if (days <= 90) return 'upcoming';
  return 'calm';
}

export function fmtRelativeTime(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return '—';
  const diff = Date.parse(iso) - now;
  const rtf = relativeTimeFormat(locale(), { numeric: 'auto' });
  const abs = Math.abs(diff);
  if (abs < 60_000) return rtf.format(Math.round(diff / 1000), 'second');
  if (abs < 3_600_000) return rtf.format(Math.round(diff / 60_000), 'minute');
  if (abs < DAY) return rtf.format(Math.round(diff / 3_600_000), 'hour');
  return rtf.format(Math.round(diff / DAY), 'day');
}
