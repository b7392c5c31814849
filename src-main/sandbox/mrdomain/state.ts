import type { SandboxDomain } from '../core/portfolio.js';
import { hashString, randomToken, type Rng } from '../core/rng.js';
import type { SimulatorDeps } from '../core/types.js';
import { unicodeName } from './params.js';
import { seedCertificates, type Certificate } from './ssl-data.js';

const DAY = 86_400_000;

export type RenewalMode = 'autorenew' | 'manual' | 'letexpire';
export type Verification = 'verified' | 'notapplicable' | 'inprocess' | 'failed';

/** MrDomain's own name servers: what nameservers=default assigns (and what makes defaultNS true). */
export const DEFAULT_NS = ['dns1.dondominio.com', 'dns2.dondominio.com'];
const NS_IPV4: Record<string, string> = { 'dns1.dondominio.com': '37.152.88.12', 'dns2.dondominio.com': '178.33.146.32' };

export interface GlueRecord {
  name: string;
  ipv4: string;
  ipv6?: string;
}

export interface DsEntry {
  keytag: number;
  algorithm: number;
  digesttype: number;
  digest: string;
}

export interface HistoryEntry {
  ts: number;
  ip: string;
  user: string;
  title: string;
  message: string;
}

export interface DnsRecord {
  entityID: string;
  name: string;
  type: string;
  ttl: string;
  priority: string;
  value: string;
}

export interface Contact {
  contactID: string;
  contactType: 'individual' | 'organization';
  firstName: string;
  lastName: string;
  orgName: string;
  orgType: string;
  identNumber: string;
  email: string;
  phone: string;
  fax: string;
  address: string;
  postalCode: string;
  city: string;
  state: string;
  country: string;
  verificationstatus: Verification;
  daaccepted: boolean;
}

export interface MrdDomain {
  domainID: number;
  /** ASCII (punycode) name. */
  name: string;
  unicode: string;
  tld: string;
  createdAt: number;
  expiresAt: number;
  renewalMode: RenewalMode;
  modifyBlock: boolean;
  transferBlock: boolean;
  whoisPrivacy: boolean;
  viewWhois: boolean;
  nameservers: string[];
  tag: string;
  ownerverification: Verification;
  contacts: { owner: string; admin: string; tech: string; billing: string };
  renewPriceMinor: number;
  premium: boolean;
  gluerecords: GlueRecord[];
  dnssec: DsEntry[];
  history: HistoryEntry[];
  /** When the last renewal was accepted; the domain reads "renewed" (renewal in process) for a while after. */
  renewedAt: number | null;
  /** The "Redirect And Parking" service that carries the DNS zone; exists while the domain uses MrDomain's DNS. */
  service: { createdAt: number } | null;
  /** DNS zone of that service; null until first touched (then the default zone is materialized). */
  zone: DnsRecord[] | null;
}

export interface AccountState {
  label: string;
  apiuser: string;
  apipasswd: string;
  clientName: string;
  balanceMinor: number;
  thresholdMinor: number;
  domainCount: number;
  idBase: number;
  /** Filled on first use so a 100k portfolio costs nothing until someone asks. */
  loaded: boolean;
  domains: MrdDomain[];
  byName: Map<string, MrdDomain>;
  byId: Map<number, MrdDomain>;
  contacts: Map<string, Contact>;
  certificates: Map<number, Certificate>;
  nextCertificateID: number;
  nextEntitySeq: number;
}

export class MrDomainState {
  readonly accounts: AccountState[];

  constructor(private readonly deps: SimulatorDeps) {
    const domains = numberOption(deps.options.domains, 250);
    const rng = deps.rng;
    this.accounts = [
      makeAccount(rng, 'mrd-a', 'DomainDeck Sandbox A', domains, numberOption(deps.options.balanceMinorA, 500_000), 3_400_000),
      makeAccount(rng, 'mrd-b', 'DomainDeck Sandbox B', Math.max(5, Math.floor(domains / 20)), numberOption(deps.options.balanceMinorB, 1_500), 8_800_000),
    ];
  }

  byLabel(label: string): AccountState | undefined {
    return this.accounts.find((a) => a.label === label);
  }

  byApiUser(apiuser: string): AccountState | undefined {
    return this.accounts.find((a) => a.apiuser === apiuser);
  }

  /** Materializes the account's portfolio, contacts and certificates once. */
  load(account: AccountState): AccountState {
    if (account.loaded) return account;
    const now = this.deps.clock.now();
    const source = this.deps.portfolio.forAccount({ registrar: 'mrdomain', account: account.label, count: account.domainCount, currency: 'EUR' });
    const contacts = seedContacts(account.label);
    for (const c of contacts) account.contacts.set(c.contactID, c);
    const contactIds = contacts.map((c) => c.contactID);
    source.forEach((d, i) => {
      const rec = fromPortfolio(d, account.idBase + i, contactIds, now);
      account.domains.push(rec);
      account.byName.set(rec.name, rec);
      account.byId.set(rec.domainID, rec);
    });
    for (const cert of seedCertificates(account.domains.slice(0, 3).map((d) => d.name), account.nextCertificateID, now)) {
      account.certificates.set(cert.certificateID, cert);
      account.nextCertificateID = cert.certificateID + 1;
    }
    account.loaded = true;
    return account;
  }

  findDomain(account: AccountState, name: string): MrdDomain | undefined {
    return this.load(account).byName.get(name);
  }

  /** Whether any sandbox account holds the name (domain/check reports those as taken). */
  isRegistered(name: string): boolean {
    return this.accounts.some((a) => this.load(a).byName.has(name));
  }
}

function makeAccount(rng: Rng, label: string, clientName: string, domainCount: number, balanceMinor: number, idBase: number): AccountState {
  // Drawn in a fixed order from the simulator's seeded RNG, so one --seed always gives the same credentials.
  const apiuser = `dd${randomToken(rng, 8, 'abcdefghijklmnopqrstuvwxyz0123456789')}`;
  const apipasswd = randomToken(rng, 20);
  return {
    label,
    apiuser,
    apipasswd,
    clientName,
    balanceMinor,
    thresholdMinor: 3000,
    domainCount,
    idBase,
    loaded: false,
    domains: [],
    byName: new Map(),
    byId: new Map(),
    contacts: new Map(),
    certificates: new Map(),
    nextCertificateID: idBase === 3_400_000 ? 130_800 : 150_800,
    nextEntitySeq: 396_000,
  };
}

function fromPortfolio(d: SandboxDomain, domainID: number, contactIds: string[], now: number): MrdDomain {
  const h = hashString(d.name);
  const owner = contactIds[h % contactIds.length]!;
  const usesOurDns = d.nameservers[0] === DEFAULT_NS[0];
  return {
    domainID,
    name: d.name,
    unicode: d.unicode || unicodeName(d.name),
    tld: d.tld,
    createdAt: d.createdAt,
    expiresAt: d.expiresAt,
    renewalMode: d.autoRenew ? 'autorenew' : h % 4 === 0 ? 'letexpire' : 'manual',
    modifyBlock: h % 41 === 0,
    transferBlock: d.locked,
    whoisPrivacy: d.privacy !== 'off',
    viewWhois: d.privacy !== 'full',
    nameservers: [...d.nameservers],
    tag: d.folder ?? '',
    ownerverification: d.tld === 'es' ? 'notapplicable' : h % 13 === 0 ? 'inprocess' : 'verified',
    contacts: { owner, admin: owner, tech: contactIds[contactIds.length - 1]!, billing: owner },
    renewPriceMinor: d.renewPriceMinor,
    premium: d.premium,
    gluerecords: [],
    dnssec: [],
    history: [],
    renewedAt: null,
    service: usesOurDns ? { createdAt: Math.max(d.createdAt, now - 400 * DAY) } : null,
    zone: null,
  };
}

function seedContacts(label: string): Contact[] {
  const prefix = label === 'mrd-a' ? 3 : 7;
  const base = (
    id: string,
    type: Contact['contactType'],
    first: string,
    last: string,
    org: string,
    country: string,
    city: string,
    verification: Verification,
  ): Contact => ({
    contactID: id,
    contactType: type,
    firstName: first,
    lastName: last,
    orgName: org,
    orgType: type === 'organization' && country === 'ES' ? '612' : '',
    identNumber: `${country}${String(hashString(id) % 100_000_000).padStart(8, '0')}`,
    email: `${first.toLowerCase()}.${last.toLowerCase()}@example.${country === 'ES' ? 'es' : 'com'}`,
    phone: country === 'ES' ? '+34.912345678' : '+62.2150123456',
    fax: '',
    address: country === 'ES' ? 'Calle Mayor, 25' : 'Jl. Sudirman 12',
    postalCode: country === 'ES' ? '28013' : '10220',
    city,
    state: country === 'ES' ? 'Madrid' : 'DKI Jakarta',
    country,
    verificationstatus: verification,
    daaccepted: verification === 'verified',
  });
  return [
    base(`JSM-${prefix}2355464`, 'individual', 'John', 'Smith', '', 'US', 'Austin', 'verified'),
    base(`GSL-${prefix}2355465`, 'organization', 'Gloria', 'Sanz', 'Gotham Media S.L.', 'ES', 'Madrid', 'verified'),
    base(`BWI-${prefix}2355466`, 'individual', 'Budi', 'Wijaya', '', 'ID', 'Jakarta', 'inprocess'),
    base(`DDT-${prefix}2355467`, 'organization', 'Dana', 'Tech', 'DomainDeck Tech S.L.', 'ES', 'Madrid', 'verified'),
  ];
}

export function nsIpv4(name: string): string | undefined {
  return NS_IPV4[name];
}

export function isDefaultNs(nameservers: readonly string[]): boolean {
  return nameservers.length === DEFAULT_NS.length && nameservers.every((n, i) => n === DEFAULT_NS[i]);
}

/** Deterministic EPP code per domain, computed on demand rather than stored for 100k names. */
export function authcodeOf(d: MrdDomain): string {
  const h1 = hashString(`auth/${d.name}`).toString(36);
  const h2 = hashString(`code/${d.domainID}`).toString(36);
  return `${h1.slice(0, 5)}&${h2.slice(0, 6)}!Q`;
}

export function numberOption(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

export { DAY };
