import { charge, recordOrder } from '../context.js';
import { envelope, fail, success } from '../envelope.js';
import { newDomain } from '../market.js';
import { amount, fromUsd, marketCurrency } from '../pricing.js';
import { normalizeDomain } from '../state.js';
import { parseDay } from '../time.js';
import type { CommandTable } from './types.js';

const addEnv = envelope('AddBackorderRequest');
const deleteEnv = envelope('DeleteBackorderRequest');
const listEnv = envelope('BackorderRequestList', 'SuccessCode', 'number');
const closeoutsEnv = envelope('GetExpiredCloseoutDomains', 'ResponseCode', 'number');
const buyEnv = envelope('BuyExpiredCloseoutDomain', 'ResponseCode', 'string');

/** A backorder request can be withdrawn until three days after it is placed (CutoffTime). */
const CUTOFF_MS = 3 * 86_400_000;

export const backorderCommands: CommandTable = {
  add_backorder_request: {
    env: addEnv,
    run(ctx) {
      const names = ctx.q.domainList();
      for (const n of names) if (ctx.account.domains().has(n)) fail(`${n} is already in your account`);
      for (const n of names) {
        if (ctx.account.backorders.some((b) => b.domain === n)) continue;
        ctx.account.backorders.push({ domain: n, createdAt: ctx.now, cutoffAt: ctx.now + CUTOFF_MS });
      }
      return success(addEnv);
    },
  },

  delete_backorder_request: {
    env: deleteEnv,
    run(ctx) {
      const names = ctx.q.domainList();
      for (const n of names) {
        const b = ctx.account.backorders.find((x) => x.domain === n);
        if (!b) fail(`${n} is not in your backorder request list`);
        if (ctx.now > b.cutoffAt) fail(`the cutoff time for ${n} has passed, the request can no longer be deleted`);
      }
      ctx.account.backorders = ctx.account.backorders.filter((b) => !names.includes(b.domain));
      return success(deleteEnv);
    },
  },

  backorder_request_list: {
    env: listEnv,
    run(ctx) {
      const start = parseDay(ctx.q.required('startDate', 'start_date'), 'startDate');
      const end = parseDay(ctx.q.required('endDate', 'end_date'), 'endDate') + 86_400_000;
      const rows = ctx.account.backorders
        .filter((b) => b.createdAt < end && b.cutoffAt >= start)
        .map((b) => ({ DomainName: b.domain, CutoffTime: String(b.cutoffAt), BackorderRequestStatus: 'Active' }));
      return success(listEnv, {
        content: () => ({ BackorderRequestListContent: { BackorderRequestList: { BackorderRequest: rows } } }),
        json: () => ({ BackorderRequestList: rows }),
      });
    },
  },

  get_expired_closeout_domains: {
    env: closeoutsEnv,
    run(ctx) {
      const currency = marketCurrency(ctx.q.get('currency'));
      const search = ctx.q.get('domain')?.trim().toLowerCase() ?? '';
      const list = ctx.sim.market.closeouts.filter((c) => !c.soldTo && ctx.now < c.endAt && c.domain.includes(search));
      const cur = currency.toLowerCase();
      return success(closeoutsEnv, {
        content: () => ({
          GetExpiredCloseoutDomainsContent: {
            CloseoutItem: list.map((c) => ({
              DomainName: c.domain,
              DomainNameUtf: c.domain,
              CurrentPrice: amount(fromUsd(c.priceMinor, currency)),
              IsIDN: 'false',
              EndTimeStamp: String(c.endAt),
              RenewalPrice: amount(fromUsd(c.renewalMinor, currency)),
              ExpiredRevenue: amount(fromUsd(c.revenueMinor, currency)),
              EstibotAppraisal: String(c.estibot),
              InboundLinks: String(c.links),
              MonthlyVisitors: String(c.visitors),
              Currency: cur,
            })),
          },
        }),
        json: () => ({
          Size: list.length,
          CloseoutDomains: list.map((c) => ({
            closeoutItem: {
              domainName: c.domain,
              domainNameUtf: c.domain,
              currentPrice: amount(fromUsd(c.priceMinor, currency)),
              isIdn: false,
              endTimeStamp: c.endAt,
              renewalPrice: amount(fromUsd(c.renewalMinor, currency)),
              expiredRevenue: amount(fromUsd(c.revenueMinor, currency)),
              estibotAppraisal: String(c.estibot),
              inboundLinks: c.links,
              monthlyVisitors: c.visitors,
              currency: cur,
            },
          })),
        }),
      });
    },
  },

  buy_expired_closeout_domain: {
    env: buyEnv,
    run(ctx) {
      marketCurrency(ctx.q.get('currency'));
      const raw = ctx.q.required('domain');
      const name = normalizeDomain(raw) ?? fail(`invalid domain name ${raw}`);
      const c = ctx.sim.market.closeouts.find((x) => x.domain === name && !x.soldTo && ctx.now < x.endAt);
      if (!c) fail(`${name} is not an expired closeout domain`);
      charge(ctx, c.priceMinor);
      c.soldTo = ctx.account.label;
      ctx.account.domains().set(name, newDomain(name, ctx.now, c.renewalMinor, false));
      recordOrder(ctx, [{ type: 'Expired Closeout', name, duration: 1, costMinor: c.priceMinor }]);
      return success(buyEnv);
    },
  },
};
