import { fail } from './envelope.js';
import type { Market } from './market.js';
import { normalizeDomain, type DynAccount, type DynDomain, type OrderItem, type Order } from './state.js';
import { amount } from './pricing.js';

export interface DynadotOptions {
  /** How long a key stays banned after a single-flight violation. */
  banMs: number;
  /** Simulated server work per request; a request is "in flight" this long, so overlapping calls collide. */
  processingMs: number;
  /** Extra charge for renewing a domain that has expired (grace period), USD cents. */
  lateRenewFeeMinor: number;
  /** Extra charge for renewing a domain in redemption, USD cents. */
  redemptionFeeMinor: number;
}

export interface SimState {
  accounts: DynAccount[];
  market: Market;
  options: DynadotOptions;
  nextOrderId: number;
}

/** Everything a command needs: who asks, the query, the simulated time and shared state. */
export interface Ctx {
  account: DynAccount;
  q: Params;
  now: number;
  sim: SimState;
}

export class Params {
  constructor(private readonly query: URLSearchParams) {}

  get(name: string): string | null {
    const v = this.query.get(name);
    return v === null ? null : v;
  }

  /** First non-empty value among alternative spellings (the seed's tables and examples disagree). */
  any(...names: string[]): string | null {
    for (const n of names) {
      const v = this.query.get(n);
      if (v !== null && v !== '') return v;
    }
    return null;
  }

  required(name: string, ...aliases: string[]): string {
    const v = this.any(name, ...aliases);
    if (v === null) fail(`missing parameter ${name}`);
    return v;
  }

  flag(name: string): boolean {
    const v = this.query.get(name);
    return v === '1' || v?.toLowerCase() === 'yes' || v?.toLowerCase() === 'true';
  }

  int(name: string, min: number, max: number, required = true): number | null {
    const raw = required ? this.required(name) : this.any(name);
    if (raw === null) return null;
    if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) fail(`invalid ${name} ${raw}`);
    return Number(raw);
  }

  /** One domain name (commands documented as "only 1 domain per request"). */
  domain(name = 'domain'): string {
    const raw = this.required(name);
    if (raw.includes(',') || raw.includes(';')) fail(`only 1 domain is allowed per request`);
    const d = normalizeDomain(raw);
    if (!d) fail(`invalid domain name ${raw}`);
    return d;
  }

  /** Comma-separated list, "100 domains per request". */
  domainList(name = 'domain', max = 100): string[] {
    const parts = this.required(name)
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (parts.length === 0) fail(`missing parameter ${name}`);
    if (parts.length > max) fail(`too many domains, at most ${max} domains per request`);
    return parts.map((p) => normalizeDomain(p) ?? fail(`invalid domain name ${p}`));
  }

  /** Indexed parameters prefix0..prefixN-1 that are present, with their index. */
  indexed(prefix: string, count: number): { i: number; value: string }[] {
    const out: { i: number; value: string }[] = [];
    for (let i = 0; i < count; i++) {
      const v = this.query.get(`${prefix}${i}`);
      if (v !== null && v !== '') out.push({ i, value: v });
    }
    return out;
  }
}

export function owned(ctx: Ctx, name: string): DynDomain {
  const d = ctx.account.domains().get(name);
  if (!d) fail(`could not find ${name} in your account`);
  return d;
}

/** Takes money from the account balance or fails the whole command. */
export function charge(ctx: Ctx, minor: number): void {
  if (ctx.account.balanceMinor < minor) {
    fail(`insufficient account balance: this order costs ${amount(minor)} USD, your balance is ${amount(ctx.account.balanceMinor)} USD`);
  }
  ctx.account.balanceMinor -= minor;
  ctx.account.spentMinor += minor;
}

export function recordOrder(ctx: Ctx, items: OrderItem[]): Order {
  const order: Order = {
    id: ctx.sim.nextOrderId++,
    submittedAt: ctx.now,
    currency: ctx.account.currency,
    totalMinor: items.reduce((s, i) => s + i.costMinor, 0),
    status: 'Completed',
    items,
  };
  ctx.account.orders.push(order);
  return order;
}
