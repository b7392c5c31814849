import type { CallKind } from '../../scheduler/lane-types.js';
import { RegistrarError, type RegistrarErrorInit } from '../errors.js';
import { failureEnvelopeSchema, oauthErrorSchema, type FailureEnvelope } from './parse.js';

/**
 * Irsfa answers → the normalized error kinds (DESIGN.md). The seed documents:
 *   token  404 {error:"invalid_client", message:"Client authentication failed"}  → AuthFailed
 *   REST   404 "Domain not found in your account!" / "Data not found."            → NotFound
 *   REST   422 "The given data was invalid." (+ per-field messages in `error`)     → Invalid{field}
 *   REST   500 "An error occurred!"                                               → Invalid (a reason given) / Transient
 * plus what any Laravel/Passport API answers that the seed leaves out: 401
 * "Unauthenticated." (refresh once, then AuthFailed), 403, 405, 429, gateway 5xx.
 */

const CREDENTIALS_NEXT_STEP =
  'Next step: copy the client ID and client secret again from the Irsfa reseller panel (API settings) into this account, and check that production credentials are used with the production endpoint and sandbox credentials with the sandbox endpoint.';

/** One field's complaint from a 422 answer ("The period field is required." → field "period"). */
export interface FieldError {
  field: string;
  message: string;
}

/** A 422 answer: `field` is the first refused input, `fields` lists every one so the UI can mark each. */
export class IrsfaValidationError extends RegistrarError {
  readonly fields: FieldError[];
  constructor(init: RegistrarErrorInit, fields: FieldError[]) {
    super(init);
    this.fields = fields;
  }
}

function err(init: Omit<RegistrarErrorInit, 'registrar'>): RegistrarError {
  return new RegistrarError({ registrar: 'irsfa', ...init });
}

/** "The selected contact id is invalid." → "contact_id"; "The nameserver.0 format is invalid." → "nameserver". */
export function fieldOfMessage(message: string): string | null {
  const m = /^The (?:selected )?([a-z0-9 _.]+?) (?:field|must|format|may|has|is|does|confirmation)\b/i.exec(message.trim());
  if (!m) return null;
  return m[1]!.trim().replace(/\s+/g, '_').replace(/\.\d+$/, '').toLowerCase();
}

function fieldErrors(error: FailureEnvelope['error']): FieldError[] {
  if (Array.isArray(error)) return error.map((message) => ({ field: fieldOfMessage(message) ?? 'request', message }));
  return Object.entries(error).flatMap(([field, v]) => (Array.isArray(v) ? v : [v]).map((message) => ({ field: field.replace(/\.\d+$/, ''), message })));
}

function reasons(error: FailureEnvelope['error']): string[] {
  return fieldErrors(error).map((f) => f.message);
}

const sentence = (text: string): string => (/[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);

/** A token request that did not yield a token. */
export function tokenError(status: number, text: string): RegistrarError {
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    // handled below: not JSON
  }
  const oauth = oauthErrorSchema.safeParse(body);
  if (oauth.success && ['invalid_client', 'invalid_request', 'unauthorized_client', 'invalid_grant'].includes(oauth.data.error)) {
    return err({ kind: 'AuthFailed', code: oauth.data.error, message: `${sentence(oauth.data.message ?? 'Client authentication failed')} Irsfa did not accept this account's client ID and secret. ${CREDENTIALS_NEXT_STEP}` });
  }
  if (status === 429) return rateLimited(null, 'signing in');
  if (status >= 500) return err({ kind: 'Transient', code: String(status), raw: text, message: `Irsfa's sign-in service answered HTTP ${status}; try again in a few minutes.` });
  if (oauth.success) return err({ kind: 'AuthFailed', code: oauth.data.error, raw: text, message: `Irsfa refused to issue an access token (${oauth.data.error}${oauth.data.message ? `: ${oauth.data.message}` : ''}). ${CREDENTIALS_NEXT_STEP}` });
  if (status === 404 || status === 405) return wrongEndpoint(status, text);
  return err({ kind: 'Transient', code: String(status), raw: text, message: `Irsfa's sign-in service gave an answer DomainDeck could not read (HTTP ${status}); the raw answer is kept for diagnosis.` });
}

function wrongEndpoint(status: number, text: string): RegistrarError {
  return err({ kind: 'Invalid', field: 'endpoint', code: String(status), raw: text, message: `Irsfa answered HTTP ${status}: this API path does not exist at the account's endpoint. Check the endpoint URL in Accounts (production is https://api6.irsfa.id).` });
}

function rateLimited(retryAfter: string | null, action: string): RegistrarError {
  const seconds = retryAfter !== null && /^\d+$/.test(retryAfter.trim()) ? Number(retryAfter) : null;
  const dated = seconds === null && retryAfter ? Date.parse(retryAfter) - Date.now() : NaN;
  const retryAfterMs = seconds !== null ? seconds * 1000 : Number.isFinite(dated) && dated > 0 ? dated : 60_000;
  return err({ kind: 'RateLimited', code: '429', retryAfterMs, message: `Irsfa asked DomainDeck to slow down while ${action}; it continues after a pause of ${Math.ceil(retryAfterMs / 1000)} s.` });
}

/** Second 401 in a row, with a token Irsfa had just issued. */
export function unauthenticated(message: string): RegistrarError {
  return err({ kind: 'AuthFailed', code: '401', message: `Irsfa refused a freshly issued access token (${sentence(message)}) The API client may have been revoked or lack access to the REST API. ${CREDENTIALS_NEXT_STEP}` });
}

export interface AnswerContext {
  command: string;
  kind: CallKind;
  /** What the call was doing, for the sentence: "renewing example.id". */
  action: string;
  retryAfter: string | null;
}

/** A REST answer that is not a success envelope (HTTP status ≥ 400, or a body code other than 2xx). */
export function restError(status: number, text: string, body: unknown, c: AnswerContext): RegistrarError {
  const env = failureEnvelopeSchema.safeParse(body);
  if (!env.success) return unreadable(status, text, c);
  const code = env.data.code;
  const why = reasons(env.data.error);
  const detail = why.length ? ` ${why.map(sentence).join(' ')}` : '';
  const effective = status >= 400 ? status : code;
  switch (effective) {
    case 400:
    case 405:
      return err({ kind: 'Invalid', field: 'request', code: String(effective), raw: text, message: `Irsfa rejected the request while ${c.action}: ${sentence(env.data.message)}${detail}` });
    case 403:
      return err({ kind: 'NotAllowed', code: '403', raw: text, message: `Irsfa does not allow this API client to do this (${c.action}): ${sentence(env.data.message)}${detail} Ask Irsfa to enable it for your reseller account.` });
    case 404:
      if (/could not be found/i.test(env.data.message)) return wrongEndpoint(404, text);
      return err({ kind: 'NotFound', code: '404', raw: text, message: notFoundSentence(c, env.data.message) });
    case 422: {
      const fields = fieldErrors(env.data.error);
      const first = fields.find((f) => f.field !== 'request') ?? fields[0];
      return new IrsfaValidationError(
        { kind: 'Invalid', registrar: 'irsfa', field: first?.field ?? 'request', code: '422', raw: text, message: `Irsfa refused the input while ${c.action}: ${sentence(env.data.message)}${detail}` },
        fields,
      );
    }
    case 429:
      return rateLimited(c.retryAfter, c.action);
    default:
      if (effective >= 500 && why.length) {
        // The registrar said why it refused: a business rule, not a glitch; repeating it changes nothing.
        return err({ kind: 'Invalid', field: fieldFromReason(why[0]!), code: String(code), raw: text, message: `Irsfa refused ${c.action}:${detail}` });
      }
      if (effective >= 500) {
        return err({ kind: 'Transient', code: String(code), raw: text, message: `Irsfa reported an internal error while ${c.action} ("${env.data.message}") without saying why. Nothing indicates the change was made; try again later, and contact Irsfa support if it persists.` });
      }
      return err({ kind: 'Invalid', field: 'request', code: String(code), raw: text, message: `Irsfa refused ${c.action} (code ${code}): ${sentence(env.data.message)}${detail}` });
  }
}

function notFoundSentence(c: AnswerContext, message: string): string {
  if (c.command === 'domain/availability') return `Irsfa has no data for this extension (${sentence(message)}) It probably does not sell it.`;
  if (/in your account/i.test(message)) return `Irsfa says the domain is not in this account (${sentence(message)}) It may have been transferred away or belong to another Irsfa account.`;
  return `Irsfa found nothing while ${c.action} (${sentence(message)})`;
}

/** Which input a 500 reason points at, when it says so. */
function fieldFromReason(reason: string): string {
  if (/epp|auth(orization)? code/i.test(reason)) return 'epp';
  if (/nameserver|host/i.test(reason)) return 'nameserver';
  if (/csr/i.test(reason)) return 'csr';
  if (/period|years?\b/i.test(reason)) return 'period';
  if (/digest|dnssec|key tag/i.test(reason)) return 'dnssec';
  return fieldOfMessage(reason) ?? 'request';
}

/**
 * A body DomainDeck cannot read (not JSON, cut short, an HTML error page, an
 * unexpected shape). Reads: Transient, safe to repeat. Writes: the request was
 * sent and may have been applied, so OutcomeUnknown. The raw body is kept.
 */
export function unreadable(status: number, text: string, c: AnswerContext): RegistrarError {
  const what = status >= 500 ? `HTTP ${status} with a body that is not Irsfa's usual answer` : `an answer DomainDeck could not read (HTTP ${status})`;
  if (c.kind === 'write') {
    return err({ kind: 'OutcomeUnknown', code: String(status), raw: text, message: `Irsfa sent ${what} while ${c.action}. The change may or may not have been made; DomainDeck checks the domain before doing anything else. The raw answer is kept for diagnosis.` });
  }
  return err({ kind: 'Transient', code: String(status), raw: text, message: `Irsfa sent ${what} while ${c.action}; the raw answer is kept for diagnosis. It is safe to try again.` });
}

const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT', 'ERR_INVALID_URL', 'ERR_TLS_CERT_ALTNAME_INVALID', 'DEPTH_ZERO_SELF_SIGNED_CERT']);

/** A request that got no answer at all. */
export function networkError(cause: unknown, c: AnswerContext): RegistrarError {
  const code = (cause as { code?: unknown })?.code;
  const name = typeof code === 'string' ? code : cause instanceof Error ? cause.name : 'error';
  if (NOT_SENT.has(name)) {
    return err({ kind: 'Transient', code: name, message: `DomainDeck could not reach Irsfa while ${c.action} (${name}); nothing was sent. Check the internet connection and the account's endpoint, then try again.` });
  }
  if (c.kind === 'write') {
    return err({ kind: 'OutcomeUnknown', code: name, message: `The connection to Irsfa ended before it answered while ${c.action} (${name}). The change may or may not have been made; DomainDeck checks before doing anything else.` });
  }
  return err({ kind: 'Transient', code: name, message: `The connection to Irsfa ended before it answered while ${c.action} (${name}). It is safe to try again.` });
}
