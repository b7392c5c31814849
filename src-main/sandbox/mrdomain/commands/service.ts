import { isIP } from 'node:net';
import { ApiError, DONE, type ActionResult } from '../envelope.js';
import { asciiName, pageOf, paging, ymd } from '../params.js';
import { domainStatus, isRenewable, serviceOf } from '../domain-views.js';
import type { AccountState, DnsRecord, MrdDomain } from '../state.js';
import type { ActionContext, ActionHandler } from './context.js';

const DNS_TYPES = ['A', 'AAAA', 'CNAME', 'MX', 'SRV', 'TXT', 'NS', 'CAA'] as const;
type DnsType = (typeof DNS_TYPES)[number];

/** The service behind `serviceName`: a domain of this account that uses MrDomain's DNS/parking (4001 otherwise). */
function targetService(c: ActionContext): MrdDomain {
  const raw = c.p.req('serviceName');
  const name = asciiName(raw.toLowerCase());
  const d = name === null ? undefined : c.state.findDomain(c.account, name);
  if (!d || !d.service) throw new ApiError(4001, `Service not found: ${raw}`);
  return d;
}

function entityID(account: AccountState, d: MrdDomain): string {
  return `SRV${String(d.domainID).padStart(10, '0')}-${String(account.nextEntitySeq++).padStart(9, '0')}`;
}

/** What dnsrestore puts back: MrDomain's parking answers for the apex, wildcard and www, plus mail. */
function defaultZone(account: AccountState, d: MrdDomain): DnsRecord[] {
  const rec = (name: string, type: DnsType, value: string, priority = '-'): DnsRecord => ({ entityID: entityID(account, d), name, type, ttl: '-', priority, value });
  return [
    rec(d.name, 'A', '37.152.88.55'),
    rec(`*.${d.name}`, 'CNAME', 'srv21.dondominio.com'),
    rec(`www.${d.name}`, 'CNAME', 'srv21.dondominio.com'),
    rec(d.name, 'MX', 'mx1.dondominio.com', '10'),
    rec(d.name, 'TXT', 'v=spf1 include:_spf.dondominio.com ~all'),
  ];
}

function zoneOfService(c: ActionContext, d: MrdDomain): DnsRecord[] {
  if (!d.zone) d.zone = defaultZone(c.account, d);
  return d.zone;
}

interface RecordInput {
  name?: string;
  type?: string;
  value?: string;
  ttl?: string;
  priority?: string;
}

/** Validates one record (seed §7.48.5 value formats) and returns it normalized, or the reason it is wrong. */
function normalizeRecord(d: MrdDomain, input: RecordInput, typeLocked?: DnsType): Omit<DnsRecord, 'entityID'> | string {
  const type = (typeLocked ?? input.type?.toUpperCase()) as DnsType | undefined;
  if (!type || !DNS_TYPES.includes(type)) return `Invalid DNS type: ${input.type ?? ''}`;
  const rawName = (input.name ?? '').trim().toLowerCase().replace(/\.$/, '');
  // Names are FQDNs in the seed's examples; "@" or a relative label is taken as inside the zone.
  const name = rawName === '' || rawName === '@' ? d.name : rawName === d.name || rawName.endsWith(`.${d.name}`) ? rawName : `${rawName}.${d.name}`;
  if (!/^(\*\.)?([a-z0-9_-]+\.)*[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(name)) return `Invalid DNS name: ${input.name ?? ''}`;
  const value = (input.value ?? '').trim();
  if (value === '') return 'Missing DNS value';
  const host = (v: string): boolean => asciiName(v.replace(/\.$/, '')) !== null;
  const valid: Record<DnsType, () => boolean> = {
    A: () => isIP(value) === 4,
    AAAA: () => isIP(value) === 6,
    CNAME: () => host(value),
    MX: () => host(value),
    NS: () => host(value),
    SRV: () => {
      const m = /^(\d+) (\d+) (\S+)$/.exec(value);
      return !!m && Number(m[2]) <= 65535 && host(m[3]!);
    },
    TXT: () => value.length <= 4096,
    CAA: () => /^\d{1,3} (issue|issuewild|iodef) "[^"]*"$/.test(value),
  };
  if (!valid[type]()) return `Invalid value for a ${type} record: ${value}`;
  const ttlRaw = (input.ttl ?? '-').trim();
  if (ttlRaw !== '-' && ttlRaw !== '' && (!/^\d+$/.test(ttlRaw) || Number(ttlRaw) < 60 || Number(ttlRaw) > 86400)) return `Invalid ttl: ${ttlRaw}`;
  const prioRaw = (input.priority ?? '').trim();
  const hasPriority = type === 'MX' || type === 'SRV';
  if (hasPriority && prioRaw !== '' && prioRaw !== '-' && (!/^\d+$/.test(prioRaw) || Number(prioRaw) > 65535)) return `Invalid priority: ${prioRaw}`;
  return {
    name,
    type,
    ttl: ttlRaw === '' ? '-' : ttlRaw,
    // Seed: priority defaults to 10 for MX and SRV; other types have none ("-").
    priority: hasPriority ? (prioRaw === '' || prioRaw === '-' ? '10' : prioRaw) : '-',
    value,
  };
}

function serviceList(c: ActionContext): ActionResult {
  const pg = paging(c.p);
  const name = c.p.opt('name')?.toLowerCase();
  const word = c.p.opt('word')?.toLowerCase();
  const tld = c.p.opt('tld')?.toLowerCase();
  const renewable = c.p.bool('renewable');
  const status = c.p.opt('status');
  const rows = c.account.domains.filter(
    (d) =>
      d.service !== null &&
      (name === undefined || d.name === name) &&
      (word === undefined || d.name.includes(word)) &&
      (tld === undefined || d.tld === tld) &&
      (renewable === undefined || isRenewable(d, c.now) === renewable) &&
      (status === undefined || status === 'active'),
  );
  const { queryInfo, items } = pageOf(rows, pg);
  return { data: { queryInfo, services: items.map(serviceOf) } };
}

function serviceGetinfo(c: ActionContext): ActionResult {
  const d = targetService(c);
  const infoType = c.p.oneOf('infoType', ['status', 'resources', 'serverinfo', 'php', 'logerror'] as const, 'status');
  if (infoType !== 'status') throw new ApiError(300, `infoType=${infoType} needs a hosting plan; ${d.name} has Redirect And Parking only`);
  const { productkey: _pk, ...base } = serviceOf(d);
  const svc = d.service!;
  return {
    data: { ...base, tsCreate: ymd(svc.createdAt), renewable: domainStatus(d, c.now) === 'active' && isRenewable(d, c.now), renewalMode: d.renewalMode === 'autorenew' ? 'autorenew' : 'manual' },
  };
}

function dnsList(c: ActionContext): ActionResult {
  const d = targetService(c);
  const pg = paging(c.p);
  const filter = c.p.opt('filter')?.toLowerCase();
  const filterType = c.p.opt('filterType')?.toUpperCase();
  const filterValue = c.p.opt('filterValue')?.toLowerCase();
  const rows = zoneOfService(c, d).filter(
    (r) =>
      (filter === undefined || r.name.includes(filter) || r.value.toLowerCase().includes(filter)) &&
      (filterType === undefined || r.type === filterType) &&
      (filterValue === undefined || r.value.toLowerCase().includes(filterValue)),
  );
  const { queryInfo, items } = pageOf(rows, pg);
  return { data: { queryInfo, dns: items.map((r) => ({ ...r })) } };
}

function findRecord(c: ActionContext, d: MrdDomain): DnsRecord {
  const id = c.p.req('entityID');
  const rec = zoneOfService(c, d).find((r) => r.entityID === id);
  if (!rec) throw new ApiError(4002, `DNS entity not found: ${id}`);
  return rec;
}

function dnsGetinfo(c: ActionContext): ActionResult {
  const d = targetService(c);
  return { data: { dns: [{ ...findRecord(c, d) }] } };
}

function dnsCreate(c: ActionContext): ActionResult {
  const d = targetService(c);
  const input = { name: c.p.req('name'), type: c.p.req('type'), value: c.p.req('value'), ttl: c.p.opt('ttl'), priority: c.p.opt('priority') };
  const rec = normalizeRecord(d, input);
  if (typeof rec === 'string') throw new ApiError(4004, rec);
  const zone = zoneOfService(c, d);
  if (zone.some((r) => r.name === rec.name && r.type === rec.type && r.value === rec.value)) throw new ApiError(4004, 'An identical DNS record already exists');
  if (rec.type === 'CNAME' ? zone.some((r) => r.name === rec.name) : zone.some((r) => r.name === rec.name && r.type === 'CNAME')) {
    throw new ApiError(4004, `A CNAME cannot share its name with other records: ${rec.name}`);
  }
  const created: DnsRecord = { entityID: entityID(c.account, d), ...rec };
  zone.push(created);
  return { data: { dns: [{ ...created }] }, messages: DONE };
}

function dnsUpdate(c: ActionContext): ActionResult {
  const d = targetService(c);
  const rec = findRecord(c, d);
  const next = normalizeRecord(d, { name: rec.name, value: c.p.req('value'), ttl: c.p.opt('ttl') ?? rec.ttl, priority: c.p.opt('priority') ?? rec.priority }, rec.type as DnsType);
  if (typeof next === 'string') throw new ApiError(4005, next);
  Object.assign(rec, { value: next.value, ttl: next.ttl, priority: next.priority });
  return { data: { dns: [{ ...rec }] }, messages: DONE };
}

function dnsDelete(c: ActionContext): ActionResult {
  const d = targetService(c);
  const rec = findRecord(c, d);
  d.zone = zoneOfService(c, d).filter((r) => r !== rec);
  return { data: {}, messages: DONE };
}

function dnsRestore(c: ActionContext): ActionResult {
  const d = targetService(c);
  d.zone = defaultZone(c.account, d);
  return { data: {}, messages: DONE };
}

/** Replaces the whole zone from base64(JSON array); nothing changes unless every record is valid. */
function dnsSetZone(c: ActionContext): ActionResult {
  const d = targetService(c);
  const raw = c.p.req('dnsZoneData');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64').toString('utf8'));
  } catch {
    throw new ApiError(105, 'dnsZoneData must be a JSON array encoded in base64');
  }
  if (!Array.isArray(parsed)) throw new ApiError(105, 'dnsZoneData must be a JSON array encoded in base64');
  const records: DnsRecord[] = [];
  parsed.forEach((item: unknown, i) => {
    const o = (item && typeof item === 'object' ? item : {}) as Record<string, unknown>;
    const str = (k: string): string | undefined => (o[k] === undefined || o[k] === null ? undefined : String(o[k]));
    const rec = normalizeRecord(d, { name: str('name'), type: str('type'), value: str('value'), ttl: str('ttl'), priority: str('priority') });
    if (typeof rec === 'string') throw new ApiError(4004, `Record ${i + 1}: ${rec}`);
    records.push({ entityID: '', ...rec });
  });
  for (const r of records) r.entityID = entityID(c.account, d);
  d.zone = records;
  return { data: {}, messages: DONE };
}

function dnsDeleteAll(c: ActionContext): ActionResult {
  const d = targetService(c);
  d.zone = [];
  return { data: {}, messages: DONE };
}

export const SERVICE_ACTIONS: Record<string, ActionHandler> = {
  'service/list': serviceList,
  'service/getinfo': serviceGetinfo,
  'service/dnslist': dnsList,
  'service/dnsgetinfo': dnsGetinfo,
  'service/dnscreate': dnsCreate,
  'service/dnsupdate': dnsUpdate,
  'service/dnsdelete': dnsDelete,
  'service/dnsrestore': dnsRestore,
  'service/dnssetzone': dnsSetZone,
  'service/dnsdeleteall': dnsDeleteAll,
};
