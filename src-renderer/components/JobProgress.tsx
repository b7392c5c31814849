import { Pause, Play, Square } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { JobDetail, JobProgress as Progress } from '../../src-shared/contract/areas/jobs.js';
import { fmtNumber } from '../lib/format.js';
import { useClient } from '../state/use-client.js';
import { csvCell } from '../../src-shared/csv-cell.js';

/** Live progress of one journal job: counts, ETA, pause/resume/cancel, per-item results and a CSV of them. */
export function JobProgressPanel({ jobId, onSettled }: { jobId: string; onSettled?(): void }): JSX.Element {
  const { t } = useTranslation();
  const client = useClient();
  const [job, setJob] = useState<JobDetail | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);

  useEffect(() => {
    let live = true;
    const load = () => client.call('jobs.get', { id: jobId, limit: 2000 }).then((j) => live && setJob(j), () => undefined);
    void load();
    const off = client.subscribe('job.progress', (p) => {
      if (p.jobId !== jobId) return;
      setProgress(p);
      void load();
    });
    return () => {
      live = false;
      off();
    };
  }, [client, jobId]);

  const state = progress?.state ?? job?.state;
  const totals = progress ?? job?.totals;
  const settled = state === 'done' || state === 'failed' || state === 'cancelled';
  useEffect(() => {
    if (settled) onSettled?.();
  }, [settled, onSettled]);
  if (!job || !totals) return <div className="muted">{t('app.loading')}</div>;
  const finished = totals.done + totals.failed + totals.skipped + totals.cancelled;
  // A sync job's items are accounts (key = the account's label), not domain names.
  const isSync = job.kind === 'sync';
  const pct = totals.total ? Math.round((finished / totals.total) * 100) : 0;

  const exportCsv = () => {
    const lines = [`${isSync ? 'account' : 'name'},account_id,state,attempt,result,error`];
    for (const i of job.items) lines.push([i.key, i.accountId ?? '', i.state, i.attempt, i.result ? JSON.stringify(i.result) : '', i.error?.message ?? ''].map(csvCell).join(','));
    const url = URL.createObjectURL(new Blob([`${lines.join('\r\n')}\r\n`], { type: 'text/csv' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `domaindeck-job-${job.id}.csv`;
    a.click();
  };

  return (
    <div className="job-progress" data-testid="job-progress" data-state={state}>
      <div className="job-head">
        <b>{job.title}</b>
        <span className={`job-state st-${state}`}>{t(`jobs.state.${state}`)}</span>
        <span className="grow" />
        {state === 'running' && job.pausable ? (
          <button type="button" onClick={() => void client.call('jobs.pause', { id: jobId })}>
            <Pause size={13} /> {t('jobUi.pause')}
          </button>
        ) : null}
        {state === 'paused' ? (
          <button type="button" onClick={() => void client.call('jobs.resume', { id: jobId })}>
            <Play size={13} /> {t('jobUi.resume')}
          </button>
        ) : null}
        {!settled ? (
          <button type="button" onClick={() => void client.call('jobs.cancel', { id: jobId })}>
            <Square size={13} /> {t('jobUi.cancel')}
          </button>
        ) : null}
        <button type="button" onClick={exportCsv}>
          {t('jobUi.exportCsv')}
        </button>
      </div>
      <div className="bar" role="progressbar" aria-valuenow={pct} aria-valuemin={0} aria-valuemax={100}>
        <span style={{ width: `${pct}%` }} />
      </div>
      <div className="job-counts">
        <span>{t('jobUi.count.done', { count: totals.done, n: fmtNumber(totals.done) })}</span>
        <span className={totals.failed ? 'error-text' : ''}>{t('jobUi.count.failed', { n: fmtNumber(totals.failed) })}</span>
        <span className={totals.unconfirmed ? 'warn-text' : ''} data-testid="unconfirmed-count">{t('jobUi.count.unconfirmed', { n: fmtNumber(totals.unconfirmed) })}</span>
        <span>{t('jobUi.count.skipped', { n: fmtNumber(totals.skipped) })}</span>
        <span>{t('jobUi.count.pending', { n: fmtNumber(totals.pending) })}</span>
        {progress?.etaMs ? <span className="muted">{t('jobUi.eta', { seconds: Math.ceil(progress.etaMs / 1000) })}</span> : null}
      </div>
      <div className="job-items">
        <table>
          <tbody>
            {job.items.map((i) => (
              <tr key={i.seq} className={`it-${i.state}`} data-item={i.key}>
                <td className="mono">{i.key}</td>
                <td>{t(`jobs.itemState.${i.state}`)}</td>
                <td className="muted">{i.error?.message ?? (isSync ? describeSyncResult(i.result, t) : describeResult(i.result))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** A sync item's result (services/sync/job-kind.ts SyncItemResult): the account's counts. */
function describeSyncResult(result: unknown, t: TFunction): string {
  if (!result || typeof result !== 'object') return '';
  const r = result as { added?: number; updated?: number; removed?: number; flagged?: number; requests?: number; failed?: number };
  const n = (v: number | undefined) => fmtNumber(v ?? 0);
  const line = t('jobUi.syncResult', { added: n(r.added), updated: n(r.updated), removed: n(r.removed), flagged: n(r.flagged), requests: n(r.requests) });
  return r.failed ? `${line} · ${t('jobUi.syncProblems', { failed: n(r.failed), count: r.failed })}` : line;
}

function describeResult(result: unknown): string {
  if (!result || typeof result !== 'object') return '';
  const r = result as { state?: string; newExpiresAt?: string | null; reason?: string; orderId?: string };
  if (r.newExpiresAt) return `→ ${r.newExpiresAt.slice(0, 10)}`;
  if (r.reason) return r.reason;
  if (r.state === 'pending' && r.orderId) return `order ${r.orderId}`;
  return r.state ?? '';
}
