import { numberOption } from './state.js';

/**
 * The usage rules of seed §1.1–1.3: registered IPs only; simultaneous access,
 * errors and mass availability checks are monitored, and going beyond the
 * limits temporarily blocks the apiuser. The seed publishes no numbers and
 * does not say which of its "Account blocked" codes means what, so the
 * thresholds are options and each cause gets its own code:
 *   1000 blocked by hand (control action "block"),
 *   1010 too many simultaneous requests,
 *   1011 too many errors in the window,
 *   1012 mass availability checks (domain/check, domain/checkfortransfer).
 * A request from an unregistered IP is 1007 "Account filtered".
 */
export type BlockCause = 'manual' | 'concurrency' | 'errors' | 'massCheck';

export const BLOCK_CODES: Record<BlockCause, number> = { manual: 1000, concurrency: 1010, errors: 1011, massCheck: 1012 };
const BLOCK_REASONS: Record<BlockCause, string> = {
  manual: 'API access for this apiuser has been blocked',
  concurrency: 'Too many simultaneous connections: API access temporarily blocked',
  errors: 'Too many errors: API access temporarily blocked',
  massCheck: 'Mass availability checks are not allowed: API access temporarily blocked',
};
export const IP_FILTERED_CODE = 1007;

export interface RuleOptions {
  maxConcurrent: number;
  errorBudget: number;
  errorWindowMs: number;
  checkBudget: number;
  checkWindowMs: number;
  blockMs: number;
}

export function ruleOptions(options: Record<string, unknown>): RuleOptions {
  return {
    maxConcurrent: numberOption(options.maxConcurrent, 4),
    errorBudget: numberOption(options.errorBudget, 20),
    errorWindowMs: numberOption(options.errorWindowMs, 60_000),
    checkBudget: numberOption(options.checkBudget, 30),
    checkWindowMs: numberOption(options.checkWindowMs, 60_000),
    blockMs: numberOption(options.blockMs, 600_000),
  };
}

const LOOPBACK = ['127.0.0.1', '::1'];

interface AccountRules {
  /** Registered IPs; loopback until a control action says otherwise. */
  allowedIps: Set<string>;
  errors: number[];
  checks: number[];
  blockedUntil: number | null;
  cause: BlockCause | null;
}

export interface ActiveBlock {
  code: number;
  message: string;
  until: number;
}

export class RuleBook {
  private readonly byAccount = new Map<string, AccountRules>();

  constructor(readonly options: RuleOptions) {}

  private entry(label: string): AccountRules {
    let e = this.byAccount.get(label);
    if (!e) {
      e = { allowedIps: new Set(LOOPBACK), errors: [], checks: [], blockedUntil: null, cause: null };
      this.byAccount.set(label, e);
    }
    return e;
  }

  /** The block in force, if any; an expired block is lifted here with fresh windows. */
  activeBlock(label: string, now: number): ActiveBlock | null {
    const e = this.entry(label);
    if (e.blockedUntil === null || e.cause === null) return null;
    if (now >= e.blockedUntil) {
      this.unblock(label);
      return null;
    }
    return { code: BLOCK_CODES[e.cause], message: `${BLOCK_REASONS[e.cause]} until ${new Date(e.blockedUntil).toISOString()}`, until: e.blockedUntil };
  }

  block(label: string, cause: BlockCause, now: number, ms = this.options.blockMs): ActiveBlock {
    const e = this.entry(label);
    e.blockedUntil = now + ms;
    e.cause = cause;
    return this.activeBlock(label, now)!;
  }

  unblock(label: string): void {
    const e = this.entry(label);
    e.blockedUntil = null;
    e.cause = null;
    e.errors = [];
    e.checks = [];
  }

  ipAllowed(label: string, ip: string): boolean {
    return this.entry(label).allowedIps.has(normalizeIp(ip));
  }

  /** null restores the default (loopback only). */
  setAllowedIps(label: string, ips: string[] | null): string[] {
    const e = this.entry(label);
    e.allowedIps = new Set((ips ?? LOOPBACK).map(normalizeIp));
    return [...e.allowedIps];
  }

  allowedIps(label: string): string[] {
    return [...this.entry(label).allowedIps];
  }

  tooConcurrent(concurrent: number): boolean {
    return concurrent > this.options.maxConcurrent;
  }

  /** Records an error answered to the account; true when that goes beyond the budget for the window. */
  recordError(label: string, now: number): boolean {
    const e = this.entry(label);
    e.errors = pushWindow(e.errors, now, this.options.errorWindowMs);
    return e.errors.length > this.options.errorBudget;
  }

  /** Records an availability check; true when the account is mass-checking. */
  recordCheck(label: string, now: number): boolean {
    const e = this.entry(label);
    e.checks = pushWindow(e.checks, now, this.options.checkWindowMs);
    return e.checks.length > this.options.checkBudget;
  }

  snapshot(label: string, now: number): { errorsInWindow: number; checksInWindow: number; blockedUntil: string | null; blockCode: number | null } {
    const block = this.activeBlock(label, now);
    const e = this.entry(label);
    return {
      errorsInWindow: e.errors.filter((t) => t > now - this.options.errorWindowMs).length,
      checksInWindow: e.checks.filter((t) => t > now - this.options.checkWindowMs).length,
      blockedUntil: block ? new Date(block.until).toISOString() : null,
      blockCode: block?.code ?? null,
    };
  }
}

function pushWindow(times: number[], now: number, windowMs: number): number[] {
  const kept = times.filter((t) => t > now - windowMs);
  kept.push(now);
  return kept;
}

/** "::ffff:127.0.0.1" (IPv4 on a dual-stack socket) is the same address as "127.0.0.1". */
export function normalizeIp(ip: string): string {
  return ip.startsWith('::ffff:') ? ip.slice(7) : ip;
}
