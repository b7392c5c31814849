import type { Money } from '../../../src-shared/money.js';
import type { FormParams, MrDomainClient } from './client.js';
import { contactParams, type ContactRef } from './domain-writes.js';
import { formBool } from './envelope.js';
import { isoFromYmd, moneyFromFloat } from './normalize.js';
import { collectAllPages } from './paging.js';
import {
  csrCreateSchema,
  csrDecodeSchema,
  sslCertSchema,
  sslInfoSchema,
  sslOrderSchema,
  sslProductSchema,
  validationEmailsSchema,
  type SslCertRow,
  type SslInfoRow,
  type SslProductRow,
} from './ssl-schemas.js';

export interface CsrSubject {
  commonName: string;
  organizationName: string;
  organizationalUnitName: string;
  countryName: string;
  stateOrProvinceName: string;
  localityName: string;
  emailAddress: string;
}

export interface SslCertificate {
  certificateID: number;
  commonName: string;
  /** process, valid, expired, renew, reissue, cancel (seed §8.14.2). */
  status: string;
  renewable: boolean;
  productID: number;
  createdAt: string | null;
  expiresAt: string | null;
  alternativeNames: string[];
  raw: unknown;
}

/** Everything ssl/create, ssl/renew and ssl/reissue take; contacts only for create and renew. */
export interface SslOrderInput {
  csrData: string;
  /** Private key for the CSR, if MrDomain should hold it (sent once, never logged). */
  keyData?: string;
  period?: number;
  adminContact?: ContactRef;
  techContact?: ContactRef;
  /** Required by MrDomain for OV and EV products. */
  orgContact?: ContactRef;
  /** dns (the API's default), http, https or one of ssl/getvalidationemails' addresses. */
  validationMethod?: string;
  /** Multi-domain products: alt_name_N / alt_validation_N, numbered from 1. */
  alternativeNames?: { name: string; validationMethod?: string }[];
}

export type SslInfoType = 'status' | 'ssldata' | 'validationStatus' | 'pfx' | 'der' | 'p7b' | 'zip' | 'pem';

export function normalizeCertificate(row: SslCertRow): SslCertificate {
  return {
    certificateID: row.certificateID,
    commonName: row.commonName,
    status: row.status,
    renewable: row.renewable,
    productID: row.productID,
    createdAt: isoFromYmd(row.tsCreate),
    expiresAt: isoFromYmd(row.tsExpir),
    alternativeNames: row.alternativeNames,
    raw: row,
  };
}

function orderParams(input: SslOrderInput): FormParams {
  const params: FormParams = { csrData: input.csrData, keyData: input.keyData, period: input.period === undefined ? undefined : String(input.period), validationMethod: input.validationMethod };
  if (input.adminContact) Object.assign(params, contactParams('admin', input.adminContact));
  if (input.techContact) Object.assign(params, contactParams('tech', input.techContact));
  if (input.orgContact) Object.assign(params, contactParams('org', input.orgContact));
  (input.alternativeNames ?? []).forEach((alt, i) => {
    params[`alt_name_${i + 1}`] = alt.name;
    params[`alt_validation_${i + 1}`] = alt.validationMethod ?? 'dns';
  });
  return params;
}

function billed(b: { total: number; currency: string }): Money | null {
  try {
    return moneyFromFloat(b.total, b.currency);
  } catch {
    return null;
  }
}

/** SSL certificates (seed 002 §8). Orders are writes that charge the balance; CSR tools are side-effect free reads. */
export class MrDomainSsl {
  constructor(private readonly client: MrDomainClient) {}

  products(): Promise<SslProductRow[]> {
    return collectAllPages(this.client, { action: 'ssl/productlist', itemsKey: 'products', item: sslProductSchema, key: (p) => String(p.productID), what: 'SSL product list', priority: 'interactive' });
  }

  async list(): Promise<SslCertificate[]> {
    const rows = await collectAllPages(this.client, { action: 'ssl/list', itemsKey: 'ssl', item: sslCertSchema, key: (c) => String(c.certificateID), what: 'certificate list', priority: 'interactive' });
    return rows.map(normalizeCertificate);
  }

  /** Anything but 'status' and 'validationStatus' carries the private key and files: kept out of errors and logs. */
  info(certificateID: number, infoType: SslInfoType = 'status', pfxpass?: string): Promise<SslInfoRow> {
    return this.client.call({
      action: 'ssl/getinfo',
      kind: 'read',
      params: { certificateID: String(certificateID), infoType, pfxpass },
      data: sslInfoSchema,
      priority: 'interactive',
      subject: `certificate ${certificateID}`,
      sensitive: infoType !== 'status' && infoType !== 'validationStatus',
    });
  }

  async create(productID: number, input: SslOrderInput): Promise<{ certificate: SslCertificate; charged: Money | null }> {
    const r = await this.client.call({ action: 'ssl/create', kind: 'write', params: { productID: String(productID), ...orderParams(input) }, data: sslOrderSchema, subject: `SSL product ${productID}` });
    return { certificate: normalizeCertificate(r.ssl), charged: billed(r.billing) };
  }

  async renew(certificateID: number, input: SslOrderInput): Promise<{ certificate: SslCertificate; charged: Money | null }> {
    const r = await this.client.call({
      action: 'ssl/renew',
      kind: 'write',
      params: { certificateID: String(certificateID), ...orderParams(input) },
      data: sslOrderSchema,
      subject: `certificate ${certificateID}`,
    });
    return { certificate: normalizeCertificate(r.ssl), charged: billed(r.billing) };
  }

  async reissue(certificateID: number, input: Omit<SslOrderInput, 'period' | 'adminContact' | 'techContact' | 'orgContact'>): Promise<SslCertificate> {
    const r = await this.client.call({ action: 'ssl/reissue', kind: 'write', params: { certificateID: String(certificateID), ...orderParams(input) }, data: sslCertSchema, subject: `certificate ${certificateID}` });
    return normalizeCertificate(r);
  }

  /** Validation methods for a name: e-mail approvers, plus dns/http/https when asked. */
  async validationMethods(commonName: string, includeAlternativeMethods = true): Promise<string[]> {
    const r = await this.client.call({
      action: 'ssl/getvalidationemails',
      kind: 'read',
      params: { commonName, includeAlternativeMethods: formBool(includeAlternativeMethods) },
      data: validationEmailsSchema,
      priority: 'interactive',
    });
    return r.valMethods;
  }

  changeValidationMethod(certificateID: number, commonName: string, validationMethod: string): Promise<SslInfoRow> {
    return this.client.call({
      action: 'ssl/changevalidationmethod',
      kind: 'write',
      params: { certificateID: String(certificateID), commonName, validationMethod },
      data: sslInfoSchema,
      priority: 'interactive',
      subject: `certificate ${certificateID}`,
    });
  }

  /** Sends an e-mail: a write, never retried by the lane. */
  resendValidationMail(certificateID: number, commonName: string): Promise<SslInfoRow> {
    return this.client.call({
      action: 'ssl/resendvalidationmail',
      kind: 'write',
      params: { certificateID: String(certificateID), commonName },
      data: sslInfoSchema,
      priority: 'interactive',
      subject: `certificate ${certificateID}`,
    });
  }

  /** MrDomain generates the key pair; the private key comes back once, to the caller only (sensitive). */
  async csrCreate(subject: CsrSubject): Promise<{ csrData: string; csrKey: string }> {
    const r = await this.client.call({ action: 'ssl/csrcreate', kind: 'read', params: { ...subject }, data: csrCreateSchema, priority: 'interactive', sensitive: true });
    return { csrData: r.csrData, csrKey: r.csrKey };
  }

  async csrDecode(csrData: string): Promise<CsrSubject> {
    const r = await this.client.call({ action: 'ssl/csrdecode', kind: 'read', params: { csrData }, data: csrDecodeSchema, priority: 'interactive' });
    const { commonName, organizationName, organizationalUnitName, countryName, stateOrProvinceName, localityName, emailAddress } = r;
    return { commonName, organizationName, organizationalUnitName, countryName, stateOrProvinceName, localityName, emailAddress };
  }
}
