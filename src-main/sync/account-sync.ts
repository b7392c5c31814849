import type { SyncAccountReport } from '../../src-shared/contract/areas/portfolio.js';
import type { Db } from '../db/connection.js';
import type { DomainEventsRepo } from '../db/repos/domain-events.js';
import type { DomainsRepo, StoredDomain } from '../db/repos/domains.js';
import type { SyncRunsRepo } from '../db/repos/sync-runs.js';
import { isRegistrarError } from '../registrars/errors.js';
import type { NormalizedDomain, RegistrarAdapter, RegistrarId } from '../registrars/types.js';
import { listRowChanged, mergeFields, normalizeDomain, type Normalized } from './normalize.js';
import { mapPool } from './pool.js';
import { inFlight, pace, storeInSlices, yieldToLoop, type CallsInFlight, type Pace } from './sliced-store.js';
import { emptyCounts, markRemoved, type StoreContext, type StoreCounts, type StoreItem } from './store.js';

export interface SyncTarget {
  accountId: string;
  label: string;
  registrar: RegistrarId;
  adapter: RegistrarAdapter;
}

export type SyncRequest = { mode: 'full' | 'incremental' } | { mode: 'names'; names: readonly string[] };

export interface SyncPassOptions {
  /** Aborted on cancel: the pass stops after the page it is writing, keeps what it stored and marks nothing removed. */
  signal?: AbortSignal;
}

/** Thrown inside a pass when its signal is aborted; reported as the account's `Cancelled` error. */
export class SyncCancelled extends Error {
  constructor() {
    super('Cancelled. The pages read before the cancel are kept; nothing was marked removed.');
    this.name = 'SyncCancelled';
  }
}

export interface AccountProgress {
  phase: 'started' | 'listing' | 'details' | 'finished' | 'failed';
  pages: number;
  done: number;
  total: number | null;
}

export interface AccountSyncDeps {
  db: Db;
  domains: DomainsRepo;
  events: DomainEventsRepo;
  runs: SyncRunsRepo;
  now(): number;
  /** Records a successful (or partial) pass on the account (the accounts service shows it). */
  markSynced(accountId: string, at: number): void;
  /** Secret-free text for stored and shown errors. */
  redact(text: string): string;
  onProgress?(p: AccountProgress): void;
  /** Detail reads kept waiting per account; the lane decides how many actually fly. */
  detailConcurrency?: number;
  /** Incremental sync re-reads a domain's detail when it is older than this. */
  detailMaxAgeMs?: number;
  /** Incremental sync of a user-supplied list re-reads names synced longer ago than this, expiring soon or in a late state. */
  userListMaxAgeMs?: number;
  /**
   * Pauses per-row search indexing (and index upkeep) for a bulk load of a page bringing `newNames`
   * names; the returned function resumes (and rebuilds). Null: not worth it for this page.
   */
  deferSearchIndex?(newNames: number): (() => void) | null;
  /** Registrar calls in flight across the engine's accounts (pages are written in short slices while any is). */
  calls?: CallsInFlight;
}

const DAY = 24 * 3600 * 1000;
const LATE_STATES = new Set(['expired', 'grace', 'redemption', 'pending-delete', 'pending-transfer', 'unknown']);
/**
 * A pass that has brought this many new names (over its pages so far)
 * switches to a deferred search index: a first sync of an account arrives
 * in pages of 100 or so, and indexing row by row costs several times the
 * one-pass rebuild (and makes every small commit expensive).
 */
const BULK_NEW_NAMES = 500;
/** An empty list for an account that held this many names is treated as a registrar glitch, not as "everything left". */
const EMPTY_LIST_GUARD = 10;

/**
 * One account, one pass. Every failure is contained: a domain that cannot be
 * read or stored is reported with its reason and the rest go on; an account
 * whose listing fails keeps what was stored so far and marks nothing removed.
 */
export async function syncAccount(deps: AccountSyncDeps, target: SyncTarget, request: SyncRequest, pass: SyncPassOptions = {}): Promise<SyncAccountReport> {
  const startedAt = deps.now();
  const runId = deps.runs.start(target.accountId, request.mode, startedAt);
  const counts = emptyCounts();
  const tally = { pages: 0, detailReads: 0, seen: 0, flagged: 0 };
  const progress = (phase: AccountProgress['phase'], total: number | null) => deps.onProgress?.({ phase, pages: tally.pages, done: tally.seen, total });
  let error: { code: string; message: string } | null = null;
  let warning: string | null = null;

  progress('started', null);
  const bulk = { release: null as (() => void) | null };
  try {
    const run: PassRun = { deps, target, counts, tally, signal: pass.signal, pace: pace(deps.calls) };
    if (request.mode === 'names') await syncNames(run, runId, request.names);
    else warning = await syncList(run, runId, request.mode, progress, bulk);
  } catch (err) {
    error = pass.signal?.aborted ? describe(new SyncCancelled(), deps.redact) : describe(err, deps.redact);
  } finally {
    bulk.release?.();
  }

  const finishedAt = deps.now();
  const partial = counts.failed > 0 || warning !== null;
  const state: SyncAccountReport['state'] = error ? 'failed' : partial ? 'partial' : 'ok';
  const domainErrors = warning ? [{ name: '*', reason: warning }, ...counts.errors] : counts.errors;
  // The same numbers go to the run record and the report.
  const numbers = {
    pages: tally.pages,
    detailReads: tally.detailReads,
    seen: tally.seen,
    added: counts.added,
    updated: counts.updated,
    unchanged: counts.unchanged,
    removed: counts.removed,
    flagged: tally.flagged,
    failed: counts.failed,
  };
  deps.runs.finish(runId, {
    state,
    finishedAt,
    ...numbers,
    errorCode: error?.code ?? null,
    error: error?.message ?? null,
    domainErrors,
  });
  if (state !== 'failed') deps.markSynced(target.accountId, finishedAt);
  progress(error ? 'failed' : 'finished', tally.seen);
  return {
    runId,
    accountId: target.accountId,
    account: target.label,
    registrar: target.registrar,
    mode: request.mode,
    state,
    startedAt: new Date(startedAt).toISOString(),
    finishedAt: new Date(finishedAt).toISOString(),
    ...numbers,
    domainErrors,
    error,
  };
}

type Tally = { pages: number; detailReads: number; seen: number; flagged: number };

/** What one pass carries from step to step. */
interface PassRun {
  deps: AccountSyncDeps;
  target: SyncTarget;
  counts: StoreCounts;
  tally: Tally;
  signal: AbortSignal | undefined;
  pace: Pace;
}

function storeContext(run: PassRun, runId: number): StoreContext {
  const { deps, target } = run;
  return {
    db: deps.db,
    domains: deps.domains,
    events: deps.events,
    accountId: target.accountId,
    accountLabel: target.label,
    registrar: target.registrar,
    runId,
    known: deps.domains.loadAccount(target.accountId),
    moveWindowMs: 60 * DAY,
  };
}

function stopIfCancelled(run: PassRun): void {
  if (run.signal?.aborted) throw new SyncCancelled();
}

/** A page read and its detail reads, ready to store. */
interface PreparedPage {
  parsed: Normalized[];
  details: Map<string, Normalized>;
}

/**
 * A paged list, pipelined so the account's lane never idles on our side:
 * the next page is asked for as soon as one arrives, and a page is written
 * while the next one's list and detail reads are queued in the lane. A
 * cancel stops after the page being written; a page whose details were
 * still being read is dropped, never stored half-read.
 */
async function syncList(
  run: PassRun,
  runId: number,
  mode: 'full' | 'incremental',
  progress: (phase: AccountProgress['phase'], total: number | null) => void,
  bulk: { release: (() => void) | null },
): Promise<string | null> {
  const { deps, target, counts, tally } = run;
  const caps = target.adapter.capabilities;
  const omits = caps.listOmits ?? [];
  const userList = caps.listDomains === 'user-supplied';
  const startedAt = deps.now();
  // An API list needs nothing from the cache: ask for the first page before loading the account's rows.
  const first = userList ? null : target.adapter.listDomains({ signal: run.signal })[Symbol.asyncIterator]();
  const firstPage = first ? inFlight(deps.calls, first.next()) : undefined;
  markHandled(firstPage);
  if (first) await yieldToLoop();
  const ctx = storeContext(run, runId);
  const active = [...ctx.known.values()].filter((d) => d.removedAt === null);
  let names: string[] | undefined;
  if (userList) {
    names = (mode === 'full' ? active : active.filter((d) => isDue(d, startedAt, deps.userListMaxAgeMs ?? DAY))).map((d) => d.name);
    if (names.length === 0) return null;
  }
  const total = names?.length ?? null;
  const pages = first ?? target.adapter.listDomains({ names, signal: run.signal })[Symbol.asyncIterator]();
  const seen = new Set<string>();

  const prepare = async (page: NormalizedDomain[]): Promise<PreparedPage> => {
    const parsed: Normalized[] = [];
    for (const raw of page) {
      const n = parseOne(raw, counts, tally);
      if (n) parsed.push(n);
    }
    const needDetail = omits.length === 0 ? [] : parsed.filter((n) => mode === 'full' || detailDue(n, ctx.known.get(n.name), omits, startedAt, deps.detailMaxAgeMs ?? 7 * DAY));
    if (needDetail.length) progress('details', total);
    const details = await readDetails(run, needDetail.map((n) => n.name));
    return { parsed, details };
  };

  let fresh = 0;
  const store = async ({ parsed, details }: PreparedPage): Promise<void> => {
    if (!bulk.release && deps.deferSearchIndex) {
      fresh += parsed.filter((n) => !ctx.known.has(n.name)).length;
      if (fresh >= BULK_NEW_NAMES) bulk.release = deps.deferSearchIndex(fresh);
    }
    const at = deps.now();
    const items: StoreItem[] = parsed.map((n) => {
      const detail = details.get(n.name);
      return { fields: mergeFields({ list: n, detail, omits, prev: ctx.known.get(n.name) }), detailAt: detail ? at : null };
    });
    await storeInSlices(ctx, items, at, counts, run.pace);
    for (const n of parsed) seen.add(n.name);
    tally.seen += parsed.length;
    progress('listing', total);
  };

  let next = firstPage ?? inFlight(deps.calls, pages.next());
  let previous: Promise<PreparedPage> | null = null;
  const flush = async () => {
    if (!previous) return;
    const ready = await previous;
    previous = null;
    stopIfCancelled(run);
    await store(ready);
  };
  let finished = false;
  try {
    for (;;) {
      stopIfCancelled(run);
      let got: IteratorResult<NormalizedDomain[]>;
      try {
        got = await next;
      } catch (err) {
        // The list broke off: the page read before it is still good.
        await flush();
        throw err;
      }
      if (got.done) break;
      tally.pages++;
      next = inFlight(deps.calls, pages.next());
      markHandled(next);
      const current = prepare(got.value);
      markHandled(current);
      await flush();
      previous = current;
    }
    await flush();
    finished = true;
  } finally {
    // Stopped early (cancel, failure): close the registrar's list; its pending page is not wanted.
    if (!finished) void pages.return?.(undefined)?.catch(() => undefined);
  }
  stopIfCancelled(run);
  // A user-supplied incremental pass asked for some names only: absence means nothing.
  if (userList && mode === 'incremental') return null;
  const missing = active.map((d) => d.name).filter((n) => !seen.has(n));
  if (seen.size === 0 && missing.length >= EMPTY_LIST_GUARD) {
    return `The registrar returned an empty domain list while ${missing.length} domains were cached; nothing was marked removed. Sync again to confirm.`;
  }
  markRemoved(ctx, missing, deps.now(), counts);
  return null;
}

/** Marks a promise's rejection as handled here; whoever awaits it later still sees the error. */
function markHandled(p: Promise<unknown> | undefined): void {
  p?.catch(() => undefined);
}

/** Selected names: one detail read each (interactive priority); a name the registrar no longer has is marked removed. */
async function syncNames(run: PassRun, runId: number, names: readonly string[]): Promise<void> {
  const { deps, target, counts, tally } = run;
  const ctx = storeContext(run, runId);
  const unique = [...new Set(names)];
  if (target.adapter.capabilities.listDomains === 'user-supplied') {
    const seen = new Set<string>();
    for await (const page of target.adapter.listDomains({ names: unique, signal: run.signal })) {
      tally.pages++;
      const parsed = page.map((raw) => parseOne(raw, counts, tally)).filter((n): n is Normalized => n !== null);
      const at = deps.now();
      await storeInSlices(ctx, parsed.map((n) => ({ fields: mergeFields({ list: n, omits: [], prev: ctx.known.get(n.name) }), detailAt: at })), at, counts, run.pace);
      for (const n of parsed) seen.add(n.name);
      tally.seen += parsed.length;
      stopIfCancelled(run);
    }
    for (const name of unique) {
      if (seen.has(name)) continue;
      counts.failed++;
      counts.errors.push({ name, reason: 'The registrar did not return this domain.' });
    }
    return;
  }
  const gone: string[] = [];
  const details = await readDetails(run, unique, 'interactive', gone);
  const at = deps.now();
  // Names read before a cancel are whole reads: they are stored, the rest are left as they were.
  const items: StoreItem[] = [...details.values()].map((d) => ({ fields: mergeFields({ detail: d, omits: [], prev: ctx.known.get(d.name) }), detailAt: at }));
  await storeInSlices(ctx, items, at, counts, run.pace);
  tally.seen += items.length;
  stopIfCancelled(run);
  for (const name of gone) {
    if (ctx.known.has(name)) continue;
    counts.failed++;
    counts.errors.push({ name, reason: `${target.label} does not hold this domain.` });
  }
  markRemoved(ctx, gone, at, counts);
}

function parseOne(raw: NormalizedDomain, counts: StoreCounts, tally: Tally): Normalized | null {
  try {
    const n = normalizeDomain(raw);
    if (n.flags.size > 0) tally.flagged++;
    return n;
  } catch (err) {
    counts.failed++;
    counts.errors.push({ name: (err as { domainName?: string }).domainName ?? '(unknown)', reason: (err as Error).message });
    return null;
  }
}

/**
 * Per-domain reads with their own error isolation. A NotFound for a name the
 * account holds goes to `gone` (when given); every other failure is
 * reported and the domain keeps its list data. After a cancel no new read starts.
 */
async function readDetails(run: PassRun, names: readonly string[], priority: 'interactive' | 'bulk' = 'bulk', gone?: string[]): Promise<Map<string, Normalized>> {
  const { deps, target, counts, tally } = run;
  const out = new Map<string, Normalized>();
  await mapPool(names, deps.detailConcurrency ?? 8, async (name) => {
    if (run.signal?.aborted) return;
    tally.detailReads++;
    try {
      const n = normalizeDomain(await inFlight(deps.calls, target.adapter.getDomain(name, { priority })));
      if (n.name !== name) throw new Error(`The registrar answered about ${n.name} when asked about ${name}.`);
      out.set(name, n);
    } catch (err) {
      if (gone && isRegistrarError(err) && err.kind === 'NotFound') {
        gone.push(name);
        return;
      }
      if (isAccountWide(err)) throw err;
      counts.failed++;
      counts.errors.push({ name, reason: describe(err, deps.redact).message });
    }
  });
  for (const n of out.values()) if (n.flags.size > 0) tally.flagged++;
  return out;
}

/** Errors that say nothing more will work for this account right now: stop the account, not just the domain. */
function isAccountWide(err: unknown): boolean {
  return isRegistrarError(err) && (err.kind === 'AuthFailed' || err.kind === 'Banned' || err.kind === 'AccountBlocked' || err.kind === 'NotAllowed');
}

function detailDue(n: Normalized, prev: StoredDomain | undefined, omits: Parameters<typeof listRowChanged>[2], now: number, maxAge: number): boolean {
  if (!prev || prev.detailSyncedAt === null) return true;
  if (listRowChanged(n, prev, omits)) return true;
  return now - prev.detailSyncedAt > maxAge;
}

function isDue(d: StoredDomain, now: number, maxAge: number): boolean {
  if (now - d.lastSyncedAt > maxAge) return true;
  if (LATE_STATES.has(d.status)) return true;
  return d.expiresAt !== null && d.expiresAt - now < 30 * DAY;
}

function describe(err: unknown, redact: (t: string) => string): { code: string; message: string } {
  if (err instanceof SyncCancelled) return { code: 'Cancelled', message: err.message };
  if (isRegistrarError(err)) return { code: err.kind, message: redact(err.message) };
  if (err instanceof Error) return { code: err.name === 'AbortError' ? 'Aborted' : 'Internal', message: redact(err.message) };
  return { code: 'Internal', message: redact(String(err)) };
}
