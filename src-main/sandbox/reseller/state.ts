import type { SandboxDomain } from '../core/portfolio.js';
import { randomToken } from '../core/rng.js';
import type { SimulatorDeps } from '../core/types.js';
import { readResellerOptions, type ResellerOptions } from './options.js';

/** Sanctum-style token abilities named in the seed's endpoint table. */
export const ALL_ABILITIES = ['billing.read', 'domains.read', 'domains.write', 'orders.read', 'orders.write'] as const;
export type Ability = (typeof ALL_ABILITIES)[number];

export const CURRENCY = 'IDR';
const DAY = 86_400_000;

export interface DnsRecord {
  id: number;
  type: string;
  name: string;
  value: string;
  ttl: number;
  priority: number | null;
}

export interface DnsZone {
  records: DnsRecord[];
  updatedAt: number;
  /** When the active records were last pushed upstream (to Dynadot, per the seed). */
  pushedAt: number | null;
}

export interface ResellerDomain {
  id: number;
  name: string;
  unicode: string;
  tld: string;
  createdAt: number;
  expiresAt: number;
  autoRenew: boolean;
  locked: boolean;
  privacy: 'full' | 'partial' | 'off';
  nameservers: string[];
  renewPriceMinor: number;
  premium: boolean;
  dns: DnsZone | null;
}

export type OrderType = 'register' | 'renew' | 'transfer';
export type OrderStatus = 'awaiting_payment' | 'processing' | 'completed' | 'failed';
export type InvoiceStatus = 'unpaid' | 'paid' | 'expired';
export type PaymentMethod = 'wallet' | 'gateway';

export interface Invoice {
  id: number;
  number: string;
  status: InvoiceStatus;
  amount: number;
  currency: string;
  paymentMethod: PaymentMethod | null;
  paymentUrl: string;
  dueAt: number;
  paidAt: number | null;
  createdAt: number;
}

export interface Order {
  id: number;
  type: OrderType;
  domain: string;
  years: number;
  status: OrderStatus;
  privacy: 'full' | 'partial' | 'off' | null;
  autoRenew: boolean | null;
  amount: number;
  currency: string;
  failureReason: string | null;
  createdAt: number;
  updatedAt: number;
  processingSince: number | null;
  completedAt: number | null;
  /** The domain's expiry once the order completed. */
  resultExpiresAt: number | null;
  /** Set at payment when a failNextProvisioning control was pending. */
  failWith: string | null;
  idempotencyKey: string | null;
  invoice: Invoice;
}

export interface StoredResponse {
  fingerprint: string;
  status: number;
  headers: Record<string, string>;
  body: string;
  createdAt: number;
}

export interface WebhookDelivery {
  id: string;
  event: string;
  url: string;
  attemptedAt: number;
  status: number | null;
  error: string | null;
  body: string;
}

export interface AccountState {
  label: string;
  accountId: number;
  name: string;
  email: string;
  token: string;
  tokenName: string;
  abilities: ReadonlySet<Ability>;
  tokenLastUsedAt: number | null;
  walletBalance: number;
  domainCount: number;
  /** Materialised on first use (portfolios are large; most runs touch one account). */
  domainList: ResellerDomain[] | null;
  byName: Map<string, ResellerDomain>;
  orders: Order[];
  /** Orders still awaiting payment or processing: what refresh() has to look at. */
  openOrders: Set<Order>;
  webhook: { url: string | null; secret: string };
  failNext: string | null;
  idempotency: Map<string, StoredResponse>;
  deliveries: WebhookDelivery[];
}

/** All mutable state of the reseller simulator for one sandbox run. */
export class ResellerStore {
  readonly options: ResellerOptions;
  readonly accounts: AccountState[];
  private nextOrderId = 10_001;
  private nextInvoiceId = 50_001;
  private nextRecordId = 1;

  constructor(private readonly deps: SimulatorDeps) {
    this.options = readResellerOptions(deps.options);
    const first = this.options.domains;
    const specs: { label: string; name: string; abilities: readonly Ability[]; count: number }[] = [
      { label: 'rsl-a', name: 'Nusantara Hosting', abilities: ALL_ABILITIES, count: first },
      { label: 'rsl-b', name: 'Kopi Digital Studio', abilities: ['domains.read', 'orders.read'], count: Math.max(5, Math.floor(first / 20)) },
    ];
    this.accounts = specs.map((s, i) => ({
      label: s.label,
      accountId: 101 + i,
      name: s.name,
      email: `billing@${s.label}.reseller.test`,
      // Credentials come from the seeded RNG so a given --seed always prints the same tokens.
      token: `drk_${randomToken(deps.rng, 40)}`,
      tokenName: s.abilities.length === ALL_ABILITIES.length ? 'automation' : 'read-only portal',
      abilities: new Set(s.abilities),
      tokenLastUsedAt: null,
      walletBalance: this.options.walletBalance,
      domainCount: s.count,
      domainList: null,
      byName: new Map(),
      orders: [],
      openOrders: new Set(),
      webhook: { url: this.options.webhookUrl, secret: this.options.webhookSecret ?? `whsec_${randomToken(deps.rng, 32)}` },
      failNext: null,
      idempotency: new Map(),
      deliveries: [],
    }));
  }

  byToken(token: string): AccountState | undefined {
    return this.accounts.find((a) => a.token === token);
  }

  byLabel(label: string): AccountState | undefined {
    return this.accounts.find((a) => a.label === label);
  }

  domains(account: AccountState): ResellerDomain[] {
    if (account.domainList) return account.domainList;
    const index = this.accounts.indexOf(account);
    const base = (index + 1) * 10_000_000;
    const source = this.deps.portfolio.forAccount({ registrar: 'reseller', account: account.label, count: account.domainCount, currency: CURRENCY });
    const list = source.map((d, i) => toResellerDomain(d, base + i + 1));
    account.domainList = list;
    for (const d of list) account.byName.set(d.name, d);
    return list;
  }

  findDomain(account: AccountState, name: string): ResellerDomain | undefined {
    this.domains(account);
    return account.byName.get(name);
  }

  /** Whether any reseller account holds the name (the shared registry view). */
  heldByAnyAccount(name: string): AccountState | undefined {
    return this.accounts.find((a) => this.findDomain(a, name) !== undefined);
  }

  addDomain(account: AccountState, domain: Omit<ResellerDomain, 'id'>): ResellerDomain {
    const list = this.domains(account);
    const index = this.accounts.indexOf(account);
    const created = { ...domain, id: (index + 1) * 10_000_000 + 5_000_000 + list.length + 1 };
    list.push(created);
    account.byName.set(created.name, created);
    return created;
  }

  /** Removes a domain (it was transferred to another account). */
  removeDomain(account: AccountState, name: string): void {
    const list = this.domains(account);
    const i = list.findIndex((d) => d.name === name);
    if (i >= 0) list.splice(i, 1);
    account.byName.delete(name);
  }

  now(): number {
    return this.deps.clock.now();
  }

  orderId(): number {
    return this.nextOrderId++;
  }

  invoiceId(): number {
    return this.nextInvoiceId++;
  }

  recordId(): number {
    return this.nextRecordId++;
  }

  token(length: number): string {
    return randomToken(this.deps.rng, length, 'abcdef0123456789');
  }
}

function toResellerDomain(d: SandboxDomain, id: number): ResellerDomain {
  return {
    id,
    name: d.name,
    unicode: d.unicode,
    tld: d.tld,
    createdAt: d.createdAt,
    expiresAt: d.expiresAt,
    autoRenew: d.autoRenew,
    locked: d.locked,
    privacy: d.privacy,
    nameservers: [...d.nameservers],
    renewPriceMinor: d.renewPriceMinor,
    premium: d.premium,
    dns: null,
  };
}

export type DomainStatus = 'active' | 'grace' | 'redemption' | 'pending_delete';

/** Status follows the expiry and the sandbox clock, so a renew or a clock jump changes it. */
export function domainStatus(expiresAt: number, now: number): DomainStatus {
  const daysPast = Math.floor((now - expiresAt) / DAY);
  if (daysPast <= 0) return 'active';
  if (daysPast <= 30) return 'grace';
  if (daysPast <= 55) return 'redemption';
  return 'pending_delete';
}
