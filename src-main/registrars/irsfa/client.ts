import { request } from 'undici';
import type { z } from 'zod';
import type { CallKind, CallPriority } from '../../scheduler/lane-types.js';
import type { AccountContext } from '../types.js';
import { networkError, restError, unauthenticated, unreadable, type AnswerContext } from './errors.js';
import { successEnvelopeSchema } from './parse.js';
import type { IrsfaTokens } from './token.js';

/**
 * One Irsfa REST call: Bearer token + the four headers every seed example sends,
 * through the account's lane, with the envelope checked and errors normalized.
 * A 401 makes the token manager fetch a new token once; a second 401 is AuthFailed.
 */
export interface IrsfaCall<T> {
  /** Path below /api/rest/v3/, e.g. "domain/info"; also the lane command and sandbox stats key. */
  command: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** By what the call does: renew/lock/modify are writes, info/eppcode/decode are reads. */
  kind: CallKind;
  body?: Record<string, unknown>;
  /** The `data` the call expects; a mismatch is an unreadable answer (raw kept). */
  data: z.ZodType<T>;
  /** What the call does, in the words of an error sentence: "renewing example.id". */
  action: string;
  priority?: CallPriority;
  signal?: AbortSignal;
  /** The answer carries a secret (EPP code, private key): errors never keep its raw body. */
  sensitive?: boolean;
}

export interface IrsfaCallResult<T> {
  data: T;
  message: string;
}

type Attempt<T> = { ok: IrsfaCallResult<T> } | { unauthorized: string };

export class IrsfaClient {
  constructor(
    readonly ctx: AccountContext,
    readonly base: string,
    private readonly tokens: IrsfaTokens,
    private readonly timeoutMs: number,
  ) {}

  async call<T>(call: IrsfaCall<T>): Promise<IrsfaCallResult<T>> {
    const priority = call.priority ?? 'bulk';
    let lastMessage = 'Unauthenticated.';
    // A 401 is answered before Irsfa runs the action, so repeating a write once with a new token is safe.
    for (let attempt = 0; attempt < 2; attempt++) {
      const token = await this.tokens.get(priority, call.signal);
      const result: Attempt<T> = await this.ctx.lane.run({ command: call.command, kind: call.kind, priority, signal: call.signal }, (signal) => this.once(call, token, signal));
      if ('ok' in result) return result.ok;
      lastMessage = result.unauthorized;
      await this.tokens.invalidate(token);
      this.ctx.log('info', `Irsfa answered 401 to ${call.command}; ${attempt === 0 ? 'fetching a new access token' : 'giving up'}.`);
    }
    throw unauthenticated(lastMessage);
  }

  /** Exactly one HTTP request (the lane's contract). 401 is returned, not thrown, so it costs no error budget. */
  private async once<T>(call: IrsfaCall<T>, token: string, signal: AbortSignal): Promise<Attempt<T>> {
    let status: number;
    let text: string;
    let retryAfter: string | null = null;
    const base: AnswerContext = { command: call.command, kind: call.kind, action: call.action, retryAfter: null };
    try {
      const res = await request(`${this.base}/api/rest/v3/${call.command}`, {
        method: call.method,
        dispatcher: this.ctx.http,
        signal,
        headersTimeout: this.timeoutMs,
        bodyTimeout: this.timeoutMs,
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          authorization: `Bearer ${token}`,
          'x-requested-with': 'XMLHttpRequest',
        },
        // The seed sends every input as a JSON body, even on GET /ssl/detail and the DELETEs.
        body: call.body === undefined ? undefined : JSON.stringify(call.body),
      });
      status = res.statusCode;
      const ra = res.headers['retry-after'];
      retryAfter = typeof ra === 'string' ? ra : null;
      text = await res.body.text();
    } catch (e) {
      throw networkError(e, base);
    }
    const c: AnswerContext = { ...base, retryAfter };
    const raw = call.sensitive ? WITHHELD : maskPrivateKeys(text);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      if (status === 401) return { unauthorized: 'Unauthenticated.' };
      throw unreadable(status, raw, c);
    }
    if (status === 401) return { unauthorized: messageOf(body) ?? 'Unauthenticated.' };
    const env = successEnvelopeSchema.safeParse(body);
    if (status >= 200 && status < 300 && env.success && env.data.code >= 200 && env.data.code < 300) {
      const data = call.data.safeParse((body as { data: unknown }).data);
      if (!data.success) throw unreadable(status, raw, c);
      return { ok: { data: data.data, message: env.data.message } };
    }
    throw restError(status, raw, body, c);
  }
}

const WITHHELD = '[withheld: this answer may carry a secret]';

/** PEM private keys (ssl/generate) never reach an error's raw text, even when cut short. */
function maskPrivateKeys(text: string): string {
  return text.replace(/-----BEGIN ([A-Z ]*)PRIVATE KEY-----[\s\S]*?(-----END \1PRIVATE KEY-----|$)/g, '-----BEGIN $1PRIVATE KEY-----***-----END $1PRIVATE KEY-----');
}

function messageOf(body: unknown): string | null {
  const m = (body as { message?: unknown } | null)?.message;
  return typeof m === 'string' ? m : null;
}
