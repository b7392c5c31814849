import { isIP } from 'node:net';
import { ApiError, DONE, type ActionResult } from '../envelope.js';
import { asciiName, money, ymd } from '../params.js';
import { addYears, domainStatus, dnssecInfo, glueInfo, summary, targetDomain } from '../domain-views.js';
import { DEFAULT_NS, type MrdDomain, type RenewalMode } from '../state.js';
import { zoneOf } from '../zones.js';
import { readContact } from './contact.js';
import type { ActionContext, ActionHandler } from './context.js';

const UPDATE_TYPES = ['contact', 'nameservers', 'transferBlock', 'block', 'whoisPrivacy', 'renewalMode', 'tag', 'viewWhois'] as const;
const RENEWAL_MODES: readonly RenewalMode[] = ['autorenew', 'manual', 'letexpire'];

function record(c: ActionContext, d: MrdDomain, title: string, message: string): void {
  d.history.push({ ts: c.now, ip: c.ip, user: c.account.apiuser, title, message });
}

function isDead(d: MrdDomain, now: number): boolean {
  const s = domainStatus(d, now);
  return s === 'expired-redemption' || s === 'expired-pendingdelete';
}

/**
 * domain/renew. curExpDate must equal the current expiry: that guard is what
 * makes a retried renewal safe, so a mismatch is refused (2100) before
 * anything is checked or charged.
 */
function renew(c: ActionContext): ActionResult {
  const d = targetDomain(c.state, c.account, c.p);
  const raw = c.p.req('curExpDate');
  const m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(raw);
  if (!m) throw new ApiError(105, `Invalid curExpDate (use YYYYMMDD or YYYY-MM-DD): ${raw}`);
  const current = ymd(d.expiresAt);
  if (`${m[1]}-${m[2]}-${m[3]}` !== current) {
    throw new ApiError(2100, `curExpDate ${raw} does not match the current expiration date of ${d.name} (${current})`);
  }
  const period = c.p.int('period', 1, 1, 10);
  if (isDead(d, c.now)) throw new ApiError(2101, `${d.name} is ${domainStatus(d, c.now)} and cannot be renewed`);
  if (d.modifyBlock) throw new ApiError(2102, `${d.name} has the modifications lock (block) enabled`);
  const zone = zoneOf(d.name);
  const maxYears = zone?.maxYears ?? 10;
  const newExpiry = addYears(d.expiresAt, period);
  if (newExpiry > addYears(c.now, maxYears)) throw new ApiError(2101, `Renewing ${d.name} for ${period} year(s) exceeds the ${maxYears}-year maximum of .${d.tld}`);
  const totalMinor = d.renewPriceMinor * period;
  if (c.account.balanceMinor < totalMinor) {
    throw new ApiError(1100, `Insufficient balance: ${money(totalMinor).toFixed(2)} EUR needed, ${money(c.account.balanceMinor).toFixed(2)} EUR available`);
  }
  c.account.balanceMinor -= totalMinor;
  d.expiresAt = newExpiry;
  d.renewedAt = c.now;
  record(c, d, 'Domain renewal', `The domain has been renewed for ${period} year(s). New expiration date: ${ymd(newExpiry)}.`);
  return {
    data: {
      billing: { total: money(totalMinor), currency: 'EUR' },
      domains: [{ name: d.name, status: domainStatus(d, c.now), tld: d.tld, domainID: d.domainID, tsExpir: ymd(d.expiresAt), renewPeriod: String(period) }],
    },
  };
}

function parseNameservers(c: ActionContext, d: MrdDomain): string[] {
  const raw = c.p.req('nameservers');
  if (raw.toLowerCase() === 'default') return [...DEFAULT_NS];
  const list = raw.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  if (list.length < 2 || list.length > 7) throw new ApiError(105, 'nameservers needs between 2 and 7 DNS servers');
  const out: string[] = [];
  for (const ns of list) {
    const ascii = asciiName(ns);
    if (ascii === null) throw new ApiError(105, `Invalid nameserver: ${ns}`);
    if (out.includes(ascii)) throw new ApiError(105, `Duplicated nameserver: ${ns}`);
    // A server inside the domain itself cannot resolve without a glue record.
    if (ascii.endsWith(`.${d.name}`) && !d.gluerecords.some((g) => g.name === ascii)) {
      throw new ApiError(2200, `${ascii} is inside ${d.name}: create its gluerecord first`);
    }
    out.push(ascii);
  }
  return out;
}

function applyNameservers(c: ActionContext, d: MrdDomain): void {
  const ns = parseNameservers(c, d);
  d.nameservers = ns;
  // nameservers=default hands DNS to MrDomain, which attaches the parking/DNS service (and its zone).
  if (ns[0] === DEFAULT_NS[0] && !d.service) d.service = { createdAt: c.now };
  record(c, d, 'Nameservers', `Nameservers changed to ${ns.join(', ')}.`);
}

/**
 * Contacts given in this call; roles left out follow the seed's fallback
 * chain (admin <- owner, tech <- admin, billing <- admin) from the roles that
 * were given. A call naming no contact at all is 101.
 */
function applyContacts(c: ActionContext, d: MrdDomain): void {
  const owner = readContact(c.account, c.p, 'owner');
  const admin = readContact(c.account, c.p, 'admin') ?? owner;
  const tech = readContact(c.account, c.p, 'tech') ?? admin;
  const billing = readContact(c.account, c.p, 'billing') ?? admin;
  if (!owner && !admin && !tech && !billing) throw new ApiError(101, 'Missing parameter: ownerContactID or ownerContact data (or admin/tech/billing)');
  if (owner) {
    d.contacts.owner = owner;
    const v = c.account.contacts.get(owner)?.verificationstatus;
    if (v) d.ownerverification = v;
  }
  if (admin) d.contacts.admin = admin;
  if (tech) d.contacts.tech = tech;
  if (billing) d.contacts.billing = billing;
  record(c, d, 'Contacts', 'Domain contacts have been updated.');
}

function guardUpdate(c: ActionContext, d: MrdDomain, updateType: string): void {
  if (isDead(d, c.now)) throw new ApiError(2201, `${d.name} is ${domainStatus(d, c.now)} and cannot be modified`);
  if (d.modifyBlock && updateType !== 'block') throw new ApiError(2202, `${d.name} has the modifications lock (block) enabled`);
}

function update(c: ActionContext): ActionResult {
  const d = targetDomain(c.state, c.account, c.p);
  const updateType = c.p.oneOf('updateType', UPDATE_TYPES);
  if (updateType === undefined) throw new ApiError(101, 'Missing parameter: updateType');
  guardUpdate(c, d, updateType);
  switch (updateType) {
    case 'contact':
      applyContacts(c, d);
      break;
    case 'nameservers':
      applyNameservers(c, d);
      break;
    case 'transferBlock': {
      const on = c.p.reqBool('transferBlock');
      if (zoneOf(d.name)?.transferLock === false) throw new ApiError(2201, `.${d.tld} domains have no transfer lock`);
      d.transferBlock = on;
      record(c, d, 'Transfer lock', `The transfer lock has been ${on ? 'enabled' : 'disabled'}.`);
      break;
    }
    case 'block': {
      d.modifyBlock = c.p.reqBool('block');
      record(c, d, 'Modifications lock', `The modifications lock has been ${d.modifyBlock ? 'enabled' : 'disabled'}.`);
      break;
    }
    case 'whoisPrivacy':
      d.whoisPrivacy = c.p.reqBool('whoisPrivacy');
      record(c, d, 'Whois Privacy status', `The Whois privacy service has been ${d.whoisPrivacy ? 'activated' : 'deactivated'}.`);
      break;
    case 'viewWhois':
      d.viewWhois = c.p.reqBool('viewWhois');
      record(c, d, 'Whois visibility', `Whois information visibility has been ${d.viewWhois ? 'enabled' : 'disabled'}.`);
      break;
    case 'renewalMode': {
      const mode = c.p.oneOf('renewalMode', RENEWAL_MODES);
      if (mode === undefined) throw new ApiError(101, 'Missing parameter: renewalMode');
      d.renewalMode = mode;
      record(c, d, 'Renewal mode', `The renewal mode is now ${mode}.`);
      break;
    }
    case 'tag':
      // Present but empty clears the tag; absent is a parameter fault.
      if (!c.p.keys().includes('tag')) throw new ApiError(101, 'Missing parameter: tag');
      d.tag = (c.p.opt('tag') ?? '').split(',').map((t) => t.trim()).filter(Boolean).join(',');
      record(c, d, 'Tag', `The domain tag is now "${d.tag}".`);
      break;
  }
  return { data: summary(d, c.now), messages: DONE };
}

function updateNameservers(c: ActionContext): ActionResult {
  const d = targetDomain(c.state, c.account, c.p);
  guardUpdate(c, d, 'nameservers');
  applyNameservers(c, d);
  return { data: summary(d, c.now) };
}

function updateContacts(c: ActionContext): ActionResult {
  const d = targetDomain(c.state, c.account, c.p);
  guardUpdate(c, d, 'contact');
  applyContacts(c, d);
  return { data: summary(d, c.now) };
}

function glueTarget(c: ActionContext): { d: MrdDomain; name: string } {
  const d = targetDomain(c.state, c.account, c.p);
  guardUpdate(c, d, 'gluerecords');
  const raw = c.p.req('name');
  const name = asciiName(raw.toLowerCase());
  if (name === null || !name.endsWith(`.${d.name}`)) throw new ApiError(105, `Gluerecord name must be a host inside ${d.name}: ${raw}`);
  return { d, name };
}

function glueAddresses(c: ActionContext): { ipv4: string; ipv6?: string } {
  const ipv4 = c.p.req('ipv4');
  if (isIP(ipv4) !== 4) throw new ApiError(105, `Invalid ipv4: ${ipv4}`);
  const ipv6 = c.p.opt('ipv6');
  if (ipv6 !== undefined && isIP(ipv6) !== 6) throw new ApiError(105, `Invalid ipv6: ${ipv6}`);
  return ipv6 === undefined ? { ipv4 } : { ipv4, ipv6 };
}

function glueCreate(c: ActionContext): ActionResult {
  const { d, name } = glueTarget(c);
  const addr = glueAddresses(c);
  if (d.gluerecords.some((g) => g.name === name)) throw new ApiError(2200, `Gluerecord ${name} already exists`);
  d.gluerecords.push({ name, ...addr });
  record(c, d, 'Gluerecords', `Gluerecord ${name} created.`);
  return { data: { ...summary(d, c.now), ...glueInfo(d) }, messages: DONE };
}

function glueUpdate(c: ActionContext): ActionResult {
  const { d, name } = glueTarget(c);
  const addr = glueAddresses(c);
  const i = d.gluerecords.findIndex((g) => g.name === name);
  if (i < 0) throw new ApiError(2200, `Gluerecord ${name} does not exist`);
  d.gluerecords[i] = { name, ...addr };
  record(c, d, 'Gluerecords', `Gluerecord ${name} updated.`);
  return { data: { ...summary(d, c.now), ...glueInfo(d) }, messages: DONE };
}

function glueDelete(c: ActionContext): ActionResult {
  const { d, name } = glueTarget(c);
  const i = d.gluerecords.findIndex((g) => g.name === name);
  if (i < 0) throw new ApiError(2200, `Gluerecord ${name} does not exist`);
  if (d.nameservers.includes(name)) throw new ApiError(2200, `Gluerecord ${name} is in use as a nameserver of ${d.name}`);
  d.gluerecords.splice(i, 1);
  record(c, d, 'Gluerecords', `Gluerecord ${name} deleted.`);
  return { data: { ...summary(d, c.now), ...glueInfo(d) }, messages: DONE };
}

function dsFromParams(c: ActionContext): { keytag: number; algorithm: number; digesttype: number; digest: string } {
  const keytag = c.p.int('keytag', -1, 0, 65535);
  const algorithm = c.p.int('algorithm', -1, 1, 255);
  const digesttype = c.p.int('digesttype', -1, 1, 255);
  if (keytag < 0) throw new ApiError(101, 'Missing parameter: keytag');
  if (algorithm < 0) throw new ApiError(101, 'Missing parameter: algorithm');
  if (digesttype < 0) throw new ApiError(101, 'Missing parameter: digesttype');
  const digest = c.p.req('digest');
  if (!/^[A-Za-z0-9+/=]+$/.test(digest)) throw new ApiError(105, 'Invalid digest');
  return { keytag, algorithm, digesttype, digest };
}

function dnssecCreate(c: ActionContext): ActionResult {
  const d = targetDomain(c.state, c.account, c.p);
  guardUpdate(c, d, 'dnssec');
  const ds = dsFromParams(c);
  if (d.dnssec.some((e) => e.keytag === ds.keytag && e.digest === ds.digest)) throw new ApiError(2200, 'DNSSEC entry already exists');
  d.dnssec.push(ds);
  record(c, d, 'DNSSEC', `DNSSEC entry ${ds.keytag} added.`);
  return { data: { ...summary(d, c.now), ...dnssecInfo(d) }, messages: DONE };
}

function dnssecDelete(c: ActionContext): ActionResult {
  const d = targetDomain(c.state, c.account, c.p);
  guardUpdate(c, d, 'dnssec');
  const ds = dsFromParams(c);
  const i = d.dnssec.findIndex((e) => e.keytag === ds.keytag && e.algorithm === ds.algorithm && e.digesttype === ds.digesttype && e.digest === ds.digest);
  if (i < 0) throw new ApiError(2200, 'DNSSEC entry not found');
  d.dnssec.splice(i, 1);
  record(c, d, 'DNSSEC', `DNSSEC entry ${ds.keytag} removed.`);
  return { data: { ...summary(d, c.now), ...dnssecInfo(d) }, messages: DONE };
}

function resendVerification(c: ActionContext): ActionResult {
  const d = targetDomain(c.state, c.account, c.p);
  if (d.ownerverification !== 'inprocess' && d.ownerverification !== 'failed') {
    throw new ApiError(2210, `Owner contact verification of ${d.name} is ${d.ownerverification}: no verification email to send`);
  }
  return { data: summary(d, c.now), messages: DONE };
}

export const DOMAIN_WRITE_ACTIONS: Record<string, ActionHandler> = {
  'domain/renew': renew,
  'domain/update': update,
  'domain/updatenameservers': updateNameservers,
  'domain/updatecontacts': updateContacts,
  'domain/gluerecordcreate': glueCreate,
  'domain/gluerecordupdate': glueUpdate,
  'domain/gluerecorddelete': glueDelete,
  'domain/dnsseccreate': dnssecCreate,
  'domain/dnssecdelete': dnssecDelete,
  'domain/resendverificationmail': resendVerification,
};
