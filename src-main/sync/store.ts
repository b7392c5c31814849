import type { Db } from '../db/connection.js';
import { isoExpiryInSql, type DomainEventsRepo, type NewDomainEvent } from '../db/repos/domain-events.js';
import { changeHash, type DomainFields, type DomainsRepo, type NameHolder, type StoredDomain } from '../db/repos/domains.js';
import { diffDomain, fieldsDiffer, summary } from './diff.js';

/**
 * Writes one batch of fresh reads for one account: inserts, updates, touches
 * and the history events they imply, in one transaction per batch (a sync
 * page, or a slice of one). If the batch fails, it is replayed domain by
 * domain so one bad row cannot sink the others. `known` is the account's
 * rows keyed by name, kept current here once a write has committed.
 *
 * What an unchanged re-sync costs: one hash of the fresh fields per name,
 * compared with the stored `change_hash`, and one UPDATE of last_synced_at
 * per batch. The cached row is read in full only when the hashes differ.
 */
export interface StoreContext {
  db: Db;
  domains: DomainsRepo;
  events: DomainEventsRepo;
  accountId: string;
  accountLabel: string;
  registrar: string;
  runId: number | null;
  known: Map<string, StoredDomain>;
  /** A row of another account removed longer ago than this is a past holding, not the origin of a move. */
  moveWindowMs: number;
}

export interface StoreItem {
  fields: DomainFields;
  /** Set when a per-domain detail read happened for this item (epoch ms). */
  detailAt: number | null;
}

export interface StoreCounts {
  added: number;
  updated: number;
  unchanged: number;
  removed: number;
  failed: number;
  errors: { name: string; reason: string }[];
}

export function emptyCounts(): StoreCounts {
  return { added: 0, updated: 0, unchanged: 0, removed: 0, failed: 0, errors: [] };
}

interface Stored {
  outcome: 'added' | 'updated' | 'unchanged';
  /** The row as stored; for an unchanged name, the cached row itself (its sync times are set once the batch commits). */
  row: StoredDomain;
  detailAt: number | null;
  hash: number;
}

/** What one write needs besides the item: other accounts' rows of new names, and where its events and touches go. */
interface BatchScope {
  holders: Map<string, NameHolder[]>;
  events: NewDomainEvent[];
  /** Rows inserted as new names: their 'added' events are written from the rows, after the batch's other events. */
  added: number[];
  touch(id: number, detailAt: number | null): void;
}

// Write transactions here are IMMEDIATE: they read before they write, and a deferred one whose snapshot another
// connection moved in between (the index rebuild's worker, a CLI) fails at its first write instead of waiting.
export function storeBatch(ctx: StoreContext, items: readonly StoreItem[], at: number, counts: StoreCounts): void {
  // Fast path: the whole batch in one transaction. No per-row savepoints here:
  // each savepoint makes FTS5 flush its pending terms, which is ruinous at 100k rows.
  let results: Stored[] | null = null;
  try {
    results = ctx.db.transaction(() => writeBatch(ctx, items, at)).immediate();
  } catch {
    results = null;
  }
  if (results) {
    for (const r of results) settle(ctx, r, at, counts);
    return;
  }
  // Something in the batch failed: redo it one savepoint per domain to find and report the culprit.
  const one = ctx.db.transaction((item: StoreItem) => {
    const scope: BatchScope = { holders: holdersOf(ctx, [item]), events: [], added: [], touch: (id, detailAt) => ctx.domains.touch(id, at, detailAt) };
    const r = storeOne(ctx, item, at, undefined, scope);
    writeEvents(ctx, scope, at);
    return r;
  });
  ctx.db.transaction(() => {
    for (const item of items) {
      try {
        settle(ctx, one(item), at, counts);
      } catch (err) {
        counts.failed++;
        counts.errors.push({ name: item.fields.name, reason: `Could not store this domain: ${(err as Error).message}` });
      }
    }
  }).immediate();
}

function writeBatch(ctx: StoreContext, items: readonly StoreItem[], at: number): Stored[] {
  const staged = new Map<string, StoredDomain>();
  // Unchanged rows (most of a re-sync) are touched together at the end of the batch.
  const touched = new Map<number | null, number[]>();
  const scope: BatchScope = {
    holders: holdersOf(ctx, items),
    events: [],
    added: [],
    touch: (id, detailAt) => {
      const ids = touched.get(detailAt);
      if (ids) ids.push(id);
      else touched.set(detailAt, [id]);
    },
  };
  const out = items.map((item) => {
    const r = storeOne(ctx, item, at, staged.get(item.fields.name), scope);
    staged.set(item.fields.name, r.row);
    return r;
  });
  for (const [detailAt, ids] of touched) ctx.domains.touchMany(ids, at, detailAt);
  writeEvents(ctx, scope, at);
  return out;
}

function writeEvents(ctx: StoreContext, scope: BatchScope, at: number): void {
  ctx.events.append(scope.events);
  ctx.events.appendAdded(scope.added, ctx.accountLabel, at, ctx.runId);
}

/** Other accounts' rows of the names this account does not hold yet (one query for the batch: move detection). */
function holdersOf(ctx: StoreContext, items: readonly StoreItem[]): Map<string, NameHolder[]> {
  const fresh: string[] = [];
  for (const { fields } of items) {
    const prev = ctx.known.get(fields.name);
    if (!prev || prev.removedAt !== null) fresh.push(fields.name);
  }
  return ctx.domains.holders(fresh, ctx.accountId);
}

/** The batch committed: the cache view and the counts follow. */
function settle(ctx: StoreContext, r: Stored, at: number, counts: StoreCounts): void {
  if (r.outcome === 'unchanged') {
    r.row.lastSyncedAt = at;
    if (r.detailAt !== null) r.row.detailSyncedAt = r.detailAt;
    r.row.changeHash = r.hash;
  }
  ctx.known.set(r.row.name, r.row);
  counts[r.outcome]++;
}

/** Writes one domain; `staged` is its row written earlier in the same uncommitted batch, if any. */
function storeOne(ctx: StoreContext, item: StoreItem, at: number, staged: StoredDomain | undefined, scope: BatchScope): Stored {
  const { fields, detailAt } = item;
  const prev = staged ?? ctx.known.get(fields.name);
  const hash = changeHash(fields);

  if (prev && prev.removedAt === null) {
    // Equal hashes: nothing stored would change. A different (or missing) hash is confirmed field by field,
    // so a row written before hashes existed, or by another hash version, is not counted as an update.
    if (prev.changeHash === hash) {
      scope.touch(prev.id, detailAt);
      return { outcome: 'unchanged', row: prev, detailAt, hash };
    }
    if (!fieldsDiffer(prev, fields)) {
      ctx.domains.touch(prev.id, at, detailAt, hash);
      return { outcome: 'unchanged', row: prev, detailAt, hash };
    }
    for (const e of diffDomain(prev, fields)) event(ctx, scope, fields.name, e.kind, e.before, e.after, at);
    ctx.domains.update(prev.id, fields, at, detailAt, hash);
    return { outcome: 'updated', row: stored(ctx, fields, prev.id, prev, at, detailAt, hash), detailAt, hash };
  }

  // New to this account (or back after a removal): moved from another account, or added.
  const origin = scope.holders.get(fields.name)?.find((r) => r.removedAt === null || at - r.removedAt <= ctx.moveWindowMs);
  // A brand-new name (most of a first sync) has its 'added' event built from the inserted row.
  const fromRow = !origin && !prev && isoExpiryInSql(fields.expiresAt);
  if (origin) {
    const from = { accountId: origin.accountId, account: ctx.domains.account(origin.accountId)?.label ?? null };
    event(ctx, scope, fields.name, 'moved', from, { accountId: ctx.accountId, account: ctx.accountLabel }, at);
  } else if (!fromRow) {
    event(ctx, scope, fields.name, 'added', prev ? { removedAt: new Date(prev.removedAt ?? at).toISOString() } : null, summary(fields), at);
  }
  let id: number;
  if (prev) {
    ctx.domains.update(prev.id, fields, at, detailAt, hash);
    id = prev.id;
  } else {
    id = ctx.domains.insert(ctx.accountId, ctx.registrar, fields, at, detailAt, hash);
    if (fromRow) scope.added.push(id);
  }
  return { outcome: 'added', row: stored(ctx, fields, id, prev, at, detailAt, hash), detailAt, hash };
}

function event(ctx: StoreContext, scope: BatchScope, name: string, kind: NewDomainEvent['kind'], before: unknown, after: unknown, at: number): void {
  scope.events.push({ name, accountId: ctx.accountId, accountLabel: ctx.accountLabel, kind, before, after, at, syncRunId: ctx.runId });
}

/** The pass's view of a row just written (a literal, not a spread: 100k of these per load). */
function stored(ctx: StoreContext, f: DomainFields, id: number, prev: StoredDomain | undefined, at: number, detailAt: number | null, hash: number): StoredDomain {
  return {
    id,
    accountId: ctx.accountId,
    registrar: ctx.registrar,
    name: f.name,
    unicode: f.unicode,
    tld: f.tld,
    expiresAt: f.expiresAt,
    registryExpiresAt: f.registryExpiresAt,
    createdAt: f.createdAt,
    status: f.status,
    autoRenew: f.autoRenew,
    locked: f.locked,
    privacy: f.privacy,
    nameservers: f.nameservers,
    folder: f.folder,
    renewalPriceMinor: f.renewalPriceMinor,
    renewalCurrency: f.renewalCurrency,
    flags: f.flags,
    rawList: f.rawList,
    rawDetail: f.rawDetail,
    firstSeenAt: prev?.firstSeenAt ?? at,
    lastSyncedAt: at,
    detailSyncedAt: detailAt ?? prev?.detailSyncedAt ?? null,
    removedAt: null,
    changeHash: hash,
  };
}

/**
 * Marks rows removed (never deletes them). When another account already
 * holds the name, the move was recorded when it arrived there, so no
 * 'removed' event is added on top.
 */
export function markRemoved(ctx: StoreContext, names: readonly string[], at: number, counts: StoreCounts): void {
  const gone: StoredDomain[] = [];
  for (const name of names) {
    const prev = ctx.known.get(name);
    if (prev && prev.removedAt === null) gone.push(prev);
  }
  if (gone.length === 0) return;
  ctx.db.transaction(() => {
    const elsewhere = ctx.domains.holders(
      gone.map((p) => p.name),
      ctx.accountId,
    );
    const events: NewDomainEvent[] = [];
    for (const prev of gone) {
      ctx.domains.markRemoved(prev.id, at);
      if (!elsewhere.get(prev.name)?.some((r) => r.removedAt === null)) {
        events.push({ name: prev.name, accountId: ctx.accountId, accountLabel: ctx.accountLabel, kind: 'removed', before: summary(prev), after: null, at, syncRunId: ctx.runId });
      }
    }
    ctx.events.append(events);
  }).immediate();
  // Committed: the pass's view follows (the cached row objects are the pass's own).
  for (const prev of gone) {
    prev.status = 'removed';
    prev.removedAt = at;
    prev.lastSyncedAt = at;
    counts.removed++;
  }
}
