import { hashString } from '../core/rng.js';
import { accountDomain, DOMAIN_FIELDS, extensionOf, fullName, type Ctx, type Handler } from './context.js';
import { Answer, dataNotFound, failed, ok } from './envelope.js';
import { addYears, asciiName, DAY_MS, wireDate } from './format.js';
import { registrantFrom, REGISTRANT_FIELDS, validateRegistrant } from './contacts.js';
import { statusOf, TLD_PRICES_IDR, type IrsfaDomain } from './state.js';
import { HOSTNAME, int, str, strings, validate, type Schema } from './validate.js';

/** Domain endpoints of seed 000 ("Domain" section), under /api/rest/v3/domain/. */

const PERIOD: Schema = { period: { required: true, rule: { type: 'integer', min: 1, max: 10 } } };
const DESCRIPTION: Schema = { description: { rule: { type: 'string', max: 255 } } };
const NAMESERVERS = (required: boolean): Schema => ({
  nameserver: { required, rule: { type: 'strings', min: 1, max: 13, item: HOSTNAME } },
});
const MAX_TERM_YEARS = 10;

function requireSupportedExtension(c: Ctx): string {
  const ext = extensionOf(c.input);
  if (TLD_PRICES_IDR[ext] === undefined) throw new Answer(failed(`The extension .${ext} is not available.`));
  return ext;
}

function requireName(c: Ctx): string {
  const name = fullName(c.input);
  if (!name) throw new Answer(failed('The domain name is not a valid host name.'));
  return name;
}

/** Domains in redemption or pending delete, or mid-transfer, can't be renewed/changed. */
function requireManageable(c: Ctx, d: IrsfaDomain): void {
  const status = statusOf(d, c.now);
  if (status === 'Pending Transfer') throw new Answer(failed('The domain has a pending transfer.'));
  if (status === 'Redemption') throw new Answer(failed('The domain is in its redemption period; restore it first.'));
  if (status === 'Pending Delete') throw new Answer(failed('The domain is pending delete.'));
}

function normalizedNameservers(list: string[]): string[] {
  const out: string[] = [];
  for (const ns of list) {
    const a = asciiName(ns);
    if (a && !out.includes(a)) out.push(a);
  }
  return out;
}

/** In-bailiwick nameservers need a host (glue) object first: the registry's rule. */
function requireGlue(c: Ctx, domain: string, nameservers: string[]): void {
  for (const ns of nameservers) {
    if (ns.endsWith(`.${domain}`) && !c.acc.hosts.has(ns)) throw new Answer(failed(`Nameserver ${ns} is not registered as a host.`));
  }
}

export function domainInfoData(c: Ctx, d: IrsfaDomain): Record<string, unknown> {
  return {
    domain: d.name,
    status_domain: statusOf(d, c.now),
    registration_date: wireDate(d.createdAt),
    expiration_date: wireDate(d.expiresAt),
    nameserver: [...d.nameservers],
    lock_status: d.locked ? 1 : 0,
    contact_id: d.contactId,
  };
}

const availability: Handler = (c) => {
  validate(c.input, DOMAIN_FIELDS);
  c.state.settleTransfers(c.now);
  const ext = extensionOf(c.input);
  const price = TLD_PRICES_IDR[ext];
  // "Data not found.": the registrar has no data (price list) for this extension.
  if (price === undefined) return dataNotFound();
  const name = requireName(c);
  const taken = c.state.ownerOf(name) !== null || c.state.registeredElsewhere(name);
  return ok({ domain: name, available: !taken, price });
};

const info: Handler = (c) => ok(domainInfoData(c, accountDomain(c)));

const register: Handler = (c) => {
  validateRegistrant(c.input, { ...DOMAIN_FIELDS, ...PERIOD, ...NAMESERVERS(true), ...DESCRIPTION, ...REGISTRANT_FIELDS });
  c.state.settleTransfers(c.now);
  const ext = requireSupportedExtension(c);
  const name = requireName(c);
  const pending = c.state.transfers.some((t) => t.name === name);
  if (pending || c.state.ownerOf(name) || c.state.registeredElsewhere(name)) return failed('The domain is not available.');
  const period = int(c.input, 'period', 1);
  const nameservers = normalizedNameservers(strings(c.input, 'nameserver'));
  if (nameservers.some((ns) => ns.endsWith(`.${name}`))) return failed('Nameservers under the new domain need host objects; register with external nameservers first.');
  const contact = c.state.addContact(c.acc, registrantFrom(c.input, c.now));
  const priceMinor = TLD_PRICES_IDR[ext]! * 100;
  c.state.domainsOf(c.acc).set(name, {
    name,
    unicode: name,
    tld: ext,
    createdAt: c.now,
    expiresAt: addYears(c.now, period),
    locked: false,
    nameservers,
    renewPriceMinor: priceMinor,
    premium: false,
    contactId: contact.id,
    eppCode: null,
    dnssec: [],
    documents: [],
    transferUntil: null,
    updatedAt: c.now,
  });
  const inv = c.state.invoice(c.acc, { item: 'register', subject: name, years: period, amountMinor: priceMinor * period, description: str(c.input, 'description') || null });
  return ok({ domain: name, invoice_no: inv.invoiceNo });
};

const renew: Handler = (c) => {
  const d = accountDomain(c, { ...PERIOD, ...DESCRIPTION });
  requireManageable(c, d);
  const period = int(c.input, 'period', 1);
  // No expiry guard in this API: every accepted call adds `period` years.
  const next = addYears(d.expiresAt, period);
  if (next > addYears(c.now, MAX_TERM_YEARS)) return failed(`The registration period may not exceed ${MAX_TERM_YEARS} years.`);
  d.expiresAt = next;
  d.updatedAt = c.now;
  c.state.invoice(c.acc, { item: 'renew', subject: d.name, years: period, amountMinor: d.renewPriceMinor * period, description: str(c.input, 'description') || null });
  return ok({});
};

const transfer: Handler = (c) => {
  validateRegistrant(c.input, {
    ...DOMAIN_FIELDS,
    epp: { required: true, rule: { type: 'string', max: 64 } },
    ...NAMESERVERS(false),
    ...DESCRIPTION,
    ...REGISTRANT_FIELDS,
  });
  c.state.settleTransfers(c.now);
  const ext = requireSupportedExtension(c);
  const name = requireName(c);
  if (c.state.transfers.some((t) => t.name === name)) return failed('A transfer for this domain is already pending.');
  const owner = c.state.ownerOf(name);
  if (owner?.account === c.acc) return failed('The domain is already in your account.');
  let expiresAt: number;
  let createdAt: number;
  if (owner) {
    const status = statusOf(owner.domain, c.now);
    if (status === 'Redemption' || status === 'Pending Delete') return failed('The domain is not transferable in its current status.');
    if (owner.domain.locked) return failed('The domain is locked at the losing registrar.');
    if (str(c.input, 'epp') !== c.state.eppCode(owner.domain)) return failed('Invalid EPP code.');
    expiresAt = owner.domain.expiresAt;
    createdAt = owner.domain.createdAt;
  } else {
    if (!c.state.registeredElsewhere(name)) return failed('The domain is not registered.');
    if (str(c.input, 'epp') !== c.state.externalEpp(name)) return failed('Invalid EPP code.');
    const h = hashString(`${c.state.seed}/external/${name}`);
    expiresAt = Math.floor((c.now + (30 + (h % 700)) * DAY_MS) / DAY_MS) * DAY_MS;
    createdAt = addYears(expiresAt, -(2 + (h % 9)));
  }
  if (c.now - createdAt < 60 * DAY_MS) return failed('The domain was registered less than 60 days ago.');
  const contact = c.state.addContact(c.acc, registrantFrom(c.input, c.now));
  const nameservers = normalizedNameservers(strings(c.input, 'nameserver'));
  const priceMinor = TLD_PRICES_IDR[ext]! * 100;
  const dueAt = c.now + c.options.transferDays * DAY_MS;
  c.state.domainsOf(c.acc).set(name, {
    name,
    unicode: name,
    tld: ext,
    createdAt,
    expiresAt,
    locked: false,
    nameservers: nameservers.length ? nameservers : owner ? [...owner.domain.nameservers] : ['ns1.irsfa.id', 'ns2.irsfa.id'],
    renewPriceMinor: owner?.domain.renewPriceMinor ?? priceMinor,
    premium: owner?.domain.premium ?? false,
    contactId: contact.id,
    eppCode: null,
    dnssec: [],
    documents: [],
    transferUntil: dueAt,
    updatedAt: c.now,
  });
  c.state.transfers.push({ name, from: owner?.account.label ?? null, to: c.acc.label, dueAt });
  c.state.invoice(c.acc, { item: 'transfer', subject: name, years: 1, amountMinor: priceMinor, description: str(c.input, 'description') || null });
  return ok({});
};

const restore: Handler = (c) => {
  const d = accountDomain(c, { ...PERIOD, ...DESCRIPTION });
  if (statusOf(d, c.now) !== 'Redemption') return failed('The domain is not in its redemption period.');
  const period = int(c.input, 'period', 1);
  d.expiresAt = addYears(d.expiresAt, period);
  d.updatedAt = c.now;
  const amountMinor = d.renewPriceMinor * period + c.options.restoreFeeIdr * 100;
  c.state.invoice(c.acc, { item: 'restore', subject: d.name, years: period, amountMinor, description: str(c.input, 'description') || null });
  return ok({});
};

const lock: Handler = (c) => {
  const d = accountDomain(c, { status: { required: true, rule: { type: 'integer', in: [0, 1] } } });
  requireManageable(c, d);
  d.locked = int(c.input, 'status', 0) === 1;
  d.updatedAt = c.now;
  return ok(d.locked ? 'Domain locked!' : 'Domain unlocked!');
};

const eppcode: Handler = (c) => {
  const d = accountDomain(c);
  if (d.transferUntil !== null) return failed('The domain has a pending transfer.');
  return ok(c.state.eppCode(d));
};

const modifyNs: Handler = (c) => {
  const d = accountDomain(c, NAMESERVERS(true));
  requireManageable(c, d);
  const nameservers = normalizedNameservers(strings(c.input, 'nameserver'));
  requireGlue(c, d.name, nameservers);
  d.nameservers = nameservers;
  d.updatedAt = c.now;
  return ok('Successfully modfy nameserver.'); // [sic] as in the seed
};

/** Document ids (seed): 1 KTP, 2 Driving License, 3 Pasport, 4 TDP, 5 VAT, 6 Authorization & Declaration Letter. */
const uploadDocument: Handler = (c) => {
  const d = accountDomain(c, {
    document_id: { required: true, rule: { type: 'integer', in: [1, 2, 3, 4, 5, 6] } },
    document_name: { required: true, rule: { type: 'string', max: 255 } },
    document_description: { rule: { type: 'string', max: 255 } },
    file: { required: true, rule: { type: 'string' } },
  });
  d.documents.push({
    documentId: String(int(c.input, 'document_id', 1)),
    documentName: str(c.input, 'document_name'),
    documentDescription: str(c.input, 'document_description'),
    file: str(c.input, 'file'),
    createdAt: c.now,
  });
  d.updatedAt = c.now;
  // The seed's example body is a copy of DNSSEC Get; the sandbox answers with the domain's documents instead.
  return ok(
    d.documents.map((doc) => ({
      client_id: c.acc.clientId,
      domain: d.name,
      document_id: doc.documentId,
      document_name: doc.documentName,
      document_description: doc.documentDescription,
      file: doc.file,
      updated_at: wireDate(doc.createdAt),
      created_at: wireDate(doc.createdAt),
    })),
  );
};

export const DOMAIN_ROUTES: Record<string, { method: string; handler: Handler }> = {
  'domain/availability': { method: 'POST', handler: availability },
  'domain/info': { method: 'POST', handler: info },
  'domain/register': { method: 'POST', handler: register },
  'domain/renew': { method: 'POST', handler: renew },
  'domain/transfer': { method: 'POST', handler: transfer },
  'domain/restore': { method: 'POST', handler: restore },
  'domain/lock': { method: 'POST', handler: lock },
  'domain/eppcode': { method: 'POST', handler: eppcode },
  'domain/modify/ns': { method: 'PUT', handler: modifyNs },
  'domain/doc/term/upload': { method: 'POST', handler: uploadDocument },
};
