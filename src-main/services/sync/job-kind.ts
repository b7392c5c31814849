import type { SyncAccountReport } from '../../../src-shared/contract/areas/portfolio.js';
import type { DomainsRepo } from '../../db/repos/domains.js';
import { syncRunCounts, type SyncRunCounts } from '../../db/repos/sync-runs.js';
import { EndItem, stopReasonOf, type JobItemInput, type JobKindHandler, type JobRunContext } from '../../scheduler/index.js';
import type { SyncRequest } from '../../sync/account-sync.js';
import type { AccountProgressEvent, SyncEngine } from '../../sync/engine.js';

/**
 * A sync as a journal job: one item per account (key = the account's label),
 * run by the sync engine. Items are reads: never `unconfirmed`, nothing to
 * reconcile. A sync runs once: pausing it would stop nothing useful (every
 * account runs at once) and resuming an old one later would only repeat
 * what the next sync does, so pause/resume are refused and a sync a crash
 * interrupted is closed as failed on the next start (runner.closeInterrupted).
 */
export const SYNC_JOB_KIND = 'sync';

export const SYNC_INTERRUPTED =
  'DomainDeck stopped before this sync finished. What was read is kept and nothing was marked removed; the next sync reads the account again.';

export type SyncItemInput = SyncRequest;

/** What the journal keeps per account: the counts of the pass, its run record and the first problems. */
export interface SyncItemResult extends Omit<SyncRunCounts, 'pages' | 'detailReads'> {
  runId: number | null;
  mode: SyncAccountReport['mode'];
  state: SyncAccountReport['state'];
  /** Registrar calls: list pages plus detail reads. */
  requests: number;
  domainErrors: { name: string; reason: string }[];
}

/** Domain problems kept in the journal per account (the run record keeps up to 200). */
const JOURNAL_DOMAIN_ERRORS = 20;

export function itemResult(r: SyncAccountReport): SyncItemResult {
  const { pages, detailReads, ...counts } = syncRunCounts(r);
  return {
    runId: r.runId,
    mode: r.mode,
    state: r.state,
    ...counts,
    requests: pages + detailReads,
    domainErrors: r.domainErrors.slice(0, JOURNAL_DOMAIN_ERRORS),
  };
}

/** The live side of a sync job in this process: where its accounts report and how progress is counted. */
export interface LiveSync {
  progress(p: AccountProgressEvent): void;
  reports: Map<number, SyncAccountReport>;
}

export function syncJobKind(deps: { engine: SyncEngine; domains: DomainsRepo; live(jobId: string): LiveSync | undefined }): JobKindHandler<SyncItemInput, SyncItemResult> {
  return {
    isWrite: false,
    runOnce: {
      message: 'A sync cannot be paused or resumed. Cancel it (what was read so far stays in the cache) and sync again later.',
      messageKey: 'sync.job.runOnce',
      interrupted: SYNC_INTERRUPTED,
    },
    async run(item: JobItemInput<SyncItemInput>, ctx: JobRunContext): Promise<SyncItemResult> {
      // runJob has already failed the item if the account was deleted; a race with deletion lands here.
      const account = item.accountId === null ? null : deps.domains.account(item.accountId);
      if (!account) throw new EndItem('failed', 'AccountDeleted', 'The account was removed from DomainDeck, so it was not synced.');
      const live = deps.live(item.jobId);
      const progress = live?.progress ?? deps.engine.progressOf(1, item.jobId);
      const report = await deps.engine.runAccount({ account, request: item.input }, { signal: ctx.signal, progress });
      live?.reports.set(item.seq, report);
      const result = itemResult(report);
      if (report.state !== 'failed') return result;
      const error = report.error ?? { code: 'Internal', message: 'The sync of this account failed.' };
      if (error.code === 'Cancelled') {
        // The app closing is not the user's cancel: the job is closed as interrupted.
        if (stopReasonOf(ctx.signal) === 'close') throw new EndItem('failed', 'Interrupted', SYNC_INTERRUPTED, result);
        throw new EndItem('cancelled', 'Cancelled', error.message, result);
      }
      throw new EndItem('failed', error.code, error.message, result);
    },
  };
}
