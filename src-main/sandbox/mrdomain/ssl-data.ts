import { createHash } from 'node:crypto';
import { pem } from './csr.js';
import { money, ymd } from './params.js';

const DAY = 86_400_000;

export type ValidationType = 'dv' | 'ov' | 'ev';

export interface SslProduct {
  productID: number;
  productName: string;
  brandName: string;
  validationType: ValidationType;
  isMultiDomain: boolean;
  isWildcard: boolean;
  isTrial: boolean;
  numDomains: number;
  createMinor: number | null;
  renewMinor: number | null;
  createPromo?: boolean;
  maxYears: number;
  trialDays?: number;
  sanMaxDomains?: number;
  sanMinor?: number;
}

/** A catalog modelled on the seed's examples (product IDs 1, 17, 55–58 appear there). */
export const SSL_PRODUCTS: SslProduct[] = [
  { productID: 1, productName: 'Sectigo Domain Premium', brandName: 'Sectigo', validationType: 'dv', isMultiDomain: false, isWildcard: false, isTrial: false, numDomains: 1, createMinor: 495, renewMinor: 3995, createPromo: true, maxYears: 2 },
  { productID: 6, productName: 'Sectigo Organization SSL', brandName: 'Sectigo', validationType: 'ov', isMultiDomain: false, isWildcard: false, isTrial: false, numDomains: 1, createMinor: 6995, renewMinor: 6995, maxYears: 2 },
  { productID: 17, productName: 'Sectigo Multi-Domain EV SSL', brandName: 'Sectigo', validationType: 'ev', isMultiDomain: true, isWildcard: false, isTrial: false, numDomains: 3, createMinor: 38395, renewMinor: 38395, maxYears: 2, sanMaxDomains: 210, sanMinor: 10600 },
  { productID: 55, productName: 'DonDominio Domain SSL', brandName: 'DonDominio', validationType: 'dv', isMultiDomain: false, isWildcard: false, isTrial: false, numDomains: 1, createMinor: 495, renewMinor: 495, createPromo: true, maxYears: 2 },
  { productID: 56, productName: 'DonDominio Wildcard SSL', brandName: 'DonDominio', validationType: 'dv', isMultiDomain: false, isWildcard: true, isTrial: false, numDomains: 1, createMinor: 4995, renewMinor: 4995, maxYears: 2 },
  { productID: 57, productName: 'DonDominio Multi-Domain SSL', brandName: 'DonDominio', validationType: 'dv', isMultiDomain: true, isWildcard: false, isTrial: false, numDomains: 3, createMinor: 2800, renewMinor: 2800, maxYears: 2, sanMaxDomains: 200, sanMinor: 495 },
  { productID: 58, productName: 'DonDominio Trial SSL', brandName: 'DonDominio', validationType: 'dv', isMultiDomain: false, isWildcard: false, isTrial: true, numDomains: 1, createMinor: null, renewMinor: null, maxYears: 1, trialDays: 90 },
];

export function productView(p: SslProduct): Record<string, unknown> {
  const out: Record<string, unknown> = {
    productID: p.productID,
    productName: p.productName,
    brandName: p.brandName,
    validationType: p.validationType,
    isMultiDomain: p.isMultiDomain,
    isWildcard: p.isWildcard,
    isTrial: p.isTrial,
    numDomains: p.numDomains,
    keyLength: 2048,
    encryption: 256,
  };
  if (p.createMinor !== null) out.create = { create: money(p.createMinor), years: 1, ...(p.createPromo ? { isPromo: true } : {}) };
  if (p.renewMinor !== null) out.renew = { create: money(p.renewMinor), years: 1 };
  if (p.trialDays) out.trialPeriod = `${p.trialDays} days`;
  if (p.sanMaxDomains !== undefined) {
    out.sanMaxDomains = p.sanMaxDomains;
    out.sanPrice = money(p.sanMinor ?? 0);
  }
  return out;
}

export type CertStatus = 'process' | 'valid' | 'expired' | 'renew' | 'reissue' | 'cancel';

export interface Certificate {
  certificateID: number;
  commonName: string;
  productID: number;
  status: CertStatus;
  /** When the pending order (create, renew or reissue) was placed. */
  orderedAt: number;
  issuedAt: number | null;
  expiresAt: number | null;
  periodYears: number;
  alternativeNames: string[];
  /** Validation method per name: dns, http, https or an approver email address. */
  validation: Record<string, string>;
  csrData: string;
  keyData: string;
}

export function productOf(cert: Certificate): SslProduct {
  return SSL_PRODUCTS.find((p) => p.productID === cert.productID) ?? SSL_PRODUCTS[0]!;
}

/**
 * Pending orders are issued by the (simulated) CA `issueMs` after they were
 * placed; valid certificates expire. Applied lazily on every read.
 */
export function advanceCertificate(cert: Certificate, now: number, issueMs: number): void {
  if ((cert.status === 'process' || cert.status === 'renew' || cert.status === 'reissue') && now >= cert.orderedAt + issueMs) {
    const issued = cert.orderedAt + issueMs;
    const product = productOf(cert);
    if (cert.status === 'process') cert.expiresAt = product.trialDays ? issued + product.trialDays * DAY : addYears(issued, cert.periodYears);
    if (cert.status === 'renew') cert.expiresAt = addYears(Math.max(cert.expiresAt ?? issued, issued), cert.periodYears);
    cert.issuedAt = cert.status === 'reissue' ? cert.issuedAt ?? issued : issued;
    cert.status = 'valid';
  }
  if (cert.status === 'valid' && cert.expiresAt !== null && now >= cert.expiresAt) cert.status = 'expired';
}

function addYears(ms: number, years: number): number {
  const d = new Date(ms);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.getTime();
}

/** Renewable within 90 days of expiry, or once expired. */
export function certRenewable(cert: Certificate, now: number): boolean {
  if (cert.status === 'expired') return true;
  return cert.status === 'valid' && cert.expiresAt !== null && cert.expiresAt - now <= 90 * DAY && !productOf(cert).isTrial;
}

/** The fields every ssl/* answer about one certificate starts with. */
export function certCore(cert: Certificate, now: number): Record<string, unknown> {
  return {
    certificateID: cert.certificateID,
    commonName: cert.commonName,
    status: cert.status,
    renewable: certRenewable(cert, now),
    productID: cert.productID,
  };
}

export function certDates(cert: Certificate): Record<string, unknown> {
  // Until the CA issues the certificate both dates are "" (seed: ssl/create and validationStatus examples).
  return { tsCreate: cert.issuedAt === null ? '' : ymd(cert.issuedAt), tsExpir: cert.expiresAt === null ? '' : ymd(cert.expiresAt) };
}

export function approverEmails(commonName: string): string[] {
  const base = commonName.replace(/^\*\./, '').replace(/^www\./, '');
  return ['admin', 'administrator', 'hostmaster', 'webmaster', 'postmaster'].map((u) => `${u}@${base}`);
}

export function validationData(cert: Certificate): Record<string, unknown> {
  const dcv: Record<string, unknown> = {};
  const validated = cert.status === 'valid';
  // One entry per name that is validated on its own: the commonName and any alt_name_N (www./bare pairs ride on the commonName).
  for (const name of new Set([cert.commonName, ...Object.keys(cert.validation)])) {
    const method = cert.validation[name] ?? 'dns';
    const token = createHash('md5').update(`${cert.certificateID}/${name}`).digest('hex');
    const mode = method === 'dns' || method === 'http' || method === 'https' ? method : 'mail';
    let checkvalue: unknown = method;
    if (mode === 'dns') checkvalue = `_${token.slice(0, 24)}.${name.replace(/^\*\./, '')} CNAME ${token}.${token.slice(0, 16)}.ssl${cert.certificateID}.comodoca.com`;
    if (mode === 'http' || mode === 'https') {
      const file = `${token.toUpperCase()}.txt`;
      checkvalue = { link: `${mode}://${name.replace(/^\*\./, '')}/.well-known/pki-validation/${file}`, file, contents: `${token}\ncomodoca.com\nssl${cert.certificateID}` };
    }
    dcv[name] = { validated, domainName: name, method: mode, checkvalue };
  }
  const ovev = productOf(cert).validationType !== 'dv';
  return {
    dcv,
    organizationValidationStatus: ovev ? (validated ? 'validated' : 'pending') : '',
    brandValidationStatus: ovev ? (validated ? 'validated' : 'pending') : '',
    message: validated ? 'The certificate has been issued.' : 'The petition is pending validation.',
    externalValidation: !validated,
  };
}

/** Placeholder certificate material: PEM-shaped and stable per certificate, not a real X.509 chain. */
export function certMaterial(cert: Certificate): { sslCert: string; sslKey: string; sslCertChain: string[]; der: Buffer } {
  const der = createHash('sha512').update(`cert/${cert.certificateID}/${cert.issuedAt ?? 0}`).digest();
  return {
    sslCert: pem('CERTIFICATE', Buffer.concat([der, der])),
    sslKey: cert.keyData || pem('PRIVATE KEY', createHash('sha512').update(`key/${cert.certificateID}`).digest()),
    sslCertChain: [pem('CERTIFICATE', createHash('sha512').update('sandbox-intermediate-ca').digest())],
    der,
  };
}

export function fingerprint(der: Buffer): Record<string, string> {
  const fp = (alg: string): string => (createHash(alg).update(der).digest('hex').toUpperCase().match(/.{2}/g) ?? []).join(':');
  return { SHA1: fp('sha1'), SHA256: fp('sha256'), MD5: fp('md5') };
}

/** A few certificates every account already owns: single-name, wildcard and multi-domain. */
export function seedCertificates(domains: string[], firstID: number, now: number): Certificate[] {
  const specs: { productID: number; cn: (d: string) => string; alt: (d: string) => string[] }[] = [
    { productID: 55, cn: (d) => `www.${d}`, alt: (d) => [`www.${d}`, d] },
    { productID: 56, cn: (d) => `*.${d}`, alt: (d) => [`*.${d}`, d] },
    { productID: 57, cn: (d) => `www.${d}`, alt: (d) => [`www.${d}`, d, `mail.${d}`] },
  ];
  return domains.slice(0, specs.length).map((domain, i) => {
    const spec = specs[i]!;
    // The multi-domain one is inside its 90-day renewal window, so ssl/renew has something to renew.
    const issuedAt = now - [120, 170, 300][i]! * DAY;
    return {
      certificateID: firstID + i,
      commonName: spec.cn(domain),
      productID: spec.productID,
      status: 'valid',
      orderedAt: issuedAt,
      issuedAt,
      expiresAt: addYears(issuedAt, 1),
      periodYears: 1,
      alternativeNames: spec.alt(domain),
      validation: {},
      csrData: '',
      keyData: '',
    };
  });
}
