import type { SyncAccountReport } from '../../../src-shared/contract/areas/portfolio.js';
import type { Db } from '../connection.js';

export type SyncRunMode = SyncAccountReport['mode'];

export interface SyncRunCounts {
  pages: number;
  detailReads: number;
  seen: number;
  added: number;
  updated: number;
  unchanged: number;
  removed: number;
  flagged: number;
  failed: number;
}

/** Just the counts of a run (or of anything carrying them), for reports and the journal. */
export function syncRunCounts(r: SyncRunCounts): SyncRunCounts {
  return { pages: r.pages, detailReads: r.detailReads, seen: r.seen, added: r.added, updated: r.updated, unchanged: r.unchanged, removed: r.removed, flagged: r.flagged, failed: r.failed };
}

export interface SyncRunFinish extends SyncRunCounts {
  state: 'ok' | 'partial' | 'failed';
  finishedAt: number;
  errorCode: string | null;
  error: string | null;
  domainErrors: { name: string; reason: string }[];
}

interface Row {
  id: number;
  account_id: string;
  mode: SyncRunMode;
  started_at: number;
  finished_at: number | null;
  state: 'running' | 'ok' | 'partial' | 'failed';
  pages: number;
  detail_reads: number;
  seen: number;
  added: number;
  updated: number;
  unchanged: number;
  removed: number;
  flagged: number;
  failed: number;
  error_code: string | null;
  error: string | null;
  domain_errors: string;
}

export interface StoredSyncRun extends SyncRunCounts {
  id: number;
  accountId: string;
  mode: SyncRunMode;
  startedAt: number;
  finishedAt: number | null;
  state: Row['state'];
  errorCode: string | null;
  error: string | null;
  domainErrors: { name: string; reason: string }[];
}

/** Keeps the first errors of a run: enough to act on, bounded in size. */
export const MAX_STORED_DOMAIN_ERRORS = 200;

export function createSyncRunsRepo(db: Db) {
  const start = db.prepare("INSERT INTO sync_runs (account_id, mode, started_at, state) VALUES (?, ?, ?, 'running')");
  const finish = db.prepare(
    `UPDATE sync_runs SET state = @state, finished_at = @finishedAt, pages = @pages, detail_reads = @detailReads, seen = @seen, added = @added, updated = @updated,
       unchanged = @unchanged, removed = @removed, flagged = @flagged, failed = @failed, error_code = @errorCode, error = @error, domain_errors = @domainErrors
     WHERE id = @id`,
  );
  const last = db.prepare<[string], Row>("SELECT * FROM sync_runs WHERE account_id = ? AND state <> 'running' ORDER BY started_at DESC, id DESC LIMIT 1");
  return {
    start(accountId: string, mode: SyncRunMode, at: number): number {
      return Number(start.run(accountId, mode, at).lastInsertRowid);
    },
    finish(id: number, result: SyncRunFinish): void {
      finish.run({ ...result, id, domainErrors: JSON.stringify(result.domainErrors.slice(0, MAX_STORED_DOMAIN_ERRORS)) });
    },
    lastFinished(accountId: string): StoredSyncRun | null {
      const r = last.get(accountId);
      return r ? fromRow(r) : null;
    },
  };
}
export type SyncRunsRepo = ReturnType<typeof createSyncRunsRepo>;

function fromRow(r: Row): StoredSyncRun {
  return {
    id: r.id,
    accountId: r.account_id,
    mode: r.mode,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    state: r.state,
    pages: r.pages,
    detailReads: r.detail_reads,
    seen: r.seen,
    added: r.added,
    updated: r.updated,
    unchanged: r.unchanged,
    removed: r.removed,
    flagged: r.flagged,
    failed: r.failed,
    errorCode: r.error_code,
    error: r.error,
    domainErrors: JSON.parse(r.domain_errors) as { name: string; reason: string }[],
  };
}
