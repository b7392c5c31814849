/**
 * Counters of what clients did to each simulated account. The JSON shape of
 * `snapshot()` is a contract (DESIGN.md, "Machine-readable interfaces"):
 * registrar -> account label -> { requests, byCommand, maxConcurrent,
 * violations, bans, blocks, errors, replays }. Extend, never rename.
 */
export interface AccountStats {
  requests: number;
  byCommand: Record<string, number>;
  maxConcurrent: number;
  violations: number;
  bans: number;
  blocks: number;
  errors: number;
  replays: number;
  /** Extension: the account's rule thresholds and pause state, when a simulator reports them. */
  limits?: Record<string, number | string | boolean>;
  pausedUntil?: string | null;
}

/** Label under which requests that name no known account are counted. */
export const ANONYMOUS_ACCOUNT = '_anonymous';

export class StatsRecorder {
  private readonly byRegistrar = new Map<string, Map<string, AccountStats & { inFlight: number }>>();

  private entry(registrar: string, account: string): AccountStats & { inFlight: number } {
    let accounts = this.byRegistrar.get(registrar);
    if (!accounts) {
      accounts = new Map();
      this.byRegistrar.set(registrar, accounts);
    }
    let e = accounts.get(account);
    if (!e) {
      e = { requests: 0, byCommand: {}, maxConcurrent: 0, violations: 0, bans: 0, blocks: 0, errors: 0, replays: 0, inFlight: 0 };
      accounts.set(account, e);
    }
    return e;
  }

  /** Makes an account appear in stats before its first request. */
  register(registrar: string, account: string): void {
    this.entry(registrar, account);
  }

  /** Called when a request starts; returns how many are in flight for the account, this one included. */
  begin(registrar: string, account: string, command: string): number {
    const e = this.entry(registrar, account);
    e.requests++;
    e.byCommand[command] = (e.byCommand[command] ?? 0) + 1;
    e.inFlight++;
    if (e.inFlight > e.maxConcurrent) e.maxConcurrent = e.inFlight;
    return e.inFlight;
  }

  end(registrar: string, account: string): void {
    const e = this.entry(registrar, account);
    e.inFlight = Math.max(0, e.inFlight - 1);
  }

  inFlight(registrar: string, account: string): number {
    return this.entry(registrar, account).inFlight;
  }

  count(registrar: string, account: string, what: 'violations' | 'bans' | 'blocks' | 'errors' | 'replays', by = 1): void {
    this.entry(registrar, account)[what] += by;
  }

  setLimits(registrar: string, account: string, limits: Record<string, number | string | boolean>, pausedUntil: string | null): void {
    const e = this.entry(registrar, account);
    e.limits = limits;
    e.pausedUntil = pausedUntil;
  }

  snapshot(): Record<string, Record<string, AccountStats>> {
    const out: Record<string, Record<string, AccountStats>> = {};
    for (const [registrar, accounts] of this.byRegistrar) {
      out[registrar] = {};
      for (const [label, e] of accounts) {
        const { inFlight: _inFlight, ...rest } = e;
        out[registrar][label] = { ...rest, byCommand: { ...rest.byCommand } };
      }
    }
    return out;
  }
}
