import { AppError } from '../../src-shared/contract.js';
import type { SyncAccountReport, SyncProgress, SyncReport } from '../../src-shared/contract/areas/portfolio.js';
import type { AccountRef } from '../db/repos/domains.js';
import type { RegistrarAdapter, RegistrarId } from '../registrars/types.js';
import { syncAccount, type AccountProgress, type AccountSyncDeps, type SyncRequest, type SyncTarget } from './account-sync.js';
import { asciiName } from './normalize.js';
import { callsInFlight, yieldToLoop, type CallsInFlight } from './sliced-store.js';

export interface SyncEngineDeps extends Omit<AccountSyncDeps, 'onProgress'> {
  adapterFor(accountId: string): RegistrarAdapter | Promise<RegistrarAdapter>;
  emitProgress(p: SyncProgress): void;
}

export interface SyncRunInput {
  accountId?: string;
  names?: readonly string[];
  mode: 'full' | 'incremental';
}

/** One account's share of a sync. */
export interface SyncWork {
  account: AccountRef;
  request: SyncRequest;
}

export interface SyncRunOptions {
  /** Cancel: each account stops after the page it is writing. */
  signal?: AbortSignal;
  /** The journal job this sync runs as (reported back; null outside the journal). */
  jobId?: string | null;
}

/** One account's progress as the engine reports it; the run adds accounts done/total. */
export type AccountProgressEvent = Omit<SyncProgress, 'accountsDone' | 'accountsTotal' | 'jobId'>;

/**
 * Runs account syncs: every account in parallel (each adapter's lane keeps
 * its own registrar's rules), one operation at a time per account so two
 * passes never diff against each other's stale view. Asking for a list sync
 * of an account that is already running one joins it instead of starting
 * a second.
 */
export function createSyncEngine(deps: SyncEngineDeps) {
  /** Shared by every pass: while any account has a call out, pages are written in short slices (sliced-store.ts). */
  const calls: CallsInFlight = callsInFlight();
  const tails = new Map<string, Promise<unknown>>();
  const listRuns = new Map<string, Promise<SyncAccountReport>>();
  const running = new Set<string>();

  function exclusive<T>(accountId: string, fn: () => Promise<T>): Promise<T> {
    const prev = tails.get(accountId) ?? Promise.resolve();
    const next = prev.then(async () => {
      running.add(accountId);
      try {
        return await fn();
      } finally {
        running.delete(accountId);
      }
    });
    const tail = next.catch(() => undefined);
    tails.set(accountId, tail);
    void tail.then(() => {
      if (tails.get(accountId) === tail) tails.delete(accountId);
    });
    return next;
  }

  async function runOne(work: SyncWork, signal: AbortSignal | undefined, progress: (p: AccountProgressEvent) => void): Promise<SyncAccountReport> {
    const { account, request } = work;
    // Each account starts in its own turn of the event loop: the requests of the accounts started
    // before it go out first instead of waiting behind this one's start-up work.
    await yieldToLoop();
    // Cancelled while waiting behind another pass on this account: nothing was read, nothing is recorded.
    if (signal?.aborted) return cancelledReport(work);
    let adapter: RegistrarAdapter;
    try {
      adapter = await deps.adapterFor(account.id);
    } catch (err) {
      return failedBeforeStart(account, request, err);
    }
    const target: SyncTarget = { accountId: account.id, label: account.label, registrar: account.registrar as RegistrarId, adapter };
    const onProgress = (p: AccountProgress) => progress({ accountId: account.id, account: account.label, ...p });
    try {
      return await syncAccount({ ...deps, onProgress, calls }, target, request, signal ? { signal } : {});
    } catch (err) {
      // syncAccount contains registrar and per-domain failures; this is the database itself failing.
      return failedBeforeStart(account, request, err);
    }
  }

  function failedBeforeStart(account: AccountRef, request: SyncRequest, err: unknown): SyncAccountReport {
    const at = deps.now();
    const code = err instanceof AppError ? err.code : 'Internal';
    const message = deps.redact(err instanceof Error ? err.message : String(err));
    const runId = deps.runs.start(account.id, request.mode, at);
    deps.runs.finish(runId, { ...ZERO, state: 'failed', finishedAt: at, errorCode: code, error: message, domainErrors: [] });
    return emptyReport(account, request, at, runId, { code, message });
  }

  function cancelledReport({ account, request }: SyncWork): SyncAccountReport {
    return emptyReport(account, request, deps.now(), null, { code: 'Cancelled', message: 'Cancelled before this account started; nothing was read.' });
  }

  /** Which account holds each name (cached, not removed); with an account given, all names go to it. */
  function plan(input: SyncRunInput): SyncWork[] {
    const accounts = deps.domains.accounts();
    const chosen = input.accountId === undefined ? accounts : accounts.filter((a) => a.id === input.accountId || a.label.toLowerCase() === input.accountId?.toLowerCase());
    if (input.accountId !== undefined && chosen.length === 0) {
      throw new AppError('NotFound', `No account "${input.accountId}".`, { messageKey: 'errors.NotFound', params: { what: input.accountId } });
    }
    if (!input.names) return chosen.map((account) => ({ account, request: { mode: input.mode } }));
    const names = input.names.map((n) => {
      const a = asciiName(n);
      if (!a) throw new AppError('InvalidInput', `"${n}" is not a domain name.`, { messageKey: 'errors.InvalidInput', params: { field: 'names', detail: n } });
      return a;
    });
    if (input.accountId !== undefined) return chosen.map((account) => ({ account, request: { mode: 'names', names } }));
    const byAccount = new Map<string, string[]>();
    const unknown: string[] = [];
    for (const name of names) {
      const holders = deps.domains.findByName(name).filter((r) => r.removedAt === null);
      if (holders.length === 0) unknown.push(name);
      for (const h of holders) byAccount.set(h.accountId, [...(byAccount.get(h.accountId) ?? []), name]);
    }
    if (unknown.length) {
      const what = unknown.slice(0, 5).join(', ');
      throw new AppError('NotFound', `Not in the cache: ${what}. Say which account holds them.`, { messageKey: 'errors.NotFound', params: { what } });
    }
    return accounts.filter((a) => byAccount.has(a.id)).map((account) => ({ account, request: { mode: 'names', names: byAccount.get(account.id) ?? [] } }));
  }

  /**
   * The same work, longest first: the slowest account sets the sync's wall
   * time, so it must never wait for a start slot or behind a quicker
   * account's first request. Cost = registrar calls of the account's last
   * pass (pages + detail reads), or its cached names before a first pass.
   */
  function longestFirst(work: readonly SyncWork[]): SyncWork[] {
    const cached = new Map(deps.domains.accountSummaries().map((a) => [a.id, a.domains]));
    const cost = ({ account, request }: SyncWork): number => {
      if (request.mode === 'names') return request.names.length;
      const last = deps.runs.lastFinished(account.id);
      return last && last.state !== 'failed' ? last.pages + last.detailReads : (cached.get(account.id) ?? 0);
    };
    return work
      .map((w, i) => ({ w, i, c: cost(w) }))
      .sort((a, b) => b.c - a.c || a.i - b.i)
      .map((x) => x.w);
  }

  /** One account's pass; a list pass joins the account's list pass already running (in this process). */
  function runAccount(work: SyncWork, options: { signal?: AbortSignal; progress: (p: AccountProgressEvent) => void }): Promise<SyncAccountReport> {
    const { account, request } = work;
    if (request.mode === 'names') return exclusive(account.id, () => runOne(work, options.signal, options.progress));
    const joined = listRuns.get(account.id);
    if (joined) return options.signal ? untilAborted(joined, options.signal, () => cancelledReport(work)) : joined;
    const started = exclusive(account.id, () => runOne(work, options.signal, options.progress)).finally(() => listRuns.delete(account.id));
    listRuns.set(account.id, started);
    return started;
  }

  /** Counts accounts as they finish and stamps each event with the run's totals and job. */
  function progressOf(accountsTotal: number, jobId: string | null): (p: AccountProgressEvent) => void {
    let accountsDone = 0;
    return (p) => {
      if (p.phase === 'finished' || p.phase === 'failed') accountsDone++;
      deps.emitProgress({ ...p, accountsDone, accountsTotal, jobId });
    };
  }

  return {
    plan,
    longestFirst,
    runAccount,
    progressOf,
    /** Plans and runs a whole sync outside the journal (the service runs it as a job; tests and benches call this). */
    async run(input: SyncRunInput, options: SyncRunOptions = {}): Promise<SyncReport> {
      const startedAt = deps.now();
      const work = plan(input);
      const jobId = options.jobId ?? null;
      const progress = progressOf(work.length, jobId);
      const byAccount = new Map<string, Promise<SyncAccountReport>>();
      for (const w of longestFirst(work)) byAccount.set(w.account.id, runAccount(w, { ...(options.signal ? { signal: options.signal } : {}), progress }));
      const reports = await Promise.all(work.map((w) => byAccount.get(w.account.id)!));
      return reportOf(reports, startedAt, deps.now(), jobId);
    },
    running(): string[] {
      return [...running];
    },
  };
}
export type SyncEngine = ReturnType<typeof createSyncEngine>;

export function reportOf(accounts: SyncAccountReport[], startedAt: number, finishedAt: number, jobId: string | null): SyncReport {
  return {
    ok: accounts.every((r) => r.state === 'ok'),
    jobId,
    startedAt: new Date(startedAt).toISOString(),
    finishedAt: new Date(finishedAt).toISOString(),
    accounts,
  };
}

const ZERO = { pages: 0, detailReads: 0, seen: 0, added: 0, updated: 0, unchanged: 0, removed: 0, flagged: 0, failed: 0 };

/** An account that read nothing: failed before its pass began, or cancelled first. */
export function emptyReport(account: AccountRef, request: SyncRequest, at: number, runId: number | null, error: { code: string; message: string }): SyncAccountReport {
  const when = new Date(at).toISOString();
  return {
    runId,
    accountId: account.id,
    account: account.label,
    registrar: account.registrar as RegistrarId,
    mode: request.mode,
    state: 'failed',
    startedAt: when,
    finishedAt: when,
    ...ZERO,
    domainErrors: [],
    error,
  };
}

/** The promise's value, or `onAbort()` as soon as the signal fires (the promise itself runs on). */
function untilAborted<T>(p: Promise<T>, signal: AbortSignal, onAbort: () => T): Promise<T> {
  if (signal.aborted) return Promise.resolve(onAbort());
  return new Promise<T>((resolve, reject) => {
    const abort = () => resolve(onAbort());
    signal.addEventListener('abort', abort, { once: true });
    p.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}
