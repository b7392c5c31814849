import type { Handler } from './context.js';
import { Answer, invalid, MSG, ok } from './envelope.js';
import type { Contact } from './state.js';
import { COUNTRY, optStr, PHONE, str, validate, type Fields, type Schema } from './validate.js';

/** Contact endpoints (seed 000, "Contact"): create and update; the seed has no contact info/list/delete. */

const ADDRESS_FIELDS: Schema = {
  telephone_number: { required: true, rule: { type: 'string', pattern: PHONE } },
  street: { required: true, rule: { type: 'string', max: 255 } },
  number: { rule: { type: 'string', max: 20 } },
  zip_code: { required: true, rule: { type: 'string', max: 10 } },
  city: { required: true, rule: { type: 'string', max: 100 } },
  state: { required: true, rule: { type: 'string', max: 100 } },
  country: { required: true, rule: { type: 'string', pattern: COUNTRY } },
  email: { required: true, rule: { type: 'email' } },
  locale: { rule: { type: 'string', max: 10 } },
};

/** Registrant data as the register/transfer/contact-create examples send it inline. */
export const REGISTRANT_FIELDS: Schema = {
  company_name: { rule: { type: 'string', max: 255 } },
  initial: { rule: { type: 'string', max: 20 } },
  first_name: { required: true, rule: { type: 'string', max: 100 } },
  last_name: { required: true, rule: { type: 'string', max: 100 } },
  gender: { rule: { type: 'string', in: ['M', 'F'] } },
  ...ADDRESS_FIELDS,
};

/**
 * The examples send `number` and `zip_code` as JSON integers (19, 41111); both are
 * accepted as integers or strings and stored as strings (zip codes may start with 0).
 */
function normalizeNumbers(input: Fields): Fields {
  const out = { ...input };
  for (const f of ['number', 'zip_code']) if (typeof out[f] === 'number') out[f] = String(out[f]);
  return out;
}

/** The address and reach fields that create and update both take. */
function addressFrom(input: Fields) {
  return {
    telephone: str(input, 'telephone_number'),
    street: str(input, 'street'),
    number: optStr(input, 'number'),
    zipCode: str(input, 'zip_code'),
    city: str(input, 'city'),
    state: str(input, 'state'),
    country: str(input, 'country'),
    email: str(input, 'email'),
  };
}

export function registrantFrom(raw: Fields, now: number): Omit<Contact, 'id'> {
  const input = normalizeNumbers(raw);
  return {
    companyName: optStr(input, 'company_name'),
    firstName: str(input, 'first_name'),
    lastName: str(input, 'last_name'),
    gender: optStr(input, 'gender'),
    ...addressFrom(input),
    locale: optStr(input, 'locale'),
    createdAt: now,
    updatedAt: now,
  };
}

/** Validation for handlers that take registrant fields: numbers first become strings. */
export function validateRegistrant(input: Fields, schema: Schema): void {
  validate(normalizeNumbers(input), schema);
}

const create: Handler = (c) => {
  validateRegistrant(c.input, REGISTRANT_FIELDS);
  const contact = c.state.addContact(c.acc, registrantFrom(c.input, c.now));
  return ok({ no_contact: contact.id }, MSG.contactCreated);
};

const update: Handler = (c) => {
  validateRegistrant(c.input, { contact_id: { required: true, rule: { type: 'string', max: 64 } }, ...ADDRESS_FIELDS });
  const contact = c.acc.contacts.get(str(c.input, 'contact_id'));
  // Laravel's `exists` rule: an unknown id is a validation error (the seed's only documented failure here is 422).
  if (!contact) throw new Answer(invalid(['The selected contact id is invalid.']));
  const input = normalizeNumbers(c.input);
  Object.assign(contact, {
    ...addressFrom(input),
    locale: optStr(input, 'locale') ?? contact.locale,
    updatedAt: c.now,
  });
  return ok({ no_contact: contact.id });
};

export function contactView(contact: Contact): Record<string, unknown> {
  return { ...contact, createdAt: new Date(contact.createdAt).toISOString(), updatedAt: new Date(contact.updatedAt).toISOString() };
}

export const CONTACT_ROUTES: Record<string, { method: string; handler: Handler }> = {
  'domain/contact/create': { method: 'POST', handler: create },
  'domain/contact/update': { method: 'PUT', handler: update },
};
