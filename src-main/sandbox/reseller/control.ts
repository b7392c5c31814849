import { z } from 'zod';
import type { OrderLifecycle } from './lifecycle.js';
import { domainStatus, type AccountState, type ResellerStore } from './state.js';
import type { WebhookDispatcher } from './webhooks.js';
import { dnsJson, domainJson, invoiceJson, orderJson } from './wire.js';
import { normalizeDomainName } from './validation.js';

const DAY = 86_400_000;

/** Bodies of POST /__sandbox/registrars/reseller/control (README.md lists them). */
const controlSchema = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('payInvoice'),
    account: z.string(),
    invoice: z.union([z.number().int(), z.string()]),
    method: z.enum(['wallet', 'gateway']).default('wallet'),
  }),
  z.object({ action: z.literal('failNextProvisioning'), account: z.string(), reason: z.string().default('Registrar rejected the request.') }),
  z.object({ action: z.literal('setWebhook'), account: z.string(), url: z.string().url().nullable(), secret: z.string().min(1).optional() }),
  z.object({ action: z.literal('domain'), account: z.string(), name: z.string() }),
  z.object({ action: z.literal('orders'), account: z.string() }),
  z.object({ action: z.literal('setWalletBalance'), account: z.string(), balance: z.number().int().min(0) }),
  z.object({
    action: z.literal('sendExpiryReminders'),
    account: z.string(),
    days: z.number().int().min(1).max(365).default(30),
    limit: z.number().int().min(1).max(10_000).default(100),
  }),
  z.object({ action: z.literal('webhookDeliveries'), account: z.string() }),
]);

type ControlResult = ({ ok: true } & Record<string, unknown>) | { ok: false; error: string };

export async function runControl(store: ResellerStore, lifecycle: OrderLifecycle, webhooks: WebhookDispatcher, body: unknown): Promise<ControlResult> {
  const parsed = controlSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, error: `Invalid control body${issue ? ` at ${issue.path.join('.') || 'action'}: ${issue.message}` : ''}` };
  }
  const c = parsed.data;
  const account = store.byLabel(c.account);
  if (!account) return { ok: false, error: `Unknown account ${c.account}; known: ${store.accounts.map((a) => a.label).join(', ')}` };
  lifecycle.refreshAll();
  switch (c.action) {
    case 'payInvoice': {
      const order = account.orders.find((o) => o.invoice.id === c.invoice || o.invoice.number === c.invoice || String(o.invoice.id) === c.invoice);
      if (!order) return { ok: false, error: `No invoice ${String(c.invoice)} in ${account.label}` };
      const result = lifecycle.pay(account, order, c.method);
      if (!result.ok) return result;
      return { ok: true, order: orderJson(order), invoice: invoiceJson(order.invoice), walletBalance: account.walletBalance };
    }
    case 'failNextProvisioning':
      account.failNext = c.reason;
      return { ok: true };
    case 'setWebhook':
      account.webhook = { url: c.url, secret: c.secret ?? account.webhook.secret };
      return { ok: true, url: account.webhook.url, secret: account.webhook.secret };
    case 'domain':
      return domainRecord(store, account, c.name);
    case 'orders':
      return {
        ok: true,
        orders: account.orders.map((o) => ({ ...orderJson(o), idempotency_key: o.idempotencyKey })),
        invoices: account.orders.map((o) => ({ ...invoiceJson(o.invoice), order_id: o.id })),
        walletBalance: account.walletBalance,
      };
    case 'setWalletBalance':
      account.walletBalance = c.balance;
      return { ok: true, walletBalance: account.walletBalance };
    case 'sendExpiryReminders':
      return { ok: true, sent: sendExpiryReminders(store, webhooks, account, c.days, c.limit) };
    case 'webhookDeliveries':
      await webhooks.idle(account);
      return { ok: true, webhook: { url: account.webhook.url }, deliveries: account.deliveries };
  }
}

function domainRecord(store: ResellerStore, account: AccountState, rawName: string): ControlResult {
  const name = normalizeDomainName(rawName);
  const d = name === null ? undefined : store.findDomain(account, name);
  if (!d) return { ok: false, error: `No domain ${rawName} in ${account.label}` };
  const now = store.now();
  return {
    ok: true,
    domain: {
      ...domainJson(d, now),
      expiresAtMs: d.expiresAt,
      status: domainStatus(d.expiresAt, now),
      dns: dnsJson(d.name, d.dns),
    },
  };
}

/** What `php artisan domains:send-expiry-reminders` does: one domain.expiring event per active domain expiring within `days`. */
function sendExpiryReminders(store: ResellerStore, webhooks: WebhookDispatcher, account: AccountState, days: number, limit: number): number {
  const now = store.now();
  let sent = 0;
  for (const d of store.domains(account)) {
    if (sent >= limit) break;
    if (domainStatus(d.expiresAt, now) !== 'active' || d.expiresAt - now > days * DAY) continue;
    webhooks.emit(account, 'domain.expiring', { domain: domainJson(d, now), days_left: Math.max(0, Math.ceil((d.expiresAt - now) / DAY)) });
    sent++;
  }
  return sent;
}
