import { hashString } from '../../core/rng.js';
import { ApiError, DONE, type ActionResult } from '../envelope.js';
import { pageOf, paging, type Params } from '../params.js';
import { contactResponse } from '../domain-views.js';
import type { AccountState, Contact } from '../state.js';
import type { ActionContext, ActionHandler } from './context.js';

const FIELDS = ['Type', 'FirstName', 'LastName', 'OrgName', 'OrgType', 'IdentNumber', 'Email', 'Phone', 'Fax', 'Address', 'PostalCode', 'City', 'State', 'Country'] as const;
const REQUIRED = ['Type', 'FirstName', 'LastName', 'IdentNumber', 'Email', 'Phone', 'Address', 'PostalCode', 'City', 'State', 'Country'] as const;

/**
 * `<prefix>ContactID`, or the full `<prefix>ContactType`… set (seed §5.3.1):
 * returns the contact ID to use (creating the contact from the data), or
 * null when the call names no contact for this role. An unknown ID is 3001,
 * incomplete or invalid data 3002.
 */
export function readContact(account: AccountState, p: Params, role: string): string | null {
  const id = p.opt(`${role}ContactID`);
  if (id !== undefined) {
    if (!account.contacts.has(id)) throw new ApiError(3001, `Contact not exists: ${id}`);
    return id;
  }
  if (!p.has(`${role}ContactType`)) return null;
  return createContact(account, (f) => p.opt(`${role}Contact${f}`), `${role}Contact`).contactID;
}

function createContact(account: AccountState, get: (field: (typeof FIELDS)[number]) => string | undefined, prefix: string): Contact {
  for (const f of REQUIRED) if (get(f) === undefined) throw new ApiError(3002, `Missing contact field: ${prefix}${f}`);
  const type = get('Type')!;
  if (type !== 'individual' && type !== 'organization') throw new ApiError(3002, `Invalid ${prefix}Type: ${type}`);
  const country = get('Country')!.toUpperCase();
  if (!/^[A-Z]{2}$/.test(country)) throw new ApiError(3002, `Invalid ${prefix}Country: ${country}`);
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(get('Email')!)) throw new ApiError(3002, `Invalid ${prefix}Email`);
  if (!/^\+\d{1,3}\.\d{4,14}$/.test(get('Phone')!)) throw new ApiError(3002, `Invalid ${prefix}Phone: use +DD.DDDDDDDD`);
  const fax = get('Fax');
  if (fax !== undefined && !/^\+\d{1,3}\.\d{4,14}$/.test(fax)) throw new ApiError(3002, `Invalid ${prefix}Fax: use +DD.DDDDDDDDD`);
  if (type === 'organization' && get('OrgName') === undefined) throw new ApiError(3002, `Missing contact field: ${prefix}OrgName`);
  if (type === 'organization' && country === 'ES' && get('OrgType') === undefined) throw new ApiError(3002, `Missing contact field: ${prefix}OrgType`);
  const first = get('FirstName')!;
  const last = get('LastName')!;
  const initials = `${first[0] ?? 'X'}${last[0] ?? 'X'}${(get('OrgName') ?? last)[1] ?? 'X'}`.toUpperCase().replace(/[^A-Z]/g, 'X');
  let n = hashString(`${account.label}/${account.contacts.size}/${first}/${last}`) % 9_000_000;
  let contactID = `${initials}-${1_000_000 + n}`;
  while (account.contacts.has(contactID)) contactID = `${initials}-${1_000_000 + ++n}`;
  const contact: Contact = {
    contactID,
    contactType: type,
    firstName: first,
    lastName: last,
    orgName: type === 'organization' ? get('OrgName')! : '',
    orgType: type === 'organization' && country === 'ES' ? get('OrgType')! : '',
    identNumber: get('IdentNumber')!,
    email: get('Email')!,
    phone: get('Phone')!,
    fax: fax ?? '',
    address: get('Address')!,
    postalCode: get('PostalCode')!,
    city: get('City')!,
    state: get('State')!,
    country,
    // New contacts start unverified where verification applies (owner verification, §5.27.5).
    verificationstatus: country === 'ES' ? 'notapplicable' : 'inprocess',
    daaccepted: false,
  };
  account.contacts.set(contactID, contact);
  return contact;
}

function listItem(c: Contact): Record<string, unknown> {
  return {
    contactID: c.contactID,
    contactType: c.contactType,
    contactName: c.contactType === 'organization' ? c.orgName : `${c.firstName} ${c.lastName}`,
    identNumber: c.identNumber,
    email: c.email,
    country: c.country,
    verificationstatus: c.verificationstatus,
    daaccepted: c.daaccepted,
  };
}

function create(c: ActionContext): ActionResult {
  // The seed prints the fields unprefixed (Type, FirstName, …); "contactType"-style names are accepted too.
  const contact = createContact(c.account, (f) => c.p.opt(f) ?? c.p.opt(`contact${f}`), '');
  return { data: contactResponse(contact), messages: DONE };
}

function list(c: ActionContext): ActionResult {
  const pg = paging(c.p);
  const name = c.p.opt('name')?.toLowerCase();
  const email = c.p.opt('email')?.toLowerCase();
  const country = c.p.opt('country')?.toUpperCase();
  const ident = c.p.opt('identNumber');
  const verification = c.p.opt('verificationstatus');
  const da = c.p.bool('daaccepted');
  const rows = [...c.account.contacts.values()].filter(
    (x) =>
      (name === undefined || `${x.firstName} ${x.lastName} ${x.orgName}`.toLowerCase().includes(name)) &&
      (email === undefined || x.email.toLowerCase() === email) &&
      (country === undefined || x.country === country) &&
      (ident === undefined || x.identNumber === ident) &&
      (verification === undefined || x.verificationstatus === verification) &&
      (da === undefined || x.daaccepted === da),
  );
  const { queryInfo, items } = pageOf(rows, pg);
  return { data: { queryInfo, contacts: items.map(listItem) } };
}

function target(c: ActionContext): Contact {
  const id = c.p.req('contactID');
  const contact = c.account.contacts.get(id);
  if (!contact) throw new ApiError(3001, `Contact not exists: ${id}`);
  return contact;
}

function getinfo(c: ActionContext): ActionResult {
  c.p.oneOf('infoType', ['data'] as const, 'data');
  return { data: contactResponse(target(c)) };
}

function resendVerification(c: ActionContext): ActionResult {
  const contact = target(c);
  if (contact.verificationstatus === 'verified' || contact.verificationstatus === 'notapplicable') {
    throw new ApiError(3003, `Contact ${contact.contactID} is ${contact.verificationstatus}: no verification email to send`);
  }
  const { daaccepted: _da, ...rest } = listItem(contact);
  return { data: rest, messages: DONE };
}

export const CONTACT_ACTIONS: Record<string, ActionHandler> = {
  'contact/create': create,
  'contact/list': list,
  'contact/getinfo': getinfo,
  'contact/resendverificationmail': resendVerification,
};
