import type { RpcResult } from '../../src-shared/contract.js';
import type { Transport } from '../../src-shared/contract/client.js';

/**
 * Transport for the web shell: POST /rpc/<method> and one EventSource for all
 * events. The token travels in an HttpOnly cookie set on first load.
 */
export function createWebTransport(onConnectionChange: (connected: boolean) => void): Transport {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let source: EventSource | null = null;

  function ensureSource(): void {
    if (source) return;
    source = new EventSource('./events');
    source.onopen = () => onConnectionChange(true);
    source.onerror = () => onConnectionChange(false);
    for (const name of listeners.keys()) attach(name);
  }

  function attach(name: string): void {
    source?.addEventListener(name, (e) => {
      const payload: unknown = JSON.parse((e as MessageEvent<string>).data);
      for (const l of listeners.get(name) ?? []) l(payload);
    });
  }

  return {
    async invoke(method, input) {
      let res: Response;
      try {
        res = await fetch(`./rpc/${encodeURIComponent(method)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(input ?? {}),
          credentials: 'same-origin',
        });
      } catch {
        onConnectionChange(false);
        return { ok: false, error: { code: 'Unavailable', message: 'DomainDeck core is not reachable', messageKey: 'status.coreDisconnected' } };
      }
      if (res.status === 401 || res.status === 403) {
        return { ok: false, error: { code: 'Unauthorized', message: 'Not authorized', messageKey: 'errors.Unauthorized' } };
      }
      return (await res.json()) as RpcResult<unknown>;
    },
    subscribe(event, listener) {
      let set = listeners.get(event);
      if (!set) {
        set = new Set();
        listeners.set(event, set);
        if (source) attach(event);
      }
      set.add(listener);
      ensureSource();
      return () => set.delete(listener);
    },
  };
}
