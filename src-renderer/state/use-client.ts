import type { ContractClient } from '../../src-shared/contract/client.js';
import { useAppStore } from './app-store.js';

/** The contract client; screens render only after it is set. */
export function useClient(): ContractClient {
  const client = useAppStore((s) => s.client);
  if (!client) throw new Error('Contract client used before start-up');
  return client;
}
