import { domainToASCII } from 'node:url';
import { z } from 'zod';
import { RegistrarError } from '../errors.js';
import type { MrDomainClient } from './client.js';
import { wireName } from './domains.js';
import { collectAllPages } from './paging.js';

/**
 * The DNS zone of a domain lives in its MrDomain "service" (seed 002 §7.40–
 * 7.47): serviceName is the domain, each record an entity with its own ID, so
 * edits are per record (create/update/delete) besides set-zone and restore.
 * A domain not on MrDomain's nameservers has no service (4001 -> NotFound).
 */
export const DNS_TYPES = ['A', 'AAAA', 'CNAME', 'MX', 'SRV', 'TXT', 'NS', 'CAA'] as const;
export type DnsType = (typeof DNS_TYPES)[number];

export interface MrDomainDnsRecord {
  entityID: string;
  /** Fully qualified, ASCII. */
  name: string;
  type: string;
  /** null: the API's default ("-"). */
  ttl: number | null;
  priority: number | null;
  value: string;
}

export interface DnsRecordInput {
  /** "@", a label relative to the domain, or a fully qualified name. */
  name: string;
  type: DnsType;
  value: string;
  ttl?: number;
  priority?: number;
}

const dashOrNumber = z.union([z.string(), z.number()]).transform((v, ctx) => {
  if (v === '-' || v === '') return null;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) {
    ctx.addIssue({ code: 'custom', message: `not a number or "-": ${v}` });
    return z.NEVER;
  }
  return n;
});
export const dnsRecordSchema = z.object({ entityID: z.string(), name: z.string(), type: z.string(), ttl: dashOrNumber, priority: dashOrNumber, value: z.string() });
export const dnsRecordDataSchema = z.object({ dns: z.array(dnsRecordSchema).length(1) });
/** Answers with nothing to say: the seed prints {}, PHP may print []. */
export const emptyDataSchema = z.union([z.object({}), z.array(z.unknown()).length(0)]);

/** "@" and relative names become fully qualified; Unicode labels become punycode. */
export function recordName(domain: string, name: string): string {
  const raw = name.trim().toLowerCase().replace(/\.$/, '');
  const ascii = /[^ -~]/.test(raw) ? domainToASCII(raw) || raw : raw;
  if (ascii === '' || ascii === '@') return domain;
  return ascii === domain || ascii.endsWith(`.${domain}`) ? ascii : `${ascii}.${domain}`;
}

function ttlPriority(input: { ttl?: number; priority?: number }): Record<string, string | undefined> {
  return { ttl: input.ttl === undefined ? undefined : String(input.ttl), priority: input.priority === undefined ? undefined : String(input.priority) };
}

export class MrDomainDns {
  constructor(private readonly client: MrDomainClient) {}

  list(domain: string): Promise<MrDomainDnsRecord[]> {
    const serviceName = wireName(domain);
    return collectAllPages(this.client, {
      action: 'service/dnslist',
      params: { serviceName },
      itemsKey: 'dns',
      item: dnsRecordSchema,
      key: (r) => r.entityID,
      what: `DNS zone of ${serviceName}`,
      priority: 'interactive',
      subject: serviceName,
    });
  }

  async create(domain: string, input: DnsRecordInput): Promise<MrDomainDnsRecord> {
    const serviceName = wireName(domain);
    if (!DNS_TYPES.includes(input.type)) throw new RegistrarError({ kind: 'Invalid', registrar: 'mrdomain', field: 'type', message: `MrDomain DNS has no ${input.type} records.` });
    const r = await this.client.call({
      action: 'service/dnscreate',
      kind: 'write',
      params: { serviceName, name: recordName(serviceName, input.name), type: input.type, value: input.value, ...ttlPriority(input) },
      data: dnsRecordDataSchema,
      priority: 'interactive',
      subject: serviceName,
    });
    return r.dns[0]!;
  }

  /** The API changes value, ttl and priority; name and type are fixed (delete and create to change those). */
  async update(domain: string, entityID: string, change: { value: string; ttl?: number; priority?: number }): Promise<MrDomainDnsRecord> {
    const serviceName = wireName(domain);
    const r = await this.client.call({
      action: 'service/dnsupdate',
      kind: 'write',
      params: { serviceName, entityID, value: change.value, ...ttlPriority(change) },
      data: dnsRecordDataSchema,
      priority: 'interactive',
      subject: serviceName,
    });
    return r.dns[0]!;
  }

  async delete(domain: string, entityID: string): Promise<void> {
    const serviceName = wireName(domain);
    await this.client.call({ action: 'service/dnsdelete', kind: 'write', params: { serviceName, entityID }, data: emptyDataSchema, priority: 'interactive', subject: serviceName });
  }

  /** Replaces the whole zone in one call (base64 of the JSON array, seed §7.46); the old records are deleted. */
  async setZone(domain: string, records: readonly DnsRecordInput[]): Promise<void> {
    const serviceName = wireName(domain);
    const zone = records.map((r) => ({
      name: recordName(serviceName, r.name),
      type: r.type,
      ttl: r.ttl === undefined ? '-' : String(r.ttl),
      priority: r.priority === undefined ? '-' : String(r.priority),
      value: r.value,
    }));
    const dnsZoneData = Buffer.from(JSON.stringify(zone), 'utf8').toString('base64');
    await this.client.call({ action: 'service/dnssetzone', kind: 'write', params: { serviceName, dnsZoneData }, data: emptyDataSchema, priority: 'interactive', subject: serviceName });
  }

  /** Back to MrDomain's default records. */
  async restore(domain: string): Promise<void> {
    const serviceName = wireName(domain);
    await this.client.call({ action: 'service/dnsrestore', kind: 'write', params: { serviceName }, data: emptyDataSchema, priority: 'interactive', subject: serviceName });
  }
}
