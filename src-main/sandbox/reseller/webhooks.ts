import type { AccountState, ResellerStore, WebhookDelivery } from './state.js';
import { signWebhook } from './webhook-signing.js';
import { isoTime } from './wire.js';

export type WebhookEvent = 'invoice.paid' | 'domain.order.processing' | 'domain.order.completed' | 'domain.order.failed' | 'domain.expiring';

const MAX_LOG = 200;

/**
 * Delivers signed outbound webhooks. Deliveries per account go out one after
 * another in event order; every failure (refused connection, timeout, non-2xx)
 * is recorded in the account's delivery log and never escapes, so a dead
 * receiver cannot crash the sandbox.
 */
export class WebhookDispatcher {
  private readonly chains = new Map<string, Promise<void>>();
  private readonly inFlight = new Set<AbortController>();
  private closed = false;

  constructor(
    private readonly store: ResellerStore,
    private readonly now: () => number,
  ) {}

  emit(account: AccountState, event: WebhookEvent, data: Record<string, unknown>): void {
    const url = account.webhook.url;
    if (!url || this.closed) return;
    const secret = account.webhook.secret;
    const id = `evt_${this.store.token(24)}`;
    const at = this.now();
    const body = JSON.stringify({ id, event, created_at: isoTime(at), data });
    const timestamp = Math.floor(at / 1000);
    const previous = this.chains.get(account.label) ?? Promise.resolve();
    const next = previous
      .then(() => this.deliver(account, { id, event, url, body, secret, timestamp }))
      .catch(() => undefined);
    this.chains.set(account.label, next);
  }

  /** Resolves when every delivery queued so far for the account has finished. */
  async idle(account: AccountState): Promise<void> {
    await (this.chains.get(account.label) ?? Promise.resolve());
  }

  close(): void {
    this.closed = true;
    for (const c of this.inFlight) c.abort();
  }

  private async deliver(
    account: AccountState,
    d: { id: string; event: WebhookEvent; url: string; body: string; secret: string; timestamp: number },
  ): Promise<void> {
    const entry: WebhookDelivery = { id: d.id, event: d.event, url: d.url, attemptedAt: this.now(), status: null, error: null, body: d.body };
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.store.options.webhookTimeoutMs);
    this.inFlight.add(controller);
    try {
      const res = await fetch(d.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          'user-agent': 'DomainReseller-Webhooks/1.0',
          'x-webhook-id': d.id,
          'x-webhook-event': d.event,
          'x-webhook-timestamp': String(d.timestamp),
          'x-webhook-signature': signWebhook(d.secret, d.timestamp, d.body),
        },
        body: d.body,
        signal: controller.signal,
      });
      // Drain the body so the connection is released.
      await res.arrayBuffer().catch(() => undefined);
      entry.status = res.status;
      if (!res.ok) entry.error = `HTTP ${res.status}`;
    } catch (err) {
      entry.error = controller.signal.aborted ? 'timeout or sandbox closed' : errorText(err);
    } finally {
      clearTimeout(timer);
      this.inFlight.delete(controller);
      account.deliveries.push(entry);
      if (account.deliveries.length > MAX_LOG) account.deliveries.splice(0, account.deliveries.length - MAX_LOG);
    }
  }
}

function errorText(err: unknown): string {
  if (err instanceof Error) {
    const cause = (err as Error & { cause?: unknown }).cause;
    return cause instanceof Error ? `${err.message}: ${cause.message}` : err.message;
  }
  return String(err);
}
