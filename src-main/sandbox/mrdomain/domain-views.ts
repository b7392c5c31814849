import { ApiError } from './envelope.js';
import { asciiName, ymd, type Params } from './params.js';
import { DAY, isDefaultNs, nsIpv4, type AccountState, type Contact, type MrDomainState, type MrdDomain } from './state.js';
import { zoneByTld } from './zones.js';

/** How long a renewed domain reads "renewed" (Renewal in process) before it is "active" again. */
export const RENEW_PROCESSING_MS = 60_000;

/** Domain status from the seed's table, derived from the expiry so moving the sandbox clock ages domains. */
export function domainStatus(d: MrdDomain, now: number): string {
  const daysPast = Math.floor((now - d.expiresAt) / DAY);
  if (daysPast > 0) return daysPast <= 30 ? 'expired-renewgrace' : daysPast <= 55 ? 'expired-redemption' : 'expired-pendingdelete';
  if (d.renewedAt !== null && now - d.renewedAt < RENEW_PROCESSING_MS) return 'renewed';
  return 'active';
}

/** "Indicates whether the domain is in renewal period": not past redemption and one more year stays within the TLD's maximum. */
export function isRenewable(d: MrdDomain, now: number): boolean {
  if (Math.floor((now - d.expiresAt) / DAY) > 30) return false;
  // expiry + 1 year <= now + maxYears  <=>  expiry <= now + (maxYears - 1) years; memoized because list filters ask 100k times per call.
  return d.expiresAt <= latestRenewableExpiry(now, zoneByTld(d.tld)?.maxYears ?? 10);
}

// Single-entry memo: every row of one list call shares the same "now".
let limitNow = Number.NaN;
const limitByYears = new Map<number, number>();
function latestRenewableExpiry(now: number, maxYears: number): number {
  if (now !== limitNow) {
    limitNow = now;
    limitByYears.clear();
  }
  let limit = limitByYears.get(maxYears);
  if (limit === undefined) {
    limit = addYears(now, maxYears - 1);
    limitByYears.set(maxYears, limit);
  }
  return limit;
}

export function addYears(ms: number, years: number): number {
  const date = new Date(ms);
  date.setUTCFullYear(date.getUTCFullYear() + years);
  return date.getTime();
}

/** name, status, tld, tsExpir, domainID: the summary every per-domain action returns first. */
export function summary(d: MrdDomain, now: number): Record<string, unknown> {
  return { name: d.name, status: domainStatus(d, now), tld: d.tld, tsExpir: ymd(d.expiresAt), domainID: d.domainID };
}

/** infoType=status fields; transferBlock only for TLDs that support a lock (seed: "only for domains that allow it"). */
export function statusInfo(d: MrdDomain, now: number): Record<string, unknown> {
  const zone = zoneByTld(d.tld);
  return {
    tsCreate: ymd(d.createdAt),
    renewable: isRenewable(d, now),
    renewalMode: d.renewalMode,
    modifyBlock: d.modifyBlock,
    ...(zone?.transferLock === false ? {} : { transferBlock: d.transferBlock }),
    whoisPrivacy: d.whoisPrivacy,
    viewWhois: d.viewWhois,
    authcodeCheck: !d.transferBlock,
    serviceAssociated: d.service !== null,
    tag: d.tag,
    ownerverification: d.ownerverification,
  };
}

export function contactResponse(c: Contact, tld?: string): Record<string, unknown> {
  // orgType prints as a number when set (seed: "orgType": 612) and "" otherwise (contact/create example).
  const out: Record<string, unknown> = { ...c, orgType: /^\d+$/.test(c.orgType) ? Number(c.orgType) : c.orgType };
  // The esNicHandle only exists for contacts used on .ES domains (seed §5.25).
  if (tld === 'es') out.esNicHandle = `${c.contactID.slice(0, 2)}${c.contactID.slice(-4)}-ESNIC-F4`;
  return out;
}

export function contactInfo(account: AccountState, d: MrdDomain): Record<string, unknown> {
  const get = (id: string): Record<string, unknown> => {
    const c = account.contacts.get(id);
    return c ? contactResponse(c, d.tld) : {};
  };
  return { contactOwner: get(d.contacts.owner), contactAdmin: get(d.contacts.admin), contactTech: get(d.contacts.tech), contactBilling: get(d.contacts.billing) };
}

export function nameserverInfo(d: MrdDomain): Record<string, unknown> {
  return {
    defaultNS: isDefaultNs(d.nameservers),
    nameservers: d.nameservers.map((name, i) => {
      const glue = d.gluerecords.find((g) => g.name === name);
      const ipv4 = glue?.ipv4 ?? nsIpv4(name);
      return { order: i + 1, name, ...(ipv4 ? { ipv4 } : {}) };
    }),
  };
}

export function serviceOf(d: MrdDomain): Record<string, unknown> {
  return { name: d.name, type: 'Redirect And Parking', productkey: 'redir', status: 'active', tsExpir: ymd(d.expiresAt) };
}

export function glueInfo(d: MrdDomain): Record<string, unknown> {
  return { gluerecords: [...d.gluerecords].sort((a, b) => a.name.localeCompare(b.name)).map((g) => ({ ...g })) };
}

export function dnssecInfo(d: MrdDomain): Record<string, unknown> {
  return { dnssec: { active: d.dnssec.length > 0, entries: d.dnssec.map((e) => ({ ...e })) } };
}

/**
 * The domain a call is about: `domain` (name, Unicode accepted) or `domainID`,
 * one of them required (101). Not in this account: 2008 "Domain not found".
 */
export function targetDomain(state: MrDomainState, account: AccountState, p: Params): MrdDomain {
  const name = p.opt('domain');
  const id = p.opt('domainID');
  state.load(account);
  if (name !== undefined) {
    const ascii = asciiName(name.toLowerCase());
    if (ascii === null) throw new ApiError(2001, `Invalid domain name: ${name}`);
    const d = account.byName.get(ascii);
    if (!d) throw new ApiError(2008, `Domain not found: ${name}`);
    return d;
  }
  if (id !== undefined) {
    if (!/^\d+$/.test(id)) throw new ApiError(105, `Invalid value for domainID: ${id}`);
    const d = account.byId.get(Number(id));
    if (!d) throw new ApiError(2008, `Domain not found: ${id}`);
    return d;
  }
  throw new ApiError(101, 'Missing parameter: domain or domainID');
}
