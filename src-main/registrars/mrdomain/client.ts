import { request } from 'undici';
import type { z } from 'zod';
import type { CallKind, CallPriority } from '../../scheduler/lane-types.js';
import { RegistrarError, type RegistrarErrorKind } from '../errors.js';
import type { AccountContext } from '../types.js';
import { parseEnvelope, type Envelope } from './envelope.js';
import { errorCodeEntry } from './error-codes.js';

export interface MrDomainOptions {
  /** How long the account stays paused after an "Account blocked" answer: the API never says, so we choose. */
  blockBackoffMs: number;
  /** The same after "Account banned" (1030), which may be permanent. */
  banBackoffMs: number;
  /** Per request: no response headers or body data for this long is a timeout. */
  timeoutMs: number;
  /** Rows per page for every paged list (the API's default and our maximum: 1000). */
  pageLength: number;
}

export const DEFAULT_MRDOMAIN_OPTIONS: MrDomainOptions = {
  blockBackoffMs: 30 * 60_000,
  banBackoffMs: 24 * 60 * 60_000,
  timeoutMs: 60_000,
  pageLength: 1000,
};

export type FormParams = Record<string, string | undefined>;

export interface CallSpec<T> {
  /** `module/action`, e.g. `domain/list`; the URL is `<endpoint>/<module>/<action>/`. */
  action: string;
  /** Classified by what the call does: only reads may be retried. */
  kind: CallKind;
  params?: FormParams;
  /** Shape of responseData. */
  data: z.ZodType<T>;
  priority?: CallPriority;
  signal?: AbortSignal;
  /** What the call is about (domain, certificate), named in error messages. */
  subject?: string;
  /** The answer carries secrets (auth code, private key): never keep it in an error or log. */
  sensitive?: boolean;
}

/** Connection failures that happen before the request is on the wire: nothing was sent, so nothing applied. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

/**
 * The Simple-POST transport: one form POST per call, credentials in the body
 * (never in the URL, never logged), JSON envelope checked strictly, every
 * failure turned into a RegistrarError the lane and the UI understand. Every
 * call goes through the account's lane, which owns concurrency, spacing, the
 * error budget and pauses; MrDomain counts errors toward its own block, so
 * failures are surfaced to the lane, never retried here.
 */
export class MrDomainClient {
  private readonly secrets: string[];

  constructor(
    private readonly ctx: AccountContext,
    readonly options: MrDomainOptions,
  ) {
    const { apiuser, apipasswd } = ctx.credentials;
    if (!apiuser || !apipasswd) {
      throw new RegistrarError({ kind: 'AuthFailed', registrar: 'mrdomain', message: 'This MrDomain account has no API username and password saved; add them in Accounts.' });
    }
    this.secrets = [apiuser, apipasswd];
  }

  call<T>(spec: CallSpec<T>): Promise<T> {
    const lane = { command: spec.action, kind: spec.kind, ...(spec.priority ? { priority: spec.priority } : {}), ...(spec.signal ? { signal: spec.signal } : {}) };
    return this.ctx.lane.run(lane, (signal) => this.send(spec, signal));
  }

  private async send<T>(spec: CallSpec<T>, signal: AbortSignal): Promise<T> {
    const form = new URLSearchParams({ apiuser: this.ctx.credentials.apiuser!, apipasswd: this.ctx.credentials.apipasswd!, 'output-format': 'json' });
    for (const [k, v] of Object.entries(spec.params ?? {})) if (v !== undefined) form.set(k, v);
    const url = `${this.ctx.endpoint.replace(/\/+$/, '')}/${spec.action}/`;
    const started = this.ctx.now();
    let status: number;
    let text: string;
    try {
      const res = await request(url, {
        method: 'POST',
        body: form.toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', accept: 'application/json' },
        dispatcher: this.ctx.http,
        signal,
        headersTimeout: this.options.timeoutMs,
        bodyTimeout: this.options.timeoutMs,
      });
      status = res.statusCode;
      text = await res.body.text();
    } catch (err) {
      throw this.networkError(spec, err);
    }
    const elapsed = this.ctx.now() - started;
    if (status !== 200) {
      // The API answers everything with 200 (errors are in the body); anything else is a proxy or server failure.
      const kind: RegistrarErrorKind = spec.kind === 'write' && status >= 500 ? 'OutcomeUnknown' : 'Transient';
      throw this.error(spec, kind, `MrDomain's server answered HTTP ${status} instead of a result.${this.unknownHint(spec, kind)}`, { code: `HTTP ${status}`, raw: text });
    }
    const parsed = parseEnvelope(text);
    if (!parsed.ok) {
      const kind: RegistrarErrorKind = spec.kind === 'write' ? 'OutcomeUnknown' : 'Transient';
      throw this.error(spec, kind, `MrDomain's answer could not be read: ${parsed.reason}.${this.unknownHint(spec, kind)}`, { raw: text });
    }
    const env = parsed.envelope;
    if (!env.success) {
      this.ctx.log('warn', `mrdomain ${spec.action} -> errorCode ${env.errorCode} in ${elapsed} ms`);
      throw this.apiError(spec, env, text);
    }
    const data = spec.data.safeParse(env.responseData);
    if (!data.success) {
      const kind: RegistrarErrorKind = spec.kind === 'write' ? 'OutcomeUnknown' : 'Transient';
      const issue = data.error.issues[0];
      const where = issue ? `${issue.path.join('.') || 'responseData'}: ${issue.message}` : 'unknown shape';
      throw this.error(spec, kind, `MrDomain's answer to ${spec.action} has an unexpected shape (${where}).${this.unknownHint(spec, kind)}`, { raw: text });
    }
    this.ctx.log('debug', `mrdomain ${spec.action} (${spec.kind}) -> ok in ${elapsed} ms`);
    return data.data;
  }

  /** An answered error: the seed's code table decides the kind (error-codes.ts). */
  private apiError(spec: CallSpec<unknown>, env: Envelope, text: string): RegistrarError {
    const entry = errorCodeEntry(env.errorCode);
    const kind = spec.kind === 'write' && entry.writeKind ? entry.writeKind : entry.kind;
    const detail = this.redact((env.messages ?? []).join('; ').trim() || env.errorCodeMsg);
    const until = entry.pause === 'block' ? this.ctx.now() + this.options.blockBackoffMs : entry.pause === 'ban' ? this.ctx.now() + this.options.banBackoffMs : undefined;
    const field = kind === 'Invalid' ? (fieldFromDetail(detail) ?? entry.field) : entry.field;
    const after = until === undefined ? '' : ` DomainDeck will not call this account again before ${new Date(until).toISOString()}.`;
    const message = `${entry.message}${detail ? ` (MrDomain: ${detail})` : ''}${after}${this.unknownHint(spec, kind)}`;
    return this.error(spec, kind, message, { code: String(env.errorCode), raw: text, ...(until !== undefined ? { until } : {}), ...(field ? { field } : {}) });
  }

  private networkError(spec: CallSpec<unknown>, err: unknown): RegistrarError {
    const code = errorCode(err);
    const notSent = code !== undefined && NOT_SENT_CODES.has(code);
    const kind: RegistrarErrorKind = spec.kind === 'write' && !notSent ? 'OutcomeUnknown' : 'Transient';
    const what = notSent ? 'DomainDeck could not connect to MrDomain' : 'The connection to MrDomain failed or timed out before an answer arrived';
    this.ctx.log('warn', `mrdomain ${spec.action} -> network failure ${code ?? (err instanceof Error ? err.name : 'unknown')}`);
    return this.error(spec, kind, `${what} (${code ?? (err instanceof Error ? err.message : String(err))}).${this.unknownHint(spec, kind)}`, code ? { code } : {});
  }

  private unknownHint(spec: CallSpec<unknown>, kind: RegistrarErrorKind): string {
    return kind === 'OutcomeUnknown' ? ` The ${spec.action} request may or may not have been applied; DomainDeck checks before doing anything else and never repeats it blindly.` : '';
  }

  private error(spec: CallSpec<unknown>, kind: RegistrarErrorKind, message: string, extra: { code?: string; raw?: string; until?: number; field?: string }): RegistrarError {
    const { raw, ...rest } = extra;
    return new RegistrarError({
      kind,
      registrar: 'mrdomain',
      message: this.redact(spec.subject ? `${spec.subject}: ${message}` : message),
      ...rest,
      ...(raw !== undefined && !spec.sensitive ? { raw: this.redact(raw) } : {}),
    });
  }

  /** Credential values never leave in a message or raw body, whatever the API echoed back. */
  private redact(text: string): string {
    let out = text;
    for (const s of this.secrets) if (s.length >= 4) out = out.split(s).join('***');
    return out;
  }
}

function errorCode(err: unknown): string | undefined {
  const e = err as { code?: unknown; cause?: { code?: unknown } } | null;
  if (e && typeof e.code === 'string') return e.code;
  if (e && e.cause && typeof e.cause.code === 'string') return e.cause.code;
  return undefined;
}

/** "Missing parameter: curExpDate", "Invalid value for period: 0" -> the field the API refused. */
function fieldFromDetail(detail: string): string | undefined {
  const m = /(?:Missing parameter|Invalid value for|Invalid)\s*:?\s+([A-Za-z][A-Za-z0-9_]*)/.exec(detail);
  return m?.[1];
}
