import type { Vault } from './vault.js';

/** A vault that keeps secrets in process memory only: for tests and throwaway demo sessions. */
export function createMemoryVault(): Vault {
  const secrets = new Map<string, Record<string, string>>();
  return {
    kind: 'memory',
    status: async () => ({ ok: true }),
    put: async (id, secret) => {
      secrets.set(id, { ...secret });
    },
    get: async (id) => {
      const s = secrets.get(id);
      return s ? { ...s } : null;
    },
    delete: async (id) => {
      secrets.delete(id);
    },
    list: async () => [...secrets.keys()],
  };
}
