import type { EventName, EventPayload, MethodInput, MethodName, MethodOutput, RpcError, RpcResult } from '../contract.js';

/** What a shell provides to the renderer: Electron's preload, or fetch + SSE in the web shell. */
export interface Transport {
  invoke(method: string, input: unknown): Promise<RpcResult<unknown>>;
  subscribe(event: string, listener: (payload: unknown) => void): () => void;
}

export class RpcCallError extends Error {
  constructor(readonly error: RpcError) {
    super(error.message);
    this.name = 'RpcCallError';
  }
}

export interface ContractClient {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  subscribe<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** The one typed entry point the renderer uses; it never knows which shell is underneath. */
export function createContractClient(transport: Transport): ContractClient {
  return {
    async call(method, input) {
      const result = await transport.invoke(method, input);
      if (!result.ok) throw new RpcCallError(result.error);
      return result.value as never;
    },
    subscribe(event, listener) {
      return transport.subscribe(event, listener as (payload: unknown) => void);
    },
  };
}
