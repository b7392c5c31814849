import { hashString } from '../../core/rng.js';
import { charge, owned, recordOrder, type Ctx } from '../context.js';
import { buildXml, type XmlObject } from '../xml.js';
import { envelope, fail, success, CommandError, type Reply } from '../envelope.js';
import { newDomain } from '../market.js';
import { amount, dollars, fromUsd, orderCurrency, tldOf } from '../pricing.js';
import { addYears, domainStatus, normalizeDomain } from '../state.js';
import { parseDay, slashDate } from '../time.js';
import type { CommandTable } from './types.js';

const YEAR = 365 * 86_400_000;

const searchEnv = envelope('Search', 'SuccessCode', 'string', { outer: 'Results' });
const registerEnv = envelope('Register');
const bulkEnv = envelope('BulkRegister', 'ResponseCode', 'number');
const deleteEnv = envelope('Delete');
const renewEnv = envelope('Renew');
const orderListEnv = envelope('OrderList', 'ResponseCode', 'number');
const orderStatusEnv = envelope('GetOrderStatus', 'ResponseCode', 'number');

interface Availability {
  available: boolean;
  premium: boolean;
  priceUsd: number;
}

/**
 * A name is taken when any simulated account holds it, or (deterministically) for a
 * quarter of all other names, so both answers show up. One in 17 free names is premium.
 */
function availability(ctx: Ctx, name: string): Availability | null {
  const tld = tldOf(name);
  if (!tld) return null;
  const h = hashString(name);
  const held = ctx.sim.accounts.some((a) => a.domains().has(name));
  const premium = h % 17 === 0;
  return { available: !held && h % 4 !== 0, premium, priceUsd: premium ? tld.register * (5 + (h % 20)) : tld.register };
}

function priceText(usd: number, currency: string): string {
  return `${amount(fromUsd(usd, currency))} in ${currency}`;
}

/** search: root <Results> with one <SearchResponse> per name (seed example). */
function searchReply(rows: XmlObject[], json: Record<string, unknown>[]): Reply {
  return {
    error: false,
    xml: () => buildXml({ Results: { SearchResponse: rows.map((r) => ({ SearchHeader: r })) } }),
    json: () => ({ SearchResponse: { ResponseCode: '0', SearchResults: json } }),
  };
}

function registerOne(ctx: Ctx, name: string, years: number, premiumOk: boolean): { expiresAt: number; registeredAt: number } {
  const a = availability(ctx, name);
  if (!a) fail(`${name} is not a supported TLD`);
  if (!a.available) fail('not_available');
  if (a.premium && !premiumOk) fail('this domain is a premium domain, please use premium option');
  const cost = a.priceUsd * years;
  charge(ctx, cost);
  const d = newDomain(name, ctx.now, a.premium ? a.priceUsd : tldOf(name)!.renew, a.premium, years);
  d.registration = { at: ctx.now, costMinor: cost };
  ctx.account.domains().set(name, d);
  recordOrder(ctx, [{ type: 'Domain Registration', name, duration: years, costMinor: cost }]);
  return { expiresAt: d.expiresAt, registeredAt: d.registeredAt };
}

export const orderCommands: CommandTable = {
  search: {
    env: searchEnv,
    run(ctx) {
      const names = ctx.q.indexed('domain', 100);
      if (names.length === 0) fail('missing parameter domain0');
      // "Regular accounts can specify 1 domain per command, bulk and super bulk accounts up to 100."
      if (names.length > ctx.account.searchLimit) {
        fail(`your account can only search ${ctx.account.searchLimit} domain${ctx.account.searchLimit === 1 ? '' : 's'} per command`);
      }
      const currency = orderCurrency(ctx.q.get('currency'), ctx.account.currency);
      const showPrice = ctx.q.get('show_price') === '1';
      const rows: XmlObject[] = [];
      const json: Record<string, unknown>[] = [];
      for (const { i, value } of names) {
        const name = normalizeDomain(value);
        const a = name ? availability(ctx, name) : null;
        const language = ctx.q.get(`language${i}`);
        if (!name || !a) {
          rows.push({ SuccessCode: '-1', Status: 'error', Error: `invalid domain name ${value}`, DomainName: value });
          json.push({ DomainName: value, Available: 'no', Error: `invalid domain name ${value}` });
          continue;
        }
        const row: XmlObject = { SuccessCode: '0', DomainName: name, Available: a.available ? 'yes' : 'no' };
        const item: Record<string, unknown> = { DomainName: name, Available: a.available ? 'yes' : 'no' };
        if (showPrice && a.available) row.Price = item.Price = priceText(a.priceUsd, currency);
        if (language) row.Language = item.Language = language;
        rows.push(row);
        json.push(item);
      }
      return searchReply(rows, json);
    },
  },

  register: {
    env: registerEnv,
    run(ctx) {
      const name = ctx.q.domain();
      const years = ctx.q.int('duration', 1, 10)!;
      orderCurrency(ctx.q.get('currency'), ctx.account.currency);
      const r = registerOne(ctx, name, years, ctx.q.get('premium') === '1');
      return success(registerEnv, {
        content: () => ({ RegisterContent: { Expiration: String(r.expiresAt) } }),
        json: () => ({ DomainName: name, Expiration: String(r.expiresAt) }),
      });
    },
  },

  bulk_register: {
    env: bulkEnv,
    run(ctx) {
      const names = ctx.q.indexed('domain', 100);
      if (names.length === 0) fail('missing parameter domain0');
      orderCurrency(ctx.q.get('currency'), ctx.account.currency);
      const premium = ctx.q.get('premium') === '1';
      const results = names.map(({ value }) => {
        const name = normalizeDomain(value);
        try {
          if (!name) fail('invalid_domain');
          const r = registerOne(ctx, name, 1, premium);
          return { DomainName: name, Expiration: String(r.expiresAt), Result: 'success', Message: '-' };
        } catch (err) {
          if (!(err instanceof CommandError)) throw err;
          return { DomainName: name ?? value, Expiration: '-', Result: 'error', Message: err.message };
        }
      });
      return success(bulkEnv, {
        content: () => ({ BulkRegisterContent: { BulkRegister: { RegisterResult: results } } }),
        json: () => ({ BulkRegister: results }),
      });
    },
  },

  delete: {
    env: deleteEnv,
    run(ctx) {
      const name = ctx.q.domain();
      const d = owned(ctx, name);
      const days = tldOf(name)?.graceDeleteDays ?? 5;
      // Only names still in the registration grace period, never renewed, can be deleted; the fee is refunded.
      if (!d.registration || d.renewedAfterRegistration || ctx.now - d.registration.at > days * 86_400_000) {
        fail(`${name} is not in the grace period and cannot be deleted`);
      }
      ctx.account.balanceMinor += d.registration.costMinor;
      ctx.account.spentMinor -= d.registration.costMinor;
      ctx.account.domains().delete(name);
      return success(deleteEnv, { json: () => ({ DomainName: name }) });
    },
  },

  renew: {
    env: renewEnv,
    run(ctx) {
      const name = ctx.q.domain();
      const years = ctx.q.int('duration', 1, 10)!;
      const currency = orderCurrency(ctx.q.get('currency'), ctx.account.currency);
      const d = owned(ctx, name);
      const year = ctx.q.any('year');
      // `year` is "the year the domain currently expires": a stale caller must not renew twice.
      if (year !== null && year !== String(new Date(d.expiresAt).getUTCFullYear())) {
        fail(`the year ${year} does not match the current expiration year of ${name} (${new Date(d.expiresAt).getUTCFullYear()})`);
      }
      const status = domainStatus(d, ctx.now);
      if (status === 'pending-delete') fail(`${name} is pending delete and cannot be renewed`);
      const lateFee = status === 'grace' ? ctx.sim.options.lateRenewFeeMinor : status === 'redemption' ? ctx.sim.options.redemptionFeeMinor : 0;
      if (lateFee > 0 && ctx.q.get('no_renew_if_late_renew_fee_needed') === '1') {
        fail(`${name} needs a late renew fee of ${amount(lateFee)} USD to renew, it was not renewed`);
      }
      const newExpiry = addYears(d.expiresAt, years);
      if (newExpiry - ctx.now > 10 * YEAR + 3 * 86_400_000) fail(`${name} cannot be renewed beyond 10 years`);
      const total = d.renewPriceMinor * years + lateFee;
      if (ctx.q.get('price_check') !== null) {
        // PriceInfo's inner structure is undocumented; this simulator answers one key=value line.
        const info = `Currency=${currency}, RenewPrice=${amount(fromUsd(d.renewPriceMinor * years, currency))}, LateRenewFee=${amount(fromUsd(lateFee, currency))}, TotalPrice=${amount(fromUsd(total, currency))}, Duration=${years}`;
        return success(renewEnv, { status: 'price_check_success', header: { PriceInfo: info }, json: () => ({ DomainName: name, PriceInfo: info }) });
      }
      charge(ctx, total);
      d.expiresAt = newExpiry;
      if (d.registration) d.renewedAfterRegistration = true;
      recordOrder(ctx, [{ type: 'Domain Renewal', name, duration: years, costMinor: total }]);
      return success(renewEnv, {
        content: () => ({ RenewContent: { Expiration: String(newExpiry) } }),
        json: () => ({ DomainName: name, Expiration: String(newExpiry) }),
      });
    },
  },

  order_list: {
    env: orderListEnv,
    run(ctx) {
      // The table says search_by/start_date/end_date/payment_method, the examples camelCase; both work.
      const by = ctx.q.required('search_by', 'searchBy');
      let orders = ctx.account.orders;
      if (by === 'date_range') {
        const start = parseDay(ctx.q.required('start_date', 'startDate'), 'start_date');
        const end = parseDay(ctx.q.required('end_date', 'endDate'), 'end_date') + 86_400_000;
        orders = orders.filter((o) => o.submittedAt >= start && o.submittedAt < end);
      } else if (by === 'domain') {
        const name = ctx.q.domain();
        orders = orders.filter((o) => o.items.some((i) => i.name === name));
      } else if (by === 'order_id') {
        const id = ctx.q.required('order_id', 'orderId');
        orders = orders.filter((o) => String(o.id) === id);
      } else fail(`invalid search_by ${by}, it must be date_range, domain or order_id`);
      const methods = ctx.q.any('payment_method', 'paymentMethod');
      if (methods !== null && !methods.split(',').includes('account_balance')) orders = [];
      const xmlOrders = orders.map((o) => ({
        OrderId: String(o.id),
        SubmittedDate: String(o.submittedAt),
        Currency: o.currency,
        PaymentMethod: 'Account Balance',
        TotalCost: dollars(o.totalMinor),
        TotalPaid: dollars(o.totalMinor),
        Status: o.status,
        OrderItem: o.items.map((i) => ({ ItemType: i.type, Name: i.name, Duration: String(i.duration), Cost: amount(i.costMinor), Status: 'Completed' })),
      }));
      return success(orderListEnv, {
        content: () => ({ OrderListContent: { OrderList: { Order: xmlOrders } } }),
        json: () => ({
          OrderList: orders.map((o) => ({
            OrderId: String(o.id),
            SubmittedDate: slashDate(o.submittedAt),
            Currency: o.currency,
            PaymentMethod: 'Account Balance',
            TotalCost: dollars(o.totalMinor),
            TotalPaid: dollars(o.totalMinor),
            Status: o.status,
            ItemList: o.items.map((i) => ({ ItemType: i.type, Name: i.name, Duration: i.duration, Cost: amount(i.costMinor), Status: 'Completed' })),
          })),
        }),
      });
    },
  },

  get_order_status: {
    env: orderStatusEnv,
    run(ctx) {
      const id = ctx.q.required('order_id');
      const order = ctx.account.orders.find((o) => String(o.id) === id);
      if (!order) fail(`could not find order ${id}`);
      const typeName = (t: string): string => (t === 'Domain Registration' ? 'domain' : t.toLowerCase());
      const items = order.items.map((i) => ({ ItemTypeName: typeName(i.type), ItemName: i.name, ItemStatus: 'Completed' }));
      return success(orderStatusEnv, {
        content: () => ({ GetOrderStatusContent: { OrderId: String(order.id), OrderStatus: order.status, Item: items } }),
        json: () => ({ OrderStatus: { OrderId: order.id, OrderStatus: order.status, ItemList: items } }),
      });
    },
  },
};
