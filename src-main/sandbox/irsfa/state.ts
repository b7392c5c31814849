import { createRng, hashString, randomToken } from '../core/rng.js';
import type { SimulatorDeps } from '../core/types.js';
import { addYears, DAY_MS } from './format.js';

/**
 * Per-run state of the Irsfa simulator: accounts, their domains (from the
 * shared deterministic portfolio), contacts, child hosts, SSL orders and the
 * invoices every paid action creates.
 *
 * Money: amounts are stored in IDR minor units (sen, ISO 4217 exponent 2, the
 * portfolio's convention: Rp 178.600 = 17_860_000); the wire shows whole rupiah.
 * The seed documents no deposit/balance, so paid actions are invoiced, never refused for funds.
 */
export interface DsRecord {
  keyTag: string;
  alg: number;
  digestType: number;
  digest: string;
  createdAt: number;
  updatedAt: number;
}

export interface DocumentRecord {
  documentId: string;
  documentName: string;
  documentDescription: string;
  file: string;
  createdAt: number;
}

export interface IrsfaDomain {
  name: string;
  unicode: string;
  tld: string;
  createdAt: number;
  expiresAt: number;
  locked: boolean;
  nameservers: string[];
  renewPriceMinor: number;
  premium: boolean;
  contactId: string;
  /** null until changed: the code is derived from the seed and the name. */
  eppCode: string | null;
  dnssec: DsRecord[];
  documents: DocumentRecord[];
  /** Pending transfer-in completes at this time (simulated clock). */
  transferUntil: number | null;
  updatedAt: number;
}

export interface Contact {
  id: string;
  companyName: string | null;
  firstName: string;
  lastName: string;
  gender: string | null;
  telephone: string;
  street: string;
  number: string | null;
  zipCode: string;
  city: string;
  state: string;
  country: string;
  email: string;
  locale: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface HostRecord {
  nameserverId: number;
  host: string;
  domain: string;
  ipv4: string;
  ipv6: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface Invoice {
  invoiceNo: string;
  item: 'register' | 'renew' | 'transfer' | 'restore' | 'ssl-create' | 'ssl-renew';
  subject: string;
  years: number;
  amountMinor: number;
  currency: 'IDR';
  description: string | null;
  createdAt: number;
}

export interface PendingTransfer {
  name: string;
  from: string | null;
  to: string;
  dueAt: number;
}

export interface SslOrder {
  id: number;
  account: string;
  productId: string;
  hostnames: string[];
  csr: string;
  contact: string;
  approvalEmail: string;
  emailReissue: string | null;
  period: number;
  dcv: { hostName: string; method: string }[];
  createdAt: number;
  /** Validation completes (the certificate is issued) at this time. */
  issueAt: number;
  /** For renewals: the expiry the new certificate extends. */
  extendsFrom: number | null;
  reissueAt: number | null;
  updatedAt: number;
  vendorId: string;
  uuid: string;
  serial: string;
}

export interface AccountState {
  label: string;
  clientId: string;
  clientSecret: string;
  portfolioSize: number;
  /** Built on first use: 100 000 domains take under a second. */
  domains: Map<string, IrsfaDomain> | null;
  contacts: Map<string, Contact>;
  contactSeq: number;
  hosts: Map<string, HostRecord>;
  invoices: Invoice[];
  /** Handle prefix for this account's contacts, e.g. "IA" → "IA000001-ID". */
  handlePrefix: string;
}

/** Registration prices per year in whole rupiah for names outside the portfolio. */
export const TLD_PRICES_IDR: Record<string, number> = {
  com: 178_600, net: 211_100, org: 194_800, io: 649_800, co: 422_300, ai: 1_299_800, xyz: 227_300, app: 259_800,
  dev: 243_600, shop: 536_100, store: 731_100, info: 308_600, me: 292_300, es: 146_100, de: 129_800, eu: 162_300,
  id: 243_600, 'co.id': 194_800, 'my.id': 48_600, 'web.id': 97_300, 'biz.id': 97_300, 'or.id': 97_300,
  'ac.id': 97_300, 'sch.id': 48_600,
};
/** Redemption restore fee on top of the renewal, in whole rupiah (overridable: options.restoreFeeIdr). */
export const DEFAULT_RESTORE_FEE_IDR = 1_300_000;

export type DomainStatus = 'Active' | 'Expired' | 'Redemption' | 'Pending Delete' | 'Pending Transfer';

export function statusOf(d: IrsfaDomain, now: number): DomainStatus {
  if (d.transferUntil !== null) return 'Pending Transfer';
  const daysPast = Math.floor((now - d.expiresAt) / DAY_MS);
  if (daysPast <= 0) return 'Active';
  if (daysPast <= 30) return 'Expired';
  if (daysPast <= 55) return 'Redemption';
  return 'Pending Delete';
}

export class IrsfaState {
  readonly accounts = new Map<string, AccountState>();
  readonly transfers: PendingTransfer[] = [];
  readonly sslOrders = new Map<number, SslOrder>();
  private nextSslId = 31;
  private nextKeyPath = 12345;
  private nextHostId = 1201;
  private nextInvoice = 111_123_456;
  readonly seed: string;

  constructor(private readonly deps: SimulatorDeps) {
    this.seed = deps.portfolio.seed;
    const first = Math.max(0, Math.floor(Number(deps.options.domains ?? 250)));
    const sizes: [string, string, number][] = [
      ['irs-a', 'IA', first],
      ['irs-b', 'IB', Math.max(5, Math.floor(first / 20))],
    ];
    for (const [label, handlePrefix, portfolioSize] of sizes) {
      this.accounts.set(label, {
        label,
        clientId: uuidFrom(deps.rng.next.bind(deps.rng)),
        clientSecret: randomToken(deps.rng, 40),
        portfolioSize,
        domains: null,
        contacts: new Map(),
        contactSeq: 0,
        hosts: new Map(),
        invoices: [],
        handlePrefix,
      });
    }
    // Each account starts with one registrant contact, the registrant of its portfolio domains.
    for (const acc of this.accounts.values()) this.defaultContact(acc);
  }

  account(label: string): AccountState | undefined {
    return this.accounts.get(label);
  }

  /** The account's domains, generated from the shared portfolio on first use. */
  domainsOf(acc: AccountState): Map<string, IrsfaDomain> {
    if (acc.domains) return acc.domains;
    const registrant = this.defaultContact(acc);
    const map = new Map<string, IrsfaDomain>();
    const now = this.deps.clock.now();
    for (const d of this.deps.portfolio.forAccount({ registrar: 'irsfa', account: acc.label, count: acc.portfolioSize, currency: 'IDR' })) {
      map.set(d.name, {
        name: d.name,
        unicode: d.unicode,
        tld: d.tld,
        createdAt: d.createdAt,
        expiresAt: d.expiresAt,
        locked: d.locked,
        nameservers: [...d.nameservers],
        renewPriceMinor: d.renewPriceMinor,
        premium: d.premium,
        contactId: registrant.id,
        eppCode: null,
        dnssec: [],
        documents: [],
        transferUntil: null,
        updatedAt: Math.min(now, d.createdAt + DAY_MS),
      });
    }
    acc.domains = map;
    return map;
  }

  /** Which account holds `name` (pending transfers-in excluded), or null. */
  ownerOf(name: string): { account: AccountState; domain: IrsfaDomain } | null {
    for (const acc of this.accounts.values()) {
      const d = this.domainsOf(acc).get(name);
      if (d && d.transferUntil === null) return { account: acc, domain: d };
    }
    return null;
  }

  /** Names outside every account: ~40% are registered elsewhere (deterministic per seed), short labels always. */
  registeredElsewhere(name: string): boolean {
    const label = name.split('.')[0] ?? '';
    if (label.length <= 3) return true;
    return hashString(`${this.seed}/taken/${name}`) % 10 < 4;
  }

  eppCode(d: IrsfaDomain): string {
    return d.eppCode ?? this.externalEpp(d.name);
  }

  /** The auth code a domain registered at another registrar has (tests read it via the `eppFor` control). */
  externalEpp(name: string): string {
    return randomToken(createRng(`${this.seed}/epp/${name}`), 12, 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789?:!');
  }

  defaultContact(acc: AccountState): Contact {
    const existing = acc.contacts.values().next();
    if (!existing.done) return existing.value;
    const now = this.deps.clock.now();
    return this.addContact(acc, {
      companyName: 'DomainDeck Sandbox',
      firstName: 'Budi',
      lastName: acc.label === 'irs-a' ? 'Santoso' : 'Wijaya',
      gender: 'M',
      telephone: '+6282111111111',
      street: 'Jl. Sudirman',
      number: '19',
      zipCode: '12190',
      city: 'Jakarta Selatan',
      state: 'DKI Jakarta',
      country: 'ID',
      email: `${acc.label}@sandbox.domaindeck.invalid`,
      locale: 'en_GB',
      createdAt: now,
      updatedAt: now,
    });
  }

  addContact(acc: AccountState, data: Omit<Contact, 'id'>): Contact {
    acc.contactSeq++;
    const contact: Contact = { id: `${acc.handlePrefix}${String(acc.contactSeq).padStart(6, '0')}-ID`, ...data };
    acc.contacts.set(contact.id, contact);
    return contact;
  }

  sslId(): number {
    return this.nextSslId++;
  }

  keyPath(): string {
    return `key_${this.nextKeyPath++}`;
  }

  hostId(): number {
    return this.nextHostId++;
  }

  invoice(acc: AccountState, entry: Omit<Invoice, 'invoiceNo' | 'currency' | 'createdAt'>): Invoice {
    const inv: Invoice = { invoiceNo: `IN-Q${this.nextInvoice++}`, currency: 'IDR', createdAt: this.deps.clock.now(), ...entry };
    acc.invoices.push(inv);
    return inv;
  }

  /** Completes transfers whose time has come: the domain leaves the losing account and gains a year. */
  settleTransfers(now: number): void {
    for (let i = this.transfers.length - 1; i >= 0; i--) {
      const t = this.transfers[i]!;
      if (t.dueAt > now) continue;
      this.transfers.splice(i, 1);
      const target = this.accounts.get(t.to);
      const d = target ? this.domainsOf(target).get(t.name) : undefined;
      if (!target || !d) continue;
      if (t.from) {
        const source = this.accounts.get(t.from);
        if (source) {
          this.domainsOf(source).delete(t.name);
          for (const [host, rec] of source.hosts) if (rec.domain === t.name) source.hosts.delete(host);
        }
      }
      d.transferUntil = null;
      d.expiresAt = addYears(d.expiresAt, 1);
      // The gaining registrar issues a fresh auth code.
      d.eppCode = this.externalEpp(`${t.name}#${t.dueAt}`);
      d.updatedAt = t.dueAt;
    }
  }
}

function uuidFrom(next: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(next() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
