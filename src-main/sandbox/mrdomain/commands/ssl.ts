import { ApiError, DONE, type ActionResult } from '../envelope.js';
import { decodeCsr, type CsrSubject } from '../csr.js';
import { asciiName, money, pageOf, paging } from '../params.js';
import {
  SSL_PRODUCTS,
  advanceCertificate,
  approverEmails,
  certCore,
  certDates,
  certMaterial,
  certRenewable,
  fingerprint,
  productOf,
  productView,
  validationData,
  type Certificate,
  type SslProduct,
} from '../ssl-data.js';
import { readContact } from './contact.js';
import type { ActionContext, ActionHandler } from './context.js';

const PENDING = ['process', 'reissue', 'renew'];

function certs(c: ActionContext): Certificate[] {
  const all = [...c.account.certificates.values()];
  for (const cert of all) advanceCertificate(cert, c.now, c.sslIssueMs);
  return all;
}

function targetCert(c: ActionContext): Certificate {
  const id = c.p.int('certificateID', 0);
  if (id === 0) throw new ApiError(101, 'Missing parameter: certificateID');
  const cert = c.account.certificates.get(id);
  if (!cert) throw new ApiError(5001, `Certificate not found: ${id}`);
  advanceCertificate(cert, c.now, c.sslIssueMs);
  return cert;
}

function targetProduct(c: ActionContext): SslProduct {
  const id = c.p.int('productID', 0);
  if (id === 0) throw new ApiError(101, 'Missing parameter: productID');
  const product = SSL_PRODUCTS.find((p) => p.productID === id);
  if (!product) throw new ApiError(5000, `Unknown SSL productID: ${id}`);
  return product;
}

/** Names shown on the certificate; none until the CA has issued it (seed: ssl/create and validationStatus examples). */
function names(cert: Certificate): string[] {
  return cert.issuedAt === null ? [] : [...cert.alternativeNames];
}

function certFields(cert: Certificate, now: number, opts: { numDomains?: boolean; sanMax?: boolean } = {}): Record<string, unknown> {
  const product = productOf(cert);
  return {
    ...certCore(cert, now),
    ...(opts.numDomains && product.isMultiDomain ? { numDomains: product.sanMaxDomains } : {}),
    ...certDates(cert),
    alternativeNames: names(cert),
    ...(opts.sanMax && product.isMultiDomain ? { sanMaxDomains: product.sanMaxDomains } : {}),
  };
}

function readCsr(c: ActionContext): { csrData: string; subject: CsrSubject } {
  const csrData = c.p.req('csrData');
  const subject = decodeCsr(csrData);
  if (!subject) throw new ApiError(5000, 'csrData is not a valid certificate request (CSR)');
  return { csrData, subject };
}

function checkMethod(commonName: string, method: string): string {
  const lower = method.toLowerCase();
  const wildcard = commonName.startsWith('*.');
  if (lower === 'dns') return lower;
  if (lower === 'http' || lower === 'https') {
    if (wildcard) throw new ApiError(5000, `Validation method ${lower} is not available for wildcard names`);
    return lower;
  }
  if (approverEmails(commonName).includes(lower)) return lower;
  throw new ApiError(5000, `Invalid validation method for ${commonName}: ${method} (see ssl/getvalidationemails)`);
}

/** alt_name_N / alt_validation_N, numbered from 1 without gaps (seed §8.7.2). */
function altNames(c: ActionContext, product: SslProduct): Record<string, string> {
  const out: Record<string, string> = {};
  for (let n = 1; c.p.has(`alt_name_${n}`); n++) {
    const raw = c.p.opt(`alt_name_${n}`)!;
    const name = asciiName(raw.toLowerCase().replace(/^\*\./, 'wildcard.'));
    if (name === null) throw new ApiError(5000, `Invalid alt_name_${n}: ${raw}`);
    out[raw.toLowerCase()] = checkMethod(raw.toLowerCase(), c.p.opt(`alt_validation_${n}`) ?? 'dns');
  }
  const count = Object.keys(out).length;
  if (count > 0 && !product.isMultiDomain) throw new ApiError(5000, `${product.productName} is not a multi-domain certificate: alt_name_N not allowed`);
  if (count > (product.sanMaxDomains ?? 0) && product.isMultiDomain) throw new ApiError(5000, `At most ${product.sanMaxDomains} alternative names`);
  return out;
}

function requireContacts(c: ActionContext, product: SslProduct): void {
  if (!readContact(c.account, c.p, 'admin')) throw new ApiError(101, 'Missing parameter: adminContactID or adminContact data');
  readContact(c.account, c.p, 'tech');
  if (product.validationType !== 'dv' && !readContact(c.account, c.p, 'org')) {
    throw new ApiError(101, `Missing parameter: orgContactID or orgContact data (required for ${product.validationType.toUpperCase()} certificates)`);
  }
}

function charge(c: ActionContext, minor: number): { total: number; currency: string } {
  if (c.account.balanceMinor < minor) {
    throw new ApiError(1100, `Insufficient balance: ${money(minor).toFixed(2)} EUR needed, ${money(c.account.balanceMinor).toFixed(2)} EUR available`);
  }
  c.account.balanceMinor -= minor;
  return { total: money(minor), currency: 'EUR' };
}

function extraSanMinor(product: SslProduct, totalNames: number, years: number): number {
  return Math.max(0, totalNames - product.numDomains) * (product.sanMinor ?? 0) * years;
}

function finalNames(cn: string, product: SslProduct, alts: Record<string, string>): string[] {
  if (product.isMultiDomain) return [cn, ...Object.keys(alts).filter((n) => n !== cn)];
  const bare = cn.replace(/^\*\./, '').replace(/^www\./, '');
  return bare === cn ? [cn] : [cn, bare];
}

function productList(c: ActionContext): ActionResult {
  const pg = paging(c.p);
  const wildcard = c.p.bool('wildcard');
  const multi = c.p.bool('multidomain');
  const trial = c.p.bool('trial');
  const vt = c.p.oneOf('validationType', ['dv', 'ov', 'ev'] as const);
  const rows = SSL_PRODUCTS.filter(
    (p) => (wildcard === undefined || p.isWildcard === wildcard) && (multi === undefined || p.isMultiDomain === multi) && (trial === undefined || p.isTrial === trial) && (vt === undefined || p.validationType === vt),
  );
  const { queryInfo, items } = pageOf(rows, pg);
  return { data: { queryInfo, products: items.map(productView) } };
}

function productGetinfo(c: ActionContext): ActionResult {
  return { data: productView(targetProduct(c)) };
}

function list(c: ActionContext): ActionResult {
  const pg = paging(c.p);
  const productID = c.p.opt('productID');
  const status = c.p.opt('status');
  const renewable = c.p.bool('renewable');
  const cn = c.p.opt('commonName')?.toLowerCase();
  const rows = certs(c).filter(
    (x) =>
      (productID === undefined || String(x.productID) === productID) &&
      (status === undefined || x.status === status) &&
      (renewable === undefined || certRenewable(x, c.now) === renewable) &&
      (cn === undefined || x.commonName === cn),
  );
  const { queryInfo, items } = pageOf(rows, pg);
  return {
    data: {
      queryInfo,
      ssl: items.map((x) => {
        const product = productOf(x);
        return { ...certCore(x, c.now), sanMaxDomains: product.sanMaxDomains ?? product.numDomains, ...certDates(x), alternativeNames: names(x) };
      }),
    },
  };
}

const CONTENT: Record<string, { type: string; name: string; base64: boolean }> = {
  pfx: { type: 'application/x-pkcs12', name: 'certificate.pfx', base64: true },
  der: { type: 'application/x-x509-ca-cert', name: 'certificate.der', base64: true },
  p7b: { type: 'text/plain', name: 'certificate.p7b', base64: false },
  zip: { type: 'application/zip', name: 'certificate.zip', base64: true },
  pem: { type: 'text/plain', name: 'certificate.pem', base64: false },
};

function getinfo(c: ActionContext): ActionResult {
  const cert = targetCert(c);
  const infoType = c.p.oneOf('infoType', ['status', 'ssldata', 'validationStatus', 'pfx', 'der', 'p7b', 'zip', 'pem'] as const, 'status')!;
  const base = certFields(cert, c.now, { numDomains: true });
  if (infoType === 'status') return { data: base };
  if (infoType === 'validationStatus') {
    if (!PENDING.includes(cert.status)) throw new ApiError(5000, `validationStatus is only available while the certificate is in process or reissue (now ${cert.status})`);
    return { data: { ...base, validationData: validationData(cert) } };
  }
  if (cert.issuedAt === null) throw new ApiError(5000, `Certificate ${cert.certificateID} has not been issued yet`);
  const material = certMaterial(cert);
  const files = { sslCert: material.sslCert, sslKey: material.sslKey, sslCertChain: material.sslCertChain };
  if (infoType === 'ssldata') return { data: { ...base, ...files, fingerprint: fingerprint(material.der) } };
  const spec = CONTENT[infoType]!;
  const text = infoType === 'p7b' ? material.sslCert.replace(/CERTIFICATE/g, 'PKCS7') : `${material.sslCert}\n${material.sslCertChain.join('\n')}`;
  const data = spec.base64 ? Buffer.concat([material.der, Buffer.from(c.p.opt('pfxpass') ?? '')]).toString('base64') : text;
  return { data: { ...base, ...files, content: { type: spec.type, name: spec.name, base64encoded: spec.base64, data } } };
}

function create(c: ActionContext): ActionResult {
  const { csrData, subject } = readCsr(c);
  const product = targetProduct(c);
  const period = c.p.int('period', 1, 1, product.maxYears);
  const cn = subject.commonName.toLowerCase();
  if (product.isWildcard !== cn.startsWith('*.')) throw new ApiError(5000, product.isWildcard ? 'A wildcard certificate needs a *.domain commonName' : 'Wildcard commonName needs a wildcard product');
  requireContacts(c, product);
  const method = checkMethod(cn, c.p.opt('validationMethod') ?? 'dns');
  const alts = altNames(c, product);
  const allNames = finalNames(cn, product, alts);
  const billing = charge(c, (product.createMinor ?? 0) * period + extraSanMinor(product, allNames.length, period));
  const cert: Certificate = {
    certificateID: c.account.nextCertificateID++,
    commonName: cn,
    productID: product.productID,
    status: 'process',
    orderedAt: c.now,
    issuedAt: null,
    expiresAt: null,
    periodYears: period,
    alternativeNames: allNames,
    validation: { [cn]: method, ...alts },
    csrData,
    keyData: c.p.opt('keyData') ?? '',
  };
  c.account.certificates.set(cert.certificateID, cert);
  return { data: { billing, ssl: certFields(cert, c.now) } };
}

function renew(c: ActionContext): ActionResult {
  const cert = targetCert(c);
  const product = productOf(cert);
  const { csrData, subject } = readCsr(c);
  if (subject.commonName.toLowerCase() !== cert.commonName) throw new ApiError(5000, `The CSR commonName (${subject.commonName}) differs from the certificate's (${cert.commonName})`);
  if (!certRenewable(cert, c.now)) throw new ApiError(5000, `Certificate ${cert.certificateID} is not renewable (${cert.status})`);
  const period = c.p.int('period', 1, 1, product.maxYears);
  requireContacts(c, product);
  const method = checkMethod(cert.commonName, c.p.opt('validationMethod') ?? 'dns');
  const alts = altNames(c, product);
  const allNames = product.isMultiDomain && Object.keys(alts).length ? finalNames(cert.commonName, product, alts) : cert.alternativeNames;
  const billing = charge(c, (product.renewMinor ?? 0) * period + extraSanMinor(product, allNames.length, period));
  Object.assign(cert, { status: 'renew', orderedAt: c.now, periodYears: period, csrData, alternativeNames: allNames, validation: { [cert.commonName]: method, ...alts } });
  if (cert.expiresAt !== null && cert.expiresAt < c.now) cert.expiresAt = c.now;
  return { data: { billing, ssl: certFields(cert, c.now, { sanMax: true }) } };
}

function reissue(c: ActionContext): ActionResult {
  const cert = targetCert(c);
  const product = productOf(cert);
  const { csrData, subject } = readCsr(c);
  if (cert.status !== 'valid') throw new ApiError(5000, `Only valid certificates can be reissued (now ${cert.status})`);
  if (subject.commonName.toLowerCase() !== cert.commonName) throw new ApiError(5000, `The CSR commonName (${subject.commonName}) differs from the certificate's (${cert.commonName})`);
  const method = checkMethod(cert.commonName, c.p.opt('validationMethod') ?? 'dns');
  const alts = altNames(c, product);
  if (product.isMultiDomain && Object.keys(alts).length) cert.alternativeNames = finalNames(cert.commonName, product, alts);
  Object.assign(cert, { status: 'reissue', orderedAt: c.now, csrData, keyData: c.p.opt('keyData') ?? cert.keyData, validation: { [cert.commonName]: method, ...alts } });
  return { data: certFields(cert, c.now, { sanMax: true }), messages: DONE };
}

function addSan(c: ActionContext): ActionResult {
  const cert = targetCert(c);
  const product = productOf(cert);
  if (!product.isMultiDomain) throw new ApiError(5000, `${product.productName} is not a multi-domain certificate`);
  const raw = c.p.req('extraSAN').toLowerCase();
  if (asciiName(raw.replace(/^\*\./, 'wildcard.')) === null) throw new ApiError(5000, `Invalid extraSAN: ${raw}`);
  if (cert.alternativeNames.includes(raw)) throw new ApiError(5000, `${raw} is already on the certificate`);
  if (cert.alternativeNames.length >= (product.sanMaxDomains ?? 0)) throw new ApiError(5000, `The certificate already has the maximum of ${product.sanMaxDomains} names`);
  const billing = charge(c, product.sanMinor ?? 0);
  cert.alternativeNames.push(raw);
  cert.validation[raw] = 'dns';
  return { data: { billing, ssl: certFields(cert, c.now, { sanMax: true }) } };
}

function pendingName(c: ActionContext): { cert: Certificate; commonName: string } {
  const cert = targetCert(c);
  const commonName = c.p.req('commonName').toLowerCase();
  if (!PENDING.includes(cert.status)) throw new ApiError(5000, `Certificate ${cert.certificateID} is not pending validation (${cert.status})`);
  if (commonName !== cert.commonName && !cert.alternativeNames.includes(commonName)) throw new ApiError(5000, `${commonName} is not a name of certificate ${cert.certificateID}`);
  return { cert, commonName };
}

function changeValidationMethod(c: ActionContext): ActionResult {
  const { cert, commonName } = pendingName(c);
  cert.validation[commonName] = checkMethod(commonName, c.p.req('validationMethod'));
  return { data: { ...certFields(cert, c.now), validationData: validationData(cert) }, messages: DONE };
}

function resendValidationMail(c: ActionContext): ActionResult {
  const { cert, commonName } = pendingName(c);
  const method = cert.validation[commonName] ?? 'dns';
  if (!method.includes('@')) throw new ApiError(5000, `${commonName} is validated by ${method}, not by email`);
  return { data: { ...certFields(cert, c.now), validationData: validationData(cert) }, messages: DONE };
}

export const SSL_ACTIONS: Record<string, ActionHandler> = {
  'ssl/productlist': productList,
  'ssl/productgetinfo': productGetinfo,
  'ssl/list': list,
  'ssl/getinfo': getinfo,
  'ssl/create': create,
  'ssl/renew': renew,
  'ssl/reissue': reissue,
  'ssl/multidomainaddsan': addSan,
  'ssl/changevalidationmethod': changeValidationMethod,
  'ssl/resendvalidationmail': resendValidationMail,
};
