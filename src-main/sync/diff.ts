import type { DomainEventKind } from '../db/repos/domain-events.js';
import type { DomainFields, StoredDomain } from '../db/repos/domains.js';

/**
 * What changed between the cached row and a fresh read, as history events.
 * A field going to or from "unknown" (null) is not an event: the registrar
 * simply did not say, and a first detail read is not a change.
 */
export interface FieldEvent {
  kind: DomainEventKind;
  before: unknown;
  after: unknown;
}

/** An expiry pushed forward this far is a renewal (registrations renew by whole years); less is a correction. */
export const RENEWAL_MIN_FORWARD_MS = 180 * 24 * 3600 * 1000;

const iso = (ms: number) => new Date(ms).toISOString();

export function diffDomain(prev: StoredDomain, next: DomainFields): FieldEvent[] {
  const events: FieldEvent[] = [];
  if (prev.expiresAt !== null && next.expiresAt !== null && prev.expiresAt !== next.expiresAt) {
    const forward = next.expiresAt - prev.expiresAt;
    events.push({ kind: forward >= RENEWAL_MIN_FORWARD_MS ? 'renewed' : 'expiry-changed', before: { expiresAt: iso(prev.expiresAt) }, after: { expiresAt: iso(next.expiresAt) } });
  }
  if (prev.nameservers !== null && next.nameservers !== null && !sameSet(prev.nameservers, next.nameservers)) {
    events.push({ kind: 'nameservers-changed', before: { nameservers: JSON.parse(prev.nameservers) }, after: { nameservers: JSON.parse(next.nameservers) } });
  }
  if (prev.locked !== null && next.locked !== null && prev.locked !== next.locked) {
    events.push({ kind: 'lock-changed', before: { locked: prev.locked }, after: { locked: next.locked } });
  }
  if (prev.autoRenew !== null && next.autoRenew !== null && prev.autoRenew !== next.autoRenew) {
    events.push({ kind: 'auto-renew-changed', before: { autoRenew: prev.autoRenew }, after: { autoRenew: next.autoRenew } });
  }
  if (prev.folder !== next.folder) {
    events.push({ kind: 'folder-changed', before: { folder: prev.folder }, after: { folder: next.folder } });
  }
  if (prev.status !== next.status && prev.status !== 'unknown' && next.status !== 'unknown') {
    events.push({ kind: 'status-changed', before: { status: prev.status }, after: { status: next.status } });
  }
  return events;
}

/** Whether any stored column would change (raw payloads and flags included). */
export function fieldsDiffer(prev: StoredDomain, next: DomainFields): boolean {
  return (
    prev.removedAt !== null ||
    prev.unicode !== next.unicode ||
    prev.tld !== next.tld ||
    prev.expiresAt !== next.expiresAt ||
    prev.registryExpiresAt !== next.registryExpiresAt ||
    prev.createdAt !== next.createdAt ||
    prev.status !== next.status ||
    prev.autoRenew !== next.autoRenew ||
    prev.locked !== next.locked ||
    prev.privacy !== next.privacy ||
    prev.nameservers !== next.nameservers ||
    prev.folder !== next.folder ||
    prev.renewalPriceMinor !== next.renewalPriceMinor ||
    prev.renewalCurrency !== next.renewalCurrency ||
    prev.flags !== next.flags ||
    prev.rawList !== next.rawList ||
    prev.rawDetail !== next.rawDetail
  );
}

/** The facts an 'added' or 'removed' event records. */
export function summary(f: DomainFields | StoredDomain): Record<string, unknown> {
  return {
    expiresAt: f.expiresAt === null ? null : iso(f.expiresAt),
    status: f.status,
    autoRenew: f.autoRenew,
    locked: f.locked,
  };
}

function sameSet(a: string, b: string): boolean {
  if (a === b) return true;
  const x = (JSON.parse(a) as string[]).slice().sort();
  const y = (JSON.parse(b) as string[]).slice().sort();
  return x.length === y.length && x.every((v, i) => v === y[i]);
}
