import type { BulkAction, BulkMessage } from '../../../src-shared/contract/areas/bulk.js';
import type { DomainItem } from '../../../src-shared/contract/areas/portfolio.js';
import type { Capabilities, NormalizedDomain, RegistrarAdapter } from '../../registrars/types.js';
import { msg } from './messages.js';

/** Journal job kinds, one per bulk action. */
export const JOB_KIND: Record<BulkAction['kind'], string> = {
  renew: 'renew',
  autoRenew: 'set-auto-renew',
  lock: 'set-lock',
  nameservers: 'set-nameservers',
  privacy: 'set-privacy',
  folder: 'set-folder',
};

const CAPABILITY: Record<BulkAction['kind'], keyof Capabilities> = {
  renew: 'renew',
  autoRenew: 'autoRenew',
  lock: 'lock',
  nameservers: 'nameservers',
  privacy: 'privacy',
  folder: 'folders',
};

/**
 * Why this name cannot take this kind of action at all, whatever its
 * settings, or null: not in the account any more, not offered by the
 * registrar's API, or (renewals) a status that forbids it. From the cache
 * and the adapter's declared capabilities only (no network).
 */
export function unavailableReason(kind: BulkAction['kind'], d: DomainItem, adapter: RegistrarAdapter): BulkMessage | null {
  if (d.status === 'removed' || d.status === 'transferred-away') return msg('notInAccount', { account: d.account });
  const cap = CAPABILITY[kind];
  const caps = adapter.capabilities;
  const method = { renew: adapter.renew, autoRenew: adapter.setAutoRenew, lock: adapter.setLock, nameservers: adapter.setNameservers, privacy: adapter.setPrivacy, folder: adapter.setFolder }[kind];
  if (!caps[cap] || !method) {
    const reason = caps.reasons[cap as keyof Capabilities['reasons']];
    return reason ? msg('notSupportedBecause', { account: d.account, reason }) : msg('notSupported', { account: d.account });
  }
  if (kind === 'renew') {
    if (d.status === 'pending-delete') return msg('pendingDelete');
    if (d.status === 'pending-transfer') return msg('pendingTransfer');
    if (!d.expiresAt) return msg('noExpiry');
  }
  return null;
}

/** Why this row cannot take part, or null. Decided from the cache and the adapter's declared capabilities only (no network). */
export function skipReason(action: BulkAction, d: DomainItem, adapter: RegistrarAdapter): BulkMessage | null {
  const unavailable = unavailableReason(action.kind, d, adapter);
  if (unavailable) return unavailable;
  switch (action.kind) {
    case 'renew':
      return null;
    case 'autoRenew':
      return d.autoRenew === action.on ? msg(action.on ? 'alreadyAutoRenewOn' : 'alreadyAutoRenewOff') : null;
    case 'lock':
      return d.locked === action.locked ? msg(action.locked ? 'alreadyLocked' : 'alreadyUnlocked') : null;
    case 'nameservers':
      return sameNameservers(d.nameservers, action.nameservers) ? msg('alreadyNameservers') : null;
    case 'privacy':
      return d.privacy === action.privacy ? msg('alreadyPrivacy') : null;
    case 'folder':
      if (sameFolder(d.folder, action.folder)) return action.folder === null ? msg('alreadyNoFolder') : msg('alreadyInFolder', { folder: action.folder });
      return null;
  }
}

/** Warnings that do not stop the row: the investor should still read them. */
export function cacheWarnings(action: BulkAction, d: DomainItem): BulkMessage[] {
  const out: BulkMessage[] = [];
  if (action.kind === 'renew') {
    if (d.status === 'grace' || d.status === 'expired') out.push(msg('inGrace'));
    if (d.status === 'redemption') out.push(msg('inRedemption'));
  }
  if (action.kind === 'lock' && !action.locked) out.push(msg('unlockRisk'));
  if (action.kind === 'autoRenew' && !action.on) out.push(msg('autoRenewOffRisk'));
  return out;
}

export function sameNameservers(a: readonly string[] | null, b: readonly string[]): boolean {
  if (!a) return false;
  const norm = (l: readonly string[]) => [...new Set(l.map((h) => h.toLowerCase().replace(/\.$/, '')))].sort().join(',');
  return norm(a) === norm(b);
}

/**
 * Folder names compare exactly (Dynadot's are case-sensitive: "Keep" and
 * "keep" are two folders); an empty name is no folder, as the sync
 * normalizer stores it.
 */
export function sameFolder(current: string | null, wanted: string | null): boolean {
  const norm = (f: string | null) => (f === null || f.trim() === '' ? null : f.trim());
  return norm(current) === norm(wanted);
}

/** After an unknown outcome: does the registrar's current state show the change? */
export function stateMatches(action: Exclude<BulkAction, { kind: 'renew' }>, d: NormalizedDomain): boolean | null {
  switch (action.kind) {
    case 'autoRenew':
      return d.autoRenew === null ? null : d.autoRenew === action.on;
    case 'lock':
      return d.locked === null ? null : d.locked === action.locked;
    case 'nameservers':
      return d.nameservers === null ? null : sameNameservers(d.nameservers, action.nameservers);
    case 'privacy':
      return d.privacy === null ? null : d.privacy === action.privacy;
    case 'folder':
      // The normalized folder is never "unknown": a row without one is in no folder (Dynadot FolderId -1).
      return sameFolder(d.folder, action.folder);
  }
}

export async function applySetting(action: Exclude<BulkAction, { kind: 'renew' }>, adapter: RegistrarAdapter, name: string): Promise<void> {
  switch (action.kind) {
    case 'autoRenew':
      return adapter.setAutoRenew!(name, action.on);
    case 'lock':
      return adapter.setLock!(name, action.locked);
    case 'nameservers':
      return adapter.setNameservers!(name, action.nameservers);
    case 'privacy':
      return adapter.setPrivacy!(name, action.privacy);
    case 'folder':
      return adapter.setFolder!(name, action.folder);
  }
}
