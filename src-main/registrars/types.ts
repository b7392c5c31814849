import type { Dispatcher } from 'undici';
import type { DomainStatus } from '../../src-shared/domain-status.js';
import type { Money } from '../../src-shared/money.js';
import type { Lane } from '../scheduler/lane-types.js';

export type RegistrarId = 'dynadot' | 'mrdomain' | 'irsfa' | 'reseller';
export const registrarIds: readonly RegistrarId[] = ['dynadot', 'mrdomain', 'irsfa', 'reseller'];

/** What an account can do; the UI disables the rest and shows `reasons[capability]`. */
export interface Capabilities {
  /** 'user-supplied': the API has no list call; names come from the user and are kept current by info calls. */
  listDomains: 'api' | 'user-supplied';
  /**
   * Fields the list call does not return (left null in its rows) that
   * getDomain does; sync reads them per domain, and an incremental sync only
   * for domains whose list row changed or whose detail is stale. Absent = none.
   */
  listOmits?: readonly DomainDetailField[];
  renew: boolean;
  /** A live renewal price check before paying. */
  renewPriceCheck: boolean;
  /** Renewals complete later (invoice, then provisioning). */
  asyncOrders: boolean;
  autoRenew: boolean;
  lock: boolean;
  privacy: boolean;
  nameservers: boolean;
  folders: boolean;
  dnsZone: 'zone-replace' | 'per-record' | false;
  dnssec: boolean;
  hosts: boolean;
  auctions: boolean;
  backorders: boolean;
  ssl: boolean;
  balance: boolean;
  authCode: boolean;
  /** Registrar-specific limits the UI explains (e.g. Dynadot set_dns2: max records, single TTL). */
  limits: Record<string, number | string | boolean>;
  /** Why a capability is false, in words a domain investor understands. */
  reasons: Partial<Record<Exclude<keyof Capabilities, 'limits' | 'reasons'>, string>>;
}

/** One domain as every registrar is normalized to. Times are ISO-8601 UTC strings. */
export interface NormalizedDomain {
  /** ASCII (punycode), lower case. */
  name: string;
  unicode: string;
  tld: string;
  expiresAt: string | null;
  /** Registry expiry when the registrar reports it separately. */
  registryExpiresAt: string | null;
  createdAt: string | null;
  status: DomainStatus;
  autoRenew: boolean | null;
  locked: boolean | null;
  privacy: 'full' | 'partial' | 'off' | null;
  nameservers: string[] | null;
  folder: string | null;
  renewalPrice: Money | null;
  /** Exactly what the registrar said about this domain (one list row or info payload). */
  raw: unknown;
}

/** The per-domain facts a list row or a detail read may carry (everything but identity and raw). */
export type DomainDetailField = Exclude<keyof NormalizedDomain, 'name' | 'unicode' | 'tld' | 'raw'>;

export interface RenewQuote {
  name: string;
  years: number;
  price: Money;
  /** Set when renewing now costs more than the normal price (grace period). */
  lateFee: Money | null;
  premium: boolean;
  warnings: string[];
}

export interface RenewRequest {
  name: string;
  years: number;
  /** Expiry the user saw; the adapter refuses to renew if the registrar's differs (already renewed elsewhere). */
  expectedExpiresAt: string;
  /** Stored in the job journal before the first send; registrars that support it get it on the wire. */
  idempotencyKey: string;
  allowLateFee: boolean;
}

export type RenewResult =
  | { state: 'renewed'; newExpiresAt: string | null; charged: Money | null; orderId?: string }
  /** Asynchronous registrars: an unpaid invoice or processing order exists. */
  | { state: 'pending'; orderId: string; invoice?: { id: string; amount: Money; paymentUrl: string | null; status: string } }
  /** The expiry had already moved: nothing was charged; not a failure to retry. */
  | { state: 'already-renewed'; currentExpiresAt: string | null };

/** Reading the domain back after a write whose outcome is unknown. */
export type ReconcileResult = 'applied' | 'not-applied' | 'unknown';

export interface AccountContext {
  accountId: string;
  label: string;
  registrar: RegistrarId;
  /** Origin of the API (real default, or the sandbox's endpoint); the adapter appends the real paths. */
  endpoint: string;
  credentials: Record<string, string>;
  lane: Lane;
  /** undici dispatcher for every request of this account. */
  http: Dispatcher;
  now(): number;
  /**
   * Encrypted per-account storage for secrets the adapter obtains itself
   * (e.g. an OAuth token), kept in the vault beside the credentials. Absent in
   * tests, where adapters keep such values in memory.
   */
  secretStore?: {
    get(id: string): Promise<Record<string, string> | null>;
    put(id: string, secret: Record<string, string>): Promise<void>;
    delete(id: string): Promise<void>;
  };
  /** Redacted diagnostics (never pass secrets; they are redacted anyway). */
  log(level: 'debug' | 'info' | 'warn' | 'error', message: string): void;
}

/**
 * What the sync engine, services and accounts screen need from any registrar.
 * Registrar-specific areas (auctions, DNS, SSL, ...) hang off the concrete
 * adapter types and are reached through capabilities.
 */
export interface RegistrarAdapter {
  readonly registrar: RegistrarId;
  readonly capabilities: Capabilities;
  /** A cheap read proving the credentials work; the detail says what was read (e.g. balance). */
  testConnection(): Promise<{ detail: string; balance?: Money }>;
  /** Pages of the whole portfolio. For 'user-supplied' lists, the adapter is given the names to refresh. */
  listDomains(options?: { names?: readonly string[]; signal?: AbortSignal }): AsyncIterable<NormalizedDomain[]>;
  getDomain(name: string, options?: { priority?: 'interactive' | 'bulk' }): Promise<NormalizedDomain>;
  getBalance?(): Promise<Money>;
  quoteRenewal?(name: string, years: number): Promise<RenewQuote>;
  renew(request: RenewRequest): Promise<RenewResult>;
  /** After OutcomeUnknown: read the domain back and say whether the renewal happened. */
  reconcileRenewal(request: RenewRequest): Promise<ReconcileResult>;
  setAutoRenew?(name: string, on: boolean): Promise<void>;
  setLock?(name: string, locked: boolean): Promise<void>;
  setNameservers?(name: string, nameservers: string[]): Promise<void>;
  setPrivacy?(name: string, privacy: 'full' | 'partial' | 'off'): Promise<void>;
  /** Moves the name into the folder of that exact name (which must exist where the registrar requires it), or out of every folder with null. */
  setFolder?(name: string, folder: string | null): Promise<void>;
}

export type AdapterFactory = (ctx: AccountContext) => RegistrarAdapter;
