import { z } from 'zod';
import type { Money } from '../../../src-shared/money.js';
import type { CallPriority } from '../../scheduler/lane-types.js';
import type { DynadotClient } from './client.js';
import { invalidInput } from './errors.js';
import { normalize, optText, price, read, text } from './parse.js';

/** Account-level reads: balance, the TLD price list, order status. */

const balanceSchema = z.looseObject({ BalanceList: z.array(z.looseObject({ Currency: z.string(), Amount: text })).min(1) });

export async function getBalances(client: DynadotClient, priority: CallPriority = 'interactive'): Promise<Money[]> {
  const site = { command: 'get_account_balance', kind: 'read' as const };
  const { body } = await client.call({ ...site, shape: { roots: ['GetAccountBalanceResponse'] }, priority });
  const raw = JSON.stringify(body);
  const data = read(balanceSchema, body, site, raw);
  return normalize(() => data.BalanceList.map((b) => price(b.Amount, b.Currency.toUpperCase())!), site, raw);
}

export interface TldPrice {
  /** Without the leading dot: "com", "co.id". */
  tld: string;
  register: Money | null;
  renew: Money | null;
  transfer: Money | null;
  privacy: boolean | null;
  /** Days after expiry a renewal still works (with a late fee). */
  graceRenewDays: number | null;
  restrictions: string | null;
}

const tldSchema = z.looseObject({
  Currency: z.string(),
  TldPrice: z.array(
    z.looseObject({
      Tld: z.string(),
      Price: z.looseObject({ Register: optText, Renew: optText, Transfer: optText }),
      Privacy: optText,
      GracePeriod: z.looseObject({ Renew: optText }).optional(),
      Restrictions: optText,
    }),
  ),
});

export async function getTldPrices(client: DynadotClient, priority: CallPriority = 'bulk'): Promise<TldPrice[]> {
  const site = { command: 'tld_price', kind: 'read' as const };
  const { body } = await client.call({ ...site, shape: { roots: ['TldPriceResponse'] }, priority });
  const raw = JSON.stringify(body).slice(0, 4000);
  const data = read(tldSchema, body, site, raw);
  const currency = data.Currency.toUpperCase();
  return normalize(
    () =>
      data.TldPrice.map((t) => ({
        tld: t.Tld.replace(/^\./, '').toLowerCase(),
        register: price(t.Price.Register, currency),
        renew: price(t.Price.Renew, currency),
        transfer: price(t.Price.Transfer, currency),
        privacy: t.Privacy === undefined ? null : /^yes$/i.test(t.Privacy),
        graceRenewDays: t.GracePeriod?.Renew && /^\d+$/.test(t.GracePeriod.Renew) ? Number(t.GracePeriod.Renew) : null,
        restrictions: t.Restrictions && t.Restrictions !== '--' ? t.Restrictions : null,
      })),
    site,
    raw,
  );
}

export interface OrderStatus {
  orderId: string;
  /** Shopping, Submitted, Waiting Payment, Processing, Completed, Problem, Deleted, Cancelled. */
  status: string;
  items: { type: string; name: string; status: string }[];
  raw: unknown;
}

const orderSchema = z.looseObject({
  OrderStatus: z.looseObject({
    OrderId: text,
    OrderStatus: z.string(),
    ItemList: z.array(z.looseObject({ ItemTypeName: z.string(), ItemName: z.string(), ItemStatus: z.string() })).default([]),
  }),
});

export async function getOrderStatus(client: DynadotClient, orderId: string | number): Promise<OrderStatus> {
  const id = String(orderId).trim();
  if (!/^\d+$/.test(id)) throw invalidInput('order_id', `"${id}" is not a Dynadot order number.`);
  const site = { command: 'get_order_status', kind: 'read' as const };
  const { body } = await client.call({ ...site, shape: { roots: ['GetOrderStatusResponse'] }, params: { order_id: id }, priority: 'interactive' });
  const o = read(orderSchema, body, site, JSON.stringify(body)).OrderStatus;
  return { orderId: o.OrderId, status: o.OrderStatus, items: o.ItemList.map((i) => ({ type: i.ItemTypeName, name: i.ItemName, status: i.ItemStatus })), raw: body };
}

const accountSchema = z.looseObject({ AccountInfo: z.looseObject({ Username: z.string(), PriceLevel: optText, CustomTimeZone: optText }) });

/** account_info: the user name, for the connection test's detail. */
export async function getAccountInfo(client: DynadotClient): Promise<{ username: string; priceLevel: string | null }> {
  const site = { command: 'account_info', kind: 'read' as const };
  const { body } = await client.call({ ...site, shape: { roots: ['AccountInfoResponse'] }, priority: 'interactive' });
  const info = read(accountSchema, body, site, JSON.stringify(body).slice(0, 4000)).AccountInfo;
  return { username: info.Username, priceLevel: info.PriceLevel ?? null };
}
