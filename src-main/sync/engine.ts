import { AppError } from '../../src-shared/contract.js';
import type { SyncAccountReport, SyncProgress, SyncReport } from '../../src-shared/contract/areas/portfolio.js';
import type { AccountRef } from '../db/repos/domains.js';
import type { RegistrarAdapter, RegistrarId } from '../registrars/types.js';
import { syncAccount, type AccountSyncDeps, type SyncRequest, type SyncTarget } from './account-sync.js';
import { asciiName } from './normalize.js';

export interface SyncEngineDeps extends Omit<AccountSyncDeps, 'onProgress'> {
  adapterFor(accountId: string): RegistrarAdapter | Promise<RegistrarAdapter>;
  emitProgress(p: SyncProgress): void;
}

export interface SyncRunInput {
  accountId?: string;
  names?: readonly string[];
  mode: 'full' | 'incremental';
}

/**
 * Runs account syncs: every account in parallel (each adapter's lane keeps
 * its own registrar's rules), one operation at a time per account so two
 * passes never diff against each other's stale view. Asking for a list sync
 * of an account that is already running one joins it instead of starting
 * a second.
 */
export function createSyncEngine(deps: SyncEngineDeps) {
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

  async function runOne(account: AccountRef, request: SyncRequest, progress: (p: Omit<SyncProgress, 'accountsDone' | 'accountsTotal'>) => void): Promise<SyncAccountReport> {
    let adapter: RegistrarAdapter;
    try {
      adapter = await deps.adapterFor(account.id);
    } catch (err) {
      return failedBeforeStart(account, request, err);
    }
    const target: SyncTarget = { accountId: account.id, label: account.label, registrar: account.registrar as RegistrarId, adapter };
    try {
      return await syncAccount({ ...deps, onProgress: (p) => progress({ accountId: account.id, account: account.label, ...p }) }, target, request);
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
    const zero = { pages: 0, detailReads: 0, seen: 0, added: 0, updated: 0, unchanged: 0, removed: 0, flagged: 0, failed: 0 };
    deps.runs.finish(runId, { ...zero, state: 'failed', finishedAt: at, errorCode: code, error: message, domainErrors: [] });
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
      ...zero,
      domainErrors: [],
      error: { code, message },
    };
  }

  /** Which account holds each name (cached, not removed); with an account given, all names go to it. */
  function plan(input: SyncRunInput): { account: AccountRef; request: SyncRequest }[] {
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

  return {
    async run(input: SyncRunInput): Promise<SyncReport> {
      const startedAt = deps.now();
      const work = plan(input);
      let accountsDone = 0;
      const emit = (p: Omit<SyncProgress, 'accountsDone' | 'accountsTotal'>) => {
        if (p.phase === 'finished' || p.phase === 'failed') accountsDone++;
        deps.emitProgress({ ...p, accountsDone, accountsTotal: work.length });
      };
      const reports = await Promise.all(
        work.map(({ account, request }) => {
          if (request.mode === 'names') return exclusive(account.id, () => runOne(account, request, emit));
          const joined = listRuns.get(account.id);
          if (joined) return joined;
          const started = exclusive(account.id, () => runOne(account, request, emit)).finally(() => listRuns.delete(account.id));
          listRuns.set(account.id, started);
          return started;
        }),
      );
      return {
        ok: reports.every((r) => r.state === 'ok'),
        startedAt: new Date(startedAt).toISOString(),
        finishedAt: new Date(deps.now()).toISOString(),
        accounts: reports,
      };
    },
    running(): string[] {
      return [...running];
    },
  };
}
export type SyncEngine = ReturnType<typeof createSyncEngine>;
