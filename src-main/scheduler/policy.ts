import { z } from 'zod';
import { AppError } from '../../src-shared/contract.js';
import type { RegistrarId } from '../registrars/types.js';

/**
 * How a lane may talk to one registrar account. The defaults below are the
 * one readable table of registrar rules (DESIGN.md, "Scheduler and job
 * journal"); accounts may override fields through `settings.lanePolicy`, but
 * never past a registrar's hard rule (see HARD_RULES).
 */
export interface LanePolicy {
  /** Requests in flight at once for the account, across the whole app. */
  maxInFlight: number;
  /** Minimum time between two request *starts*. */
  minSpacingMs: number;
  /** This many registrar errors within windowMs pauses the lane ('error-budget'). */
  errorBudget: { errors: number; windowMs: number };
  /** Pause after Banned when the registrar states no end time. */
  banBackoffMs: number;
  /** Pause after AccountBlocked when the registrar states no end time. */
  blockBackoffMs: number;
  /** Pause after RateLimited without a Retry-After. */
  rateLimitBackoffMs: number;
  /** Use the registrar's Retry-After / stated ban end instead of our back-off. */
  honourRetryAfter: boolean;
  /** Reads failing with Transient are re-queued with exponential back-off; writes never are. */
  readRetries: { max: number; baseMs: number; maxMs: number };
  /** Hold a lease in the data dir around each request, so the GUI and a CLI command share the limit. */
  crossProcess: boolean;
  /**
   * After a call that ended without the registrar's answer (dropped connection,
   * timeout, outcome unknown) the registrar may still be processing it: keep
   * the slot this long so the next request cannot overlap it.
   */
  settleAfterUnansweredMs: number;
  /** Per-command rate caps (MrDomain forbids mass availability checks). */
  commandBudgets: { commands: string[]; calls: number; windowMs: number }[];
}

const MINUTE = 60_000;

const base: LanePolicy = {
  maxInFlight: 2,
  minSpacingMs: 100,
  errorBudget: { errors: 10, windowMs: MINUTE },
  banBackoffMs: 15 * MINUTE,
  blockBackoffMs: 15 * MINUTE,
  rateLimitBackoffMs: 30_000,
  honourRetryAfter: true,
  readRetries: { max: 3, baseMs: 500, maxMs: 10_000 },
  crossProcess: false,
  settleAfterUnansweredMs: 0,
  commandBudgets: [],
};

export const DEFAULT_POLICIES: Record<RegistrarId, LanePolicy> = {
  // Seed 001: "only one request can be processed at a time"; overlap bans the key for 10–15 min.
  dynadot: { ...base, maxInFlight: 1, minSpacingMs: 0, errorBudget: { errors: 10, windowMs: MINUTE }, banBackoffMs: 15 * MINUTE, crossProcess: true, settleAfterUnansweredMs: 2_000 },
  // Seed 002: limits unpublished; simultaneous access, operations and errors are all counted.
  // Stay far below the sandbox's thresholds (4 concurrent, 20 errors/min, 30 checks/min).
  mrdomain: {
    ...base,
    maxInFlight: 2,
    minSpacingMs: 250,
    errorBudget: { errors: 5, windowMs: MINUTE },
    blockBackoffMs: 30 * MINUTE,
    crossProcess: true,
    settleAfterUnansweredMs: 1_000,
    commandBudgets: [{ commands: ['domain/check', 'domain/checkfortransfer'], calls: 10, windowMs: MINUTE }],
  },
  // Seed 000: a REST API with no stated limits; stay polite.
  irsfa: { ...base, maxInFlight: 3, minSpacingMs: 50, errorBudget: { errors: 10, windowMs: MINUTE } },
  // Seed 003: 429 + Retry-After; orders are idempotent by key.
  reseller: { ...base, maxInFlight: 4, minSpacingMs: 25, errorBudget: { errors: 20, windowMs: MINUTE } },
};

/** Rules an override may not break, with the sentence that explains why. */
const HARD_RULES: Partial<Record<RegistrarId, { check: (p: LanePolicy) => boolean; why: string }[]>> = {
  dynadot: [
    { check: (p) => p.maxInFlight === 1, why: 'Dynadot processes one request at a time per API key and bans the key for 10–15 minutes when two overlap, so maxInFlight must stay 1.' },
    { check: (p) => p.crossProcess, why: 'Dynadot requests from the app and the CLI must share one lane, so crossProcess cannot be turned off.' },
  ],
};

const positiveInt = z.number().int().min(1);
const ms = z.number().int().min(0).max(24 * 60 * MINUTE);

/** The shape of `accounts.settings.lanePolicy` (and of explicit overrides). */
export const lanePolicyOverrideSchema = z
  .object({
    maxInFlight: positiveInt.max(16),
    minSpacingMs: ms,
    errorBudget: z.object({ errors: positiveInt, windowMs: ms.min(1) }).strict(),
    banBackoffMs: ms,
    blockBackoffMs: ms,
    rateLimitBackoffMs: ms,
    honourRetryAfter: z.boolean(),
    readRetries: z.object({ max: z.number().int().min(0).max(10), baseMs: ms, maxMs: ms }).strict(),
    crossProcess: z.boolean(),
    settleAfterUnansweredMs: ms,
    commandBudgets: z.array(z.object({ commands: z.array(z.string()).min(1), calls: positiveInt, windowMs: ms.min(1) }).strict()),
  })
  .partial()
  .strict();

export type LanePolicyOverride = Partial<LanePolicy>;

/** Problems with an override, as sentences; empty when it is acceptable. */
export function lanePolicyProblems(registrar: RegistrarId, override: unknown): string[] {
  const parsed = lanePolicyOverrideSchema.safeParse(override ?? {});
  if (!parsed.success) return parsed.error.issues.map((i) => `lanePolicy.${i.path.join('.')}: ${i.message}`);
  const merged = { ...DEFAULT_POLICIES[registrar], ...parsed.data } as LanePolicy;
  return (HARD_RULES[registrar] ?? []).filter((r) => !r.check(merged)).map((r) => r.why);
}

/** Default policy merged with an override; an override that breaks a registrar rule is refused. */
export function resolvePolicy(registrar: RegistrarId, override?: unknown): LanePolicy {
  const problems = lanePolicyProblems(registrar, override);
  if (problems.length > 0) {
    throw new AppError('InvalidInput', `Lane policy refused: ${problems.join(' ')}`, {
      messageKey: 'jobs.policyRefused',
      params: { detail: problems.join(' ') },
    });
  }
  return { ...DEFAULT_POLICIES[registrar], ...(lanePolicyOverrideSchema.parse(override ?? {}) as LanePolicyOverride) };
}
