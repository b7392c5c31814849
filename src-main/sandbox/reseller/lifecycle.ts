import { domainToUnicode } from 'node:url';
import { hashString } from '../core/rng.js';
import { priceFor, premiumMultiplier, registryState, tldOf } from './pricing.js';
import { CURRENCY, type AccountState, type Order, type OrderType, type PaymentMethod, type ResellerStore } from './state.js';
import type { WebhookDispatcher } from './webhooks.js';
import { invoiceJson, orderJson } from './wire.js';

const DAY = 86_400_000;

export interface NewOrder {
  type: OrderType;
  domain: string;
  years: number;
  privacy: Order['privacy'];
  autoRenew: boolean | null;
  amount: number;
  idempotencyKey: string | null;
}

export type PayResult = { ok: true; order: Order } | { ok: false; error: string };

/**
 * Order → invoice → payment → provisioning, as the seed describes: an order
 * creates an unpaid invoice; provisioning starts only once it is paid and
 * finishes `provisionMs` later on the sandbox clock. Outcomes are applied
 * lazily (refresh on every request and control call) and by a real-time
 * timer, so both a waiting client and a clock jump see them.
 */
export class OrderLifecycle {
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly store: ResellerStore,
    private readonly webhooks: WebhookDispatcher,
    private readonly now: () => number,
  ) {}

  create(account: AccountState, spec: NewOrder): Order {
    const now = this.now();
    const invoiceId = this.store.invoiceId();
    const day = new Date(now).toISOString().slice(0, 10).replace(/-/g, '');
    const order: Order = {
      id: this.store.orderId(),
      ...spec,
      status: 'awaiting_payment',
      currency: CURRENCY,
      failureReason: null,
      createdAt: now,
      updatedAt: now,
      processingSince: null,
      completedAt: null,
      resultExpiresAt: null,
      failWith: null,
      invoice: {
        id: invoiceId,
        number: `INV-${day}-${String(invoiceId).padStart(6, '0')}`,
        status: 'unpaid',
        amount: spec.amount,
        currency: CURRENCY,
        paymentMethod: null,
        paymentUrl: `https://checkout.xendit.co/web/${this.store.token(24)}`,
        dueAt: now + this.store.options.invoiceTtlMs,
        paidAt: null,
        createdAt: now,
      },
    };
    account.orders.push(order);
    account.openOrders.add(order);
    if (this.store.options.autoPayFromWallet && account.walletBalance >= order.amount) this.pay(account, order, 'wallet');
    return order;
  }

  pay(account: AccountState, order: Order, method: PaymentMethod): PayResult {
    this.refresh(account);
    if (order.invoice.status !== 'unpaid') return { ok: false, error: `Invoice ${order.invoice.number} is ${order.invoice.status}` };
    if (method === 'wallet') {
      if (account.walletBalance < order.amount) {
        return { ok: false, error: `Insufficient wallet balance: ${account.walletBalance} ${CURRENCY} < ${order.amount} ${CURRENCY}` };
      }
      account.walletBalance -= order.amount;
    }
    const now = this.now();
    order.invoice.status = 'paid';
    order.invoice.paidAt = now;
    order.invoice.paymentMethod = method;
    order.status = 'processing';
    order.processingSince = now;
    order.updatedAt = now;
    order.failWith = account.failNext;
    account.failNext = null;
    this.webhooks.emit(account, 'invoice.paid', { invoice: invoiceJson(order.invoice), order: orderJson(order) });
    this.webhooks.emit(account, 'domain.order.processing', { order: orderJson(order) });
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.refresh(account);
    }, this.store.options.provisionMs + 5);
    timer.unref();
    this.timers.add(timer);
    return { ok: true, order };
  }

  refreshAll(): void {
    for (const a of this.store.accounts) this.refresh(a);
  }

  refresh(account: AccountState): void {
    if (account.openOrders.size === 0) return;
    const now = this.now();
    for (const order of account.openOrders) {
      if (order.status === 'awaiting_payment' && now > order.invoice.dueAt) {
        order.invoice.status = 'expired';
        this.fail(account, order, 'Invoice expired before payment.', order.invoice.dueAt);
      } else if (order.status === 'processing' && order.processingSince !== null && now >= order.processingSince + this.store.options.provisionMs) {
        const at = order.processingSince + this.store.options.provisionMs;
        if (order.failWith !== null) this.fail(account, order, order.failWith, at);
        else this.complete(account, order, at);
      }
    }
  }

  close(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private complete(account: AccountState, order: Order, at: number): void {
    let expiresAt: number;
    if (order.type === 'renew') {
      const domain = this.store.findDomain(account, order.domain);
      if (!domain) return this.fail(account, order, 'Domain is no longer in this account.', at);
      domain.expiresAt = addYears(domain.expiresAt, order.years);
      expiresAt = domain.expiresAt;
    } else {
      const holder = this.store.heldByAnyAccount(order.domain);
      // Another order may have taken the name while this one waited for payment.
      if (holder && order.type === 'register') return this.fail(account, order, 'Domain is no longer available.', at);
      if (holder === account) return this.fail(account, order, 'Domain is already in this account.', at);
      // A transfer between two sandbox resellers moves the domain out of the losing account.
      if (holder) this.store.removeDomain(holder, order.domain);
      const tld = tldOf(order.domain) ?? order.domain.slice(order.domain.indexOf('.') + 1);
      const h = hashString(`transfer/${order.domain}`);
      const premium = registryState(order.domain) === 'premium';
      const renew = (priceFor(tld)?.renew ?? 0) * (premium ? premiumMultiplier(order.domain) : 1);
      // A transfer keeps the remaining term at the old registrar and adds one year.
      expiresAt = order.type === 'register' ? addYears(at, order.years) : addYears(at + (30 + (h % 330)) * DAY, 1);
      this.store.addDomain(account, {
        name: order.domain,
        unicode: toUnicode(order.domain),
        tld,
        createdAt: order.type === 'register' ? at : at - (365 + (h % 3000)) * DAY,
        expiresAt,
        autoRenew: order.autoRenew ?? false,
        locked: true,
        privacy: order.privacy ?? 'full',
        nameservers: ['ns1.dynadot.com', 'ns2.dynadot.com'],
        renewPriceMinor: renew,
        premium,
        dns: null,
      });
    }
    order.status = 'completed';
    order.completedAt = at;
    order.updatedAt = at;
    order.resultExpiresAt = expiresAt;
    account.openOrders.delete(order);
    this.webhooks.emit(account, 'domain.order.completed', { order: orderJson(order) });
  }

  private fail(account: AccountState, order: Order, reason: string, at: number): void {
    const wasPaid = order.invoice.status === 'paid';
    order.status = 'failed';
    order.failureReason = reason;
    order.updatedAt = at;
    account.openOrders.delete(order);
    // Paid orders that fail are refunded to the wallet, whatever the payment route was.
    if (wasPaid) account.walletBalance += order.amount;
    this.webhooks.emit(account, 'domain.order.failed', { order: orderJson(order) });
  }
}

export function addYears(ms: number, years: number): number {
  const d = new Date(ms);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.getTime();
}

/** node:url's domainToUnicode is the built-in punycode decoder; it returns '' for invalid input. */
function toUnicode(ascii: string): string {
  return domainToUnicode(ascii) || ascii;
}
