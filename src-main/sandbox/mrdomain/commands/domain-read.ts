import { ApiError, type ActionResult } from '../envelope.js';
import { asciiName, pageOf, paging, ymdhms } from '../params.js';
import {
  contactInfo,
  dnssecInfo,
  domainStatus,
  glueInfo,
  isRenewable,
  nameserverInfo,
  serviceOf,
  statusInfo,
  summary,
  targetDomain,
} from '../domain-views.js';
import { authcodeOf, type MrdDomain } from '../state.js';
import type { ActionContext, ActionHandler } from './context.js';

/** infoType values domain/list accepts; "satus" is the seed's own spelling, accepted beside "status". */
const LIST_INFO = ['status', 'satus', 'contact', 'nameservers', 'service', 'gluerecords'] as const;
const GETINFO_INFO = ['status', 'contact', 'nameservers', 'authcode', 'service', 'gluerecords', 'dnssec'] as const;

function extra(c: ActionContext, d: MrdDomain, infoType: string): Record<string, unknown> {
  switch (infoType) {
    case 'status':
    case 'satus':
      return statusInfo(d, c.now);
    case 'contact':
      return contactInfo(c.account, d);
    case 'nameservers':
      return nameserverInfo(d);
    case 'authcode':
      if (d.transferBlock) throw new ApiError(300, 'The authcode cannot be retrieved while the transfer lock is on (authcodeCheck=false)');
      return { authcode: authcodeOf(d) };
    case 'service':
      return { service: d.service ? serviceOf(d) : {} };
    case 'gluerecords':
      return glueInfo(d);
    case 'dnssec':
      return dnssecInfo(d);
    default:
      return {};
  }
}

function list(c: ActionContext): ActionResult {
  const p = c.p;
  const pg = paging(p);
  const infoType = p.oneOf('infoType', LIST_INFO);
  const exact = p.opt('domain');
  const exactAscii = exact === undefined ? undefined : (asciiName(exact.toLowerCase()) ?? exact.toLowerCase());
  const word = p.opt('word')?.toLowerCase();
  const tld = p.opt('tld')?.toLowerCase().replace(/^\./, '');
  const renewable = p.bool('renewable');
  const owner = p.opt('owner');
  const tag = p.opt('tag');
  const status = p.opt('status');
  const ownerverification = p.opt('ownerverification');
  const filtered = tld !== undefined || renewable !== undefined || owner !== undefined || tag !== undefined || status !== undefined || ownerverification !== undefined || word !== undefined;
  const all = c.account.domains;
  let rows: readonly MrdDomain[];
  if (exactAscii !== undefined) {
    const d = c.account.byName.get(exactAscii);
    rows = d ? [d] : [];
  } else rows = all;
  // One linear pass per call, no sorting: paging through 100k names stays O(n) per page.
  if (filtered) {
    rows = rows.filter(
      (d) =>
        (word === undefined || d.name.includes(word) || d.unicode.includes(word)) &&
        (tld === undefined || d.tld === tld) &&
        (owner === undefined || d.contacts.owner === owner) &&
        (tag === undefined || d.tag.split(',').map((t) => t.trim()).includes(tag)) &&
        (ownerverification === undefined || d.ownerverification === ownerverification) &&
        (status === undefined || domainStatus(d, c.now) === status) &&
        (renewable === undefined || !renewable || isRenewable(d, c.now)),
    );
  }
  const { queryInfo, items } = pageOf(rows, pg);
  return {
    data: {
      queryInfo,
      domains: items.map((d) => ({ ...summary(d, c.now), ...(infoType ? extra(c, d, infoType) : {}) })),
    },
  };
}

function getinfo(c: ActionContext): ActionResult {
  const d = targetDomain(c.state, c.account, c.p);
  const infoType = c.p.oneOf('infoType', GETINFO_INFO, 'status')!;
  if (infoType === 'service' && !d.service) throw new ApiError(4001, `No service associated with ${d.name}`);
  return { data: { ...summary(d, c.now), ...extra(c, d, infoType) } };
}

/** The getinfo wrappers (seed §5.14–5.17). */
const wrapper =
  (infoType: (typeof GETINFO_INFO)[number]): ActionHandler =>
  (c) => {
    const d = targetDomain(c.state, c.account, c.p);
    return { data: { ...summary(d, c.now), ...extra(c, d, infoType) } };
  };

function whois(c: ActionContext): ActionResult {
  const raw = c.p.req('domain');
  const name = asciiName(raw.toLowerCase());
  if (name === null) throw new ApiError(2001, `Invalid domain name: ${raw}`);
  const d = c.state.findDomain(c.account, name);
  // Seed §5.21: by default only domains in your own account.
  if (!d) throw new ApiError(2006, `Whois is only available for domains in your account: ${name}`);
  const owner = c.account.contacts.get(d.contacts.owner);
  const registrant = d.whoisPrivacy || !owner ? 'REDACTED FOR PRIVACY' : owner.contactType === 'organization' ? owner.orgName : `${owner.firstName} ${owner.lastName}`;
  const whoisData = [
    `Domain Name: ${d.name.toUpperCase()}`,
    `Registry Domain ID: ${d.domainID}_DOMAIN_${d.tld.toUpperCase()}`,
    'Registrar WHOIS Server: whois.dondominio.com',
    'Registrar URL: https://www.dondominio.com',
    `Creation Date: ${new Date(d.createdAt).toISOString()}`,
    `Registry Expiry Date: ${new Date(d.expiresAt).toISOString()}`,
    'Registrar: Soluciones Corporativas IP, SL',
    `Domain Status: ${d.transferBlock ? 'clientTransferProhibited' : 'ok'}`,
    `Registrant Name: ${registrant}`,
    ...d.nameservers.map((ns) => `Name Server: ${ns.toUpperCase()}`),
    `DNSSEC: ${d.dnssec.length ? 'signedDelegation' : 'unsigned'}`,
  ].join('\n');
  return { data: { domain: d.name, whoisData } };
}

function gethistory(c: ActionContext): ActionResult {
  const d = targetDomain(c.state, c.account, c.p);
  const pg = paging(c.p);
  // Newest first; the registration itself is the oldest entry.
  const created = { ts: d.createdAt, ip: '37.152.88.1', user: c.account.apiuser, title: 'Domain registered', message: `The domain ${d.name} has been registered.` };
  const entries = [...d.history].reverse().concat([created]);
  const { queryInfo, items } = pageOf(entries, pg);
  return {
    data: {
      ...summary(d, c.now),
      queryInfo,
      history: items.map((h) => ({ ts: ymdhms(h.ts), ip: h.ip, user: h.user, title: h.title, message: h.message })),
    },
  };
}

/** Nothing is ever deleted in the sandbox, so the list is empty (but paged like every list). */
function listdeleted(c: ActionContext): ActionResult {
  const { queryInfo } = pageOf([], paging(c.p));
  return { data: { queryInfo, domains: [] as { name: string; tld: string; tsDeleted: string; info: string }[] } };
}

export const DOMAIN_READ_ACTIONS: Record<string, ActionHandler> = {
  'domain/list': list,
  'domain/getinfo': getinfo,
  'domain/getauthcode': wrapper('authcode'),
  'domain/getnameservers': wrapper('nameservers'),
  'domain/getgluerecords': wrapper('gluerecords'),
  'domain/getdnssec': wrapper('dnssec'),
  'domain/whois': whois,
  'domain/gethistory': gethistory,
  'domain/listdeleted': listdeleted,
};

