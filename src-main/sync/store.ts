import type { Db } from '../db/connection.js';
import type { DomainEventsRepo, NewDomainEvent } from '../db/repos/domain-events.js';
import type { DomainFields, DomainsRepo, StoredDomain } from '../db/repos/domains.js';
import { diffDomain, fieldsDiffer, summary } from './diff.js';

/**
 * Writes one batch of fresh reads for one account: inserts, updates, touches
 * and the history events they imply, in one transaction per batch (a sync
 * page). If the page fails, it is replayed domain by domain so one bad row
 * cannot sink the others. `known` is the account's rows keyed by name, kept
 * current here once a write has committed.
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

export function storeBatch(ctx: StoreContext, items: readonly StoreItem[], at: number, counts: StoreCounts): void {
  // Fast path: the whole page in one transaction. No per-row savepoints here:
  // each savepoint makes FTS5 flush its pending terms, which is ruinous at 100k rows.
  let results: Stored[] | null = null;
  try {
    results = ctx.db.transaction(() => {
      const staged = new Map<string, StoredDomain>();
      // Unchanged rows (most of a re-sync) are touched together at the end of the page.
      const touched = new Map<number | null, number[]>();
      const touch = (id: number, detailAt: number | null) => {
        const ids = touched.get(detailAt);
        if (ids) ids.push(id);
        else touched.set(detailAt, [id]);
      };
      const out = items.map((item) => {
        const r = storeOne(ctx, item, at, staged.get(item.fields.name), touch);
        staged.set(item.fields.name, r.row);
        return r;
      });
      for (const [detailAt, ids] of touched) ctx.domains.touchMany(ids, at, detailAt);
      return out;
    })();
  } catch {
    results = null;
  }
  if (results) {
    for (const r of results) {
      ctx.known.set(r.row.name, r.row);
      counts[r.outcome]++;
    }
    return;
  }
  // Something in the page failed: redo it one savepoint per domain to find and report the culprit.
  const one = ctx.db.transaction((item: StoreItem) => storeOne(ctx, item, at, undefined, (id, detailAt) => ctx.domains.touch(id, at, detailAt)));
  ctx.db.transaction(() => {
    for (const item of items) {
      try {
        const r = one(item);
        ctx.known.set(r.row.name, r.row);
        counts[r.outcome]++;
      } catch (err) {
        counts.failed++;
        counts.errors.push({ name: item.fields.name, reason: `Could not store this domain: ${(err as Error).message}` });
      }
    }
  })();
}

interface Stored {
  outcome: 'added' | 'updated' | 'unchanged';
  row: StoredDomain;
}

/** Writes one domain; `staged` is its row written earlier in the same uncommitted page, if any; `touch` records an unchanged row. */
function storeOne(ctx: StoreContext, item: StoreItem, at: number, staged: StoredDomain | undefined, touch: (id: number, detailAt: number | null) => void): Stored {
  const { fields } = item;
  const prev = staged ?? ctx.known.get(fields.name);
  const events: NewDomainEvent[] = [];
  const event = (kind: NewDomainEvent['kind'], before: unknown, after: unknown) =>
    events.push({ name: fields.name, accountId: ctx.accountId, accountLabel: ctx.accountLabel, kind, before, after, at, syncRunId: ctx.runId });

  let outcome: Stored['outcome'];
  let id: number;
  if (!prev || prev.removedAt !== null) {
    const origin = ctx.domains
      .findByName(fields.name)
      .find((r) => r.accountId !== ctx.accountId && (r.removedAt === null || at - r.removedAt <= ctx.moveWindowMs));
    if (origin) event('moved', { accountId: origin.accountId, account: ctx.domains.account(origin.accountId)?.label ?? null }, { accountId: ctx.accountId, account: ctx.accountLabel });
    else event('added', prev ? { removedAt: new Date(prev.removedAt ?? at).toISOString() } : null, summary(fields));
    if (prev) {
      ctx.domains.update(prev.id, fields, at, item.detailAt);
      id = prev.id;
    } else {
      id = ctx.domains.insert(ctx.accountId, ctx.registrar, fields, at, item.detailAt);
    }
    outcome = 'added';
  } else if (fieldsDiffer(prev, fields)) {
    for (const e of diffDomain(prev, fields)) event(e.kind, e.before, e.after);
    ctx.domains.update(prev.id, fields, at, item.detailAt);
    id = prev.id;
    outcome = 'updated';
  } else {
    touch(prev.id, item.detailAt);
    id = prev.id;
    outcome = 'unchanged';
  }
  if (events.length > 0) ctx.events.append(events);
  const row: StoredDomain = {
    ...fields,
    id,
    accountId: ctx.accountId,
    registrar: ctx.registrar,
    firstSeenAt: prev?.firstSeenAt ?? at,
    lastSyncedAt: at,
    detailSyncedAt: item.detailAt ?? prev?.detailSyncedAt ?? null,
    removedAt: null,
  };
  return { outcome, row };
}

/**
 * Marks rows removed (never deletes them). When another account already
 * holds the name, the move was recorded when it arrived there, so no
 * 'removed' event is added on top.
 */
export function markRemoved(ctx: StoreContext, names: readonly string[], at: number, counts: StoreCounts): void {
  const tx = ctx.db.transaction(() => {
    for (const name of names) {
      const prev = ctx.known.get(name);
      if (!prev || prev.removedAt !== null) continue;
      ctx.domains.markRemoved(prev.id, at);
      const heldElsewhere = ctx.domains.findByName(name).some((r) => r.accountId !== ctx.accountId && r.removedAt === null);
      if (!heldElsewhere) {
        ctx.events.append([{ name, accountId: ctx.accountId, accountLabel: ctx.accountLabel, kind: 'removed', before: summary(prev), after: null, at, syncRunId: ctx.runId }]);
      }
      ctx.known.set(name, { ...prev, status: 'removed', removedAt: at, lastSyncedAt: at });
      counts.removed++;
    }
  });
  tx();
}
