import { createHash } from 'node:crypto';
import type { Ctx, Handler } from './context.js';
import { decodeCsr, generateCsr, type DecodedCsr } from './csr.js';
import { Answer, dataNotFound, failed, invalid, ok } from './envelope.js';
import { addYears, isoDate, wireDate } from './format.js';
import { productView, SSL_PRODUCTS, SSL_TYPES, type SslProduct } from './ssl-catalog.js';
import type { SslOrder } from './state.js';
import { COUNTRY, int, optStr, str, strings, toInt, validate, type Schema } from './validate.js';

/** SSL endpoints of seed 000 under /api/rest/v3/ssl/. */

const SSL_HOST = /^(\*\.)?([a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]{2,63}$/;
const DCV_METHOD = /^(dns|http|https|cname|email|[^@\s]+@[^@\s]+\.[^@\s]+)$/i;
const PER_PAGE = 10;

const ID: Schema = { id: { required: true, rule: { type: 'integer', min: 1, max: 2_147_483_647 } } };
const ORDER_FIELDS: Schema = {
  hostname: { required: true, rule: { type: 'strings', min: 1, max: 100, item: SSL_HOST } },
  csr: { required: true, rule: { type: 'string' } },
  contact: { required: true, rule: { type: 'string', max: 64 } },
  approval_email: { required: true, rule: { type: 'email' } },
  email_client: { rule: { type: 'email' } },
  phonenumber_client: { rule: { type: 'string', max: 20 } },
};
const PERIOD: Schema = { period: { required: true, rule: { type: 'integer', in: [1, 2, 3] } } };
const DCV: Schema = { domain_validation_method: { required: true, rule: { type: 'strings', min: 1, max: 100, item: DCV_METHOD } } };

type Status = { code: 1 | 2 | 3; label: 'Active' | 'Pending' | 'Expired' };

function productOf(o: SslOrder): SslProduct {
  return SSL_PRODUCTS.find((p) => p.productId === o.productId)!;
}

function expiryOf(o: SslOrder): number {
  return addYears(Math.max(o.issueAt, o.extendsFrom ?? 0), o.period);
}

function statusOf(o: SslOrder, now: number): Status {
  if (now < o.issueAt) return { code: 2, label: 'Pending' };
  if (now >= expiryOf(o)) return { code: 3, label: 'Expired' };
  return { code: 1, label: 'Active' };
}

/** Placeholder PEM blocks: the sandbox is no CA, but the fields carry PEM-framed text like the real ones. */
function fakePem(label: string, text: string): string {
  return `-----BEGIN ${label}-----\n${Buffer.from(text).toString('base64')}\n-----END ${label}-----\n`;
}

function orderView(o: SslOrder, now: number): Record<string, unknown> {
  const st = statusOf(o, now);
  const issued = st.code !== 2;
  const p = productOf(o);
  return {
    id: o.id,
    product_id: o.productId,
    registry_id: p.registryId,
    status: st.code,
    product_name: p.name,
    service_name: o.hostnames[0],
    csr: o.csr,
    organization_handle: o.contact,
    technical_handle: o.contact,
    admin_handle: o.contact,
    billing_handle: o.contact,
    approval_email: o.approvalEmail,
    email_reissue: o.emailReissue,
    period: o.period,
    reg_date: wireDate(o.createdAt),
    exp_date: issued ? wireDate(expiryOf(o)) : null,
    active_date: issued ? wireDate(o.issueAt) : null,
    certificate: issued ? fakePem('CERTIFICATE', `DomainDeck sandbox certificate ${o.serial} for ${o.hostnames.join(', ')}`) : null,
    intermediate_certificate: issued ? fakePem('CERTIFICATE', 'DomainDeck sandbox intermediate CA') : null,
    root_certificate: issued ? fakePem('CERTIFICATE', 'DomainDeck sandbox root CA') : null,
    validation_method: o.vendorId,
    domain_validation_methods: o.dcv.map((d) => ({ ...d })),
    domain_validation_statuses: {
      status: issued ? 'closed' : 'open',
      caOrderStatus: issued ? 'issued' : 'pending',
      caStatus: st.code === 3 ? 'expired' : issued ? 'active' : 'pending',
      caOperation: 'none',
    },
    vendor_reference_id: o.vendorId,
    vendor_order_id: o.vendorId,
    additional_data: null,
    sslinhva_order_id: o.uuid,
    order_ends_at: wireDate(addYears(o.createdAt, o.period)),
    reissue_at: o.reissueAt === null ? null : wireDate(o.reissueAt),
    created_at: wireDate(o.createdAt),
    updated_at: wireDate(o.updatedAt),
    status_ssl: st.label,
  };
}

function detailView(o: SslOrder, now: number): Record<string, unknown> {
  const st = statusOf(o, now);
  const issued = st.code !== 2;
  const domainState = issued ? 'VERIFIED' : 'REQUIRED';
  return {
    ...orderView(o, now),
    serial_number: o.serial,
    certificate_status: st.code === 1 ? 'VALID' : st.code === 3 ? 'EXPIRED' : 'PENDING',
    ca_bundle: issued ? fakePem('CERTIFICATE', 'DomainDeck sandbox CA bundle') : null,
    verificationState: {
      last_update_date: isoDate(Math.min(now, issued ? o.issueAt : now)),
      order_status: issued ? 'ISSUED' : 'ENROLLED',
      details: [
        { type: 'PRODUCT', state: 'VERIFIED', description: 'Product Verification by Certum', expire_date: null },
        { type: 'SYSTEM', state: domainState, description: 'Placing CAA record in DNS for your Domain', expire_date: isoDate(o.createdAt + 86_400_000) },
        {
          type: 'DOMAIN',
          state: domainState,
          description: 'Placing TXT record in DNS for your Domain and/or clicking verification link by Certum from Email',
          expire_date: isoDate(o.createdAt + 120 * 86_400_000),
        },
      ],
    },
  };
}

function findOrder(c: Ctx): SslOrder {
  const o = c.state.sslOrders.get(int(c.input, 'id', 0));
  if (!o || o.account !== c.acc.label) throw new Answer(dataNotFound());
  return o;
}

function requireContact(c: Ctx): string {
  const contact = str(c.input, 'contact');
  if (!c.acc.contacts.has(contact)) throw new Answer(invalid(['The selected contact is invalid.']));
  return contact;
}

function parseCsr(text: string): DecodedCsr {
  try {
    return decodeCsr(text);
  } catch {
    throw new Answer(failed('The CSR could not be decoded.'));
  }
}

/** Checks hostnames against the product and the CSR, the way the CA does before it takes an order. */
function checkHostnames(product: SslProduct, hostnames: string[], csr: DecodedCsr): void {
  if (hostnames.length > product.maxHostnames) throw new Answer(failed(`${product.name} covers at most ${product.maxHostnames} host name(s).`));
  const wild = hostnames.some((h) => h.startsWith('*.'));
  if (wild !== product.wildcard) throw new Answer(failed(product.wildcard ? 'A wildcard product needs a *. host name.' : 'Wildcard host names need a wildcard product.'));
  if ((csr.subject.commonName ?? '').toLowerCase() !== hostnames[0]!.toLowerCase()) throw new Answer(failed('The CSR common name does not match the first host name.'));
}

function dcvOf(hostnames: string[], methods: string[]): { hostName: string; method: string }[] {
  return hostnames.map((hostName, i) => ({ hostName, method: methods[Math.min(i, methods.length - 1)]! }));
}

function newOrder(c: Ctx, product: SslProduct, hostnames: string[], period: number, extendsFrom: number | null): SslOrder {
  const contact = requireContact(c);
  const id = c.state.sslId();
  const digest = createHash('sha256').update(`${c.state.seed}/ssl/${id}`).digest('hex');
  const order: SslOrder = {
    id,
    account: c.acc.label,
    productId: product.productId,
    hostnames: hostnames.map((h) => h.toLowerCase()),
    csr: str(c.input, 'csr'),
    contact,
    approvalEmail: str(c.input, 'approval_email'),
    emailReissue: null,
    period,
    dcv: dcvOf(hostnames, strings(c.input, 'domain_validation_method')),
    createdAt: c.now,
    issueAt: c.now + c.options.sslIssueMinutes * 60_000,
    extendsFrom,
    reissueAt: null,
    updatedAt: c.now,
    vendorId: String(900_000_000 + (parseInt(digest.slice(0, 8), 16) % 99_999_999)),
    uuid: `${digest.slice(8, 16)}-${digest.slice(16, 20)}-4${digest.slice(21, 24)}-a${digest.slice(25, 28)}-${digest.slice(28, 40)}`,
    serial: digest.slice(40, 56).toUpperCase(),
  };
  c.state.sslOrders.set(id, order);
  return order;
}

const types: Handler = () => ok(SSL_TYPES.map((t) => ({ ...t })));

const products: Handler = () => ok(SSL_PRODUCTS.map(productView));

const detail: Handler = (c) => {
  validate(c.input, ID);
  return ok(detailView(findOrder(c), c.now));
};

const list: Handler = (c) => {
  validate(c.input, { hostname: { rule: { type: 'string', max: 253 } }, page: { rule: { type: 'integer', min: 1, max: 1_000_000 } } });
  const wanted = optStr(c.input, 'hostname')?.toLowerCase() ?? null;
  const mine = [...c.state.sslOrders.values()].filter((o) => o.account === c.acc.label && (wanted === null || o.hostnames.includes(wanted)));
  const total = mine.length;
  const lastPage = Math.max(1, Math.ceil(total / PER_PAGE));
  const page = toInt(c.input.page) ?? 1;
  const items = mine.slice((page - 1) * PER_PAGE, page * PER_PAGE);
  const path = `http://${String(c.req.headers.host ?? '127.0.0.1')}/irsfa/api/rest/v3/ssl/list`;
  const url = (p: number): string => `${path}?page=${p}`;
  const from = items.length ? (page - 1) * PER_PAGE + 1 : null;
  return ok({
    current_page: page,
    data: items.map((o) => orderView(o, c.now)),
    first_page_url: url(1),
    from,
    last_page: lastPage,
    last_page_url: url(lastPage),
    links: [
      { url: page > 1 ? url(page - 1) : null, label: '« Previous', active: false },
      ...pageLinks(page, lastPage).map((p) => (p === null ? { url: null, label: '...', active: false } : { url: url(p), label: String(p), active: p === page })),
      { url: page < lastPage ? url(page + 1) : null, label: 'Next »', active: false },
    ],
    next_page_url: page < lastPage ? url(page + 1) : null,
    path,
    per_page: PER_PAGE,
    prev_page_url: page > 1 ? url(page - 1) : null,
    to: from === null ? null : from + items.length - 1,
    total,
  });
};

/** Laravel's link window (3 on each side); null stands for a "..." separator. */
function pageLinks(page: number, last: number): (number | null)[] {
  if (last <= 13) return Array.from({ length: last }, (_, i) => i + 1);
  const range = (a: number, b: number): number[] => Array.from({ length: b - a + 1 }, (_, i) => a + i);
  if (page <= 7) return [...range(1, 10), null, last - 1, last];
  if (page > last - 7) return [1, 2, null, ...range(last - 9, last)];
  return [1, 2, null, ...range(page - 3, page + 3), null, last - 1, last];
}

const create: Handler = (c) => {
  validate(c.input, {
    product_id: { required: true, rule: { type: 'string', in: SSL_PRODUCTS.map((p) => p.productId) } },
    ...ORDER_FIELDS,
    ...PERIOD,
    ...DCV,
  });
  const product = SSL_PRODUCTS.find((p) => p.productId === str(c.input, 'product_id'))!;
  const hostnames = strings(c.input, 'hostname');
  checkHostnames(product, hostnames, parseCsr(str(c.input, 'csr')));
  const period = int(c.input, 'period', 1);
  const order = newOrder(c, product, hostnames, period, null);
  c.state.invoice(c.acc, { item: 'ssl-create', subject: order.hostnames[0]!, years: period, amountMinor: product.register * period * 100, description: product.name });
  return ok({
    registry_id: String(product.registryId),
    product_id: product.registryProductId,
    hostname: order.hostnames[0],
    csr: order.csr,
    organization_handle: order.contact,
    technical_handle: order.contact,
    approval_email: order.approvalEmail,
    period,
    domain_validation_method: order.dcv,
  });
};

const reissue: Handler = (c) => {
  validate(c.input, { ...ID, ...ORDER_FIELDS });
  const o = findOrder(c);
  if (statusOf(o, c.now).code !== 1) return failed('Only active certificates can be reissued.');
  const hostnames = strings(c.input, 'hostname');
  checkHostnames(productOf(o), hostnames, parseCsr(str(c.input, 'csr')));
  o.contact = requireContact(c);
  o.hostnames = hostnames.map((h) => h.toLowerCase());
  o.csr = str(c.input, 'csr');
  o.approvalEmail = str(c.input, 'approval_email');
  o.emailReissue = o.approvalEmail;
  o.reissueAt = c.now;
  o.updatedAt = c.now;
  o.serial = createHash('sha256').update(`${o.serial}/${c.now}`).digest('hex').slice(0, 16).toUpperCase();
  return ok({
    registry_id: productOf(o).registryId,
    id: o.id,
    hostname: o.hostnames[0],
    csr: o.csr,
    organization_handle: o.contact,
    technical_handle: o.contact,
    approval_email: o.approvalEmail,
  });
};

const modify: Handler = (c) => {
  validate(c.input, { ...ID, ...DCV });
  const o = findOrder(c);
  if (statusOf(o, c.now).code !== 2) return failed('Only orders pending validation can be modified.');
  o.dcv = dcvOf(o.hostnames, strings(c.input, 'domain_validation_method'));
  o.updatedAt = c.now;
  return ok({ id: String(o.id) });
};

/** A renewal is a new order (new id, as the seed's answer shows) whose validity extends the old certificate's. */
const renew: Handler = (c) => {
  validate(c.input, { ...ID, ...ORDER_FIELDS, ...PERIOD, ...DCV });
  const old = findOrder(c);
  if (statusOf(old, c.now).code === 2) return failed('The certificate has not been issued yet.');
  const product = productOf(old);
  const hostnames = strings(c.input, 'hostname');
  checkHostnames(product, hostnames, parseCsr(str(c.input, 'csr')));
  const period = int(c.input, 'period', 1);
  const order = newOrder(c, product, hostnames, period, expiryOf(old));
  c.state.invoice(c.acc, { item: 'ssl-renew', subject: order.hostnames[0]!, years: period, amountMinor: product.renew * period * 100, description: product.name });
  return ok({ registry_id: product.registryId, id: order.id });
};

const generate: Handler = async (c) => {
  validate(c.input, {
    registry_id: { required: true, rule: { type: 'integer', in: [...new Set(SSL_PRODUCTS.map((p) => p.registryId))] } },
    // The seed's example sends bits: 1 and answers with rsa:2048; 1 and 2 select 2048 and 4096 bits.
    bits: { required: true, rule: { type: 'integer', in: [1, 2, 2048, 3072, 4096] } },
    hostname: { required: true, rule: { type: 'string', pattern: SSL_HOST } },
    country: { required: true, rule: { type: 'string', pattern: COUNTRY } },
    state: { required: true, rule: { type: 'string', max: 128 } },
    locality: { required: true, rule: { type: 'string', max: 128 } },
    organization: { required: true, rule: { type: 'string', max: 64 } },
    unit: { rule: { type: 'string', max: 64 } },
    email: { required: true, rule: { type: 'email' } },
  });
  const rawBits = int(c.input, 'bits', 1);
  const bits = rawBits === 1 ? 2048 : rawBits === 2 ? 4096 : rawBits;
  const subject = {
    country: str(c.input, 'country'),
    state: str(c.input, 'state'),
    locality: str(c.input, 'locality'),
    organization: str(c.input, 'organization'),
    unit: optStr(c.input, 'unit'),
    commonName: str(c.input, 'hostname').toLowerCase(),
    email: str(c.input, 'email'),
  };
  const { csr, key } = await generateCsr(bits, subject);
  const subj = `/C=${subject.country}/ST=${subject.state}/L=${subject.locality}/O=${subject.organization}${subject.unit ? `/OU=${subject.unit}` : ''}/CN=${subject.commonName}/emailAddress=${subject.email}`;
  return ok({
    command: `openssl req -new -newkey rsa:${bits} -nodes -out your.csr -keyout your.private.key -subj "${subj}"`,
    csr,
    key,
    keyPath: c.state.keyPath(),
  });
};

const decode: Handler = (c) => {
  validate(c.input, {
    registry_id: { required: true, rule: { type: 'integer', in: [...new Set(SSL_PRODUCTS.map((p) => p.registryId))] } },
    csr: { required: true, rule: { type: 'string' } },
  });
  const d = parseCsr(str(c.input, 'csr'));
  const names = [...new Set([d.subject.commonName, ...d.altNames].filter((n): n is string => !!n).map((n) => n.toLowerCase()))];
  const wildcard = names.filter((n) => n.startsWith('*.')).length;
  const plain = names.length - wildcard;
  return ok({
    publicKey: { bits: String(d.bits), key: d.publicKeyPem },
    subject: d.subject,
    signatureHashAlgorithm: d.signatureAlgorithm,
    subjectAlternativeName: d.altNames.length ? d.altNames.map((n) => `DNS:${n}`).join(', ') : null,
    domainNamesCount: names.length ? String(names.length) : null,
    wildcardDomainNamesCount: wildcard ? String(wildcard) : null,
    nonWildcardDomainNamesCount: plain ? String(plain) : null,
  });
};

export const SSL_ROUTES: Record<string, { method: string; handler: Handler }> = {
  'ssl/type': { method: 'GET', handler: types },
  'ssl/product': { method: 'GET', handler: products },
  'ssl/detail': { method: 'GET', handler: detail },
  'ssl/list': { method: 'POST', handler: list },
  'ssl/create': { method: 'POST', handler: create },
  'ssl/reissue': { method: 'POST', handler: reissue },
  'ssl/modify': { method: 'POST', handler: modify },
  'ssl/renew': { method: 'POST', handler: renew },
  'ssl/generate': { method: 'POST', handler: generate },
  'ssl/decode': { method: 'POST', handler: decode },
};
