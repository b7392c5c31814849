import { isIPv4, isIPv6 } from 'node:net';
import type { SimResponse } from '../../core/types.js';
import type { InputValue } from '../input.js';
import type { RouteContext } from '../routes.js';
import { domainStatus, type DnsRecord, type ResellerDomain } from '../state.js';
import { normalizeDomainName, Validator } from '../validation.js';
import { dnsJson, fieldError, ok, validationError } from '../wire.js';

const RECORD_TYPES = ['A', 'AAAA', 'CNAME', 'MX', 'TXT', 'NS', 'SRV', 'CAA'] as const;
const MAX_RECORDS = 100;
const HOST = /^(?:@|\*|(?:\*\.)?[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)*)$/i;
const TARGET = /^(?=.{1,253}\.?$)(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?\.)*[a-z0-9-]{1,63}\.?$/i;

/** PUT /domains/dns: replaces the local records; `push=1` also pushes them to Dynadot. */
export function handleDnsReplace(rc: RouteContext): SimResponse {
  const v = new Validator();
  const found = readDomain(rc, v);
  let records: InputValue[] | undefined;
  // Laravel's `present|array`: an empty list clears the zone; a form body cannot send an empty array, so absent = [] there.
  if (rc.input.records === undefined || rc.input.records === '') records = rc.req.json === undefined ? [] : undefined;
  else records = v.array('records', rc.input.records, MAX_RECORDS);
  if (records === undefined && !v.has('records')) v.add('records', 'The records field must be present.');
  const push = rc.input.push === undefined || rc.input.push === '' ? false : v.boolean('push', rc.input.push);
  const parsed = (records ?? []).map((r, i) => readRecord(rc, v, r, i));
  if (v.fails() || !found) return validationError(v);
  const domain = found;
  if (push && !pushable(rc, domain)) return fieldError('domain', `DNS for ${domain.name} cannot be pushed while the domain is ${domainStatus(domain.expiresAt, rc.now)}.`);
  domain.dns = { records: parsed.filter((r): r is DnsRecord => r !== null), updatedAt: rc.now, pushedAt: push ? rc.now : (domain.dns?.pushedAt ?? null) };
  return ok(200, { message: push ? 'DNS records replaced and pushed to Dynadot.' : 'DNS records replaced.', data: dnsJson(domain.name, domain.dns) });
}

/** POST /domains/dns/push: pushes the active local records to Dynadot. */
export function handleDnsPush(rc: RouteContext): SimResponse {
  const v = new Validator();
  const domain = readDomain(rc, v);
  if (v.fails() || !domain) return validationError(v);
  if (!domain.dns || domain.dns.records.length === 0) return fieldError('domain', `The domain ${domain.name} has no DNS records to push.`);
  if (!pushable(rc, domain)) return fieldError('domain', `DNS for ${domain.name} cannot be pushed while the domain is ${domainStatus(domain.expiresAt, rc.now)}.`);
  domain.dns.pushedAt = rc.now;
  return ok(200, { message: 'DNS records pushed to Dynadot.', data: dnsJson(domain.name, domain.dns) });
}

function pushable(rc: RouteContext, d: ResellerDomain): boolean {
  const status = domainStatus(d.expiresAt, rc.now);
  return status === 'active' || status === 'grace';
}

function readDomain(rc: RouteContext, v: Validator): ResellerDomain | undefined {
  if (!v.required('domain', rc.input.domain)) return undefined;
  const text = v.string('domain', rc.input.domain);
  if (text === undefined) return undefined;
  const name = normalizeDomainName(text);
  const domain = name === null ? undefined : rc.store.findDomain(rc.account, name);
  if (!domain) v.add('domain', 'The selected domain is invalid.');
  return domain;
}

function readRecord(rc: RouteContext, v: Validator, raw: InputValue, i: number): DnsRecord | null {
  const at = (f: string): string => `records.${i}.${f}`;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    v.add(`records.${i}`, `The records.${i} field must be an array.`);
    return null;
  }
  const typeText = typeof raw.type === 'string' ? raw.type.toUpperCase() : raw.type;
  const type = v.required(at('type'), raw.type) ? v.oneOf(at('type'), typeText, RECORD_TYPES) : undefined;
  let name: string | undefined;
  if (v.required(at('name'), raw.name)) {
    name = v.string(at('name'), raw.name)?.toLowerCase();
    if (name !== undefined && !HOST.test(name)) v.add(at('name'), `The ${at('name')} field format is invalid.`);
  }
  let value: string | undefined;
  if (v.required(at('value'), raw.value)) value = v.string(at('value'), raw.value);
  const ttl = raw.ttl === undefined || raw.ttl === '' ? 3600 : v.integer(at('ttl'), raw.ttl, 60, 86_400);
  const needsPriority = type === 'MX' || type === 'SRV';
  let priority: number | null = null;
  if (needsPriority) {
    if (v.required(at('priority'), raw.priority)) priority = v.integer(at('priority'), raw.priority, 0, 65_535) ?? null;
  } else if (raw.priority !== undefined && raw.priority !== null && raw.priority !== '') {
    v.add(at('priority'), `The ${at('priority')} field is prohibited unless ${at('type')} is in MX, SRV.`);
  }
  if (type && value !== undefined && !valueFits(type, value)) v.add(at('value'), `The ${at('value')} field is not a valid ${type} record value.`);
  if (type === 'CNAME' && name === '@') v.add(at('name'), 'A CNAME record cannot be set on the zone apex (@).');
  const failed = Object.keys(v.errors).some((k) => k.startsWith(`records.${i}.`));
  if (failed || !type || name === undefined || value === undefined || ttl === undefined) return null;
  return { id: rc.store.recordId(), type, name, value, ttl, priority };
}

function valueFits(type: (typeof RECORD_TYPES)[number], value: string): boolean {
  switch (type) {
    case 'A':
      return isIPv4(value);
    case 'AAAA':
      return isIPv6(value);
    case 'CNAME':
    case 'NS':
    case 'MX':
      return TARGET.test(value) || normalizeDomainName(value) !== null;
    case 'TXT':
      return value.length > 0 && value.length <= 4096;
    case 'SRV':
      return /^\d{1,5} \d{1,5} \S+$/.test(value);
    case 'CAA':
      return /^\d{1,3} (issue|issuewild|iodef) "?[^"]*"?$/.test(value);
  }
}
