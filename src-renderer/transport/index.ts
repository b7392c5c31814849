import { createContractClient, type ContractClient, type Transport } from '../../src-shared/contract/client.js';
import { createWebTransport } from './web-transport.js';

declare global {
  interface Window {
    /** Exposed by the Electron preload through contextBridge: exactly invoke + subscribe. */
    domaindeck?: Transport;
  }
}

/** Picks the shell's transport once; nothing else in the renderer knows which shell it runs in. */
export function createClient(onConnectionChange: (connected: boolean) => void): ContractClient {
  const transport = window.domaindeck ?? createWebTransport(onConnectionChange);
  return createContractClient(transport);
}
