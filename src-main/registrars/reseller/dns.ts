import { RegistrarError } from '../errors.js';
import { ROUTES, type ResellerClient } from './client.js';
import { dnsZoneWire, normalizeDnsZone, type DnsRecordInput, type DnsZone } from './parse.js';

/**
 * DNS of the reseller API: the reseller keeps a local copy of each zone
 * (replaced whole, never per record) and pushes it to its upstream registrar
 * (Dynadot) on request. Both calls need domains.write. Replacing a whole zone
 * is idempotent by nature, so the API does not require a key here; one is
 * sent when the caller's job journal has it, and the API honours it.
 */

/** The API's cap per zone (sandbox README, PUT /domains/dns). */
export const MAX_DNS_RECORDS = 100;

export interface DnsWriteOptions {
  /** Also push the new zone to the upstream registrar in the same call. */
  push?: boolean;
  idempotencyKey?: string;
}

export interface DnsWriteResult {
  zone: DnsZone;
  /** The API's sentence ("DNS records replaced and pushed to Dynadot."). */
  message: string | null;
}

function messageOf(json: unknown): string | null {
  const m = json && typeof json === 'object' ? (json as { message?: unknown }).message : undefined;
  return typeof m === 'string' ? m : null;
}

/** Replaces the reseller's local records for `domain` (an empty list clears the zone), optionally pushing them. */
export async function replaceDnsRecords(client: ResellerClient, domain: string, records: readonly DnsRecordInput[], options: DnsWriteOptions = {}): Promise<DnsWriteResult> {
  if (records.length > MAX_DNS_RECORDS) {
    throw new RegistrarError({ registrar: 'reseller', kind: 'Invalid', field: 'records', message: `The reseller accepts at most ${MAX_DNS_RECORDS} DNS records per domain; this zone has ${records.length}.` });
  }
  const body = {
    domain: domain.toLowerCase(),
    // Only the fields the API takes; priority is sent only where given (MX/SRV require it, others refuse it).
    records: records.map((r) => ({ type: r.type.toUpperCase(), name: r.name, value: r.value, ...(r.ttl !== undefined ? { ttl: r.ttl } : {}), ...(r.priority !== undefined ? { priority: r.priority } : {}) })),
    push: options.push ?? false,
  };
  const answer = await client.call(ROUTES.dnsReplace, { json: body, idempotencyKey: options.idempotencyKey, priority: 'interactive' });
  return { zone: normalizeDnsZone(client.data(ROUTES.dnsReplace, answer, dnsZoneWire)), message: messageOf(answer.json) };
}

/** Pushes the reseller's current records for `domain` to the upstream registrar. */
export async function pushDnsRecords(client: ResellerClient, domain: string, options: Pick<DnsWriteOptions, 'idempotencyKey'> = {}): Promise<DnsWriteResult> {
  const answer = await client.call(ROUTES.dnsPush, { json: { domain: domain.toLowerCase() }, idempotencyKey: options.idempotencyKey, priority: 'interactive' });
  return { zone: normalizeDnsZone(client.data(ROUTES.dnsPush, answer, dnsZoneWire)), message: messageOf(answer.json) };
}
