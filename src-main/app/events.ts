import { eventDef, type EventName, type EventPayload } from '../../src-shared/contract.js';

type Listener = (payload: unknown) => void;

/**
 * In-process event bus for contract events. Payloads are validated against
 * the contract on emit, so a shell never forwards something the renderer
 * cannot parse.
 */
export class EventBus {
  private readonly listeners = new Map<string, Set<Listener>>();

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    const parsed = eventDef(event).payload.parse(payload);
    for (const l of this.listeners.get(event) ?? []) {
      try {
        l(parsed);
      } catch {
        // One broken subscriber (a closed window) must not stop the others.
      }
    }
  }

  subscribe(event: EventName, listener: Listener): () => void {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    set.add(listener);
    return () => set.delete(listener);
  }

  /** Every event, for shells that forward the whole stream (SSE). */
  subscribeAll(events: readonly EventName[], listener: (event: EventName, payload: unknown) => void): () => void {
    const offs = events.map((e) => this.subscribe(e, (p) => listener(e, p)));
    return () => offs.forEach((off) => off());
  }
}
