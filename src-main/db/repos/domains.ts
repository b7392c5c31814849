import type { DomainStatus } from '../../../src-shared/domain-status.js';
import type { Db } from '../connection.js';
import { hashValues, KNOWN_COLUMNS, knownRow, type KnownTuple } from './domain-sync-rows.js';

/**
 * The registrar side of the portfolio cache, as sync writes it. Values are
 * in storage form (epoch ms, JSON text) so sync can compare a fresh payload
 * with the stored row without parsing 100k raw payloads.
 */
export interface DomainFields {
  name: string;
  unicode: string;
  tld: string;
  expiresAt: number | null;
  registryExpiresAt: number | null;
  createdAt: number | null;
  status: DomainStatus;
  autoRenew: boolean | null;
  locked: boolean | null;
  privacy: 'full' | 'partial' | 'off' | null;
  /** JSON array text, or null when unknown. */
  nameservers: string | null;
  folder: string | null;
  renewalPriceMinor: number | null;
  renewalCurrency: string | null;
  /** JSON array text. */
  flags: string;
  rawList: string | null;
  rawDetail: string | null;
}

export interface StoredDomain extends DomainFields {
  id: number;
  accountId: string;
  registrar: string;
  firstSeenAt: number;
  lastSyncedAt: number;
  detailSyncedAt: number | null;
  removedAt: number | null;
  /** `changeHash` of the stored fields; null on rows written before migration 006 (absent on rows built by hand). */
  changeHash?: number | null;
}

interface Row {
  id: number;
  account_id: string;
  registrar: string;
  name: string;
  unicode: string;
  tld: string;
  expires_at: number | null;
  registry_expires_at: number | null;
  created_at: number | null;
  status: DomainStatus;
  auto_renew: number | null;
  locked: number | null;
  privacy: 'full' | 'partial' | 'off' | null;
  nameservers: string | null;
  folder: string | null;
  renewal_price_minor: number | null;
  renewal_currency: string | null;
  flags: string;
  first_seen_at: number;
  last_synced_at: number;
  detail_synced_at: number | null;
  removed_at: number | null;
  raw_list: string | null;
  raw_detail: string | null;
  change_hash: number | null;
}

const COLUMNS =
  'id, account_id, registrar, name, unicode, tld, expires_at, registry_expires_at, created_at, status, auto_renew, locked, privacy, nameservers, folder, renewal_price_minor, renewal_currency, flags, first_seen_at, last_synced_at, detail_synced_at, removed_at, raw_list, raw_detail, change_hash';

export function fromRow(r: Row): StoredDomain {
  return {
    id: r.id,
    accountId: r.account_id,
    registrar: r.registrar,
    name: r.name,
    unicode: r.unicode,
    tld: r.tld,
    expiresAt: r.expires_at,
    registryExpiresAt: r.registry_expires_at,
    createdAt: r.created_at,
    status: r.status,
    autoRenew: bool(r.auto_renew),
    locked: bool(r.locked),
    privacy: r.privacy,
    nameservers: r.nameservers,
    folder: r.folder,
    renewalPriceMinor: r.renewal_price_minor,
    renewalCurrency: r.renewal_currency,
    flags: r.flags,
    firstSeenAt: r.first_seen_at,
    lastSyncedAt: r.last_synced_at,
    detailSyncedAt: r.detail_synced_at,
    removedAt: r.removed_at,
    rawList: r.raw_list,
    rawDetail: r.raw_detail,
    changeHash: r.change_hash,
  };
}

/** Another account's row holding a name (move detection). */
export interface NameHolder {
  accountId: string;
  removedAt: number | null;
}

function bool(v: number | null): boolean | null {
  return v === null ? null : v === 1;
}

function bit(v: boolean | null): number | null {
  return v === null ? null : v ? 1 : 0;
}

/** Positional values in the order of FIELD_COLUMNS (named binding costs more per row at 100k). */
function values(f: DomainFields): unknown[] {
  return [
    f.unicode,
    f.tld,
    f.expiresAt,
    f.registryExpiresAt,
    f.createdAt,
    f.status,
    bit(f.autoRenew),
    bit(f.locked),
    f.privacy,
    f.nameservers,
    f.folder,
    f.renewalPriceMinor,
    f.renewalCurrency,
    f.flags,
    f.rawList,
    f.rawDetail,
  ];
}
/** The hash of the registrar fields as stored (see hashValues): what a re-sync compares first. */
export function changeHash(f: DomainFields): number {
  return hashValues(values(f));
}

const FIELD_COLUMNS = [
  'unicode',
  'tld',
  'expires_at',
  'registry_expires_at',
  'created_at',
  'status',
  'auto_renew',
  'locked',
  'privacy',
  'nameservers',
  'folder',
  'renewal_price_minor',
  'renewal_currency',
  'flags',
  'raw_list',
  'raw_detail',
];

export interface AccountRef {
  id: string;
  label: string;
  registrar: string;
}

export function createDomainsRepo(db: Db) {
  const byAccount = db.prepare<[string], KnownTuple>(`SELECT ${KNOWN_COLUMNS} FROM domains WHERE account_id = ?`).raw(true);
  const byId = db.prepare<[number], Row>(`SELECT ${COLUMNS} FROM domains WHERE id = ?`);
  const byName = db.prepare<[string], Row>(`SELECT ${COLUMNS} FROM domains WHERE name = ? ORDER BY removed_at IS NOT NULL, last_synced_at DESC`);
  const byAccountName = db.prepare<[string, string], Row>(`SELECT ${COLUMNS} FROM domains WHERE account_id = ? AND name = ?`);
  const insertStmt = db.prepare(
    `INSERT INTO domains (account_id, registrar, name, ${FIELD_COLUMNS.join(', ')}, first_seen_at, last_synced_at, detail_synced_at, change_hash, account_label)
     VALUES (?, ?, ?, ${FIELD_COLUMNS.map(() => '?').join(', ')}, ?, ?, ?, ?, COALESCE((SELECT label FROM accounts WHERE id = ?), ''))`,
  );
  const updateStmt = db.prepare(
    `UPDATE domains SET ${FIELD_COLUMNS.map((c) => `${c} = ?`).join(', ')}, last_synced_at = ?, detail_synced_at = COALESCE(?, detail_synced_at), removed_at = NULL, change_hash = ?
     WHERE id = ?`,
  );
  const touchStmt = db.prepare('UPDATE domains SET last_synced_at = ?, detail_synced_at = COALESCE(?, detail_synced_at) WHERE id = ?');
  const touchHashStmt = db.prepare('UPDATE domains SET last_synced_at = ?, detail_synced_at = COALESCE(?, detail_synced_at), change_hash = ? WHERE id = ?');
  // One probe of the (account_id, name) unique index per name and other account, driven by the names
  // (CROSS JOIN keeps that order): it works while a bulk load has dropped every other index.
  const holdersStmt = db.prepare<[string, string], [string, string, number | null]>(
    'SELECT d.name, d.account_id, d.removed_at FROM json_each(?) j CROSS JOIN accounts a CROSS JOIN domains d ON d.account_id = a.id AND d.name = j.value WHERE a.id <> ?',
  ).raw(true);
  // One statement per page of unchanged rows: a re-sync of 100k names is 100 UPDATEs, not 100k.
  const touchManyStmt = db.prepare('UPDATE domains SET last_synced_at = ?, detail_synced_at = COALESCE(?, detail_synced_at) WHERE id IN (SELECT value FROM json_each(?))');
  const removeStmt = db.prepare("UPDATE domains SET status = 'removed', removed_at = ?, last_synced_at = ? WHERE id = ?");
  const accountsStmt = db.prepare<[], AccountRef>('SELECT id, label, registrar FROM accounts ORDER BY label');
  const accountStmt = db.prepare<[string], AccountRef>('SELECT id, label, registrar FROM accounts WHERE id = ?');
  const labelsStmt = db.prepare<[], { id: string; label: string }>('SELECT id, label FROM accounts');
  const setAccountSynced = db.prepare('UPDATE accounts SET last_sync_at = ? WHERE id = ?');
  const summariesStmt = db.prepare<[], AccountRef & { domains: number; lastSyncAt: number | null }>(
    `SELECT a.id, a.label, a.registrar, a.last_sync_at AS lastSyncAt,
       (SELECT count(*) FROM domains d WHERE d.account_id = a.id AND d.removed_at IS NULL) AS domains
     FROM accounts a ORDER BY a.label`,
  );

  return {
    /** Every row of one account (removed ones too), keyed by name, for one sync pass; see KnownRow for what is read up front. */
    loadAccount(accountId: string): Map<string, StoredDomain> {
      const map = new Map<string, StoredDomain>();
      const load = (id: number): StoredDomain => {
        const r = byId.get(id);
        if (!r) throw new Error(`Cached row ${id} vanished during the sync.`);
        return fromRow(r);
      };
      const account = accountStmt.get(accountId);
      const registrar = account?.registrar ?? '';
      for (const t of byAccount.all(accountId)) map.set(t[1], knownRow(load, accountId, registrar, t));
      return map;
    },
    /** Rows of other accounts holding any of `names` (removed ones too), by name. */
    holders(names: readonly string[], exceptAccountId: string): Map<string, NameHolder[]> {
      const out = new Map<string, NameHolder[]>();
      if (names.length === 0) return out;
      for (const [name, accountId, removedAt] of holdersStmt.all(JSON.stringify(names), exceptAccountId)) {
        const list = out.get(name);
        if (list) list.push({ accountId, removedAt });
        else out.set(name, [{ accountId, removedAt }]);
      }
      return out;
    },
    get(id: number): StoredDomain | null {
      const r = byId.get(id);
      return r ? fromRow(r) : null;
    },
    getInAccount(accountId: string, name: string): StoredDomain | null {
      const r = byAccountName.get(accountId, name);
      return r ? fromRow(r) : null;
    },
    /** Every row holding this name, present ones first. */
    findByName(name: string): StoredDomain[] {
      return byName.all(name).map(fromRow);
    },
    /** `hash` is `changeHash(fields)` when the caller has it already. */
    insert(accountId: string, registrar: string, fields: DomainFields, at: number, detailAt: number | null, hash = changeHash(fields)): number {
      return Number(insertStmt.run(accountId, registrar, fields.name, ...values(fields), at, at, detailAt, hash, accountId).lastInsertRowid);
    },
    /** Rewrites the registrar fields of a row (and brings a removed row back). */
    update(id: number, fields: DomainFields, at: number, detailAt: number | null, hash = changeHash(fields)): void {
      updateStmt.run(...values(fields), at, detailAt, hash, id);
    },
    /** Seen again, nothing changed; `hash` fills in a row written before hashes existed. */
    touch(id: number, at: number, detailAt: number | null, hash?: number): void {
      if (hash === undefined) touchStmt.run(at, detailAt, id);
      else touchHashStmt.run(at, detailAt, hash, id);
    },
    /** `touch` for many rows seen again with nothing changed. */
    touchMany(ids: readonly number[], at: number, detailAt: number | null): void {
      if (ids.length > 0) touchManyStmt.run(at, detailAt, JSON.stringify(ids));
    },
    markRemoved(id: number, at: number): void {
      removeStmt.run(at, at, id);
    },
    accounts(): AccountRef[] {
      return accountsStmt.all();
    },
    account(id: string): AccountRef | null {
      return accountStmt.get(id) ?? null;
    },
    accountLabels(): Map<string, string> {
      return new Map(labelsStmt.all().map((a) => [a.id, a.label]));
    },
    /** Each account with its present-domain count and last successful sync (epoch ms). */
    accountSummaries(): (AccountRef & { domains: number; lastSyncAt: number | null })[] {
      return summariesStmt.all();
    },
    markAccountSynced(accountId: string, at: number): void {
      setAccountSynced.run(at, accountId);
    },
  };
}
export type DomainsRepo = ReturnType<typeof createDomainsRepo>;
