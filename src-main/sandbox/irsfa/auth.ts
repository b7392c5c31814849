import { randomToken, type Rng } from '../core/rng.js';
import { jsonResponse } from '../core/http.js';
import type { SimRequest, SimResponse } from '../core/types.js';
import type { AccountState, IrsfaState } from './state.js';
import { inputOf } from './validate.js';

/**
 * OAuth 2.0 client_credentials (seed 000, "Authentication"): POST /api/oauth/token
 * with grant_type, client_id, client_secret and scope (the seed's example scope is
 * the literal string "''"; any scope is accepted). Success:
 *   { token_type: "Bearer", expires_in: 31622400, access_token }
 * Wrong client: HTTP 404 { error: "invalid_client", message: "Client authentication failed" }.
 */
export const DEFAULT_TOKEN_LIFETIME_S = 31_622_400;

interface IssuedToken {
  account: string;
  issuedAt: number;
  expiresAt: number;
}

export type TokenCheck = { ok: true; account: string } | { ok: false; reason: 'missing' | 'unknown' | 'expired'; account: string | null };

export class TokenStore {
  private readonly tokens = new Map<string, IssuedToken>();

  constructor(
    private readonly rng: Rng,
    readonly lifetimeSeconds: number,
  ) {}

  issue(account: string, now: number): { token: string; expiresIn: number } {
    // Opaque and long, like Passport's; deterministic per --seed run.
    const token = randomToken(this.rng, 86);
    this.tokens.set(token, { account, issuedAt: now, expiresAt: now + this.lifetimeSeconds * 1000 });
    return { token, expiresIn: this.lifetimeSeconds };
  }

  /** Whose token this is, even when expired (for stats attribution). */
  ownerOf(token: string): string | null {
    return this.tokens.get(token)?.account ?? null;
  }

  check(authorization: string | undefined, now: number): TokenCheck {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    if (!m) return { ok: false, reason: 'missing', account: null };
    const t = this.tokens.get(m[1]!);
    if (!t) return { ok: false, reason: 'unknown', account: null };
    if (now >= t.expiresAt) return { ok: false, reason: 'expired', account: t.account };
    return { ok: true, account: t.account };
  }

  /** The expireTokens fault: every issued token stops working at once. */
  expireAll(): void {
    this.tokens.clear();
  }

  activeFor(account: string, now: number): number {
    let n = 0;
    for (const t of this.tokens.values()) if (t.account === account && t.expiresAt > now) n++;
    return n;
  }
}

export function bearerOf(req: SimRequest): string | null {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(String(req.headers.authorization ?? ''));
  return m ? m[1]! : null;
}

/** Which account a token request names (by client_id), for stats. */
export function tokenRequestAccount(req: SimRequest, state: IrsfaState): string | null {
  const id = inputOf(req).client_id;
  for (const acc of state.accounts.values()) if (typeof id === 'string' && acc.clientId === id) return acc.label;
  return null;
}

const INVALID_CLIENT = { error: 'invalid_client', message: 'Client authentication failed' };

export function handleTokenRequest(req: SimRequest, state: IrsfaState, tokens: TokenStore, now: number): SimResponse {
  const input = inputOf(req);
  // Passport's answer for a missing or unsupported grant, in the seed's two-key error shape.
  if (input.grant_type !== 'client_credentials') {
    return jsonResponse(400, {
      error: 'unsupported_grant_type',
      message: 'The authorization grant type is not supported by the authorization server.',
    });
  }
  if (typeof input.client_id !== 'string' || input.client_id === '') {
    return jsonResponse(400, {
      error: 'invalid_request',
      message: 'The request is missing a required parameter, includes an invalid parameter value, includes a parameter more than once, or is otherwise malformed.',
    });
  }
  let account: AccountState | undefined;
  for (const acc of state.accounts.values()) if (acc.clientId === input.client_id) account = acc;
  // Unknown client or wrong/missing secret: the seed's documented answer (HTTP 404, "invalid user").
  if (!account || typeof input.client_secret !== 'string' || input.client_secret !== account.clientSecret) {
    return jsonResponse(404, INVALID_CLIENT);
  }
  const { token, expiresIn } = tokens.issue(account.label, now);
  return jsonResponse(200, { token_type: 'Bearer', expires_in: expiresIn, access_token: token });
}
