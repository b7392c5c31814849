import type { JobDetail, JobItem, JobProgress, JobSummary, JobTotals } from '../../../src-shared/contract/areas/jobs.js';
import type { ItemRow, ItemState, JobRow } from '../../db/repos/jobs.js';

/** Journal rows -> contract shapes (epoch ms -> ISO-8601 UTC, JSON columns parsed). */
const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

export function totalsOf(total: number, counts: Record<ItemState, number>): JobTotals {
  return { total, ...counts };
}

export function toSummary(row: JobRow, counts: Record<ItemState, number>, pausable = true): JobSummary {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    state: row.state,
    isWrite: row.is_write === 1,
    pausable,
    note: row.note,
    totals: totalsOf(row.total, counts),
    createdAt: iso(row.created_at)!,
    updatedAt: iso(row.updated_at)!,
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
  };
}

export function toItem(row: ItemRow): JobItem {
  return {
    seq: row.seq,
    key: row.key,
    accountId: row.account_id,
    state: row.state,
    attempt: row.attempt,
    idempotencyKey: row.idempotency_key,
    input: parseJson(row.input),
    result: row.result === null ? null : parseJson(row.result),
    error: row.error === null ? null : (parseJson(row.error) as JobItem['error']),
    updatedAt: iso(row.updated_at)!,
  };
}

export function toDetail(summary: JobSummary, items: ItemRow[], itemsTotal: number): JobDetail {
  return { ...summary, items: items.map(toItem), itemsTotal };
}

export function toProgress(summary: JobSummary, etaMs: number | null): JobProgress {
  const { total, done, failed, unconfirmed, skipped, cancelled, pending, running } = summary.totals;
  return { jobId: summary.id, state: summary.state, total, done, failed, unconfirmed, skipped, cancelled, pending, running, etaMs };
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
