import { z } from 'zod';
import type { Money } from '../../../src-shared/money.js';
import type { IrsfaClient } from './client.js';
import {
  csrDecodeSchema,
  csrGenerateSchema,
  sslCreateSchema,
  sslDetailSchema,
  sslIdAnswerSchema,
  sslListSchema,
  sslProductSchema,
  sslTypeSchema,
  wholeToMoney,
  wireDateToIso,
  type WireSslOrder,
} from './parse.js';

/** SSL certificates (seed 000, "SSL"): catalogue, orders, CSR tools. Prices: whole rupiah on the wire → minor units. */

export interface SslType {
  id: number;
  name: string;
  active: boolean;
}

export interface SslProduct {
  productId: string;
  name: string;
  typeId: number | null;
  typeName: string | null;
  registryId: number;
  prices: { register: Money | null; renew: Money | null; transfer: Money | null; restore: Money | null };
  raw: unknown;
}

export type SslOrderStatus = 'active' | 'pending' | 'expired' | 'unknown';

export interface SslOrder {
  id: number;
  productId: string;
  productName: string | null;
  registryId: number | null;
  hostname: string | null;
  status: SslOrderStatus;
  period: number | null;
  orderedAt: string | null;
  activatedAt: string | null;
  expiresAt: string | null;
  approvalEmail: string | null;
  certificate: string | null;
  validation: { hostName: string; method: string }[];
  raw: unknown;
}

export interface SslOrderDetail extends SslOrder {
  serialNumber: string | null;
  certificateStatus: string | null;
  caBundle: string | null;
  /** The CA's checklist: what is verified and what the owner still has to do. */
  verification: { type: string; state: string; description: string | null; expiresAt: string | null }[];
}

export interface SslOrderPage {
  items: SslOrder[];
  page: number;
  lastPage: number;
  total: number;
}

/** Fields shared by create, reissue and renew (seed examples). */
export interface SslOrderInput {
  hostnames: string[];
  csr: string;
  /** Irsfa contact handle, e.g. "TC000001-ID". */
  contact: string;
  approvalEmail: string;
  emailClient?: string;
  phoneClient?: string;
}

const STATUS: Record<string, SslOrderStatus> = { active: 'active', pending: 'pending', expired: 'expired' };

const toInt = (v: number | string | null | undefined): number | null => (v === null || v === undefined || v === '' || !Number.isFinite(Number(v)) ? null : Number(v));

function orderFromWire(o: WireSslOrder): SslOrder {
  return {
    id: o.id,
    productId: o.product_id,
    productName: o.product_name ?? null,
    registryId: o.registry_id ?? null,
    hostname: o.service_name ?? null,
    status: STATUS[(o.status_ssl ?? '').trim().toLowerCase()] ?? 'unknown',
    period: toInt(o.period),
    orderedAt: wireDateToIso(o.reg_date ?? o.created_at),
    activatedAt: wireDateToIso(o.active_date),
    expiresAt: wireDateToIso(o.exp_date),
    approvalEmail: o.approval_email ?? null,
    certificate: o.certificate ?? null,
    validation: (o.domain_validation_methods ?? []).map((d) => ({ hostName: d.hostName, method: d.method })),
    raw: o,
  };
}

function orderBody(input: SslOrderInput): Record<string, unknown> {
  return {
    hostname: input.hostnames.map((h) => h.trim().toLowerCase()),
    csr: input.csr.trim(),
    contact: input.contact,
    approval_email: input.approvalEmail,
    ...(input.emailClient ? { email_client: input.emailClient } : {}),
    ...(input.phoneClient ? { phonenumber_client: input.phoneClient } : {}),
  };
}

export async function sslTypes(client: IrsfaClient): Promise<SslType[]> {
  const { data } = await client.call({ command: 'ssl/type', method: 'GET', kind: 'read', priority: 'interactive', data: z.array(sslTypeSchema), action: 'reading the SSL types' });
  return data.map((t) => ({ id: t.ssl_type_id, name: t.ssl_type_name, active: t.active === undefined ? true : Number(t.active) === 1 || t.active === true }));
}

export async function sslProducts(client: IrsfaClient): Promise<SslProduct[]> {
  const { data } = await client.call({ command: 'ssl/product', method: 'GET', kind: 'read', priority: 'interactive', data: z.array(sslProductSchema), action: 'reading the SSL products' });
  return data.map((p) => ({
    productId: p.product_id,
    name: p.product_name,
    typeId: p.ssl_type_id ?? null,
    typeName: p.ssl_type_name ?? null,
    registryId: p.registry_id,
    prices: {
      register: wholeToMoney(p.pricing_register, p.kurs_product),
      renew: wholeToMoney(p.pricing_renew, p.kurs_product),
      transfer: wholeToMoney(p.pricing_transfer, p.kurs_product),
      restore: wholeToMoney(p.pricing_restore, p.kurs_product),
    },
    raw: p,
  }));
}

/** One order with its certificate and the CA's verification checklist (GET with a JSON body, as the seed sends it). */
export async function sslOrder(client: IrsfaClient, id: number): Promise<SslOrderDetail> {
  const { data } = await client.call({ command: 'ssl/detail', method: 'GET', kind: 'read', priority: 'interactive', body: { id }, data: sslDetailSchema, action: `reading SSL order ${id}` });
  return {
    ...orderFromWire(data),
    serialNumber: data.serial_number ?? null,
    certificateStatus: data.certificate_status ?? null,
    caBundle: data.ca_bundle ?? null,
    verification: (data.verificationState?.details ?? []).map((d) => ({ type: d.type, state: d.state, description: d.description ?? null, expiresAt: d.expire_date ? new Date(Date.parse(d.expire_date)).toISOString() : null })),
  };
}

export async function sslOrders(client: IrsfaClient, options: { hostname?: string; page?: number } = {}): Promise<SslOrderPage> {
  const body: Record<string, unknown> = {};
  if (options.hostname) body.hostname = options.hostname.trim().toLowerCase();
  if (options.page && options.page > 1) body.page = options.page;
  const { data } = await client.call({ command: 'ssl/list', method: 'POST', kind: 'read', priority: 'interactive', body, data: sslListSchema, action: 'listing SSL orders' });
  return { items: data.data.map(orderFromWire), page: data.current_page, lastPage: data.last_page, total: data.total };
}

export interface SslCreateResult {
  /** Irsfa's create answer carries no order id; it is found by listing the host's orders afterwards (null if that fails). */
  orderId: number | null;
  hostname: string | null;
  period: number | null;
  validation: { hostName: string; method: string }[];
  raw: unknown;
}

export async function createSslOrder(client: IrsfaClient, input: SslOrderInput & { productId: string; period: number; validationMethods: string[] }): Promise<SslCreateResult> {
  const { data } = await client.call({
    command: 'ssl/create',
    method: 'POST',
    kind: 'write',
    body: { product_id: input.productId, ...orderBody(input), period: input.period, domain_validation_method: input.validationMethods },
    data: sslCreateSchema,
    action: `ordering an SSL certificate for ${input.hostnames[0] ?? 'a host'}`,
  });
  const hostname = data.hostname ?? input.hostnames[0] ?? null;
  return {
    orderId: hostname ? await newestOrderId(client, hostname) : null,
    hostname,
    period: toInt(data.period),
    validation: (data.domain_validation_method ?? []).map((d) => ({ hostName: d.hostName, method: d.method })),
    raw: data,
  };
}

/** The highest order id for a host: the order just created (Irsfa numbers orders upwards). */
async function newestOrderId(client: IrsfaClient, hostname: string): Promise<number | null> {
  try {
    const first = await sslOrders(client, { hostname });
    const last = first.lastPage > 1 ? await sslOrders(client, { hostname, page: first.lastPage }) : first;
    const ids = [...first.items, ...last.items].map((o) => o.id);
    return ids.length ? Math.max(...ids) : null;
  } catch (e) {
    client.ctx.log('warn', `The SSL order for ${hostname} was placed, but listing orders to find its id failed (${e instanceof Error ? e.name : 'error'}).`);
    return null;
  }
}

export async function reissueSsl(client: IrsfaClient, id: number, input: SslOrderInput): Promise<{ orderId: number; raw: unknown }> {
  const { data } = await client.call({ command: 'ssl/reissue', method: 'POST', kind: 'write', body: { id, ...orderBody(input) }, data: sslIdAnswerSchema, action: `reissuing SSL order ${id}` });
  return { orderId: data.id, raw: data };
}

/** Changes how the hosts are validated (e.g. email → dns) while the order is pending. */
export async function modifySsl(client: IrsfaClient, id: number, validationMethods: string[]): Promise<{ orderId: number }> {
  const { data } = await client.call({ command: 'ssl/modify', method: 'POST', kind: 'write', body: { id, domain_validation_method: validationMethods }, data: sslIdAnswerSchema, action: `changing the validation of SSL order ${id}` });
  return { orderId: data.id };
}

/** A renewal is a new order; its id comes back. */
export async function renewSsl(client: IrsfaClient, id: number, input: SslOrderInput & { period: number; validationMethods: string[] }): Promise<{ orderId: number; raw: unknown }> {
  const { data } = await client.call({
    command: 'ssl/renew',
    method: 'POST',
    kind: 'write',
    body: { id, ...orderBody(input), period: input.period, domain_validation_method: input.validationMethods },
    data: sslIdAnswerSchema,
    action: `renewing SSL order ${id}`,
  });
  return { orderId: data.id, raw: data };
}

export interface CsrSubjectInput {
  registryId: number;
  /** The seed's example sends 1 and gets a 2048-bit key. */
  bits: number;
  hostname: string;
  country: string;
  state: string;
  locality: string;
  organization: string;
  unit?: string;
  email: string;
}

/**
 * Irsfa generates the key pair and CSR. The private key is returned to the caller
 * (who must keep it in the vault or hand it to the user) and is never logged or
 * kept in `raw`.
 */
export async function generateCsr(client: IrsfaClient, input: CsrSubjectInput): Promise<{ csr: string; privateKey: string; command: string | null; keyPath: string | null }> {
  const { data } = await client.call({
    command: 'ssl/generate',
    method: 'POST',
    kind: 'read',
    priority: 'interactive',
    sensitive: true,
    body: { registry_id: input.registryId, bits: input.bits, hostname: input.hostname, country: input.country, state: input.state, locality: input.locality, organization: input.organization, ...(input.unit ? { unit: input.unit } : {}), email: input.email },
    data: csrGenerateSchema,
    action: `generating a CSR for ${input.hostname}`,
  });
  return { csr: data.csr, privateKey: data.key, command: data.command ?? null, keyPath: data.keyPath ?? null };
}

export interface DecodedCsr {
  bits: number | null;
  publicKey: string | null;
  subject: { commonName: string | null; organization: string | null; unit: string | null; locality: string | null; state: string | null; country: string | null; email: string | null };
  signatureAlgorithm: string | null;
  subjectAlternativeName: string | null;
  domainNames: number | null;
  wildcardDomainNames: number | null;
  raw: unknown;
}

export async function decodeCsr(client: IrsfaClient, registryId: number, csr: string): Promise<DecodedCsr> {
  const { data } = await client.call({ command: 'ssl/decode', method: 'POST', kind: 'read', priority: 'interactive', body: { registry_id: registryId, csr: csr.trim() }, data: csrDecodeSchema, action: 'decoding a CSR' });
  const s = data.subject;
  return {
    bits: toInt(data.publicKey?.bits),
    publicKey: data.publicKey?.key ?? null,
    subject: { commonName: s.commonName ?? null, organization: s.organization ?? null, unit: s.unit ?? null, locality: s.locality ?? null, state: s.state ?? null, country: s.country ?? null, email: s.email ?? null },
    signatureAlgorithm: data.signatureHashAlgorithm ?? null,
    subjectAlternativeName: data.subjectAlternativeName ?? null,
    domainNames: toInt(data.domainNamesCount),
    wildcardDomainNames: toInt(data.wildcardDomainNamesCount),
    raw: data,
  };
}
