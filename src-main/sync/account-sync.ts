import type { SyncAccountReport } from '../../src-shared/contract/areas/portfolio.js';
import type { Db } from '../db/connection.js';
import type { DomainEventsRepo } from '../db/repos/domain-events.js';
import type { DomainsRepo, StoredDomain } from '../db/repos/domains.js';
import type { SyncRunsRepo } from '../db/repos/sync-runs.js';
import { isRegistrarError } from '../registrars/errors.js';
import type { NormalizedDomain, RegistrarAdapter, RegistrarId } from '../registrars/types.js';
import { listRowChanged, mergeFields, normalizeDomain, type Normalized } from './normalize.js';
import { mapPool } from './pool.js';
import { emptyCounts, markRemoved, storeBatch, type StoreContext, type StoreCounts, type StoreItem } from './store.js';

export interface SyncTarget {
  accountId: string;
  label: string;
  registrar: RegistrarId;
  adapter: RegistrarAdapter;
}

export type SyncRequest = { mode: 'full' | 'incremental' } | { mode: 'names'; names: readonly string[] };

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
  signal?: AbortSignal;
  /**
   * Pauses per-row search indexing (and index upkeep) for a bulk load of a page bringing `newNames`
   * names; the returned function resumes (and rebuilds). Null: not worth it for this page.
   */
  deferSearchIndex?(newNames: number): (() => void) | null;
}

const DAY = 24 * 3600 * 1000;
const LATE_STATES = new Set(['expired', 'grace', 'redemption', 'pending-delete', 'pending-transfer', 'unknown']);
/** A page bringing this many new names switches the pass to a deferred search index. */
const BULK_NEW_NAMES = 500;
/** An empty list for an account that held this many names is treated as a registrar glitch, not as "everything left". */
const EMPTY_LIST_GUARD = 10;

/**
 * One account, one pass. Every failure is contained: a domain that cannot be
 * read or stored is reported with its reason and the rest go on; an account
 * whose listing fails keeps what was stored so far and marks nothing removed.
 */
export async function syncAccount(deps: AccountSyncDeps, target: SyncTarget, request: SyncRequest): Promise<SyncAccountReport> {
  const startedAt = deps.now();
  const runId = deps.runs.start(target.accountId, request.mode, startedAt);
  const known = deps.domains.loadAccount(target.accountId);
  const ctx: StoreContext = {
    db: deps.db,
    domains: deps.domains,
    events: deps.events,
    accountId: target.accountId,
    accountLabel: target.label,
    registrar: target.registrar,
    runId,
    known,
    moveWindowMs: 60 * DAY,
  };
  const counts = emptyCounts();
  const tally = { pages: 0, detailReads: 0, seen: 0, flagged: 0 };
  const progress = (phase: AccountProgress['phase'], total: number | null) => deps.onProgress?.({ phase, pages: tally.pages, done: tally.seen, total });
  let error: { code: string; message: string } | null = null;
  let warning: string | null = null;

  progress('started', null);
  const bulk = { release: null as (() => void) | null };
  try {
    if (request.mode === 'names') await syncNames(deps, target, ctx, request.names, counts, tally);
    else warning = await syncList(deps, target, ctx, request.mode, counts, tally, progress, bulk);
  } catch (err) {
    error = describe(err, deps.redact);
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

async function syncList(
  deps: AccountSyncDeps,
  target: SyncTarget,
  ctx: StoreContext,
  mode: 'full' | 'incremental',
  counts: StoreCounts,
  tally: Tally,
  progress: (phase: AccountProgress['phase'], total: number | null) => void,
  bulk: { release: (() => void) | null },
): Promise<string | null> {
  const caps = target.adapter.capabilities;
  const omits = caps.listOmits ?? [];
  const userList = caps.listDomains === 'user-supplied';
  const startedAt = deps.now();
  const active = [...ctx.known.values()].filter((d) => d.removedAt === null);
  let names: string[] | undefined;
  if (userList) {
    names = (mode === 'full' ? active : active.filter((d) => isDue(d, startedAt, deps.userListMaxAgeMs ?? DAY))).map((d) => d.name);
    if (names.length === 0) return null;
  }
  const total = names?.length ?? null;
  const seen = new Set<string>();
  const pages = target.adapter.listDomains(names ? { names, signal: deps.signal } : { signal: deps.signal });
  for await (const page of pages) {
    tally.pages++;
    const parsed: Normalized[] = [];
    for (const raw of page) {
      const n = parseOne(raw, counts, tally);
      if (n) parsed.push(n);
    }
    const needDetail = omits.length === 0 ? [] : parsed.filter((n) => mode === 'full' || detailDue(n, ctx.known.get(n.name), omits, startedAt, deps.detailMaxAgeMs ?? 7 * DAY));
    if (needDetail.length) progress('details', total);
    const details = await readDetails(deps, target, needDetail.map((n) => n.name), counts, tally);
    if (!bulk.release && deps.deferSearchIndex) {
      const fresh = parsed.filter((n) => !ctx.known.has(n.name)).length;
      if (fresh >= BULK_NEW_NAMES) bulk.release = deps.deferSearchIndex(fresh);
    }
    const at = deps.now();
    const items: StoreItem[] = parsed.map((n) => {
      const detail = details.get(n.name);
      return { fields: mergeFields({ list: n, detail, omits, prev: ctx.known.get(n.name) }), detailAt: detail ? at : null };
    });
    storeBatch(ctx, items, at, counts);
    for (const n of parsed) seen.add(n.name);
    tally.seen += parsed.length;
    progress('listing', total);
  }
  // A user-supplied incremental pass asked for some names only: absence means nothing.
  if (userList && mode === 'incremental') return null;
  const missing = active.map((d) => d.name).filter((n) => !seen.has(n));
  if (seen.size === 0 && missing.length >= EMPTY_LIST_GUARD) {
    return `The registrar returned an empty domain list while ${missing.length} domains were cached; nothing was marked removed. Sync again to confirm.`;
  }
  markRemoved(ctx, missing, deps.now(), counts);
  return null;
}

/** Selected names: one detail read each (interactive priority); a name the registrar no longer has is marked removed. */
async function syncNames(deps: AccountSyncDeps, target: SyncTarget, ctx: StoreContext, names: readonly string[], counts: StoreCounts, tally: Tally): Promise<void> {
  const unique = [...new Set(names)];
  if (target.adapter.capabilities.listDomains === 'user-supplied') {
    const seen = new Set<string>();
    for await (const page of target.adapter.listDomains({ names: unique, signal: deps.signal })) {
      tally.pages++;
      const parsed = page.map((raw) => parseOne(raw, counts, tally)).filter((n): n is Normalized => n !== null);
      const at = deps.now();
      storeBatch(ctx, parsed.map((n) => ({ fields: mergeFields({ list: n, omits: [], prev: ctx.known.get(n.name) }), detailAt: at })), at, counts);
      for (const n of parsed) seen.add(n.name);
      tally.seen += parsed.length;
    }
    for (const name of unique) {
      if (seen.has(name)) continue;
      counts.failed++;
      counts.errors.push({ name, reason: 'The registrar did not return this domain.' });
    }
    return;
  }
  const gone: string[] = [];
  const details = await readDetails(deps, target, unique, counts, tally, 'interactive', gone);
  const at = deps.now();
  const items: StoreItem[] = [...details.values()].map((d) => ({ fields: mergeFields({ detail: d, omits: [], prev: ctx.known.get(d.name) }), detailAt: at }));
  storeBatch(ctx, items, at, counts);
  tally.seen += items.length;
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
 * reported and the domain keeps its list data.
 */
async function readDetails(
  deps: AccountSyncDeps,
  target: SyncTarget,
  names: readonly string[],
  counts: StoreCounts,
  tally: Tally,
  priority: 'interactive' | 'bulk' = 'bulk',
  gone?: string[],
): Promise<Map<string, Normalized>> {
  const out = new Map<string, Normalized>();
  await mapPool(names, deps.detailConcurrency ?? 8, async (name) => {
    if (deps.signal?.aborted) return;
    tally.detailReads++;
    try {
      const n = normalizeDomain(await target.adapter.getDomain(name, { priority }));
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
  if (isRegistrarError(err)) return { code: err.kind, message: redact(err.message) };
  if (err instanceof Error) return { code: err.name === 'AbortError' ? 'Aborted' : 'Internal', message: redact(err.message) };
  return { code: 'Internal', message: redact(String(err)) };
}
