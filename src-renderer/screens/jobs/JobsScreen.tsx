import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { JobSummary, LaneStateView } from '../../../src-shared/contract/areas/jobs.js';
import { EmptyState } from '../../components/EmptyState.js';
import { JobProgressPanel } from '../../components/JobProgress.js';
import { fmtDateTime, fmtNumber } from '../../lib/format.js';
import { useClient } from '../../state/use-client.js';

/** The journal: every bulk job with its progress, and each account's request lane. */
export function JobsScreen(): JSX.Element {
  const { t } = useTranslation();
  const client = useClient();
  const [jobs, setJobs] = useState<JobSummary[] | null>(null);
  const [lanes, setLanes] = useState<LaneStateView[]>([]);
  const [selected, setSelected] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    const load = () => {
      client.call('jobs.list', { limit: 200 }).then((r) => live && setJobs(r.items), () => undefined);
      client.call('lanes.list', {}).then((r) => live && setLanes(r.items), () => undefined);
    };
    load();
    const offJob = client.subscribe('job.progress', load);
    const offLane = client.subscribe('lane.state', load);
    return () => {
      live = false;
      offJob();
      offLane();
    };
  }, [client]);

  if (jobs === null) return <div className="screen muted">{t('app.loading')}</div>;
  if (jobs.length === 0) return <EmptyState title={t('screens.jobs.title')}>{t('screens.jobs.empty')}</EmptyState>;
  const current = selected ?? jobs[0]?.id ?? null;
  return (
    <section className="screen jobs-screen">
      <header className="screen-header">
        <h1>{t('screens.jobs.title')}</h1>
      </header>
      <div className="jobs-layout">
        <div className="jobs-list">
          <table>
            <thead>
              <tr>
                <th>{t('jobs.columns.title')}</th>
                <th>{t('jobs.columns.state')}</th>
                <th>{t('jobs.columns.done')}</th>
                <th>{t('jobs.columns.failed')}</th>
                <th>{t('jobs.columns.unconfirmed')}</th>
                <th>{t('jobs.columns.created')}</th>
              </tr>
            </thead>
            <tbody>
              {jobs.map((j) => (
                <tr key={j.id} className={j.id === current ? 'selected' : ''} onClick={() => setSelected(j.id)} tabIndex={0} onKeyDown={(e) => e.key === 'Enter' && setSelected(j.id)}>
                  <td>{j.title}</td>
                  <td>
                    <span className={`job-state st-${j.state}`}>{t(`jobs.state.${j.state}`)}</span>
                  </td>
                  <td className="num">
                    {fmtNumber(j.totals.done)} / {fmtNumber(j.totals.total)}
                  </td>
                  <td className={`num ${j.totals.failed ? 'error-text' : ''}`}>{fmtNumber(j.totals.failed)}</td>
                  <td className={`num ${j.totals.unconfirmed ? 'warn-text' : ''}`}>{fmtNumber(j.totals.unconfirmed)}</td>
                  <td className="muted">{fmtDateTime(j.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {lanes.length ? (
            <>
              <h3>{t('jobUi.lanes')}</h3>
              <ul className="lanes">
                {lanes.map((l) => (
                  <li key={l.key}>
                    <b>{l.label}</b> <span className="muted">{t('jobUi.laneLoad', { inFlight: l.inFlight, queued: l.queued })}</span>
                    {l.pausedUntil ? <div className="warn-text">{l.pauseDetail}</div> : null}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
        <div className="job-detail">{current ? <JobProgressPanel key={current} jobId={current} /> : null}</div>
      </div>
    </section>
  );
}
