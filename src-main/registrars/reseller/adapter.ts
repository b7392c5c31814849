import { money, type Money } from '../../../src-shared/money.js';
import { RegistrarError, isRegistrarError } from '../errors.js';
import type { AccountContext, Capabilities, NormalizedDomain, RegistrarAdapter, RenewQuote } from '../types.js';
import { AbilityTracker, type AbilityEntry } from './abilities.js';
import { ROUTES, ResellerClient } from './client.js';
import { pushDnsRecords, replaceDnsRecords, MAX_DNS_RECORDS, type DnsWriteOptions, type DnsWriteResult } from './dns.js';
import { getDomain, listDomainPages, searchDomains, SEARCH_BATCH } from './domains.js';
import { createOrder, findOrders, listOrders, pollOrder, reconcileRenewalOrder, renewOrder, waitForOrder, type CreatedOrder, type OrderFilter, type OrderRef, type PageOptions, type RenewalReconciliation, type WaitOptions } from './orders.js';
import { statusWire, type Availability, type DnsRecordInput, type ResellerOrder } from './parse.js';
import { acceptRelayedWebhook, type RelayOptions, type WebhookVerification } from './webhook-verifier.js';

export interface ResellerStatus {
  accountName: string | null;
  accountStatus: string | null;
  tokenName: string | null;
  abilities: string[];
  wallet: Money;
}

export interface RegisterOrderRequest {
  name: string;
  years: number;
  privacy?: 'full' | 'partial' | 'off';
  autoRenew?: boolean;
  /** Stored in the job journal before the first send. */
  idempotencyKey: string;
}

export interface TransferOrderRequest {
  name: string;
  authCode: string;
  privacy?: 'full' | 'partial' | 'off';
  autoRenew?: boolean;
  idempotencyKey: string;
}

/** RegistrarAdapter plus what only the reseller API has: abilities, orders, zone DNS, relayed webhooks. */
export interface ResellerAdapter extends RegistrarAdapter {
  readonly registrar: 'reseller';
  /** What the token may do: GET /status when it may read it, cheap list reads for the rest; writes are learned from 403s. */
  probeAbilities(): Promise<AbilityEntry[]>;
  abilities(): AbilityEntry[];
  onAbilitiesChanged(listener: () => void): () => void;
  status(): Promise<ResellerStatus>;
  searchDomains(names: readonly string[]): Promise<Availability[]>;
  listOrders(filter?: OrderFilter, options?: PageOptions): AsyncIterable<ResellerOrder[]>;
  findOrders(filter?: OrderFilter, options?: PageOptions): Promise<ResellerOrder[]>;
  /** Current state of an order: an order id, a domain (its newest order), or both. */
  pollOrder(ref: OrderRef): Promise<ResellerOrder>;
  waitForOrder(ref: OrderRef, options?: WaitOptions): Promise<ResellerOrder>;
  registerDomain(request: RegisterOrderRequest): Promise<CreatedOrder>;
  transferDomain(request: TransferOrderRequest): Promise<CreatedOrder>;
  /** reconcileRenewal with the order it found or created and why. */
  reconcileRenewalOrder(request: Parameters<RegistrarAdapter['reconcileRenewal']>[0]): Promise<RenewalReconciliation>;
  replaceDnsRecords(domain: string, records: readonly DnsRecordInput[], options?: DnsWriteOptions): Promise<DnsWriteResult>;
  pushDnsRecords(domain: string, options?: { idempotencyKey?: string }): Promise<DnsWriteResult>;
  /** Verifies a relayed event with the given secret (or the account's `webhookSecret` credential); rejections are logged. */
  acceptRelayedWebhook(input: string | Buffer, options?: Partial<Omit<RelayOptions, 'log'>>): WebhookVerification;
}

const NOT_IN_API = 'the reseller API has no call for this; use the reseller panel';

function capabilitiesFor(abilities: AbilityTracker): Capabilities {
  const renewReason = abilities.reasonIfMissing('orders.write');
  const dnsReason = abilities.reasonIfMissing('domains.write');
  const balanceReason = abilities.reasonIfMissing('billing.read');
  const listReason = abilities.reasonIfMissing('domains.read');
  const reasons: Capabilities['reasons'] = {
    autoRenew: NOT_IN_API,
    lock: NOT_IN_API,
    privacy: NOT_IN_API,
    nameservers: NOT_IN_API,
    folders: 'the reseller API has no folders',
    dnssec: NOT_IN_API,
    hosts: NOT_IN_API,
    auctions: 'the reseller API sells registrations, renewals and transfers only',
    backorders: 'the reseller API sells registrations, renewals and transfers only',
    ssl: NOT_IN_API,
    authCode: NOT_IN_API,
  };
  if (renewReason) reasons.renew = reasons.renewPriceCheck = renewReason;
  if (listReason) reasons.listDomains = reasons.renewPriceCheck = listReason;
  if (dnsReason) reasons.dnsZone = dnsReason;
  if (balanceReason) reasons.balance = balanceReason;
  return {
    listDomains: 'api',
    renew: renewReason === null,
    // The list's live renew_price × years is exactly what the renew order charges.
    renewPriceCheck: renewReason === null && listReason === null,
    asyncOrders: true,
    autoRenew: false,
    lock: false,
    privacy: false,
    nameservers: false,
    folders: false,
    dnsZone: dnsReason === null ? 'zone-replace' : false,
    dnssec: false,
    hosts: false,
    auctions: false,
    backorders: false,
    ssl: false,
    balance: balanceReason === null,
    authCode: false,
    limits: { maxDnsRecords: MAX_DNS_RECORDS, searchBatch: SEARCH_BATCH, maxYears: 10, transferYears: 1, dnsTtlMin: 60, dnsTtlMax: 86400, currency: 'IDR' },
    reasons,
  };
}

export function createResellerAdapter(ctx: AccountContext): ResellerAdapter {
  const tracker = new AbilityTracker();
  const client = new ResellerClient(ctx, tracker);
  const readDomain = (name: string): Promise<NormalizedDomain> => getDomain(client, name);

  /** The last status read by a probe, so testConnection does not read it twice. */
  let lastStatus: ResellerStatus | null = null;

  async function status(): Promise<ResellerStatus> {
    const answer = await client.call(ROUTES.status, { priority: 'interactive' });
    const s = client.data(ROUTES.status, answer, statusWire);
    tracker.fromStatus(s.token.abilities);
    lastStatus = { accountName: s.account?.name ?? null, accountStatus: s.account?.status ?? null, tokenName: s.token.name ?? null, abilities: s.token.abilities, wallet: money(s.wallet.balance, s.wallet.currency) };
    return lastStatus;
  }

  /** Runs a read that only proves an ability; a 403 is learned by the client and is not a failure here. */
  async function probe(read: () => Promise<unknown>): Promise<void> {
    try {
      await read();
    } catch (err) {
      if (!isRegistrarError(err) || err.kind !== 'NotAllowed') throw err;
    }
  }

  async function probeAbilities(): Promise<AbilityEntry[]> {
    lastStatus = null;
    await probe(status);
    if (tracker.state('domains.read') === 'unknown') await probe(() => client.call(ROUTES.domains, { query: { per_page: 1 }, priority: 'interactive' }));
    if (tracker.state('orders.read') === 'unknown') await probe(() => client.call(ROUTES.orders, { query: { per_page: 1 }, priority: 'interactive' }));
    return tracker.snapshot();
  }

  const adapter: ResellerAdapter = {
    registrar: 'reseller',
    // A getter: capabilities follow what the token turned out to be allowed to do.
    get capabilities() {
      return capabilitiesFor(tracker);
    },

    async testConnection() {
      const entries = await probeAbilities();
      const granted = entries.filter((e) => e.state === 'granted').map((e) => e.ability);
      if (granted.length === 0) {
        throw new RegistrarError({ registrar: 'reseller', kind: 'NotAllowed', message: 'The token was accepted but may not read anything (no billing.read, domains.read or orders.read ability).' });
      }
      const s = lastStatus as ResellerStatus | null;
      if (s) {
        return { detail: `${s.accountName ?? ctx.label}: ${s.accountStatus ?? 'active'}; token abilities ${s.abilities.join(', ')}`, balance: s.wallet };
      }
      return { detail: `token abilities ${granted.join(', ')} (no wallet: the token lacks billing.read)` };
    },

    async *listDomains(options = {}) {
      if (options.names) {
        // Refreshing chosen names: one exact lookup each.
        for (const name of options.names) {
          options.signal?.throwIfAborted();
          yield [await getDomain(client, name, 'bulk')];
        }
        return;
      }
      yield* listDomainPages(client, { signal: options.signal });
    },

    getDomain: (name, options) => getDomain(client, name, options?.priority ?? 'interactive'),

    async getBalance() {
      return (await status()).wallet;
    },

    async quoteRenewal(name, years): Promise<RenewQuote> {
      const d = await readDomain(name);
      if (d.status === 'redemption' || d.status === 'pending-delete') {
        throw new RegistrarError({ registrar: 'reseller', kind: 'Invalid', field: 'domain', message: `${d.name} is in ${d.status}; the reseller API cannot renew it. Restore it through the reseller panel.` });
      }
      if (!d.renewalPrice) throw new RegistrarError({ registrar: 'reseller', kind: 'Invalid', field: 'domain', message: `The reseller did not give a renewal price for ${d.name}.` });
      const premium = (d.raw as { premium?: unknown }).premium === true;
      const warnings = [
        'The renewal creates an unpaid invoice; the expiry moves only after it is paid and provisioned.',
        ...(d.status === 'grace' ? [`${d.name} has expired and is in its grace period.`] : []),
      ];
      return { name: d.name, years, price: money(d.renewalPrice.amountMinor * years, d.renewalPrice.currency), lateFee: null, premium, warnings };
    },

    renew: (request) => renewOrder(client, readDomain, request),
    async reconcileRenewal(request) {
      const r = await reconcileRenewalOrder(client, readDomain, request);
      ctx.log('info', `reseller renew reconcile ${request.name}: ${r.outcome} (${r.reason})`);
      return r.outcome;
    },
    reconcileRenewalOrder: (request) => reconcileRenewalOrder(client, readDomain, request),

    probeAbilities,
    abilities: () => tracker.snapshot(),
    onAbilitiesChanged: (listener) => tracker.onChange(listener),
    status,
    searchDomains: (names) => searchDomains(client, names),
    listOrders: (filter, options) => listOrders(client, filter, options),
    findOrders: (filter, options) => findOrders(client, filter, options),
    pollOrder: (ref) => pollOrder(client, ref, { priority: 'interactive' }),
    waitForOrder: (ref, options) => waitForOrder(client, ref, options),
    registerDomain: (r) =>
      createOrder(client, 'register', { domain: r.name.toLowerCase(), years: r.years, privacy: r.privacy ?? 'full', auto_renew: r.autoRenew ?? false }, r.idempotencyKey),
    transferDomain: (r) =>
      createOrder(client, 'transfer', { domain: r.name.toLowerCase(), auth_code: r.authCode, years: 1, privacy: r.privacy ?? 'full', auto_renew: r.autoRenew ?? false }, r.idempotencyKey),
    replaceDnsRecords: (domain, records, options) => replaceDnsRecords(client, domain, records, options),
    pushDnsRecords: (domain, options) => pushDnsRecords(client, domain, options),
    acceptRelayedWebhook(input, options = {}) {
      return acceptRelayedWebhook(input, {
        secret: options.secret ?? ctx.credentials.webhookSecret ?? '',
        nowMs: options.nowMs ?? ctx.now(),
        maxAgeSec: options.maxAgeSec,
        toleranceSec: options.toleranceSec,
        isDuplicate: options.isDuplicate,
        log: (level, message) => ctx.log(level, message),
      });
    },
  };
  return adapter;
}
