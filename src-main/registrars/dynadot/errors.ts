import { RegistrarError, type RegistrarErrorKind } from '../errors.js';
import type { CallKind } from '../../scheduler/lane-types.js';

/**
 * Dynadot answers every failure with HTTP 200 and an English `Error` sentence
 * (seed 001 lists none of them as codes). This file is the one table that turns
 * those sentences, network failures and unreadable answers into the normalized
 * kinds, with a sentence an investor can act on. The registrar's own sentence
 * travels as `code` (the text key) and inside `raw`.
 */

const registrar = 'dynadot' as const;

export interface CallSite {
  command: string;
  kind: CallKind;
}

/** Epoch ms of the ISO timestamp that ends the overlap / suspension sentences, if any. */
export function untilFromMessage(message: string): number | undefined {
  const m = /(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z)\s*\.?\s*$/.exec(message.trim());
  if (!m) return undefined;
  const at = Date.parse(m[1]!);
  return Number.isNaN(at) ? undefined : at;
}

interface Rule {
  test: RegExp;
  kind: RegistrarErrorKind;
  /** Which request parameter the registrar refused (Invalid). */
  field?: (m: RegExpExecArray, message: string) => string | undefined;
  say: (m: RegExpExecArray, message: string, site: CallSite) => string;
}

const when = (until: number | undefined): string => (until ? ` until ${new Date(until).toISOString()}` : '');

/** The parameter an "invalid …" / "missing parameter …" sentence names. */
function fieldOf(message: string): string | undefined {
  const at = / in ([a-z_]+\d*)\s*(?:,|$)/i.exec(message);
  if (at) return at[1];
  const m = /^(?:missing parameter|invalid) ([a-z_]+\d*)/i.exec(message);
  if (!m) return undefined;
  const word = m[1]!.toLowerCase();
  if (word === 'domain' || word === 'name') return 'domain';
  return word;
}

const RULES: Rule[] = [
  {
    test: /^invalid key\b/i,
    kind: 'AuthFailed',
    say: () => 'Dynadot did not accept the API key. Copy the key again from Dynadot (Tools -> API) and update this account; check that API access is enabled and this computer\'s IP is allowed.',
  },
  {
    test: /^Only one request can be processed at a time/i,
    kind: 'Banned',
    say: (_m, msg) => `Dynadot received two requests at once from this key and suspended it${when(untilFromMessage(msg))}. DomainDeck pauses this account until then; make sure no other program uses the same API key.`,
  },
  {
    test: /API key is suspended/i,
    kind: 'Banned',
    say: (_m, msg) => `Dynadot has suspended this API key${when(untilFromMessage(msg))} because more than one request was sent at a time. DomainDeck waits until the suspension ends.`,
  },
  {
    test: /^insufficient account balance/i,
    kind: 'InsufficientFunds',
    say: (_m, msg) => `The Dynadot account balance is too low for this order (${msg}). Add funds at Dynadot and try again.`,
  },
  {
    test: /^could not find (.+?) in your account/i,
    kind: 'NotFound',
    say: (m) => `${m[1]} is not in this Dynadot account (it may have expired, been moved or pushed away). Refresh the portfolio.`,
  },
  {
    test: /^could not find (folder|name server|order|auction for) (.+)$/i,
    kind: 'NotFound',
    say: (m) => `Dynadot has no ${m[1]!.replace(/ for$/, '').toLowerCase()} ${m[2]} for this account.`,
  },
  {
    test: /is not in your backorder request list|is not an expired closeout domain/i,
    kind: 'NotFound',
    say: (_m, msg) => `Dynadot says: ${msg}.`,
  },
  {
    test: /^missing parameter /i,
    kind: 'Invalid',
    field: (_m, msg) => fieldOf(msg),
    say: (_m, msg, site) => `Dynadot refused the ${site.command} request: ${msg}. This is a DomainDeck bug; please report it.`,
  },
  {
    test: /needs a late renew fee/i,
    kind: 'Invalid',
    field: () => 'allowLateFee',
    say: (_m, msg) => `Not renewed: ${msg}. Allow late-renewal fees for this renewal if you still want it.`,
  },
  {
    test: /does not match the current expiration year/i,
    kind: 'Invalid',
    field: () => 'expectedExpiresAt',
    say: (_m, msg) => `Not renewed: the expiry changed since it was loaded (${msg}). Refresh the domain before renewing again.`,
  },
  {
    test: /^your bid must be|^invalid bid_amount/i,
    kind: 'Invalid',
    field: () => 'bid_amount',
    say: (_m, msg) => `Bid refused: ${msg}.`,
  },
  {
    test: /is not in your name server list/i,
    kind: 'Invalid',
    field: () => 'ns',
    say: (_m, msg) => `Dynadot refused the name servers: ${msg}.`,
  },
  {
    test: /^your account can only search (\d+)/i,
    kind: 'Invalid',
    field: () => 'domain',
    say: (m) => `This Dynadot account may search ${m[1]} name(s) per request.`,
  },
  {
    test: /only available to reseller accounts|this command is disabled|please unlock your domain first/i,
    kind: 'NotAllowed',
    say: (_m, msg) => `Dynadot does not allow this for the account: ${msg}.`,
  },
  {
    test: /^(invalid|only 1 domain|the auction for .* has ended|too many domains|.* cannot be renewed|.* already exists|.* is already in your account|the cutoff time|.* is in use by|.* is pending delete|.* is not a supported TLD|not_available)/i,
    kind: 'Invalid',
    field: (_m, msg) => fieldOf(msg) ?? (/domain/i.test(msg) ? 'domain' : undefined),
    say: (_m, msg) => `Dynadot refused the request: ${msg}.`,
  },
];

/** A Dynadot `Error` sentence (command envelope or the generic pre-command one) as a normalized error. */
export function errorFromMessage(message: string, site: CallSite, raw: string): RegistrarError {
  const text = message.trim();
  for (const rule of RULES) {
    const m = rule.test.exec(text);
    if (!m) continue;
    return new RegistrarError({
      registrar,
      kind: rule.kind,
      code: text.slice(0, 120),
      message: rule.say(m, text, site),
      field: rule.field?.(m, text),
      until: rule.kind === 'Banned' ? untilFromMessage(text) : undefined,
      raw,
    });
  }
  // A refusal in a shape we know, with words we do not: the registrar answered
  // (nothing is unknown about the outcome), so it is not retried; it is shown as said.
  return new RegistrarError({ registrar, kind: 'Invalid', code: text.slice(0, 120), message: `Dynadot refused the ${site.command} request: ${text}`, raw });
}

/** undici error codes raised before the request could reach Dynadot: safe to call "not sent". */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_INVALID_ARG']);

function errorCode(err: unknown): string {
  const e = err as { code?: unknown; cause?: { code?: unknown }; name?: unknown };
  return String(e?.code ?? e?.cause?.code ?? e?.name ?? 'network');
}

/** A failure without an answer. A write that may have reached Dynadot is OutcomeUnknown: reconcile, never resend. */
export function errorFromNetwork(err: unknown, site: CallSite): RegistrarError {
  const code = errorCode(err);
  if (site.kind === 'write' && !NOT_SENT.has(code)) {
    return new RegistrarError({
      registrar,
      kind: 'OutcomeUnknown',
      code,
      message: `The connection to Dynadot broke during "${site.command}" (${code}); Dynadot may or may not have done it. DomainDeck will check the domain instead of sending it again.`,
    });
  }
  return new RegistrarError({ registrar, kind: 'Transient', code, message: `Could not reach Dynadot for "${site.command}" (${code}). It will be tried again later.` });
}

/** A non-200 HTTP status (Dynadot itself always answers 200; proxies and outages do not). */
export function errorFromHttpStatus(status: number, site: CallSite, raw: string): RegistrarError {
  const code = `HTTP ${status}`;
  if (status === 429) return new RegistrarError({ registrar, kind: 'RateLimited', code, raw, message: 'Dynadot asked DomainDeck to slow down (HTTP 429). The account pauses briefly.' });
  if (status >= 500 && site.kind === 'write') {
    return new RegistrarError({ registrar, kind: 'OutcomeUnknown', code, raw, message: `Dynadot answered "${site.command}" with a server error (${code}); it may or may not have been done. DomainDeck will check instead of sending it again.` });
  }
  if (status >= 500) return new RegistrarError({ registrar, kind: 'Transient', code, raw, message: `Dynadot had a server error (${code}) for "${site.command}". It will be tried again later.` });
  if (status === 401 || status === 403) return new RegistrarError({ registrar, kind: 'AuthFailed', code, raw, message: `Dynadot refused access (${code}). Check the API key and the IP allow-list in Dynadot's API settings.` });
  return new RegistrarError({ registrar, kind: 'Invalid', code, raw, message: `The Dynadot endpoint answered ${code} for "${site.command}". Check the account's endpoint setting.` });
}

/** HTTP 200 with a body we cannot read or a shape we do not know: fail loudly, keep the body. */
export function errorFromUnreadable(site: CallSite, raw: string, detail: string): RegistrarError {
  if (site.kind === 'write') {
    return new RegistrarError({
      registrar,
      kind: 'OutcomeUnknown',
      code: 'unreadable',
      raw,
      message: `Dynadot's answer to "${site.command}" could not be read (${detail}); the change may or may not have been made. DomainDeck will check instead of sending it again.`,
    });
  }
  return new RegistrarError({ registrar, kind: 'Transient', code: 'unreadable', raw, message: `Dynadot's answer to "${site.command}" could not be read (${detail}). It will be tried again later.` });
}

/** Refused before any request is sent. */
export function invalidInput(field: string, message: string): RegistrarError {
  return new RegistrarError({ registrar, kind: 'Invalid', field, message });
}
