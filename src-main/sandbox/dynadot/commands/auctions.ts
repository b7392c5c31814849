import type { Ctx } from '../context.js';
import { envelope, fail, success } from '../envelope.js';
import { acceptedBid, AUCTION_TYPES, isOpen, placeBid, RIVAL, type Auction, type AuctionType } from '../market.js';
import { amount, dollars, fromUsd, marketCurrency, parseAmount, toUsd } from '../pricing.js';
import { normalizeDomain } from '../state.js';
import { parseDay, pstMinute, pstSecond, timeLeft, utcMinute } from '../time.js';
import type { XmlObject } from '../xml.js';
import type { CommandTable } from './types.js';

const snake = { style: 'snake' as const };
const openEnv = envelope('GetOpenAuctions', 'SuccessCode', 'string', snake);
const detailsEnv = envelope('GetAuctionDetails', 'SuccessCode', 'string', snake);
const bidEnv = envelope('PlaceAuctionBid', 'SuccessCode', 'string', snake);
const bidsEnv = envelope('GetAuctionBids', 'SuccessCode', 'string', snake);
const closedEnv = envelope('GetClosedAuctions', 'SuccessCode', 'number');

export const STATUS_TEXT = ['In Progress', 'Closed by User', 'Closed by Admin', 'Closed by Renewal', 'Closed by Timeout', 'Closed by Transfer Out'];

/** Prices are kept in USD cents and shown in the requested currency ("usd", "eur" or "cny"). */
export const money = (usdMinor: number, currency: string): string => amount(fromUsd(usdMinor, currency));
export const statusId = (a: Auction, now: number): number => (isOpen(a, now) ? 0 : 4);
const bidders = (a: Auction): number => a.proxies.size;

export function find(ctx: Ctx, raw: string, backorder: boolean | null): Auction {
  const name = normalizeDomain(raw) ?? fail(`invalid domain name ${raw}`);
  const a = ctx.sim.market.auctions.find((x) => x.domain === name && (backorder === null || (x.type === 'backorder') === backorder));
  if (!a) fail(`could not find auction for ${name}`);
  return a;
}

function bidHistory(ctx: Ctx, a: Auction, currency: string): Record<string, unknown>[] {
  return a.history.map((b) => ({
    bidder_name: b.bidder === ctx.account.label ? 'You' : b.bidder === RIVAL ? 'Bidder 1' : `Bidder ${b.bidder}`,
    bid_price: money(b.priceMinor, currency),
    currency,
    timestamp: b.at,
    bid_status: b.bidder === a.high && b.priceMinor === a.currentMinor ? 'High Bidder' : 'Out Bid',
    is_proxy_auto_bid: b.proxy,
  }));
}

function jsonCommon(a: Auction): Record<string, unknown> {
  return {
    auction_id: a.id,
    domain: a.domain,
    utf_name: a.domain,
    is_idn: false,
    auction_type: a.type,
  };
}

function times(a: Auction, now: number): Record<string, unknown> {
  return {
    time_left: timeLeft(a.endAt - now),
    start_time: pstMinute(a.startAt),
    start_time_stamp: a.startAt,
    end_time: pstMinute(a.endAt),
    end_time_stamp: a.endAt,
  };
}

/** The bid fields both auction_json shapes carry, in the seed examples' order. */
function bidState(ctx: Ctx, a: Auction, currency: string): Record<string, unknown> {
  return {
    current_bid_price: money(a.currentMinor, currency),
    accepted_bid_price: money(acceptedBid(a), currency),
    currency,
    is_high_bidder: a.high === ctx.account.label,
    bids: a.bids,
    bidders: bidders(a),
  };
}

/** get_auction_details' auction_json: the seed example's 35 keys in its order. */
function detailsJson(ctx: Ctx, a: Auction, currency: string): Record<string, unknown> {
  const mine = a.proxies.get(ctx.account.label);
  const last = a.history[a.history.length - 1];
  return {
    ...jsonCommon(a),
    ...bidState(ctx, a, currency),
    auction_status_id: statusId(a, ctx.now),
    ...times(a, ctx.now),
    revenue: money(a.revenueMinor, currency),
    visitors: a.visitors,
    links: a.links < 0 ? '-' : String(a.links),
    age: a.age,
    estibot_appraisal: a.estibot ? money(a.estibot, currency) : '-',
    bidder_name: last ? (last.bidder === ctx.account.label ? 'You' : 'Bidder 1') : '',
    bid_price: last ? money(last.priceMinor, currency) : '',
    timestamp: last?.at ?? 0,
    bid_status: last ? (a.high === ctx.account.label ? 'High Bidder' : 'Out Bid') : '',
    is_proxy_auto_bid: last?.proxy ?? false,
    auction_ended: !isOpen(a, ctx.now),
    customer_bided: Boolean(mine),
    customer_bid: mine ? money(Math.min(mine.max, a.high === ctx.account.label ? a.currentMinor : mine.max), currency) : '-1',
    customer_proxy_bid: mine ? money(mine.max, currency) : '-1',
    is_premium: a.premium,
    renewal_price: money(a.renewalMinor, currency),
  };
}

/** place_auction_bid's auction_json: the seed example's (shorter) key list. */
function bidJson(ctx: Ctx, a: Auction, currency: string): Record<string, unknown> {
  const mine = a.proxies.get(ctx.account.label);
  return {
    ...jsonCommon(a),
    ...bidState(ctx, a, currency),
    ...times(a, ctx.now),
    revenue: dollars(fromUsd(a.revenueMinor, currency)),
    visitors: a.visitors,
    links: a.links < 0 ? '-' : String(a.links),
    age: a.age,
    estibot_appraisal: a.estibot ? money(a.estibot, currency) : '-',
    auction_ended: !isOpen(a, ctx.now),
    customer_bided: Boolean(mine),
    customer_bid: mine ? money(a.high === ctx.account.label ? a.currentMinor : mine.max, currency) : '-1',
    customer_proxy_bid: mine ? dollars(fromUsd(mine.max, currency)) : '-1',
  };
}

/** The auction summary element shared by the auction lists and backorder auction details. */
export function auctionHeadXml(a: Auction, currency: string): XmlObject {
  return {
    AuctionId: String(a.id),
    Domain: a.domain,
    BidPrice: money(a.currentMinor, currency),
    BidPriceCurrency: currency,
    Bids: String(a.bids),
    EndTime: utcMinute(a.endAt),
    EndTimestamp: String(a.endAt),
  };
}

function openXml(a: Auction, currency: string): XmlObject {
  return {
    ...auctionHeadXml(a, currency),
    Revenue: money(a.revenueMinor, currency),
    RevenueCurrency: currency,
    Visitors: String(a.visitors),
    Links: String(a.links),
    Age: String(a.age),
  };
}

/** Shared bid logic of place_auction_bid and place_backorder_auction_bid. */
export function bid(ctx: Ctx, a: Auction): void {
  if (!isOpen(a, ctx.now)) fail(`the auction for ${a.domain} has ended`);
  const currency = marketCurrency(ctx.q.get('currency'));
  const raw = parseAmount(ctx.q.required('bid_amount'));
  if (raw === null || raw <= 0) fail(`invalid bid_amount ${ctx.q.get('bid_amount')}`);
  const usd = toUsd(raw, currency);
  const mine = a.proxies.get(ctx.account.label);
  if (a.high === ctx.account.label && mine) {
    // Already winning: the bid only raises the proxy maximum.
    if (usd <= mine.max) fail(`your bid must be higher than your current proxy bid ${money(mine.max, currency)} ${currency}`);
  } else if (usd < acceptedBid(a)) {
    fail(`your bid must be at least ${money(acceptedBid(a), currency)} ${currency} (current bid plus the minimum increment)`);
  }
  if (usd > ctx.account.balanceMinor) fail(`insufficient account balance for a bid of ${money(usd, currency)} ${currency}`);
  placeBid(a, ctx.account.label, usd, ctx.now);
}

export function closedRange(ctx: Ctx): [number, number] {
  const start = parseDay(ctx.q.required('startDate', 'start_date'), 'startDate');
  const end = parseDay(ctx.q.required('endDate', 'end_date'), 'endDate') + 86_400_000;
  return [start, end];
}

export function wonStatus(ctx: Ctx, a: Auction): string {
  return a.high === ctx.account.label ? 'won' : 'lost';
}

export const auctionCommands: CommandTable = {
  get_open_auctions: {
    env: openEnv,
    run(ctx) {
      const currency = marketCurrency(ctx.q.get('currency'));
      const types = ctx.q.required('type').split(',').map((t) => t.trim());
      for (const t of types) if (!AUCTION_TYPES.includes(t as AuctionType)) fail(`invalid type ${t}, it must be expired, user, backorder or registry_expired`);
      const list = ctx.sim.market.auctions.filter((a) => isOpen(a, ctx.now) && types.includes(a.type));
      return success(openEnv, {
        content: () => ({ GetOpenAuctionsContent: { Auction: list.map((a) => openXml(a, currency)) } }),
        jsonBody: () => ({
          status: 'success',
          auction_list: list.map((a) => ({
            ...jsonCommon(a),
            currency,
            current_bid_price: money(a.currentMinor, currency),
            bids: a.bids,
            bidders: bidders(a),
            ...times(a, ctx.now),
            visitors: a.visitors,
            links: a.links < 0 ? '-' : String(a.links),
            age: a.age,
            estibot_appraisal: a.estibot ? money(a.estibot, currency) : '-',
          })),
        }),
      });
    },
  },

  get_auction_details: {
    env: detailsEnv,
    run(ctx) {
      const currency = marketCurrency(ctx.q.get('currency'));
      const list = ctx.q
        .required('domain')
        .split(',')
        .map((d) => find(ctx, d.trim(), null));
      return success(detailsEnv, {
        content: () => ({
          GetAuctionDetailsContent: {
            Auction: list.map((a) => {
              const mine = a.proxies.get(ctx.account.label);
              return {
                AuctionStatusId: String(statusId(a, ctx.now)),
                AuctionStatus: STATUS_TEXT[statusId(a, ctx.now)]!,
                ...openXml(a, currency),
                isPremium: String(a.premium),
                RenewalPrice: money(a.renewalMinor, currency),
                UserIsHighBid: String(a.high === ctx.account.label),
                YourCurrentBid: mine ? money(a.high === ctx.account.label ? a.currentMinor : mine.max, currency) : '-1',
                YourProxyBid: mine ? money(mine.max, currency) : '-1',
              };
            }),
          },
        }),
        jsonBody: () => ({
          status: 'success',
          size: list.length,
          auction_details: list.map((a) => ({ auction_json: detailsJson(ctx, a, currency), bid_history: bidHistory(ctx, a, currency) })),
        }),
      });
    },
  },

  place_auction_bid: {
    env: bidEnv,
    run(ctx) {
      const currency = marketCurrency(ctx.q.get('currency'));
      const a = find(ctx, ctx.q.required('domain'), null);
      bid(ctx, a);
      return success(bidEnv, {
        jsonBody: () => ({ status: 'success', auction_details: { auction_json: bidJson(ctx, a, currency), bid_history: bidHistory(ctx, a, currency) } }),
      });
    },
  },

  get_auction_bids: {
    env: bidsEnv,
    run(ctx) {
      const currency = marketCurrency(ctx.q.get('currency'));
      const mine = ctx.sim.market.auctions.filter((a) => isOpen(a, ctx.now) && a.proxies.has(ctx.account.label));
      const accountId = String(ctx.sim.accounts.indexOf(ctx.account) + 1);
      const rows = mine.map((a, i) => {
        const proxy = a.proxies.get(ctx.account.label)!.max;
        return { a, i, proxy, status: a.high === ctx.account.label ? 'High Bidder' : 'Out Bid' };
      });
      return success(bidsEnv, {
        content: () => ({
          GetAuctionBidsContent: {
            BidList: {
              Bid: rows.map(({ a, i, proxy, status }) => ({
                BidId: String(i),
                AuctionId: String(a.id),
                AccountId: accountId,
                Domain: a.domain,
                DomainUtf: a.domain,
                AuctionType: a.type,
                IsIdn: 'false',
                CurrentBid: dollars(fromUsd(a.currentMinor, currency)),
                YourStatus: status,
                ProxyBid: dollars(fromUsd(proxy, currency)),
                ActiveBidders: String(bidders(a)),
                TimeLeft: timeLeft(a.endAt - ctx.now),
                EndTime: pstSecond(a.endAt),
                EndTimestamp: String(a.endAt),
              })),
            },
          },
        }),
        jsonBody: () => ({
          status: 'success',
          auction_bids: rows.map(({ a, i, proxy, status }) => ({
            bid_id: i,
            auction_id: a.id,
            account_id: accountId,
            domain: a.domain,
            domain_utf: a.domain,
            auction_type: a.type,
            is_idn: false,
            current_bid: dollars(fromUsd(a.currentMinor, currency)),
            your_status: status,
            proxy_bid: dollars(fromUsd(proxy, currency)),
            active_bidders: bidders(a),
            time_left: timeLeft(a.endAt - ctx.now),
            end_time: pstSecond(a.endAt),
            end_time_stamp: a.endAt,
          })),
        }),
      });
    },
  },

  get_closed_auctions: {
    env: closedEnv,
    run(ctx) {
      const currency = marketCurrency(ctx.q.get('currency'));
      const [start, end] = closedRange(ctx);
      const list = ctx.sim.market.auctions.filter(
        (a) => a.type !== 'backorder' && !isOpen(a, ctx.now) && a.proxies.has(ctx.account.label) && a.endAt >= start && a.endAt < end,
      );
      const rows = list.map((a) => ({
        AuctionId: String(a.id),
        Domain: a.domain,
        AuctionStatusId: '4',
        AuctionStatus: STATUS_TEXT[4]!,
        BidPrice: money(a.currentMinor, currency),
        BidPriceCurrency: currency,
        Bids: String(a.bids),
        AuctionWonStatus: wonStatus(ctx, a),
        YourHighBid: money(Math.min(a.proxies.get(ctx.account.label)!.max, a.currentMinor), currency),
        YourProxyBid: money(a.proxies.get(ctx.account.label)!.max, currency),
      }));
      return success(closedEnv, { content: () => ({ GetClosedAuctionsContent: { Auction: rows } }), json: () => ({ Auctions: rows }) });
    },
  },

};
