import type { LaneStateView } from '../../src-shared/contract/areas/jobs.js';
import type { EventBus } from '../app/events.js';
import type { Logger } from '../app/logger.js';
import type { Db } from '../db/connection.js';
import { createAccountsRepo } from '../db/repos/accounts.js';
import { createJobsRepo } from '../db/repos/jobs.js';
import type { RegistrarId } from '../registrars/types.js';
import { redactPatterns } from '../vault/redact.js';
import { createJobRunner, type JobRunner } from './jobs/runner.js';
import { createLane, type LaneIdentity, type SchedulerLane } from './lane.js';
import type { LaneState } from './lane-types.js';
import { openLeaseStore, type LeaseStore } from './lease.js';
import { resolvePolicy, type LanePolicy } from './policy.js';
import { createRequestLog } from './request-log.js';
import { systemTimers, type SchedulerTimers } from './timers.js';

export { LaneAbortedError, type SchedulerLane } from './lane.js';
export { DEFAULT_POLICIES, lanePolicyProblems, resolvePolicy, type LanePolicy } from './policy.js';
export { EndItem, SkipItem, stopReasonOf, type JobKindHandler, type JobItemInput, type JobRunContext, type NewJob } from './jobs/types.js';
export type { JobRunner } from './jobs/runner.js';

export interface SchedulerDeps {
  dataDir: string;
  db: Db;
  clock: { now(): number };
  events: EventBus;
  logger: Logger;
  /** Tests inject manual timers; default: the clock plus setTimeout. */
  timers?: SchedulerTimers;
  /** Secret-aware redaction for the journal (the app passes its SecretRegistry); patterns are always applied. */
  redact?: (text: string) => string;
}

export type LaneRequest = LaneIdentity;

export interface Scheduler {
  /** The one lane of an account (same object every time). Overrides, when given, replace the account's settings. */
  lane(account: LaneRequest, overrides?: Partial<LanePolicy>): SchedulerLane;
  laneStates(): LaneStateView[];
  jobs: JobRunner;
  close(): Promise<void>;
}

/** Grace for in-flight requests when the app closes, before they are aborted (and writes become unconfirmed). */
const CLOSE_GRACE_MS = 3_000;

/**
 * Request lanes (one per registrar account) and the persistent job journal.
 * Every registrar call goes through `lane(...).run`; every bulk operation is
 * a job in the journal.
 */
export function createScheduler(deps: SchedulerDeps): Scheduler {
  const timers = deps.timers ?? systemTimers(() => deps.clock.now());
  const accounts = createAccountsRepo(deps.db);
  const lanes = new Map<string, SchedulerLane>();
  const requestLog = createRequestLog(deps.dataDir);
  const redact = (text: string) => redactPatterns(deps.redact ? deps.redact(text) : text);
  let leases: LeaseStore | null = null;
  const leaseStore = () => (leases ??= openLeaseStore(deps.dataDir, timers));

  const view = (lane: SchedulerLane, s: LaneState = lane.state()): LaneStateView => ({
    ...s,
    registrar: lane.registrar,
    accountId: lane.accountId,
    label: lane.label,
    pausedUntil: s.pausedUntil === null ? null : new Date(s.pausedUntil).toISOString(),
  });

  /** Stored per-account overrides; one that breaks a registrar rule is ignored (with a warning), never obeyed. */
  const storedPolicy = (registrar: RegistrarId, accountId: string): LanePolicy => {
    const override = accounts.get(accountId)?.settings.lanePolicy;
    try {
      return resolvePolicy(registrar, override);
    } catch (err) {
      deps.logger.log('warn', 'scheduler', `Ignoring the lane policy stored for account ${accountId}: ${(err as Error).message}`);
      return resolvePolicy(registrar);
    }
  };

  const scheduler: Scheduler = {
    lane(account, overrides) {
      const key = `${account.registrar}:${account.accountId}`;
      const existing = lanes.get(key);
      if (existing) {
        if (overrides) existing.setPolicy(resolvePolicy(account.registrar, overrides));
        return existing;
      }
      const policy = overrides ? resolvePolicy(account.registrar, overrides) : storedPolicy(account.registrar, account.accountId);
      const lane: SchedulerLane = createLane({
        ...account,
        key,
        policy,
        timers,
        leases: leaseStore,
        requestLog,
        onStateChange: (s) => {
          deps.events.emit('lane.state', view(lane, s));
          if (s.pauseReason && s.pauseReason !== 'manual') deps.logger.log('warn', 'scheduler', s.pauseDetail ?? `${key} paused`);
        },
      });
      lanes.set(key, lane);
      return lane;
    },

    laneStates: () => [...lanes.values()].map((l) => view(l)),

    jobs: createJobRunner({
      repo: createJobsRepo(deps.db),
      events: deps.events,
      timers,
      logger: deps.logger,
      redact,
      accountExists: (id) => accounts.get(id) !== null,
      slotsFor: (accountId) => {
        if (accountId === null) return 4;
        for (const l of lanes.values()) if (l.accountId === accountId) return l.policy().maxInFlight;
        const a = accounts.get(accountId);
        return a ? storedPolicy(a.registrar, accountId).maxInFlight : 1;
      },
    }),

    async close() {
      scheduler.jobs.stopAll();
      await Promise.race([scheduler.jobs.settle(), new Promise((r) => setTimeout(r, CLOSE_GRACE_MS).unref())]);
      for (const lane of lanes.values()) lane.close();
      await scheduler.jobs.settle();
      leases?.close();
      requestLog.close();
    },
  };
  return scheduler;
}
