import type { RegistrarErrorKind } from '../errors.js';

/**
 * Every errorCode of seed 002 §10.1.1 ("Error codes"), mapped to the
 * normalized kinds of DESIGN.md. `seed` is the seed's definition, verbatim;
 * `message` is what an investor reads (the API's own detail is appended by
 * the client). Code 0 ("Success") is the envelope's success case, not an error.
 *
 * Choices the seed leaves open, and why:
 * - The seed lists six "Account blocked" codes (1000, 1006, 1010–1013) and
 *   says blocks are temporary but never for how long, so every block pauses
 *   the whole account for a configured back-off (`pause: 'block'`).
 * - 1007/1014 "Account filtered" is how an unregistered IP is answered
 *   (§1.1: each IP must be registered), so it is NotAllowed with the fix.
 * - 1 "Undefined error" and codes missing from this table say nothing about
 *   whether a write was applied, so on a write they are OutcomeUnknown.
 * - 2100 "Domain renew error" is also what a curExpDate mismatch returns; the
 *   renew flow reads the domain back to tell "already renewed" from a failure.
 */
export interface ErrorCodeEntry {
  seed: string;
  kind: RegistrarErrorKind;
  /** Kind used instead when the failed call was a write whose effect this code leaves unknown. */
  writeKind?: RegistrarErrorKind;
  /** Invalid: the input the registrar refused. */
  field?: string;
  /** Pause the account: 'block' for a temporary block, 'ban' for a possibly permanent one. */
  pause?: 'block' | 'ban';
  message: string;
}

const IP_HELP =
  'MrDomain only accepts API calls from IP addresses registered for this account. Add this computer\'s public IP address in the MrDomain control panel (API settings), then try again.';
const BLOCK_HELP = 'DomainDeck pauses every call to this account until the block should have lifted; repeated blocks can lead MrDomain to close API access, so do not retry by hand.';

export const MRDOMAIN_ERROR_CODES: Readonly<Record<number, ErrorCodeEntry>> = {
  1: { seed: 'Undefined error', kind: 'Transient', writeKind: 'OutcomeUnknown', message: 'MrDomain reported an unspecified error.' },
  100: { seed: 'Syntax error', kind: 'Invalid', message: 'MrDomain could not read the request DomainDeck sent.' },
  101: { seed: 'Syntax error: parameter fault', kind: 'Invalid', message: 'MrDomain says a required value is missing.' },
  102: { seed: 'Invalid object/action', kind: 'Invalid', field: 'action', message: 'MrDomain does not know this operation.' },
  103: { seed: 'Not allowed object/action', kind: 'NotAllowed', message: 'This MrDomain API account is not allowed to use this operation.' },
  104: { seed: 'Not implemented object/action', kind: 'NotAllowed', message: 'MrDomain does not offer this operation.' },
  105: { seed: 'Syntax error: invalid parameter', kind: 'Invalid', message: 'MrDomain refused one of the values sent.' },
  200: { seed: 'Login required', kind: 'AuthFailed', message: 'MrDomain asked for the API username and password; check the account credentials.' },
  201: { seed: 'Login invalid', kind: 'AuthFailed', message: 'MrDomain rejected the API username or password; check the account credentials.' },
  210: { seed: 'Session invalid', kind: 'AuthFailed', message: 'MrDomain rejected the API session; check the account credentials.' },
  300: { seed: 'Action not allowed', kind: 'NotAllowed', message: 'MrDomain does not allow this action on this item right now.' },
  1000: { seed: 'Account blocked', kind: 'AccountBlocked', pause: 'block', message: `MrDomain has blocked API access for this account. ${BLOCK_HELP}` },
  1001: { seed: 'Account deleted', kind: 'AuthFailed', message: 'MrDomain says this API account has been deleted. Contact MrDomain support.' },
  1002: { seed: 'Account inactive', kind: 'NotAllowed', message: 'This MrDomain API account is not active yet; MrDomain must authorize it (contact MrDomain support).' },
  1003: { seed: 'Account not exists', kind: 'AuthFailed', message: 'MrDomain does not know this API username; check the account credentials.' },
  1004: { seed: 'Account invalid pass', kind: 'AuthFailed', message: 'MrDomain rejected the API password; check the account credentials.' },
  1005: { seed: 'Account invalid pass', kind: 'AuthFailed', message: 'MrDomain rejected the API password; check the account credentials.' },
  1006: { seed: 'Account blocked', kind: 'AccountBlocked', pause: 'block', message: `MrDomain has temporarily blocked API access for this account. ${BLOCK_HELP}` },
  1007: { seed: 'Account filtered', kind: 'NotAllowed', field: 'ip', message: `MrDomain refused the call because this computer's IP address is not registered. ${IP_HELP}` },
  1009: { seed: 'Account invalid pass', kind: 'AuthFailed', message: 'MrDomain rejected the API password; check the account credentials.' },
  1010: {
    seed: 'Account blocked',
    kind: 'AccountBlocked',
    pause: 'block',
    message: `MrDomain has temporarily blocked API access for this account (too many simultaneous requests). ${BLOCK_HELP}`,
  },
  1011: {
    seed: 'Account blocked',
    kind: 'AccountBlocked',
    pause: 'block',
    message: `MrDomain has temporarily blocked API access for this account (too many failed requests). ${BLOCK_HELP}`,
  },
  1012: {
    seed: 'Account blocked',
    kind: 'AccountBlocked',
    pause: 'block',
    message: `MrDomain has temporarily blocked API access for this account (too many availability checks; mass checks are forbidden). ${BLOCK_HELP}`,
  },
  1013: { seed: 'Account blocked', kind: 'AccountBlocked', pause: 'block', message: `MrDomain has temporarily blocked API access for this account. ${BLOCK_HELP}` },
  1014: { seed: 'Account filtered', kind: 'NotAllowed', field: 'ip', message: `MrDomain filtered this call (access from this IP address is not accepted). ${IP_HELP}` },
  1030: {
    seed: 'Account banned',
    kind: 'Banned',
    pause: 'ban',
    message: 'MrDomain has banned this API account, possibly for good. DomainDeck stops calling it; contact MrDomain support before using it again.',
  },
  1100: { seed: 'Insufficient balance', kind: 'InsufficientFunds', message: 'The MrDomain account balance is too low for this operation. Top up the balance in the MrDomain panel, then try again.' },
  2001: { seed: 'Invalid domain name', kind: 'Invalid', field: 'domain', message: 'MrDomain says the domain name is not valid.' },
  2002: { seed: 'TLD not supported', kind: 'NotAllowed', field: 'domain', message: 'MrDomain does not support this extension (TLD).' },
  2003: { seed: 'TLD in maintenance', kind: 'Transient', message: 'The registry of this extension is in maintenance; try again later.' },
  2004: { seed: 'Domain check error', kind: 'Transient', message: 'MrDomain could not check this domain right now; try again later.' },
  2005: { seed: 'Domain transfer not allowed', kind: 'NotAllowed', message: 'This domain cannot be transferred right now.' },
  2006: { seed: 'Domain Whois not allowed', kind: 'NotAllowed', message: 'MrDomain only shows Whois for domains in this account.' },
  2007: { seed: 'Domain Whois error', kind: 'Transient', message: 'MrDomain could not fetch the Whois right now; try again later.' },
  2008: { seed: 'Domain not found', kind: 'NotFound', field: 'domain', message: 'This domain is not in the MrDomain account (moved, deleted or mistyped).' },
  2009: { seed: 'Domain create error', kind: 'Invalid', field: 'domain', message: 'MrDomain could not register this domain.' },
  2010: { seed: 'Domain create error: taken', kind: 'NotAllowed', field: 'domain', message: 'This domain is already registered by someone else.' },
  2011: { seed: 'Domain create error: Domain premium', kind: 'Invalid', field: 'premium', message: 'This is a premium domain; it must be registered as premium at the premium price.' },
  2012: { seed: 'Domain transfer error', kind: 'NotAllowed', message: 'MrDomain could not transfer this domain.' },
  2100: { seed: 'Domain renew error', kind: 'Invalid', field: 'curExpDate', message: 'MrDomain refused the renewal (the expiry date given may no longer be current).' },
  2101: {
    seed: 'Domain renew not allowed',
    kind: 'NotAllowed',
    message: 'MrDomain does not allow renewing this domain now (it may be in redemption, pending deletion, or already at the maximum registration period).',
  },
  2102: { seed: 'Domain renew blocked', kind: 'NotAllowed', message: 'Renewal is blocked for this domain: its modifications lock is on. Turn the lock off in DomainDeck or the MrDomain panel first.' },
  2200: { seed: 'Domain update error', kind: 'Invalid', message: 'MrDomain refused the change to this domain.' },
  2201: { seed: 'Domain update not allowed', kind: 'NotAllowed', message: 'MrDomain does not allow this change for this domain (its status or extension does not permit it).' },
  2202: { seed: 'Domain update blocked', kind: 'NotAllowed', message: 'Changes are blocked for this domain: its modifications lock is on. Turn the lock off first.' },
  2210: {
    seed: 'Invalid operation due to the owner contact data verification status',
    kind: 'NotAllowed',
    message: "Not possible until the owner contact's details are verified (see the verification e-mail MrDomain sent).",
  },
  3001: { seed: 'Contact not exists', kind: 'NotFound', field: 'contact', message: 'This contact does not exist in the MrDomain account.' },
  3002: { seed: 'Contact data error', kind: 'Invalid', field: 'contact', message: 'MrDomain refused the contact details.' },
  3003: { seed: 'Invalid operation due to the contact data verification', kind: 'NotAllowed', field: 'contact', message: "Not possible until this contact's details are verified." },
  3500: { seed: 'User not exists', kind: 'NotFound', field: 'username', message: 'This MrDomain sub-user does not exist.' },
  3501: { seed: 'User create error', kind: 'Invalid', field: 'username', message: 'MrDomain could not create the sub-user.' },
  3502: { seed: 'User update error', kind: 'Invalid', field: 'username', message: 'MrDomain could not update the sub-user.' },
  4001: {
    seed: 'Service not found',
    kind: 'NotFound',
    field: 'serviceName',
    message: "This domain has no MrDomain DNS/hosting service. Point it to MrDomain's default nameservers to manage its DNS zone here.",
  },
  4002: { seed: 'Service entity not found', kind: 'NotFound', field: 'entityID', message: 'This DNS record (or service item) no longer exists; refresh the zone.' },
  4003: { seed: 'Maximum amount of entities error (FTP/Mails/etc.)', kind: 'NotAllowed', message: 'The service has reached its maximum number of items.' },
  4004: { seed: 'Failure to create the entity', kind: 'Invalid', message: 'MrDomain refused to create this record.' },
  4005: { seed: 'Failure to update the entity', kind: 'Invalid', message: 'MrDomain refused to update this record.' },
  4006: { seed: 'Failure to delete the entity', kind: 'Invalid', message: 'MrDomain refused to delete this record.' },
  4007: { seed: 'Failure to create the service', kind: 'Invalid', message: 'MrDomain could not create the service.' },
  4008: { seed: 'Failure to upgrade the service', kind: 'Invalid', message: 'MrDomain could not upgrade the service.' },
  4009: { seed: 'Failure to renew the service', kind: 'Invalid', message: 'MrDomain could not renew the service.' },
  4010: { seed: 'Failure to motify the parking system', kind: 'Invalid', message: 'MrDomain could not change the parking service.' },
  5000: { seed: 'SSL Error', kind: 'Invalid', message: 'MrDomain refused the SSL certificate request.' },
  5001: { seed: 'SSL Not Found', kind: 'NotFound', field: 'certificateID', message: 'This SSL certificate is not in the MrDomain account.' },
  10001: { seed: 'WebConstructor Error', kind: 'Invalid', message: 'MrDomain reported a WebConstructor error.' },
};

/** Used for a code the seed does not list: like "Undefined error", it says nothing about a write's effect. */
export const UNKNOWN_CODE_ENTRY: ErrorCodeEntry = {
  seed: '(not in the seed)',
  kind: 'Transient',
  writeKind: 'OutcomeUnknown',
  message: 'MrDomain answered with an error code DomainDeck does not know.',
};

export function errorCodeEntry(code: number): ErrorCodeEntry {
  return MRDOMAIN_ERROR_CODES[code] ?? UNKNOWN_CODE_ENTRY;
}
