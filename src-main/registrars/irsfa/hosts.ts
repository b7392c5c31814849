import { z } from 'zod';
import { isRegistrarError, RegistrarError } from '../errors.js';
import type { IrsfaClient } from './client.js';
import { asciiHost, domainFields, splitName } from './names.js';
import { dsRecordSchema, hostSchema, numberOrNull, wireDateToIso, type WireDsRecord } from './parse.js';

/** Child nameservers ("Host") and DNSSEC DS records (seed 000). */

export interface IrsfaHost {
  /** Irsfa's id, needed to delete the host. */
  nameserverId: number | null;
  host: string;
  domain: string | null;
  ipv4: string[];
  ipv6: string[];
  createdAt: string | null;
  updatedAt: string | null;
  raw: unknown;
}

const list = (v: string | string[] | null | undefined): string[] => (v === null || v === undefined ? [] : (Array.isArray(v) ? v : [v]).map((s) => s.trim()).filter(Boolean));

/** A host of this account, or null when Irsfa has none by that name ("Data not found."). */
export async function getHost(client: IrsfaClient, host: string): Promise<IrsfaHost | null> {
  const h = asciiHost(host, 'host');
  try {
    const { data } = await client.call({ command: 'domain/nameserver/get', method: 'POST', kind: 'read', priority: 'interactive', body: { host: h }, data: hostSchema, action: `reading host ${h}` });
    return {
      nameserverId: data.nameserver_id ?? null,
      host: data.host ?? h,
      domain: data.domain ?? null,
      ipv4: list(data.ipv4),
      ipv6: list(data.ipv6),
      createdAt: wireDateToIso(data.created_at),
      updatedAt: wireDateToIso(data.updated_at),
      raw: data,
    };
  } catch (e) {
    if (isRegistrarError(e) && e.kind === 'NotFound') return null;
    throw e;
  }
}

/** Creates a child nameserver (glue) and reads it back, since the create answer is `data: {}`. */
export async function createHost(client: IrsfaClient, input: { host: string; ipv4: string; ipv6?: string }): Promise<IrsfaHost | null> {
  const h = asciiHost(input.host, 'host');
  await client.call({
    command: 'domain/nameserver/create',
    method: 'POST',
    kind: 'write',
    body: { host: h, ipv4: input.ipv4.trim(), ...(input.ipv6 ? { ipv6: input.ipv6.trim() } : {}) },
    data: z.unknown(),
    action: `creating host ${h}`,
  });
  try {
    return await getHost(client, h);
  } catch {
    return null;
  }
}

/** Deletes a host; without its id the host is looked up first (the delete call needs both). */
export async function deleteHost(client: IrsfaClient, host: string, nameserverId?: number): Promise<void> {
  const h = asciiHost(host, 'host');
  let id = nameserverId ?? null;
  if (id === null) {
    const found = await getHost(client, h);
    if (!found) throw new RegistrarError({ kind: 'NotFound', registrar: 'irsfa', message: `Irsfa has no host ${h} in this account.` });
    id = found.nameserverId;
    if (id === null) throw new RegistrarError({ kind: 'Invalid', registrar: 'irsfa', field: 'nameserver_id', message: `Irsfa did not give the id of host ${h}, which deleting it requires. Delete it in the Irsfa panel.` });
  }
  await client.call({ command: 'domain/nameserver/delete', method: 'DELETE', kind: 'write', body: { nameserver_id: id, host: h }, data: z.unknown(), action: `deleting host ${h}` });
}

/** A DS record as DomainDeck sends it (IANA algorithm and digest type numbers). */
export interface DsInput {
  keyTag: number;
  algorithm: number;
  digestType: number;
  digest: string;
}

export interface IrsfaDsRecord {
  /** null where Irsfa leaves the field empty (the seed's example does for alg and digest_type). */
  keyTag: number | null;
  algorithm: number | null;
  digestType: number | null;
  digest: string;
  createdAt: string | null;
  updatedAt: string | null;
  raw: unknown;
}

function dsFromWire(r: WireDsRecord): IrsfaDsRecord {
  return {
    keyTag: numberOrNull(r.key_tag),
    algorithm: numberOrNull(r.alg),
    digestType: numberOrNull(r.digest_type),
    digest: r.digest.toUpperCase(),
    createdAt: wireDateToIso(r.created_at),
    updatedAt: wireDateToIso(r.updated_at),
    raw: r,
  };
}

/** The seed's DNSSEC examples name the extension with a dot (".com"), the other Domain calls without. */
function dsBody(name: string, ds?: DsInput): { body: Record<string, unknown>; unicode: string } {
  const n = splitName(name);
  const body: Record<string, unknown> = domainFields(n, true);
  if (ds) {
    if (!Number.isInteger(ds.keyTag) || ds.keyTag < 0 || ds.keyTag > 65535) throw new RegistrarError({ kind: 'Invalid', registrar: 'irsfa', field: 'keyTag', message: `A DNSSEC key tag is a number from 0 to 65535, not ${ds.keyTag}.` });
    if (!/^[0-9a-f]+$/i.test(ds.digest.trim())) throw new RegistrarError({ kind: 'Invalid', registrar: 'irsfa', field: 'digest', message: 'A DNSSEC digest is written in hexadecimal characters (0-9, A-F).' });
    Object.assign(body, { key_tag: String(ds.keyTag), alg: ds.algorithm, digest_type: ds.digestType, digest: ds.digest.trim().toUpperCase() });
  }
  return { body, unicode: n.unicode };
}

export async function getDnssec(client: IrsfaClient, name: string): Promise<IrsfaDsRecord[]> {
  const { body, unicode } = dsBody(name);
  const { data } = await client.call({ command: 'domain/dnssec/get', method: 'POST', kind: 'read', priority: 'interactive', body, data: z.array(dsRecordSchema), action: `reading the DNSSEC records of ${unicode}` });
  return data.map(dsFromWire);
}

export async function addDnssec(client: IrsfaClient, name: string, ds: DsInput): Promise<void> {
  const { body, unicode } = dsBody(name, ds);
  await client.call({ command: 'domain/dnssec/create', method: 'POST', kind: 'write', body, data: z.unknown(), action: `adding a DNSSEC record to ${unicode}` });
}

/** Removes one DS record; Irsfa answers with the record it removed. */
export async function removeDnssec(client: IrsfaClient, name: string, ds: DsInput): Promise<IrsfaDsRecord | null> {
  const { body, unicode } = dsBody(name, ds);
  const { data } = await client.call({ command: 'domain/dnssec/delete', method: 'DELETE', kind: 'write', body, data: z.unknown(), action: `removing a DNSSEC record from ${unicode}` });
  const parsed = dsRecordSchema.safeParse(data);
  return parsed.success ? dsFromWire(parsed.data) : null;
}
