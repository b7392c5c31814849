import { z } from 'zod';
import type { Money } from '../../../src-shared/money.js';
import { isRegistrarError, RegistrarError } from '../errors.js';
import type { NormalizedDomain } from '../types.js';
import type { IrsfaClient } from './client.js';
import { getDomain } from './domains.js';
import { asciiHost, domainFields, splitName } from './names.js';
import { availabilitySchema, contactIdSchema, wholeToMoney } from './parse.js';

/** Domain writes and reads other than info/renew (seed 000, "Domain" and "Contact"). */

export async function setLock(client: IrsfaClient, name: string, locked: boolean): Promise<void> {
  const n = splitName(name);
  // seed: status 0 answers "Domain unlocked!"; 1 locks.
  await client.call({ command: 'domain/lock', method: 'POST', kind: 'write', body: { ...domainFields(n), status: locked ? 1 : 0 }, data: z.unknown(), action: `${locked ? 'locking' : 'unlocking'} ${n.unicode}` });
}

export async function setNameservers(client: IrsfaClient, name: string, nameservers: readonly string[]): Promise<void> {
  const n = splitName(name);
  const list = [...new Set(nameservers.map((ns) => asciiHost(ns, 'nameservers')))];
  if (list.length === 0) throw new RegistrarError({ kind: 'Invalid', registrar: 'irsfa', field: 'nameservers', message: `Give at least one nameserver for ${n.unicode}.` });
  await client.call({ command: 'domain/modify/ns', method: 'PUT', kind: 'write', body: { ...domainFields(n), nameserver: list }, data: z.unknown(), action: `changing the nameservers of ${n.unicode}` });
}

/** The transfer (EPP) code, only when the user asks for it. It is returned, never stored or logged. */
export async function getAuthCode(client: IrsfaClient, name: string): Promise<string> {
  const n = splitName(name);
  const { data } = await client.call({ command: 'domain/eppcode', method: 'POST', kind: 'read', priority: 'interactive', sensitive: true, body: domainFields(n), data: z.string().min(1), action: `reading the transfer code of ${n.unicode}` });
  return data;
}

export interface Availability {
  name: string;
  /** null when Irsfa's answer does not say (the seed's example is `data: {}`). */
  available: boolean | null;
  /** Registration price per year, when Irsfa gives one. */
  price: Money | null;
  raw: unknown;
}

export async function checkAvailability(client: IrsfaClient, name: string): Promise<Availability> {
  const n = splitName(name);
  const { data } = await client.call({ command: 'domain/availability', method: 'POST', kind: 'read', priority: 'interactive', body: domainFields(n), data: availabilitySchema, action: `checking ${n.unicode}` });
  return { name: n.ascii, available: data.available === undefined ? null : Boolean(data.available), price: wholeToMoney(data.price ?? null, 'IDR'), raw: data };
}

/** Registrant data as the register/transfer/contact examples send it inline. */
export interface IrsfaRegistrant {
  companyName?: string;
  initial?: string;
  firstName: string;
  lastName: string;
  gender?: 'M' | 'F';
  street: string;
  number?: string;
  city: string;
  state: string;
  zipCode: string;
  /** ISO 3166 alpha-2, e.g. "ID". */
  country: string;
  email: string;
  /** "+6282111111111" */
  telephone: string;
  locale?: string;
}

export type IrsfaAddress = Pick<IrsfaRegistrant, 'street' | 'number' | 'city' | 'state' | 'zipCode' | 'country' | 'email' | 'telephone' | 'locale'>;

function addressFields(a: IrsfaAddress): Record<string, unknown> {
  return {
    telephone_number: a.telephone,
    street: a.street,
    ...(a.number ? { number: a.number } : {}),
    zip_code: a.zipCode,
    city: a.city,
    state: a.state,
    country: a.country,
    email: a.email,
    ...(a.locale ? { locale: a.locale } : {}),
  };
}

function registrantFields(r: IrsfaRegistrant, withExtras: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = { ...(r.companyName ? { company_name: r.companyName } : {}), first_name: r.firstName, last_name: r.lastName, ...(r.gender ? { gender: r.gender } : {}), ...addressFields(r) };
  // The transfer example carries neither `initial` nor `locale`.
  if (withExtras && r.initial) out.initial = r.initial;
  if (!withExtras) delete out.locale;
  return out;
}

export async function createContact(client: IrsfaClient, registrant: IrsfaRegistrant): Promise<string> {
  const { data } = await client.call({ command: 'domain/contact/create', method: 'POST', kind: 'write', body: registrantFields(registrant, true), data: contactIdSchema, action: 'creating a contact' });
  return data.no_contact;
}

/** Seed: update takes the address part only (no names, company or gender). */
export async function updateContact(client: IrsfaClient, contactId: string, address: IrsfaAddress): Promise<string> {
  const { data } = await client.call({ command: 'domain/contact/update', method: 'PUT', kind: 'write', body: { contact_id: contactId, ...addressFields(address) }, data: contactIdSchema, action: `updating contact ${contactId}` });
  return data.no_contact;
}

export interface TransferInRequest {
  name: string;
  /** The code from the losing registrar; sent once, never stored. */
  authCode: string;
  nameservers?: readonly string[];
  registrant: IrsfaRegistrant;
}

export async function transferIn(client: IrsfaClient, req: TransferInRequest): Promise<void> {
  const n = splitName(req.name);
  const nameservers = (req.nameservers ?? []).map((ns) => asciiHost(ns, 'nameservers'));
  await client.call({
    command: 'domain/transfer',
    method: 'POST',
    kind: 'write',
    body: { ...domainFields(n), epp: req.authCode, ...(nameservers.length ? { nameserver: nameservers } : {}), description: 'DomainDeck transfer', ...registrantFields(req.registrant, false) },
    data: z.unknown(),
    action: `transferring ${n.unicode} to Irsfa`,
  });
}

export type TransferStatus = { state: 'pending'; domain: NormalizedDomain } | { state: 'completed'; domain: NormalizedDomain } | { state: 'not-in-account' };

/** The seed has no transfer-status call: domain/info's status ("Pending Transfer") tells. */
export async function transferStatus(client: IrsfaClient, name: string): Promise<TransferStatus> {
  try {
    const domain = await getDomain(client, name, 'interactive');
    return domain.status === 'pending-transfer' ? { state: 'pending', domain } : { state: 'completed', domain };
  } catch (e) {
    if (isRegistrarError(e) && e.kind === 'NotFound') return { state: 'not-in-account' };
    throw e;
  }
}
