import type { Db } from '../connection.js';

export type JobState = 'queued' | 'running' | 'paused' | 'cancelled' | 'done' | 'failed';
export type ItemState = 'pending' | 'running' | 'done' | 'failed' | 'unconfirmed' | 'skipped' | 'cancelled';
export const ITEM_STATES: readonly ItemState[] = ['pending', 'running', 'done', 'failed', 'unconfirmed', 'skipped', 'cancelled'];

export interface JobRow {
  id: string;
  kind: string;
  title: string;
  state: JobState;
  is_write: 0 | 1;
  params: string;
  note: string | null;
  total: number;
  owner_id: string | null;
  owner_pid: number | null;
  owner_host: string | null;
  heartbeat_at: number | null;
  created_at: number;
  updated_at: number;
  started_at: number | null;
  finished_at: number | null;
}

export interface ItemRow {
  job_id: string;
  seq: number;
  key: string;
  account_id: string | null;
  input: string;
  state: ItemState;
  attempt: number;
  idempotency_key: string;
  result: string | null;
  error: string | null;
  updated_at: number;
}

export interface AttemptRow {
  job_id: string;
  seq: number;
  attempt: number;
  action: 'run' | 'reconcile';
  started_at: number;
  finished_at: number | null;
  outcome: string | null;
  summary: string | null;
}

export interface NewItem {
  key: string;
  accountId: string | null;
  input: string;
  idempotencyKey: string;
}

/** The job journal tables (migration 003). All SQL for jobs lives here. */
export function createJobsRepo(db: Db) {
  const insertJob = db.prepare(
    `INSERT INTO jobs (id, kind, title, state, is_write, params, total, created_at, updated_at)
     VALUES (@id, @kind, @title, 'queued', @isWrite, @params, @total, @now, @now)`,
  );
  const insertItem = db.prepare(
    `INSERT INTO job_items (job_id, seq, key, account_id, input, state, attempt, idempotency_key, updated_at)
     VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, ?)`,
  );
  const getJob = db.prepare<[string], JobRow>('SELECT * FROM jobs WHERE id = ?');
  const listJobs = db.prepare<[number], JobRow>('SELECT * FROM jobs ORDER BY created_at DESC, id LIMIT ?');
  const countStmt = db.prepare<[string], { state: ItemState; n: number }>('SELECT state, count(*) AS n FROM job_items WHERE job_id = ? GROUP BY state');
  const itemsStmt = db.prepare<[string, number, number], ItemRow>('SELECT * FROM job_items WHERE job_id = ? ORDER BY seq LIMIT ? OFFSET ?');
  const itemsByState = db.prepare<[string, string, number, number], ItemRow>('SELECT * FROM job_items WHERE job_id = ? AND state = ? ORDER BY seq LIMIT ? OFFSET ?');
  const getItem = db.prepare<[string, number], ItemRow>('SELECT * FROM job_items WHERE job_id = ? AND seq = ?');
  const claimItem = db.prepare("UPDATE job_items SET state = 'running', attempt = attempt + 1, updated_at = ? WHERE job_id = ? AND seq = ? AND state = 'pending'");
  const finishItem = db.prepare("UPDATE job_items SET state = ?, result = ?, error = ?, updated_at = ? WHERE job_id = ? AND seq = ? AND state IN ('running','unconfirmed')");
  const moveStates = db.prepare('UPDATE job_items SET state = ?, updated_at = ? WHERE job_id = ? AND state = ?');
  const moveItem = db.prepare('UPDATE job_items SET state = ?, updated_at = ? WHERE job_id = ? AND seq = ? AND state = ?');
  const setState = db.prepare('UPDATE jobs SET state = ?, note = ?, updated_at = ?, started_at = COALESCE(started_at, ?), finished_at = ? WHERE id = ?');
  const claimJob = db.prepare('UPDATE jobs SET owner_id = ?, owner_pid = ?, owner_host = ?, heartbeat_at = ?, updated_at = ? WHERE id = ?');
  const heartbeat = db.prepare('UPDATE jobs SET heartbeat_at = ? WHERE id = ? AND owner_id = ?');
  const releaseJob = db.prepare('UPDATE jobs SET owner_id = NULL, owner_pid = NULL, owner_host = NULL, heartbeat_at = NULL WHERE id = ? AND owner_id = ?');
  const insertAttempt = db.prepare('INSERT OR REPLACE INTO job_item_attempts (job_id, seq, attempt, action, started_at) VALUES (?, ?, ?, ?, ?)');
  const finishAttempt = db.prepare('UPDATE job_item_attempts SET finished_at = ?, outcome = ?, summary = ? WHERE job_id = ? AND seq = ? AND attempt = ? AND action = ?');
  const attemptsStmt = db.prepare<[string, number], AttemptRow>('SELECT * FROM job_item_attempts WHERE job_id = ? AND seq = ? ORDER BY attempt, started_at');

  return {
    create: db.transaction((job: { id: string; kind: string; title: string; isWrite: boolean; params: string; items: NewItem[] }, now: number) => {
      insertJob.run({ id: job.id, kind: job.kind, title: job.title, isWrite: job.isWrite ? 1 : 0, params: job.params, total: job.items.length, now });
      job.items.forEach((it, seq) => insertItem.run(job.id, seq, it.key, it.accountId, it.input, it.idempotencyKey, now));
    }),
    get: (id: string): JobRow | null => getJob.get(id) ?? null,
    list: (limit = 200): JobRow[] => listJobs.all(limit),
    counts(jobId: string): Record<ItemState, number> {
      const out = Object.fromEntries(ITEM_STATES.map((s) => [s, 0])) as Record<ItemState, number>;
      for (const r of countStmt.all(jobId)) out[r.state] = r.n;
      return out;
    },
    items(jobId: string, options: { state?: ItemState; offset?: number; limit?: number } = {}): ItemRow[] {
      const limit = options.limit ?? -1;
      const offset = options.offset ?? 0;
      return options.state ? itemsByState.all(jobId, options.state, limit, offset) : itemsStmt.all(jobId, limit, offset);
    },
    item: (jobId: string, seq: number): ItemRow | null => getItem.get(jobId, seq) ?? null,
    /** pending -> running, attempt + 1; false when someone else already took it. */
    claimItem: (jobId: string, seq: number, now: number): boolean => claimItem.run(now, jobId, seq).changes === 1,
    finishItem(jobId: string, seq: number, state: ItemState, result: string | null, error: string | null, now: number): boolean {
      return finishItem.run(state, result, error, now, jobId, seq).changes === 1;
    },
    moveAll: (jobId: string, from: ItemState, to: ItemState, now: number): number => moveStates.run(to, now, jobId, from).changes,
    moveItem: (jobId: string, seq: number, from: ItemState, to: ItemState, now: number): boolean => moveItem.run(to, now, jobId, seq, from).changes === 1,
    setState(id: string, state: JobState, note: string | null, now: number): void {
      const final = state === 'done' || state === 'failed' || state === 'cancelled';
      setState.run(state, note, now, state === 'running' ? now : null, final ? now : null, id);
    },
    setOwner: (id: string, owner: { id: string; pid: number; host: string }, now: number): void => void claimJob.run(owner.id, owner.pid, owner.host, now, now, id),
    heartbeat: (id: string, ownerId: string, now: number): void => void heartbeat.run(now, id, ownerId),
    releaseOwner: (id: string, ownerId: string): void => void releaseJob.run(id, ownerId),
    startAttempt: (jobId: string, seq: number, attempt: number, action: 'run' | 'reconcile', now: number): void => void insertAttempt.run(jobId, seq, attempt, action, now),
    finishAttempt(jobId: string, seq: number, attempt: number, action: 'run' | 'reconcile', now: number, outcome: string, summary: string | null): void {
      finishAttempt.run(now, outcome, summary, jobId, seq, attempt, action);
    },
    attempts: (jobId: string, seq: number): AttemptRow[] => attemptsStmt.all(jobId, seq),
    transaction: <T>(fn: () => T): T => db.transaction(fn).immediate(),
  };
}
export type JobsRepo = ReturnType<typeof createJobsRepo>;
