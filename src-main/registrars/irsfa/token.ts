import { request } from 'undici';
import type { CallPriority } from '../../scheduler/lane-types.js';
import type { AccountContext } from '../types.js';
import { networkError, tokenError, unreadable } from './errors.js';
import { tokenSchema } from './parse.js';

/**
 * One OAuth2 client_credentials token per account (seed 000, "Client Credentials
 * Grant"). Irsfa issues tokens for about a year (expires_in 31622400 s), so the
 * token is cached (by default in memory; the accounts service passes a store
 * that keeps it encrypted in the vault) and fetched again only shortly before
 * it expires or after Irsfa answers 401. Concurrent callers share one fetch.
 */
export interface CachedToken {
  token: string;
  /** Epoch ms when Irsfa said the token expires. */
  expiresAt: number;
}

export interface IrsfaTokenStore {
  get(): Promise<CachedToken | null>;
  /** null forgets the token (after Irsfa refused it). */
  put(value: CachedToken | null): Promise<void>;
}

export function memoryTokenStore(): IrsfaTokenStore {
  let value: CachedToken | null = null;
  return {
    get: async () => value,
    put: async (v) => {
      value = v;
    },
  };
}

/** The part of the app's Vault a token store needs (structural, so registrars do not import the vault layer). */
export interface SecretEntries {
  get(id: string): Promise<Record<string, string> | null>;
  put(id: string, secret: Record<string, string>): Promise<void>;
  delete(id: string): Promise<void>;
}

/** Keeps the token in its own vault entry (e.g. `<account vault id>:irsfa-token`), encrypted like the credentials. */
export function vaultTokenStore(vault: SecretEntries, entryId: string): IrsfaTokenStore {
  return {
    async get() {
      const e = await vault.get(entryId);
      const expiresAt = Number(e?.expiresAt);
      return e?.token && Number.isFinite(expiresAt) ? { token: e.token, expiresAt } : null;
    },
    put: (v) => (v ? vault.put(entryId, { token: v.token, expiresAt: String(v.expiresAt) }) : vault.delete(entryId)),
  };
}

/** Fetch a new token this long before the old one expires (a tenth of its life for short-lived tokens). */
const REFRESH_MARGIN_MS = 5 * 60_000;

export class IrsfaTokens {
  private cached: CachedToken | null | undefined = undefined;
  /** When to fetch a new token: REFRESH_MARGIN_MS before expiry, or a tenth of the life of a short-lived token. */
  private refreshAt = 0;
  private inflight: Promise<string> | null = null;

  constructor(
    private readonly ctx: AccountContext,
    private readonly base: string,
    private readonly store: IrsfaTokenStore,
    private readonly timeoutMs: number,
  ) {}

  /** A token that is good for a while, fetching one when needed. */
  async get(priority: CallPriority = 'bulk', signal?: AbortSignal): Promise<string> {
    if (this.cached === undefined) {
      this.cached = await this.loadStored();
      if (this.cached) this.refreshAt = this.cached.expiresAt - REFRESH_MARGIN_MS;
    }
    if (this.cached && this.ctx.now() < this.refreshAt) return this.cached.token;
    if (!this.inflight) {
      this.inflight = this.fetch(priority, signal).finally(() => {
        this.inflight = null;
      });
    }
    return this.inflight;
  }

  /** Irsfa answered 401 to `token`: forget it, unless another caller already replaced it. */
  async invalidate(token: string): Promise<void> {
    if (this.cached?.token !== token) return;
    this.cached = null;
    await this.store.put(null);
  }

  private async loadStored(): Promise<CachedToken | null> {
    try {
      const v = await this.store.get();
      return v && typeof v.token === 'string' && v.token !== '' && Number.isFinite(v.expiresAt) ? v : null;
    } catch (e) {
      this.ctx.log('warn', `Irsfa token store could not be read (${e instanceof Error ? e.name : 'error'}); signing in again.`);
      return null;
    }
  }

  private async fetch(priority: CallPriority, signal?: AbortSignal): Promise<string> {
    const action = 'signing in to Irsfa';
    const context = { command: 'oauth/token', kind: 'read' as const, action, retryAfter: null };
    const issued = await this.ctx.lane.run({ command: 'oauth/token', kind: 'read', priority, signal }, async (laneSignal) => {
      let status: number;
      let text: string;
      try {
        const res = await request(`${this.base}/api/oauth/token`, {
          method: 'POST',
          dispatcher: this.ctx.http,
          signal: laneSignal,
          headersTimeout: this.timeoutMs,
          bodyTimeout: this.timeoutMs,
          // Only these two headers: the seed's token example sends no Authorization and no X-Requested-With.
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify({
            grant_type: 'client_credentials',
            client_id: this.ctx.credentials.clientId ?? '',
            client_secret: this.ctx.credentials.clientSecret ?? '',
            // The seed's examples send "''" meaning "no scope"; an empty scope is how OAuth servers read that.
            scope: '',
          }),
        });
        status = res.statusCode;
        text = await res.body.text();
      } catch (e) {
        throw networkError(e, context);
      }
      if (status !== 200) throw tokenError(status, text);
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        throw unreadable(status, maskToken(text), context);
      }
      const parsed = tokenSchema.safeParse(body);
      if (!parsed.success) throw unreadable(status, maskToken(text), context);
      const lifeMs = parsed.data.expires_in * 1000;
      return { token: parsed.data.access_token, expiresAt: this.ctx.now() + lifeMs, refreshAt: this.ctx.now() + lifeMs - Math.min(REFRESH_MARGIN_MS, lifeMs / 10) };
    });
    this.refreshAt = issued.refreshAt;
    this.cached = { token: issued.token, expiresAt: issued.expiresAt };
    try {
      await this.store.put(this.cached);
    } catch (e) {
      this.ctx.log('warn', `Irsfa token could not be saved (${e instanceof Error ? e.name : 'error'}); it is kept in memory for this session.`);
    }
    return issued.token;
  }
}

/** A token answer we could not parse may still carry a token: never keep it in an error. */
function maskToken(text: string): string {
  return text.replace(/("access_token"\s*:\s*")[^"]*("?)/g, '$1***$2');
}
