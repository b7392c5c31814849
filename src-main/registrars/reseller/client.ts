import { request } from 'undici';
import type { z } from 'zod';
import { RegistrarError } from '../errors.js';
import type { AccountContext } from '../types.js';
import type { CallPriority } from '../../scheduler/lane-types.js';
import { redactUrl } from '../../vault/redact.js';
import type { AbilityTracker, ResellerAbility } from './abilities.js';
import { errorFromNetwork, errorFromResponse, errorFromUnreadable, type CallInfo } from './errors.js';

/**
 * Bearer-token HTTP client for the reseller "Developer API" (seed 003). Every
 * call goes through the account's lane and undici with the account's
 * dispatcher; the token only ever sits in the Authorization header (never in
 * a URL, a log line or an error). Each answer teaches the ability tracker:
 * a 2xx proves the route's ability, a 403 names the missing one.
 */

export interface ResellerRoute extends CallInfo {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
}

const route = (method: ResellerRoute['method'], path: string, ability: ResellerAbility, command: string, kind: 'read' | 'write'): ResellerRoute => ({ method, path, ability, command, kind });

/** The seed's endpoint table. Search is a POST but reads; DNS and orders write. */
export const ROUTES = {
  status: route('GET', '/status', 'billing.read', 'status', 'read'),
  search: route('POST', '/domains/search', 'domains.read', 'domains.search', 'read'),
  domains: route('GET', '/domains', 'domains.read', 'domains.list', 'read'),
  orders: route('GET', '/orders', 'orders.read', 'orders.list', 'read'),
  register: route('POST', '/orders/register', 'orders.write', 'orders.register', 'write'),
  renew: route('POST', '/orders/renew', 'orders.write', 'orders.renew', 'write'),
  transfer: route('POST', '/orders/transfer', 'orders.write', 'orders.transfer', 'write'),
  dnsReplace: route('PUT', '/domains/dns', 'domains.write', 'domains.dns.replace', 'write'),
  dnsPush: route('POST', '/domains/dns/push', 'domains.write', 'domains.dns.push', 'write'),
} as const;

export const API_PREFIX = '/api/reseller/v1';

export interface CallOptions {
  query?: Record<string, string | number | undefined>;
  /** Sent as JSON, so retries carry byte-identical bodies (the API compares payloads for replays). */
  json?: unknown;
  idempotencyKey?: string;
  priority?: CallPriority;
  signal?: AbortSignal;
}

export interface ResellerAnswer {
  status: number;
  json: unknown;
  /** The API answered with the stored response of an earlier request with the same Idempotency-Key. */
  replayed: boolean;
}

export class ResellerClient {
  constructor(
    private readonly ctx: AccountContext,
    private readonly abilities: AbilityTracker,
  ) {}

  async call(r: ResellerRoute, options: CallOptions = {}): Promise<ResellerAnswer> {
    const token = this.ctx.credentials.token;
    if (!token) {
      throw new RegistrarError({ registrar: 'reseller', kind: 'AuthFailed', message: 'This reseller account has no API token. Add the token from the reseller panel.' });
    }
    const url = this.url(r.path, options.query);
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'application/json' };
    let body: string | undefined;
    if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.json);
    }
    if (options.idempotencyKey !== undefined) headers['idempotency-key'] = options.idempotencyKey;

    try {
      const answer = await this.ctx.lane.run({ command: r.command, kind: r.kind, priority: options.priority, signal: options.signal }, (signal) =>
        this.send(r, url, headers, body, signal),
      );
      this.abilities.granted(r.ability);
      return answer;
    } catch (err) {
      if (err instanceof RegistrarError && err.kind === 'NotAllowed' && err.field) {
        const ability = err.field as ResellerAbility;
        this.abilities.missing(ability);
      }
      throw err;
    }
  }

  /** Validates `data` of a 2xx answer; a write whose answer we cannot read is an unknown outcome. */
  data<S extends z.ZodType>(r: ResellerRoute, answer: ResellerAnswer, schema: S): z.infer<S> {
    const data = answer.json && typeof answer.json === 'object' ? (answer.json as { data?: unknown }).data : undefined;
    const parsed = schema.safeParse(data);
    if (!parsed.success) {
      this.ctx.log('warn', `reseller ${r.command}: unexpected answer shape (${parsed.error.issues[0]?.path.join('.') ?? ''}: ${parsed.error.issues[0]?.message ?? ''})`);
      throw errorFromUnreadable(r, answer.status, JSON.stringify(answer.json).slice(0, 2000));
    }
    return parsed.data;
  }

  private url(path: string, query: CallOptions['query']): string {
    const base = this.ctx.endpoint.replace(/\/+$/, '');
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) params.set(k, String(v));
    const q = params.toString();
    return `${base}${API_PREFIX}${path}${q ? `?${q}` : ''}`;
  }

  private async send(r: ResellerRoute, url: string, headers: Record<string, string>, body: string | undefined, signal: AbortSignal): Promise<ResellerAnswer> {
    const started = this.ctx.now();
    let status: number;
    let text: string;
    let responseHeaders: Record<string, string | string[] | undefined>;
    try {
      const res = await request(url, { method: r.method, headers, body, signal, dispatcher: this.ctx.http });
      status = res.statusCode;
      responseHeaders = res.headers;
      text = await res.body.text();
    } catch (err) {
      const mapped = errorFromNetwork(err, r);
      this.ctx.log(r.kind === 'write' ? 'warn' : 'info', `reseller ${r.method} ${redactUrl(url)} failed: ${mapped.kind} (${mapped.code ?? ''})`);
      throw mapped;
    }
    const replayed = String(responseHeaders['idempotent-replayed'] ?? '').toLowerCase() === 'true';
    this.ctx.log('debug', `reseller ${r.method} ${redactUrl(url)} -> ${status}${replayed ? ' (replayed)' : ''} in ${this.ctx.now() - started} ms`);
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    if (status >= 200 && status < 300) {
      if (json === undefined) throw errorFromUnreadable(r, status, text);
      return { status, json, replayed };
    }
    const error = errorFromResponse({ status, headers: responseHeaders, text, json }, r);
    this.ctx.log(status >= 500 ? 'warn' : 'info', `reseller ${r.command}: ${error.kind} (HTTP ${status})`);
    throw error;
  }
}
