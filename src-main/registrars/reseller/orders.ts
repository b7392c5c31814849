import { RegistrarError, isRegistrarError } from '../errors.js';
import type { NormalizedDomain, ReconcileResult, RenewRequest, RenewResult } from '../types.js';
import type { CallPriority } from '../../scheduler/lane-types.js';
import { ROUTES, type ResellerClient } from './client.js';
import { normalizeOrder, orderWire, pageMetaWire, type ResellerOrder } from './parse.js';
import { z } from 'zod';

/**
 * Orders of the reseller API: every order endpoint creates an unpaid invoice
 * and provisioning only starts after payment, so a renewal is a job that
 * ends later. Order writes ALWAYS carry the caller's Idempotency-Key (stored
 * in the job journal before the first send): the API returns the stored
 * original answer for a repeat, so a retry never makes a second order.
 */

export type OrderType = 'register' | 'renew' | 'transfer';
export type OrderStatusFilter = 'awaiting_payment' | 'processing' | 'completed' | 'failed';

export interface OrderFilter {
  domain?: string;
  status?: OrderStatusFilter;
  type?: OrderType;
}

export interface PageOptions {
  perPage?: number;
  priority?: CallPriority;
  signal?: AbortSignal;
}

/** The API has no single-order endpoint: an order is found through the list, by id or by domain. */
export type OrderRef = string | { orderId: string; domain?: string } | { domain: string; type?: OrderType };

export interface CreatedOrder {
  order: ResellerOrder;
  /** The API answered with the stored response of an earlier send with this key. */
  replayed: boolean;
  message: string | null;
}

const MAX_PER_PAGE = 100;

/** Newest first, page by page, until the last page. */
export async function* listOrders(client: ResellerClient, filter: OrderFilter = {}, options: PageOptions = {}): AsyncGenerator<ResellerOrder[]> {
  for (let page = 1; ; page++) {
    options.signal?.throwIfAborted();
    const answer = await client.call(ROUTES.orders, {
      query: { page, per_page: options.perPage ?? MAX_PER_PAGE, domain: filter.domain, status: filter.status, type: filter.type },
      priority: options.priority,
      signal: options.signal,
    });
    const items = client.data(ROUTES.orders, answer, z.array(orderWire)).map(normalizeOrder);
    if (items.length > 0) yield items;
    const meta = pageMetaWire.safeParse((answer.json as { meta?: unknown }).meta);
    if (items.length === 0 || !meta.success || meta.data.current_page >= meta.data.last_page) return;
  }
}

export async function findOrders(client: ResellerClient, filter: OrderFilter = {}, options: PageOptions = {}): Promise<ResellerOrder[]> {
  const all: ResellerOrder[] = [];
  for await (const page of listOrders(client, filter, options)) all.push(...page);
  return all;
}

function refParts(ref: OrderRef): { orderId: string | null; domain: string | null; type: OrderType | undefined } {
  if (typeof ref === 'string') {
    // Order ids are numbers; domain names always contain a dot.
    return ref.includes('.') ? { orderId: null, domain: ref.toLowerCase(), type: undefined } : { orderId: ref, domain: null, type: undefined };
  }
  if ('orderId' in ref) return { orderId: ref.orderId, domain: ref.domain?.toLowerCase() ?? null, type: undefined };
  return { orderId: null, domain: ref.domain.toLowerCase(), type: ref.type };
}

/**
 * The current state of one order: by id (scoped to its domain when known,
 * which keeps it to one small page) or the newest order of a domain.
 */
export async function pollOrder(client: ResellerClient, ref: OrderRef, options: PageOptions = {}): Promise<ResellerOrder> {
  const { orderId, domain, type } = refParts(ref);
  for await (const page of listOrders(client, { domain: domain ?? undefined, type }, options)) {
    const hit = orderId === null ? page[0] : page.find((o) => o.id === orderId);
    if (hit) return hit;
  }
  throw new RegistrarError({
    registrar: 'reseller',
    kind: 'NotFound',
    message: orderId ? `The reseller has no order ${orderId}${domain ? ` for ${domain}` : ''}.` : `The reseller has no order for ${domain ?? 'this domain'}.`,
  });
}

export interface WaitOptions extends PageOptions {
  intervalMs?: number;
  timeoutMs?: number;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

const defaultSleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    const onAbort = () => (clearTimeout(t), reject(signal?.reason));
    const t = setTimeout(() => (signal?.removeEventListener('abort', onAbort), resolve()), ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/** Polls through the lane until the order settles or the time runs out; returns the last state seen. */
export async function waitForOrder(client: ResellerClient, ref: OrderRef, options: WaitOptions = {}): Promise<ResellerOrder> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? defaultSleep;
  const deadline = now() + (options.timeoutMs ?? 60_000);
  for (;;) {
    const order = await pollOrder(client, ref, options);
    if (order.settled || now() + (options.intervalMs ?? 5000) > deadline) return order;
    await sleep(options.intervalMs ?? 5000, options.signal);
  }
}

export async function createOrder(client: ResellerClient, type: OrderType, body: Record<string, string | number | boolean>, idempotencyKey: string): Promise<CreatedOrder> {
  if (!idempotencyKey) throw new RegistrarError({ registrar: 'reseller', kind: 'Invalid', field: 'idempotency_key', message: 'An order needs an Idempotency-Key stored in the job journal before it is sent.' });
  const r = ROUTES[type];
  const answer = await client.call(r, { json: body, idempotencyKey, priority: 'interactive' });
  const order = normalizeOrder(client.data(r, answer, orderWire));
  const message = (answer.json as { message?: unknown }).message;
  return { order, replayed: answer.replayed, message: typeof message === 'string' ? message : null };
}

/** A renew order as the RenewResult the renew service records. */
export function renewResultFromOrder(order: ResellerOrder): RenewResult {
  if (order.state === 'completed') return { state: 'renewed', newExpiresAt: order.domainExpiresAt, charged: order.amount, orderId: order.id };
  if (order.state === 'failed') {
    throw new RegistrarError({ registrar: 'reseller', kind: 'Invalid', code: order.status, message: `The reseller could not complete renewal order ${order.id} for ${order.domain}: ${order.failureReason ?? 'no reason given'}.` });
  }
  const inv = order.invoice;
  return {
    state: 'pending',
    orderId: order.id,
    ...(inv ? { invoice: { id: inv.id, amount: inv.amount, paymentUrl: inv.paymentUrl, status: inv.status } } : {}),
  };
}

/** More than a day apart: a renewal moves expiry by whole years, so this ignores precision and time zones. */
function expiryMoved(current: string | null, expected: string): boolean {
  if (!current) return false;
  const a = Date.parse(current);
  const b = Date.parse(expected);
  return !Number.isNaN(a) && !Number.isNaN(b) && Math.abs(a - b) > 36 * 3600_000;
}

type GetDomain = (name: string) => Promise<NormalizedDomain>;

/** A replay carries the order as it was at the first send; read its current state when we may. */
async function freshen(client: ResellerClient, created: CreatedOrder): Promise<ResellerOrder> {
  if (!created.replayed) return created.order;
  try {
    return await pollOrder(client, { orderId: created.order.id, domain: created.order.domain });
  } catch (err) {
    if (isRegistrarError(err) && err.kind !== 'OutcomeUnknown') return created.order;
    throw err;
  }
}

export async function renewOrder(client: ResellerClient, getDomain: GetDomain, req: RenewRequest): Promise<RenewResult> {
  const current = await getDomain(req.name);
  if (expiryMoved(current.expiresAt, req.expectedExpiresAt)) return { state: 'already-renewed', currentExpiresAt: current.expiresAt };
  const created = await createOrder(client, 'renew', { domain: current.name, years: req.years }, req.idempotencyKey);
  return renewResultFromOrder(await freshen(client, created));
}

export interface RenewalReconciliation {
  outcome: ReconcileResult;
  /** Set when the outcome is known: the order the key stands for, or the expiry that already moved. */
  result?: RenewResult;
  reason: string;
}

/**
 * After OutcomeUnknown on orders/renew we RE-SEND WITH THE SAME
 * Idempotency-Key instead of guessing from GET /orders?domain=…:
 * - the API guarantees that the same key with the same body returns the
 *   stored original answer (same order and invoice ids, `Idempotent-Replayed`)
 *   and never creates a second order or invoice; only 2xx answers are
 *   stored, so a fresh 201 means the first send created nothing and now
 *   exactly one order exists — either way the answer names OUR order;
 * - the orders list does not show keys, so matching "a renew of this domain
 *   for N years created around then" could take an order made in the web
 *   panel for ours.
 * The guarantee lasts while the API remembers keys (24 h on the sandbox);
 * reconciliation runs right after the failure or at job resume, well inside
 * that. As a guard for a very late resume we first read the domain: if its
 * expiry has already moved, the renewal happened and nothing is re-sent.
 */
export async function reconcileRenewalOrder(client: ResellerClient, getDomain: GetDomain, req: RenewRequest): Promise<RenewalReconciliation> {
  let current: NormalizedDomain;
  try {
    current = await getDomain(req.name);
  } catch (err) {
    if (!isRegistrarError(err)) throw err;
    return { outcome: 'unknown', reason: `could not read ${req.name} back: ${err.message}` };
  }
  if (expiryMoved(current.expiresAt, req.expectedExpiresAt)) {
    return { outcome: 'applied', result: { state: 'already-renewed', currentExpiresAt: current.expiresAt }, reason: 'the expiry has already moved' };
  }
  try {
    const created = await createOrder(client, 'renew', { domain: current.name, years: req.years }, req.idempotencyKey);
    const order = await freshen(client, created);
    // Our order exists but failed (e.g. its invoice expired): the renewal did not happen, and a new attempt needs a new key.
    if (order.state === 'failed') return { outcome: 'not-applied', reason: `order ${order.id} failed: ${order.failureReason ?? 'no reason given'}` };
    return { outcome: 'applied', result: renewResultFromOrder(order), reason: created.replayed ? `the API replayed order ${order.id}` : `no order existed for the key; order ${order.id} was created once` };
  } catch (err) {
    if (!isRegistrarError(err)) throw err;
    // A 422 is never stored against the key: no order exists for it, and the API refuses one now.
    if (err.kind === 'Invalid' && err.field !== 'idempotency_key' && err.code === '422') return { outcome: 'not-applied', reason: err.message };
    return { outcome: 'unknown', reason: err.message };
  }
}
