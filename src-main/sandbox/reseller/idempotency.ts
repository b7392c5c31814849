import type { SimResponse } from '../core/types.js';
import type { AccountState } from './state.js';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const REPLAYED_HEADER = 'Idempotent-Replayed';
const MAX_KEY_LENGTH = 255;

export type IdempotencyLookup =
  | { kind: 'fresh' }
  | { kind: 'replay'; response: SimResponse }
  | { kind: 'conflict' };

/** The Idempotency-Key header value; '' when sent empty, null when absent. */
export function idempotencyKeyOf(headers: Record<string, string | string[] | undefined>): string | null {
  const raw = headers[IDEMPOTENCY_HEADER];
  const value = Array.isArray(raw) ? raw[0] : raw;
  return value === undefined ? null : value.trim();
}

export function keyProblem(key: string): string | null {
  if (key === '') return 'The Idempotency-Key header must not be empty.';
  if (key.length > MAX_KEY_LENGTH) return `The Idempotency-Key header must not be longer than ${MAX_KEY_LENGTH} characters.`;
  return null;
}

/**
 * Keys are scoped to the account (token owner). The same key with the same
 * method, path and body replays the stored response; anything else with that
 * key is a conflict. Keys older than the TTL are forgotten.
 */
export function lookup(account: AccountState, key: string, fingerprint: string, now: number, ttlMs: number): IdempotencyLookup {
  const stored = account.idempotency.get(key);
  if (!stored) return { kind: 'fresh' };
  if (now - stored.createdAt > ttlMs) {
    account.idempotency.delete(key);
    return { kind: 'fresh' };
  }
  if (stored.fingerprint !== fingerprint) return { kind: 'conflict' };
  return { kind: 'replay', response: { status: stored.status, headers: { ...stored.headers, [REPLAYED_HEADER]: 'true' }, body: stored.body } };
}

/** Only successful outcomes are remembered: a rejected request changed nothing and may be retried as is. */
export function remember(account: AccountState, key: string, fingerprint: string, response: SimResponse, now: number): void {
  if (response.status < 200 || response.status >= 300) return;
  account.idempotency.set(key, { fingerprint, status: response.status, headers: { ...response.headers }, body: response.body, createdAt: now });
}
