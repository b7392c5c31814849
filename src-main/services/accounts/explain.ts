import type { RegistrarId } from '../../../src-shared/accounts/registrars.js';
import type { AccountStatus } from '../../../src-shared/contract/areas/accounts.js';
import { en } from '../../../src-shared/i18n/en.js';
import { englishText } from '../../../src-shared/i18n/english.js';
import { isRegistrarError } from '../../registrars/errors.js';
import type { LaneState } from '../../scheduler/lane-types.js';

/**
 * Turns the outcome of "Test connection" into plain words: a catalog key
 * under `accounts.test` with params (for the user's language), its English
 * sentence (stored and logged), and the status and pause to record.
 */
export interface Explanation {
  ok: boolean;
  status: AccountStatus;
  key: string;
  params: Record<string, string | number>;
  /** English sentence, secret-free. */
  detail: string;
  pausedUntil: number | null;
}

export interface ExplainContext {
  registrar: RegistrarId;
  endpoint: string;
  now: number;
  /** Masks registered secrets and credential-shaped text. */
  redact: (text: string) => string;
}

const UNTIL_UNKNOWN = 'the registrar lifts it';

export function registrarName(registrar: RegistrarId): string {
  return en.accounts.registrar[registrar];
}

function make(ok: boolean, status: AccountStatus, key: string, params: Record<string, string | number>, pausedUntil: number | null = null): Explanation {
  return { ok, status, key, params, detail: englishText(key, params), pausedUntil };
}

export function explainSuccess(registrar: RegistrarId, detail: string, redact: (t: string) => string): Explanation {
  return make(true, 'ok', 'accounts.test.ok', { registrar: registrarName(registrar), detail: redact(detail) });
}

export function explainUnsupported(registrar: RegistrarId): Explanation {
  return make(false, 'unsupported', 'accounts.test.unsupported', { registrar: registrarName(registrar) });
}

/** The lane is already paused: say so instead of queueing a test behind a ban. */
export function explainPause(state: LaneState): Explanation {
  const until = state.pausedUntil ?? 0;
  const status: AccountStatus = state.pauseReason === 'banned' ? 'banned' : state.pauseReason === 'blocked' ? 'blocked' : state.pauseReason === 'rate-limited' ? 'rate-limited' : 'error';
  return make(false, status, 'accounts.test.paused', { until: new Date(until).toISOString(), detail: state.pauseDetail ?? state.pauseReason ?? '' }, until);
}

export function explainFailure(err: unknown, ctx: ExplainContext): Explanation {
  const name = registrarName(ctx.registrar);
  if (!isRegistrarError(err)) {
    const detail = ctx.redact(err instanceof Error ? err.message : String(err));
    return make(false, 'error', 'accounts.test.failed', { detail });
  }
  const detail = ctx.redact(err.message);
  const untilMs = err.until ?? (err.retryAfterMs !== undefined ? ctx.now + err.retryAfterMs : null);
  const until = untilMs === null ? UNTIL_UNKNOWN : new Date(untilMs).toISOString();
  switch (err.kind) {
    case 'AuthFailed':
      return make(false, 'auth-failed', `accounts.test.authFailed.${ctx.registrar}`, {});
    case 'NotAllowed': {
      if (ctx.registrar === 'mrdomain' && isIpFilter(err.code, detail)) {
        const ip = findIp(`${detail} ${err.raw ?? ''}`);
        return make(false, 'not-allowed', 'accounts.test.ipNotAllowed', { ip: ip ?? '', ipSuffix: ip ? ` (${ip})` : '' });
      }
      return make(false, 'not-allowed', 'accounts.test.notAllowed', { detail });
    }
    case 'Banned':
      return make(false, 'banned', 'accounts.test.banned', { registrar: name, until }, untilMs);
    case 'AccountBlocked':
      return make(false, 'blocked', 'accounts.test.blocked', { registrar: name, until }, untilMs);
    case 'RateLimited':
      return make(false, 'rate-limited', 'accounts.test.rateLimited', { registrar: name, until }, untilMs);
    case 'Transient':
    case 'OutcomeUnknown':
      return make(false, 'unreachable', 'accounts.test.unreachable', { registrar: name, endpoint: ctx.endpoint, detail });
    default:
      return make(false, 'error', 'accounts.test.failed', { detail });
  }
}

/** MrDomain 1007 "Account filtered" is the unregistered-IP answer (seed 002 §1.1). */
function isIpFilter(code: string | undefined, text: string): boolean {
  return code === '1007' || /\bIP\b/i.test(text) || /filtered/i.test(text);
}

const IPV4 = /\b(?:\d{1,3}\.){3}\d{1,3}\b/;
const IPV6 = /\b(?:[0-9a-f]{1,4}:){2,7}[0-9a-f]{1,4}\b/i;

/** The address the registrar saw, when its answer names one: what the user must get registered. */
function findIp(text: string): string | null {
  return text.match(IPV4)?.[0] ?? text.match(IPV6)?.[0] ?? null;
}
