import { RegistrarError } from '../errors.js';
import { abilityFromMessage, missingAbilityReason, type ResellerAbility } from './abilities.js';

/**
 * Maps the reseller API's Laravel-style failures (sandbox README "Common
 * shapes") onto the normalized registrar errors. Only the `message` and
 * `errors` fields of a body are read; the body is kept (redacted, truncated)
 * as `raw` for diagnosis.
 */

export interface FailedAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** The parsed JSON body when it was JSON. */
  json: unknown;
}

export interface CallInfo {
  /** Stats/lane command, e.g. `orders.renew`. */
  command: string;
  kind: 'read' | 'write';
  /** The ability the route needs, used when a 403 does not name one. */
  ability: ResellerAbility;
}

const registrar = 'reseller' as const;

function bodyMessage(json: unknown): string | null {
  if (json && typeof json === 'object' && typeof (json as { message?: unknown }).message === 'string') return (json as { message: string }).message;
  return null;
}

/** The first field of a 422 `errors` object and its first sentence. */
function firstFieldError(json: unknown): { field: string; message: string } | null {
  const errors = json && typeof json === 'object' ? (json as { errors?: unknown }).errors : undefined;
  if (!errors || typeof errors !== 'object') return null;
  for (const [field, list] of Object.entries(errors as Record<string, unknown>)) {
    const first = Array.isArray(list) ? list.find((x): x is string => typeof x === 'string') : undefined;
    if (first) return { field, message: first };
  }
  return null;
}

function header(headers: FailedAnswer['headers'], name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function retryAfterMs(value: string | undefined): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

export function errorFromResponse(answer: FailedAnswer, call: CallInfo): RegistrarError {
  const said = bodyMessage(answer.json);
  const code = String(answer.status);
  const raw = answer.text;
  const base = { registrar, code, raw };
  switch (answer.status) {
    case 401:
      return new RegistrarError({ ...base, kind: 'AuthFailed', message: `The reseller API did not accept the API token (${said ?? 'Unauthenticated.'}). Create a new token in the reseller panel and update this account.` });
    case 403: {
      const ability = abilityFromMessage(said ?? '') ?? call.ability;
      const reason = missingAbilityReason(ability);
      return new RegistrarError({ ...base, kind: 'NotAllowed', field: ability, message: `${reason.charAt(0).toUpperCase()}${reason.slice(1)}.` });
    }
    case 409:
      // The only 409 the API documents: the Idempotency-Key was already used
      // with another payload or endpoint. Nothing new was created.
      return new RegistrarError({
        ...base,
        kind: 'Invalid',
        field: 'idempotency_key',
        message: `The reseller refused the request: its Idempotency-Key was already used for a different request (another domain, term or order type), so nothing new was created. ${said ?? ''}`.trim(),
      });
    case 422: {
      const first = firstFieldError(answer.json);
      return new RegistrarError({ ...base, kind: 'Invalid', field: first?.field ?? undefined, message: first?.message ?? said ?? 'The reseller API refused the request as invalid.' });
    }
    case 429:
      return new RegistrarError({ ...base, kind: 'RateLimited', retryAfterMs: retryAfterMs(header(answer.headers, 'retry-after')) ?? 60_000, message: 'The reseller API asked us to slow down; calls resume after the wait.' });
    case 404:
      return new RegistrarError({ ...base, kind: 'NotFound', message: `The reseller API has no ${call.command} endpoint at this address (${said ?? 'Not Found'}). Check the account's API address.` });
    case 405:
    case 400:
      return new RegistrarError({ ...base, kind: 'Invalid', message: `The reseller API refused the ${call.command} request: ${said ?? `HTTP ${code}`}` });
    default:
      break;
  }
  if (answer.status >= 500) {
    // A 5xx after a write was sent: the server may have applied it before failing.
    if (call.kind === 'write') return outcomeUnknown(call, `HTTP ${code}`, raw);
    return new RegistrarError({ ...base, kind: 'Transient', message: `The reseller API failed (HTTP ${code}); the read will be tried again.` });
  }
  return new RegistrarError({ ...base, kind: 'Invalid', message: `The reseller API refused the ${call.command} request (HTTP ${code}): ${said ?? 'no reason given'}` });
}

/** Error codes that mean the request never left this machine. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

function errorCode(err: unknown): string | undefined {
  // undici may wrap the socket error in `cause`; a "not sent" code anywhere in the chain wins.
  const codes: string[] = [];
  let e: unknown = err;
  for (let depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
    const c = (e as { code?: unknown }).code;
    if (typeof c === 'string') codes.push(c);
    e = (e as { cause?: unknown }).cause;
  }
  return codes.find((c) => NOT_SENT.has(c)) ?? codes[0];
}

export function errorFromNetwork(err: unknown, call: CallInfo): RegistrarError {
  const code = errorCode(err) ?? (err instanceof Error ? err.name : 'network');
  if (NOT_SENT.has(code)) {
    return new RegistrarError({ registrar, kind: 'Transient', code, message: `Could not reach the reseller API (${code}); nothing was sent.` });
  }
  if (call.kind === 'write') return outcomeUnknown(call, code);
  return new RegistrarError({ registrar, kind: 'Transient', code, message: `The connection to the reseller API failed (${code}); the read will be tried again.` });
}

/** A JSON body that cannot be read after a 2xx: for a write, it was applied but we cannot see how. */
export function errorFromUnreadable(call: CallInfo, status: number, text: string): RegistrarError {
  if (call.kind === 'write') return outcomeUnknown(call, `unreadable HTTP ${status} answer`, text);
  return new RegistrarError({ registrar, kind: 'Transient', code: String(status), raw: text, message: 'The reseller API sent an answer we could not read; the read will be tried again.' });
}

function outcomeUnknown(call: CallInfo, why: string, raw?: string): RegistrarError {
  return new RegistrarError({
    registrar,
    kind: 'OutcomeUnknown',
    code: why,
    raw,
    message: `The ${call.command} request reached the reseller API but no answer came back (${why}), so we do not know whether it was applied. It is checked again with the same Idempotency-Key; do not repeat it by hand.`,
  });
}
