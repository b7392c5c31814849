import { isIP, isIPv4, isIPv6 } from 'node:net';
import { owned, type Ctx } from '../context.js';
import { envelope, fail, success, RawJson, type Reply } from '../envelope.js';
import { effectiveHosts, normalizeDomain, type DnsRecord, type DnssecRecord, type DynDomain } from '../state.js';
import type { XmlObject } from '../xml.js';
import { nameServerSettings } from './domains.js';
import type { CommandTable } from './types.js';

const setNsEnv = envelope('SetNs');
const getNsEnv = envelope('GetNs');
const addNsEnv = envelope('AddNs');
const registerNsEnv = envelope('RegisterNs');
const setNsIpEnv = envelope('SetNsIp');
const deleteNsEnv = envelope('DeleteNs');
const serverListEnv = envelope('ServerList', 'ResponseCode', 'number');
const setDnsEnv = envelope('SetDns', 'SuccessCode', 'number');
const getDnsEnv = envelope('GetDns', 'ResponseCode', 'number');
const dnssecEnv = envelope('SetDomainDnssec', 'ResponseCode', 'number');

const MAIN_TYPES = ['a', 'aaaa', 'cname', 'forward', 'txt', 'mx', 'stealth', 'email'];
const SUB_TYPES = [...MAIN_TYPES, 'srv'];
const NEEDS_X = ['forward', 'mx', 'stealth', 'email'];
const DIGEST_TYPES = ['1', '2', '3', '4'];
const ALGORITHMS = ['1', '2', '3', '4', '5', '6', '7', '8', '10', '12', '13', '14', '15', '16', '252', '253', '254'];

function hostname(raw: string): string {
  const h = normalizeDomain(raw);
  if (!h) fail(`invalid name server ${raw}`);
  return h;
}

function record(ctx: Ctx, kind: 'main' | 'sub', i: number, type: string): DnsRecord {
  const allowed = kind === 'main' ? MAIN_TYPES : SUB_TYPES;
  const t = type.toLowerCase();
  if (!allowed.includes(t)) fail(`invalid ${kind}_record_type${i} ${type}`);
  const value = ctx.q.get(`${kind}_record${i}`);
  if (!value) fail(`missing parameter ${kind}_record${i}`);
  const extra = ctx.q.get(`${kind}_recordx${i}`) ?? '';
  if (NEEDS_X.includes(t) && extra === '') fail(`missing parameter ${kind}_recordx${i}, it is required for ${t} records`);
  if (t === 'a' && !isIPv4(value)) fail(`invalid IPv4 address ${value} in ${kind}_record${i}`);
  if (t === 'aaaa' && !isIPv6(value)) fail(`invalid IPv6 address ${value} in ${kind}_record${i}`);
  if (t === 'mx' && !/^\d+$/.test(extra)) fail(`invalid mx distance ${extra} in ${kind}_recordx${i}`);
  if (t === 'forward' && extra !== '1' && extra !== '2') fail(`invalid forward type ${extra} in ${kind}_recordx${i}, it must be 1 (301) or 2 (302)`);
  let subdomain: string | null = null;
  if (kind === 'sub') {
    subdomain = ctx.q.get(`subdomain${i}`);
    if (!subdomain) fail(`missing parameter subdomain${i}`);
  }
  return { subdomain, type: t, value, extra };
}

function dnsContent(d: DynDomain, format: 'xml' | 'json'): XmlObject {
  if (d.ns.type !== 'dns') return nameServerSettings(d, format);
  const main = d.ns.main.map((r) => ({ RecordType: r.type, Value: r.value, ValueX: r.extra }));
  const sub = d.ns.sub.map((r) => ({ Subhost: r.subdomain ?? '', RecordType: r.type, Value: r.value, ValueX: r.extra }));
  return {
    Type: 'Dynadot DNS',
    MainDomains: format === 'xml' ? { Record: main } : main,
    SubDomains: format === 'xml' ? { Record: sub } : sub,
    TTL: String(d.ns.ttl),
  };
}

/** The seed's get_ns JSON repeats "Host" inside NsContent; reproduced byte for byte. */
function getNsJson(hosts: string[]): RawJson {
  const inner = hosts.map((h) => `"Host":${JSON.stringify(h)}`).join(',');
  return new RawJson(`{"GetNsResponse":{"ResponseCode":"0","Status":"success","NsContent":{${inner}}}}`);
}

function serverReply(env: typeof addNsEnv, contentTag: string, host: string, id: number): Reply {
  const server = { Host: host, ServerId: String(id) };
  return success(env, { content: () => ({ [contentTag]: { Server: server } }), json: () => ({ [contentTag]: { Server: server } }) });
}

export const dnsCommands: CommandTable = {
  set_ns: {
    env: setNsEnv,
    run(ctx) {
      const domains = ctx.q.domainList().map((n) => owned(ctx, n));
      const hosts = ctx.q.indexed('ns', 13).map(({ value }) => hostname(value));
      if (hosts.length === 0) fail('missing parameter ns0');
      // "They must already exist in your account" (add_ns / register_ns first).
      for (const h of hosts) if (!ctx.account.servers.some((s) => s.host === h)) fail(`${h} is not in your name server list, add it with add_ns first`);
      for (const d of domains) d.ns = { type: 'nameservers', hosts: [...hosts] };
      return success(setNsEnv);
    },
  },

  get_ns: {
    env: getNsEnv,
    run(ctx) {
      const hosts = effectiveHosts(owned(ctx, ctx.q.domain()));
      return {
        error: false,
        xml: success(getNsEnv, { content: () => ({ NsContent: { Host: hosts } }) }).xml,
        json: () => getNsJson(hosts),
      };
    },
  },

  add_ns: {
    env: addNsEnv,
    run(ctx) {
      const host = hostname(ctx.q.required('host'));
      if (ctx.account.servers.some((s) => s.host === host)) fail(`${host} already exists in your name server list`);
      const id = ctx.account.nextServerId++;
      ctx.account.servers.push({ id, host, ips: [] });
      return serverReply(addNsEnv, 'AddNsContent', host, id);
    },
  },

  register_ns: {
    env: registerNsEnv,
    run(ctx) {
      const host = hostname(ctx.q.required('host'));
      const ip = ctx.q.required('ip');
      if (!isIP(ip)) fail(`invalid ip ${ip}`);
      // A registered (glue) name server must live under a domain of this account.
      const parent = [...ctx.account.domains().keys()].find((n) => host === n || host.endsWith(`.${n}`));
      if (!parent) fail(`${host} is not under a domain in your account`);
      if (ctx.account.servers.some((s) => s.host === host)) fail(`${host} already exists in your name server list`);
      const id = ctx.account.nextServerId++;
      ctx.account.servers.push({ id, host, ips: [ip] });
      return serverReply(registerNsEnv, 'RegisterNsContent', host, id);
    },
  },

  set_ns_ip: {
    env: setNsIpEnv,
    run(ctx) {
      const id = ctx.q.required('server_id');
      const server = ctx.account.servers.find((s) => String(s.id) === id);
      if (!server) fail(`could not find name server ${id}`);
      const ips = ctx.q.indexed('ip', 10).map(({ value }) => value);
      if (ips.length === 0) fail('missing parameter ip0');
      for (const ip of ips) if (!isIP(ip)) fail(`invalid ip ${ip}`);
      server.ips = ips;
      return success(setNsIpEnv);
    },
  },

  delete_ns: {
    env: deleteNsEnv,
    run(ctx) {
      const ids = ctx.q.required('server_id').split(',').map((s) => s.trim());
      const servers = ids.map((id) => ctx.account.servers.find((s) => String(s.id) === id) ?? fail(`could not find name server ${id}`));
      return deleteServers(ctx, servers.map((s) => s.host));
    },
  },

  delete_ns_by_domain: {
    env: deleteNsEnv,
    run(ctx) {
      const host = hostname(ctx.q.required('server_domain'));
      if (!ctx.account.servers.some((s) => s.host === host)) fail(`could not find name server ${host}`);
      return deleteServers(ctx, [host]);
    },
  },

  server_list: {
    env: serverListEnv,
    run(ctx) {
      const servers = ctx.account.servers;
      return success(serverListEnv, {
        content: () => ({
          ServerListContent: {
            NameServerList: { List: { Server: servers.map((s) => ({ ServerId: String(s.id), ServerName: s.host, ...(s.ips.length ? { ServerIp: s.ips } : {}) })) } },
          },
        }),
        json: () => ({
          ServerList: servers.map((s) => ({ ServerId: String(s.id), ServerName: s.host, ...(s.ips.length ? { ServerIps: s.ips.map((ip) => ({ Ip: ip })) } : {}) })),
        }),
      });
    },
  },

  set_dns2: {
    env: setDnsEnv,
    run(ctx) {
      const domains = ctx.q.domainList().map((n) => owned(ctx, n));
      const main = ctx.q.indexed('main_record_type', 20).map(({ i, value }) => record(ctx, 'main', i, value));
      const sub = ctx.q.indexed('sub_record_type', 100).map(({ i, value }) => record(ctx, 'sub', i, value));
      if (main.length + sub.length === 0) fail('missing parameter main_record_type0 or sub_record_type0');
      const ttlRaw = ctx.q.any('ttl');
      if (ttlRaw !== null && !/^\d+$/.test(ttlRaw)) fail(`invalid ttl ${ttlRaw}`);
      const add = ctx.q.get('add_dns_to_current_setting') === '1';
      for (const d of domains) {
        // "Calling set DNS2 replaces the current DNS settings" unless add_dns_to_current_setting=1.
        const keep = add && d.ns.type === 'dns' ? d.ns : null;
        d.ns = {
          type: 'dns',
          main: [...(keep?.main ?? []), ...main],
          sub: [...(keep?.sub ?? []), ...sub],
          ttl: ttlRaw !== null ? Number(ttlRaw) : (keep?.ttl ?? 3600),
        };
      }
      return success(setDnsEnv);
    },
  },

  get_dns: {
    env: getDnsEnv,
    run(ctx) {
      const d = owned(ctx, ctx.q.domain());
      return success(getDnsEnv, {
        content: () => ({ GetDnsContent: { NameServerSettings: dnsContent(d, 'xml') } }),
        json: () => ({ GetDns: { NameServerSettings: dnsContent(d, 'json') } }),
      });
    },
  },

  set_domain_dnssec: {
    env: dnssecEnv,
    run(ctx) {
      const d = owned(ctx, ctx.q.domain('domainName'));
      const algorithm = ctx.q.required('algorithm', 'Algorithm');
      if (!ALGORITHMS.includes(algorithm)) fail(`invalid algorithm ${algorithm}`);
      let rec: DnssecRecord;
      if (ctx.q.any('keyTag') !== null || ctx.q.any('digest') !== null) {
        const keyTag = ctx.q.required('keyTag');
        const digestType = ctx.q.required('digestType');
        const digest = ctx.q.required('digest');
        if (!/^\d{1,5}$/.test(keyTag) || Number(keyTag) > 65535) fail(`invalid keyTag ${keyTag}`);
        if (!DIGEST_TYPES.includes(digestType)) fail(`invalid digestType ${digestType}`);
        if (!/^[0-9a-fA-F]+$/.test(digest)) fail(`invalid digest ${digest}`);
        rec = { keyTag, digestType, digest: digest.toUpperCase(), algorithm };
      } else {
        const flags = ctx.q.required('flags');
        const publicKey = ctx.q.required('publicKey');
        if (flags !== '256' && flags !== '257') fail(`invalid flags ${flags}, it must be 256 (ZSK) or 257 (KSK)`);
        if (!/^[A-Za-z0-9+/]+=*$/.test(publicKey)) fail('publicKey must be base64');
        rec = { flags, publicKey, algorithm };
      }
      const same = (r: DnssecRecord): boolean => JSON.stringify(r) === JSON.stringify(rec);
      if (!d.dnssec.some(same)) d.dnssec.push(rec);
      return success(dnssecEnv, { content: () => ({ SetDomainDnssecContent: '' }) });
    },
  },
};

/** Refuses to delete a name server that domains still use. */
function deleteServers(ctx: Ctx, hosts: string[]): Reply {
  for (const d of ctx.account.domains().values()) {
    if (d.ns.type !== 'nameservers') continue;
    const used = d.ns.hosts.find((h) => hosts.includes(h));
    if (used) fail(`${used} is in use by ${d.name} and cannot be deleted`);
  }
  ctx.account.servers = ctx.account.servers.filter((s) => !hosts.includes(s.host));
  return success(deleteNsEnv);
}
