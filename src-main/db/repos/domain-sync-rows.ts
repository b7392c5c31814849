import type { DomainStatus } from '../../../src-shared/domain-status.js';
import type { StoredDomain } from './domains.js';

/**
 * What a sync pass needs of the cached rows, cheaply: a hash of the stored
 * registrar fields (so an unchanged name is recognised without comparing,
 * or even reading, its row) and a lazy view of an account's rows.
 */

/**
 * A 53-bit hash (cyrb53) of every registrar field sync stores, raw payloads
 * and flags included, given as the values sync binds (repos/domains.ts
 * `changeHash`): equal hashes mean `fieldsDiffer` would say "same", so a
 * re-sync can skip an unchanged name without reading its cached row. A miss
 * is one in ~2^53 per compare. Changing this function (or what sync stores)
 * makes every row look changed once: sync then compares it field by field
 * and only rewrites its hash (store.ts).
 */
export function hashValues(parts: readonly unknown[]): number {
  // Value by value with a mark before each (null is a mark of its own), so no copy of the row is built:
  // this runs for every name of every sync. Each position always holds the same type.
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (const v of parts) {
    if (v === null) {
      h1 = Math.imul(h1 ^ 0x10000, 2654435761);
      h2 = Math.imul(h2 ^ 0x10000, 1597334677);
    } else if (typeof v === 'number') {
      // A safe integer (epoch ms, minor units, 0/1) as two 32-bit halves.
      const lo = v >>> 0;
      const hi = Math.floor(v / 4294967296) | 0;
      h1 = Math.imul(Math.imul(h1 ^ 0x30000, 2654435761) ^ lo, 2654435761);
      h2 = Math.imul(Math.imul(h2 ^ 0x30000, 1597334677) ^ lo, 1597334677);
      h1 = Math.imul(h1 ^ hi, 2654435761);
      h2 = Math.imul(h2 ^ hi, 1597334677);
    } else {
      const text = String(v);
      for (let i = 0; i < text.length; i++) {
        const ch = text.charCodeAt(i);
        h1 = Math.imul(h1 ^ ch, 2654435761);
        h2 = Math.imul(h2 ^ ch, 1597334677);
      }
      // The length closes the string, so "ab"+"c" and "a"+"bc" differ.
      h1 = Math.imul(h1 ^ (0x20000 + text.length), 2654435761);
      h2 = Math.imul(h2 ^ (0x20000 + text.length), 1597334677);
    }
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** The columns a sync pass reads for every cached name of an account (the account and registrar are the pass's own). */
export const KNOWN_COLUMNS = 'id, name, status, expires_at, auto_renew, locked, first_seen_at, last_synced_at, detail_synced_at, removed_at, change_hash, raw_detail';
export type KnownTuple = [number, string, DomainStatus, number | null, number | null, number | null, number, number, number | null, number | null, number | null, string | null];

/**
 * One cached row as `loadAccount` returns it. Loading 100k full rows (raw
 * payloads, nameservers...) costs more than the rest of an unchanged re-sync,
 * and a pass reads them only for names whose hash changed, so the other
 * fields load on first use (one read by id) and are kept. The eager ones
 * are what a pass reads for every name: the removal check and summary,
 * the user-list due check, and the detail payload mergeFields carries over.
 */
class KnownRow implements StoredDomain {
  private loaded: StoredDomain | null = null;
  id: number;
  name: string;
  status: DomainStatus;
  expiresAt: number | null;
  autoRenew: boolean | null;
  locked: boolean | null;
  firstSeenAt: number;
  lastSyncedAt: number;
  detailSyncedAt: number | null;
  removedAt: number | null;
  changeHash: number | null;
  rawDetail: string | null;
  constructor(
    private readonly load: (id: number) => StoredDomain,
    public accountId: string,
    public registrar: string,
    t: KnownTuple,
  ) {
    this.id = t[0];
    this.name = t[1];
    this.status = t[2];
    this.expiresAt = t[3];
    this.autoRenew = t[4] === null ? null : t[4] === 1;
    this.locked = t[5] === null ? null : t[5] === 1;
    this.firstSeenAt = t[6];
    this.lastSyncedAt = t[7];
    this.detailSyncedAt = t[8];
    this.removedAt = t[9];
    this.changeHash = t[10];
    this.rawDetail = t[11];
  }
  private get full(): StoredDomain {
    this.loaded ??= this.load(this.id);
    return this.loaded;
  }
  get unicode() { return this.full.unicode; }
  get tld() { return this.full.tld; }
  get registryExpiresAt() { return this.full.registryExpiresAt; }
  get createdAt() { return this.full.createdAt; }
  get privacy() { return this.full.privacy; }
  get nameservers() { return this.full.nameservers; }
  get folder() { return this.full.folder; }
  get renewalPriceMinor() { return this.full.renewalPriceMinor; }
  get renewalCurrency() { return this.full.renewalCurrency; }
  get flags() { return this.full.flags; }
  get rawList() { return this.full.rawList; }
}

export function knownRow(load: (id: number) => StoredDomain, accountId: string, registrar: string, t: KnownTuple): StoredDomain {
  return new KnownRow(load, accountId, registrar, t);
}
