import { describe, expect, it } from 'vitest';
import { AppError } from '../../src-shared/contract.js';
import { DEFAULT_POLICIES, lanePolicyProblems, resolvePolicy } from './policy.js';

describe('lane policy table', () => {
  it('keeps Dynadot at one request in flight, across processes', () => {
    expect(DEFAULT_POLICIES.dynadot.maxInFlight).toBe(1);
    expect(DEFAULT_POLICIES.dynadot.crossProcess).toBe(true);
    expect(resolvePolicy('dynadot', { minSpacingMs: 50 })).toMatchObject({ maxInFlight: 1, minSpacingMs: 50 });
  });

  it('refuses an override that would break a registrar rule, with a sentence saying why', () => {
    let err: unknown;
    try {
      resolvePolicy('dynadot', { maxInFlight: 2 });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('InvalidInput');
    expect((err as AppError).message).toContain('Dynadot processes one request at a time');
    expect(lanePolicyProblems('dynadot', { crossProcess: false })[0]).toContain('crossProcess cannot be turned off');
    expect(lanePolicyProblems('mrdomain', { maxInFlight: 3 })).toEqual([]);
  });

  it('refuses malformed overrides and unknown fields', () => {
    expect(lanePolicyProblems('irsfa', { maxInFlight: 0 })[0]).toMatch(/^lanePolicy\.maxInFlight/);
    expect(lanePolicyProblems('irsfa', { turbo: true })).toHaveLength(1);
  });

  it('keeps MrDomain well under the sandbox thresholds (4 concurrent, 20 errors/min, 30 checks/min)', () => {
    const p = DEFAULT_POLICIES.mrdomain;
    expect(p.maxInFlight).toBeLessThanOrEqual(2);
    expect(p.crossProcess).toBe(true);
    // Even two processes at full tilt stay at or under the limit of 4.
    expect(p.maxInFlight * 2).toBeLessThanOrEqual(4);
    expect(p.errorBudget.errors / (p.errorBudget.windowMs / 60_000)).toBeLessThanOrEqual(10);
    const checks = p.commandBudgets.find((b) => b.commands.includes('domain/check'));
    expect(checks && checks.calls / (checks.windowMs / 60_000)).toBeLessThanOrEqual(15);
  });
});
