import type { JobDetail, JobItemState, JobSummary, LaneStateView } from '../../src-shared/contract/areas/jobs.js';
import type { Scheduler } from '../scheduler/index.js';

/**
 * What the contract's `jobs.*` and `lanes.list` methods call. Thin on
 * purpose: the journal and its rules live in the scheduler; this is the
 * seam the shells see.
 */
export function createJobsService(deps: { scheduler: Scheduler }) {
  const jobs = deps.scheduler.jobs;
  return {
    list(limit = 200): { total: number; items: JobSummary[] } {
      const items = jobs.list(limit);
      return { total: items.length, items };
    },
    get(id: string, options: { itemState?: JobItemState; offset?: number; limit?: number } = {}): JobDetail {
      return jobs.get(id, options);
    },
    pause: (id: string): JobSummary => jobs.pause(id),
    resume: (id: string): JobSummary => jobs.resume(id),
    cancel: (id: string): JobSummary => jobs.cancel(id),
    lanes: (): { items: LaneStateView[] } => ({ items: deps.scheduler.laneStates() }),
  };
}
export type JobsService = ReturnType<typeof createJobsService>;
