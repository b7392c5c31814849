import { fail } from './envelope.js';

const PST_OFFSET = -8 * 3_600_000;
const pad = (n: number): string => String(n).padStart(2, '0');

function parts(ms: number): { y: number; mo: string; d: string; h: string; mi: string; s: string } {
  const t = new Date(ms);
  return { y: t.getUTCFullYear(), mo: pad(t.getUTCMonth() + 1), d: pad(t.getUTCDate()), h: pad(t.getUTCHours()), mi: pad(t.getUTCMinutes()), s: pad(t.getUTCSeconds()) };
}

/** "2015/04/28 05:46 UTC" (XML auction examples). */
export function utcMinute(ms: number): string {
  const p = parts(ms);
  return `${p.y}/${p.mo}/${p.d} ${p.h}:${p.mi} UTC`;
}

/** "2022/04/04 02:20 PST" (JSON auction examples; a fixed UTC-8 offset). */
export function pstMinute(ms: number): string {
  const p = parts(ms + PST_OFFSET);
  return `${p.y}/${p.mo}/${p.d} ${p.h}:${p.mi} PST`;
}

/** "2022/04/04 02:20:34 PST" (bids and closed backorder auctions). */
export function pstSecond(ms: number): string {
  const p = parts(ms + PST_OFFSET);
  return `${p.y}/${p.mo}/${p.d} ${p.h}:${p.mi}:${p.s} PST`;
}

/** "2024/05/04" (order_list JSON). */
export function slashDate(ms: number): string {
  const p = parts(ms);
  return `${p.y}/${p.mo}/${p.d}`;
}

/** "1 day, 23 hours" / "5 hours, 3 minutes" / "Ended". */
export function timeLeft(ms: number): string {
  if (ms <= 0) return 'Ended';
  const days = Math.floor(ms / 86_400_000);
  const hours = Math.floor((ms % 86_400_000) / 3_600_000);
  const minutes = Math.floor((ms % 3_600_000) / 60_000);
  const unit = (n: number, w: string): string => `${n} ${w}${n === 1 ? '' : 's'}`;
  if (days > 0) return `${unit(days, 'day')}, ${unit(hours, 'hour')}`;
  if (hours > 0) return `${unit(hours, 'hour')}, ${unit(minutes, 'minute')}`;
  return unit(Math.max(1, minutes), 'minute');
}

/**
 * Parses yyyy-mm-dd or yyyy/MM/dd (the examples also send unpadded "2015-5-20")
 * into the UTC midnight of that day.
 */
export function parseDay(raw: string, name: string): number {
  const m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(raw.trim());
  if (!m) fail(`invalid ${name} ${raw}`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (Number.isNaN(ms)) fail(`invalid ${name} ${raw}`);
  return ms;
}
