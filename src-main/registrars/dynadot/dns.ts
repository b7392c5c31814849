import { isIPv4, isIPv6 } from 'node:net';
import { z } from 'zod';
import { RegistrarError } from '../errors.js';
import type { DynadotClient } from './client.js';
import { invalidInput, type CallSite } from './errors.js';
import { isObj } from './envelope.js';
import { read, text } from './parse.js';
import { domainList, domainName, hostName, intIn } from './validate.js';

/**
 * Name servers and Dynadot DNS. set_ns only accepts hosts already in the
 * account's server list, so missing ones are added first (add_ns; "already
 * exists" is fine). set_dns2 REPLACES the whole zone unless
 * add_dns_to_current_setting=1: replaceZone() always sends the complete set
 * and can refuse when the zone changed since the caller read it.
 */

export const DNS_LIMITS = { mainRecords: 20, subRecords: 100, nameservers: 13 } as const;
const MAIN_TYPES = ['a', 'aaaa', 'cname', 'forward', 'txt', 'mx', 'stealth', 'email'] as const;
const SUB_TYPES = [...MAIN_TYPES, 'srv'] as const;
const NEEDS_EXTRA = ['forward', 'mx', 'stealth', 'email'];

export interface DnsRecord {
  /** null (or "" / "@") for the domain itself; else the sub host ("www"). */
  subdomain: string | null;
  type: (typeof SUB_TYPES)[number];
  value: string;
  /** MX distance, forward type (1 = 301, 2 = 302), stealth title or e-mail alias. */
  extra?: string;
}

export interface DnsZone {
  /** false: the name is parked or uses other name servers; records are empty. */
  hosted: boolean;
  /** Dynadot has one TTL for the whole zone. */
  ttl: number | null;
  records: DnsRecord[];
  raw: unknown;
}

const serverListSchema = z.looseObject({ ServerList: z.array(z.looseObject({ ServerId: text, ServerName: z.string() })).default([]) });

export async function listHosts(client: DynadotClient): Promise<{ id: string; host: string }[]> {
  const site: CallSite = { command: 'server_list', kind: 'read' };
  const { body } = await client.call({ ...site, shape: { roots: ['ServerListResponse'] }, priority: 'interactive' });
  return read(serverListSchema, body, site, JSON.stringify(body).slice(0, 4000)).ServerList.map((s) => ({ id: s.ServerId, host: s.ServerName.toLowerCase() }));
}

const alreadyThere = (err: unknown): boolean => err instanceof RegistrarError && err.kind === 'Invalid' && /already exists/i.test(err.code ?? '');

/** add_ns (external host) or register_ns (glue host with an IP); an existing host is not an error. */
export async function addHost(client: DynadotClient, host: string, ip?: string): Promise<void> {
  const h = hostName(host, 'host');
  if (ip !== undefined && !isIPv4(ip) && !isIPv6(ip)) throw invalidInput('ip', `"${ip}" is not an IP address.`);
  try {
    if (ip === undefined) await client.call({ command: 'add_ns', kind: 'write', shape: { roots: ['AddNsResponse'] }, params: { host: h }, priority: 'interactive' });
    else await client.call({ command: 'register_ns', kind: 'write', shape: { roots: ['RegisterNsResponse'] }, params: { host: h, ip }, priority: 'interactive' });
  } catch (err) {
    if (!alreadyThere(err)) throw err;
  }
}

export async function setNameservers(client: DynadotClient, names: readonly string[], hosts: readonly string[]): Promise<void> {
  const domains = domainList(names);
  intIn(hosts.length, 1, DNS_LIMITS.nameservers, 'ns', 'The number of name servers');
  const wanted = hosts.map((h) => hostName(h));
  const known = new Set((await listHosts(client)).map((s) => s.host));
  for (const h of wanted) if (!known.has(h)) await addHost(client, h);
  const params: Record<string, string> = { domain: domains.join(',') };
  wanted.forEach((h, i) => (params[`ns${i}`] = h));
  await client.call({ command: 'set_ns', kind: 'write', shape: { roots: ['SetNsResponse'] }, params, priority: 'interactive' });
}

/** get_ns through api3.xml: its JSON form repeats the "Host" key, and JSON.parse keeps only the last. */
export async function getNameservers(client: DynadotClient, input: string): Promise<string[]> {
  const site: CallSite = { command: 'get_ns', kind: 'read' };
  const { body } = await client.call({ ...site, format: 'xml', shape: { roots: ['GetNsResponse'] }, params: { domain: domainName(input) }, priority: 'interactive' });
  const content = read(z.looseObject({ NsContent: z.looseObject({ Host: z.array(z.string()).default([]) }) }), body, site, JSON.stringify(body));
  return content.NsContent.Host.map((h) => h.toLowerCase());
}

const recordSchema = z.looseObject({ Subhost: z.string().optional(), RecordType: z.string(), Value: text, ValueX: text.optional() });
const dnsSchema = z.looseObject({
  GetDns: z.looseObject({
    NameServerSettings: z.looseObject({
      Type: z.string(),
      MainDomains: z.array(recordSchema).optional(),
      SubDomains: z.array(recordSchema).optional(),
      TTL: text.optional(),
    }),
  }),
});

export async function getZone(client: DynadotClient, input: string): Promise<DnsZone> {
  const site: CallSite = { command: 'get_dns', kind: 'read' };
  const { body } = await client.call({ ...site, shape: { roots: ['GetDnsResponse'] }, params: { domain: domainName(input) }, priority: 'interactive' });
  const s = read(dnsSchema, body, site, client.scrub(JSON.stringify(body).slice(0, 4000))).GetDns.NameServerSettings;
  const hosted = s.MainDomains !== undefined || s.SubDomains !== undefined || /dynadot dns/i.test(s.Type);
  const toRecord = (r: z.infer<typeof recordSchema>, sub: boolean): DnsRecord => ({
    subdomain: sub ? (r.Subhost ?? '') : null,
    type: r.RecordType.toLowerCase() as DnsRecord['type'],
    value: r.Value,
    ...(r.ValueX ? { extra: r.ValueX } : {}),
  });
  return {
    hosted,
    ttl: s.TTL !== undefined && /^\d+$/.test(s.TTL) ? Number(s.TTL) : null,
    records: [...(s.MainDomains ?? []).map((r) => toRecord(r, false)), ...(s.SubDomains ?? []).map((r) => toRecord(r, true))],
    raw: isObj(body) ? body.GetDns : body,
  };
}

/** The set_dns2 parameters for a record set, refused before sending when Dynadot could not hold it. */
export function dnsParams(records: readonly DnsRecord[], ttl: number | null): Record<string, string> {
  const main = records.filter((r) => r.subdomain === null || r.subdomain === '' || r.subdomain === '@');
  const sub = records.filter((r) => !main.includes(r));
  if (main.length + sub.length === 0) throw invalidInput('records', 'A Dynadot DNS zone needs at least one record.');
  if (main.length > DNS_LIMITS.mainRecords) throw invalidInput('records', `Dynadot DNS holds at most ${DNS_LIMITS.mainRecords} records on the domain itself (${main.length} given).`);
  if (sub.length > DNS_LIMITS.subRecords) throw invalidInput('records', `Dynadot DNS holds at most ${DNS_LIMITS.subRecords} sub-domain records (${sub.length} given).`);
  const p: Record<string, string> = {};
  const put = (r: DnsRecord, i: number, kind: 'main' | 'sub'): void => {
    const type = String(r.type).toLowerCase();
    const allowed: readonly string[] = kind === 'main' ? MAIN_TYPES : SUB_TYPES;
    if (!allowed.includes(type)) throw invalidInput('records', `Dynadot DNS does not support ${type.toUpperCase()} records${kind === 'main' ? ' on the domain itself' : ''}.`);
    if (r.value.trim() === '') throw invalidInput('records', `A ${type.toUpperCase()} record needs a value.`);
    if (type === 'a' && !isIPv4(r.value)) throw invalidInput('records', `"${r.value}" is not an IPv4 address.`);
    if (type === 'aaaa' && !isIPv6(r.value)) throw invalidInput('records', `"${r.value}" is not an IPv6 address.`);
    const extra = r.extra ?? '';
    if (NEEDS_EXTRA.includes(type) && extra === '') throw invalidInput('records', `A ${type.toUpperCase()} record needs its extra value (MX distance, forward type, title or alias).`);
    if (type === 'mx' && !/^\d+$/.test(extra)) throw invalidInput('records', `MX distance "${extra}" must be a number.`);
    if (type === 'forward' && extra !== '1' && extra !== '2') throw invalidInput('records', 'A forward record needs 1 (301) or 2 (302).');
    const prefix = kind === 'main' ? 'main_record' : 'sub_record';
    if (kind === 'sub') p[`subdomain${i}`] = r.subdomain!;
    p[`${prefix}_type${i}`] = type;
    p[`${prefix}${i}`] = r.value;
    if (extra !== '') p[`${prefix}x${i}`] = extra;
  };
  main.forEach((r, i) => put(r, i, 'main'));
  sub.forEach((r, i) => put(r, i, 'sub'));
  if (ttl !== null) p.ttl = String(intIn(ttl, 1, 2_147_483_647, 'ttl', 'TTL'));
  return p;
}

const sameRecords = (a: readonly DnsRecord[], b: readonly DnsRecord[]): boolean => {
  const key = (r: DnsRecord): string => [r.subdomain ?? '', r.type, r.value, r.extra ?? ''].join('\u0000');
  const ka = a.map(key).sort();
  const kb = b.map(key).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i]);
};

/**
 * Writes the complete zone (set_dns2 replaces everything). With `expected`
 * (the records the caller read), the current zone is read first and the write
 * is refused if it changed meanwhile, so nobody's record is silently dropped.
 */
export async function replaceZone(client: DynadotClient, names: readonly string[], zone: { records: DnsRecord[]; ttl: number | null }, expected?: readonly DnsRecord[]): Promise<void> {
  const domains = domainList(names);
  const params = dnsParams(zone.records, zone.ttl);
  if (expected) {
    if (domains.length !== 1) throw invalidInput('domain', 'A checked zone replace works on one domain at a time.');
    const current = await getZone(client, domains[0]!);
    if (!sameRecords(current.records, expected)) throw invalidInput('records', `The DNS records of ${domains[0]} changed since they were loaded. Reload them and apply your change again.`);
  }
  await client.call({ command: 'set_dns2', kind: 'write', shape: { roots: ['SetDnsResponse'] }, params: { domain: domains.join(','), ...params }, priority: 'interactive' });
}

/** Appends records to the current zone (add_dns_to_current_setting=1), after checking the sum fits Dynadot's limits. */
export async function addRecords(client: DynadotClient, input: string, records: DnsRecord[]): Promise<void> {
  const domain = domainName(input);
  const current = await getZone(client, domain);
  dnsParams([...(current.hosted ? current.records : []), ...records], null);
  const params = dnsParams(records, null);
  await client.call({ command: 'set_dns2', kind: 'write', shape: { roots: ['SetDnsResponse'] }, params: { domain, ...params, add_dns_to_current_setting: 1 }, priority: 'interactive' });
}

export type DnssecKey =
  | { keyTag: number; digestType: 1 | 2 | 3 | 4; digest: string; algorithm: number }
  | { flags: 256 | 257; publicKey: string; algorithm: number };

const ALGORITHMS = [1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 13, 14, 15, 16, 252, 253, 254];

/** set_domain_dnssec (DS data or a DNSKEY). Dynadot has no command to read DNSSEC back. */
export async function setDnssec(client: DynadotClient, input: string, key: DnssecKey): Promise<void> {
  const domainNameParam = domainName(input);
  if (!ALGORITHMS.includes(key.algorithm)) throw invalidInput('algorithm', `DNSSEC algorithm ${key.algorithm} is not one Dynadot accepts.`);
  let params: Record<string, string | number>;
  if ('digest' in key) {
    intIn(key.keyTag, 0, 65535, 'keyTag', 'The key tag');
    if (![1, 2, 3, 4].includes(key.digestType)) throw invalidInput('digestType', 'The digest type must be 1 (SHA-1), 2 (SHA-256), 3 (GOST) or 4 (SHA-384).');
    if (!/^[0-9a-fA-F]+$/.test(key.digest)) throw invalidInput('digest', 'The digest must be hexadecimal.');
    params = { keyTag: key.keyTag, digestType: key.digestType, digest: key.digest, algorithm: key.algorithm };
  } else {
    if (key.flags !== 256 && key.flags !== 257) throw invalidInput('flags', 'Flags must be 256 (ZSK) or 257 (KSK).');
    if (!/^[A-Za-z0-9+/]+=*$/.test(key.publicKey)) throw invalidInput('publicKey', 'The public key must be base64.');
    params = { flags: key.flags, publicKey: key.publicKey, algorithm: key.algorithm };
  }
  await client.call({ command: 'set_domain_dnssec', kind: 'write', shape: { roots: ['SetDomainDnssecResponse'] }, params: { domainName: domainNameParam, ...params }, priority: 'interactive' });
}
