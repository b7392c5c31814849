import type { SandboxDomain, SandboxPortfolio } from '../core/portfolio.js';
import { hashString } from '../core/rng.js';

const DAY = 86_400_000;

/** One DNS record as set by set_dns2 (main records have no subdomain). */
export interface DnsRecord {
  subdomain: string | null;
  type: string;
  value: string;
  /** main_recordx / sub_recordx: MX distance, forward type, stealth title or e-mail alias. */
  extra: string;
}

export interface DnssecRecord {
  keyTag?: string;
  digestType?: string;
  digest?: string;
  flags?: string;
  publicKey?: string;
  algorithm: string;
}

/** What the domain's name server setting is: parking, a list of hosts, or Dynadot DNS records. */
export type NsSetting =
  | { type: 'parking'; withAds: boolean }
  | { type: 'nameservers'; hosts: string[] }
  | { type: 'dns'; main: DnsRecord[]; sub: DnsRecord[]; ttl: number };

export interface DynDomain {
  name: string;
  unicode: string;
  tld: string;
  registeredAt: number;
  expiresAt: number;
  /** set_renew_option values. */
  renewOption: 'auto' | 'donot' | 'reset';
  locked: boolean;
  privacy: 'full' | 'partial' | 'off';
  ns: NsSetting;
  folderId: number;
  note: string;
  /** One-year renewal price in USD cents (premium names cost more). */
  renewPriceMinor: number;
  premium: boolean;
  dnssec: DnssecRecord[];
  authCode: string | null;
  /** Set when registered through this API: `delete` refunds it within the TLD's delete grace period. */
  registration: { at: number; costMinor: number } | null;
  renewedAfterRegistration: boolean;
}

export interface Folder {
  id: number;
  name: string;
  renewOption: 'auto' | 'donot' | 'reset';
  renewOptionEnabled: boolean;
}

export interface NameServer {
  id: number;
  host: string;
  ips: string[];
}

export interface OrderItem {
  type: string;
  name: string;
  duration: number;
  costMinor: number;
}

export interface Order {
  id: number;
  submittedAt: number;
  currency: string;
  totalMinor: number;
  status: 'Completed';
  items: OrderItem[];
}

export interface BackorderRequest {
  domain: string;
  createdAt: number;
  cutoffAt: number;
}

export interface DynAccount {
  label: string;
  key: string;
  username: string;
  currency: 'USD';
  balanceMinor: number;
  spentMinor: number;
  createdAt: number;
  /** search: "regular accounts may specify 1 domain per command, bulk and super bulk accounts up to 100". */
  searchLimit: number;
  /** Lazily filled on first use so a 100,000-name sandbox starts instantly. */
  domains(): Map<string, DynDomain>;
  folders: Folder[];
  nextFolderId: number;
  servers: NameServer[];
  nextServerId: number;
  orders: Order[];
  backorders: BackorderRequest[];
}

export type DomainStatus = 'active' | 'grace' | 'redemption' | 'pending-delete';

/** Same thresholds as the shared portfolio, evaluated against the sandbox clock so advancing it moves domains along. */
export function domainStatus(d: DynDomain, now: number): DomainStatus {
  const daysPast = Math.floor((now - d.expiresAt) / DAY);
  if (now <= d.expiresAt) return 'active';
  return daysPast <= 30 ? 'grace' : daysPast <= 55 ? 'redemption' : 'pending-delete';
}

export function addYears(ms: number, years: number): number {
  const d = new Date(ms);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.getTime();
}

const DYNADOT_NS = ['ns1.dynadot.com', 'ns2.dynadot.com'];

/** Name servers Dynadot reports for parked or Dynadot-DNS domains. */
export function effectiveHosts(d: DynDomain): string[] {
  return d.ns.type === 'nameservers' ? d.ns.hosts : DYNADOT_NS;
}

export interface AccountSpec {
  label: string;
  key: string;
  username: string;
  count: number;
  balanceMinor: number;
  searchLimit: number;
}

export function createAccount(spec: AccountSpec, portfolio: SandboxPortfolio, now: () => number): DynAccount {
  let domains: Map<string, DynDomain> | null = null;
  const account: DynAccount = {
    label: spec.label,
    key: spec.key,
    username: spec.username,
    currency: 'USD',
    balanceMinor: spec.balanceMinor,
    spentMinor: 0,
    createdAt: now() - 3 * 365 * DAY,
    searchLimit: spec.searchLimit,
    folders: [],
    nextFolderId: 0,
    servers: [],
    nextServerId: 0,
    orders: [],
    backorders: [],
    domains: () => {
      if (!domains) domains = load();
      return domains;
    },
  };

  function load(): Map<string, DynDomain> {
    const source = portfolio.forAccount({ registrar: 'dynadot', account: spec.label, count: spec.count, currency: 'USD' });
    const folderIds = new Map<string, number>();
    const serverHosts = new Set<string>();
    const map = new Map<string, DynDomain>();
    for (const s of source) {
      let folderId = -1;
      if (s.folder) {
        folderId = folderIds.get(s.folder) ?? -1;
        if (folderId < 0) {
          folderId = account.nextFolderId++;
          folderIds.set(s.folder, folderId);
          account.folders.push({ id: folderId, name: s.folder, renewOption: 'reset', renewOptionEnabled: false });
        }
      }
      const d = fromPortfolio(s, folderId);
      if (d.ns.type === 'nameservers') for (const h of d.ns.hosts) serverHosts.add(h);
      map.set(d.name, d);
    }
    // set_ns only accepts hosts that "already exist in your account", so the hosts the
    // portfolio uses start out in the account's name server list.
    for (const host of [...serverHosts].sort()) account.servers.push({ id: account.nextServerId++, host, ips: [] });
    return map;
  }
  return account;
}

function fromPortfolio(s: SandboxDomain, folderId: number): DynDomain {
  const parked = s.nameservers.every((h) => DYNADOT_NS.includes(h));
  const h = hashString(s.name);
  return {
    name: s.name,
    unicode: s.unicode,
    tld: s.tld,
    registeredAt: s.createdAt,
    expiresAt: s.expiresAt,
    renewOption: s.autoRenew ? 'auto' : h % 3 === 0 ? 'donot' : 'reset',
    locked: s.locked,
    privacy: s.privacy,
    ns: parked ? { type: 'parking', withAds: h % 2 === 0 } : { type: 'nameservers', hosts: [...s.nameservers] },
    folderId,
    note: '',
    renewPriceMinor: s.renewPriceMinor,
    premium: s.premium,
    dnssec: [],
    authCode: null,
    registration: null,
    renewedAfterRegistration: false,
  };
}

/** Lower-case ASCII (punycode) form of a domain parameter, or null when it is not a domain name. */
export function normalizeDomain(raw: string): string | null {
  const text = raw.trim().toLowerCase().replace(/\.$/, '');
  if (!text.includes('.') || text.length > 253) return null;
  let ascii: string;
  try {
    ascii = new URL(`http://${text}`).hostname;
  } catch {
    return null;
  }
  const labels = ascii.split('.');
  if (labels.some((l) => !/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(l))) return null;
  return ascii;
}
