/**
 * Where credentials live. Secrets are JSON objects of strings (the registrar's
 * own fields: key, apiuser/apipasswd, clientId/clientSecret, token) and are
 * never written to the SQLite cache, logs or exports.
 */
export type VaultKind = 'safeStorage' | 'passphrase' | 'memory';

export interface VaultStatus {
  ok: boolean;
  /** English reason when not ok, safe to show (never contains a secret). */
  reason?: string;
}

export interface Vault {
  readonly kind: VaultKind;
  status(): Promise<VaultStatus>;
  put(id: string, secret: Record<string, string>): Promise<void>;
  get(id: string): Promise<Record<string, string> | null>;
  delete(id: string): Promise<void>;
  list(): Promise<string[]>;
}
