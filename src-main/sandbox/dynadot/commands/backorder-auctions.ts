import { envelope, fail, success } from '../envelope.js';
import { isOpen } from '../market.js';
import { marketCurrency } from '../pricing.js';
import { pstSecond } from '../time.js';
import { auctionHeadXml, bid, closedRange, find, money, statusId, STATUS_TEXT, wonStatus } from './auctions.js';
import type { CommandTable } from './types.js';

/** The backorder-auction twins of the auction commands (same auctions, type "backorder"). */
const openBoEnv = envelope('GetOpenBackorderAuctions');
const boDetailsEnv = envelope('GetBackorderAuctionDetails', 'SuccessCode', 'number');
// The root's typo is the seed's, in XML and JSON alike; the header is spelled correctly.
const boBidEnv = { ...envelope('PlaceBakcorderAuctionBid'), header: 'PlaceBackorderAuctionBidHeader' };
const closedBoEnv = envelope('GetClosedBackorderAuctions', 'SuccessCode', 'number');

export const backorderAuctionCommands: CommandTable = {
  get_open_backorder_auctions: {
    env: openBoEnv,
    run() {
      // The seed marks this command "disabled, please use get_open_auctions".
      fail('this command is disabled, please use get_open_auctions with type=backorder');
    },
  },

  get_backorder_auction_details: {
    env: boDetailsEnv,
    run(ctx) {
      const currency = marketCurrency(ctx.q.get('currency'));
      const a = find(ctx, ctx.q.domain(), true);
      const mine = a.proxies.get(ctx.account.label);
      const body = {
        AuctionStatusId: String(statusId(a, ctx.now)),
        AuctionStatus: STATUS_TEXT[statusId(a, ctx.now)]!,
        UserIsHighBid: a.high === ctx.account.label ? 'yes' : 'no',
        YourCurrentBid: mine ? money(a.high === ctx.account.label ? a.currentMinor : mine.max, currency) : '-1',
        YourProxyBid: mine ? money(mine.max, currency) : '-1',
        Auction: auctionHeadXml(a, currency),
      };
      return success(boDetailsEnv, { content: () => ({ GetBackorderAuctionDetailsContent: body }), json: () => ({ GetBackorderAuctionDetails: body }) });
    },
  },

  place_backorder_auction_bid: {
    env: boBidEnv,
    run(ctx) {
      bid(ctx, find(ctx, ctx.q.required('domain'), true));
      return success(boBidEnv);
    },
  },

  get_closed_backorder_auctions: {
    env: closedBoEnv,
    run(ctx) {
      const currency = marketCurrency(ctx.q.get('currency'));
      const [start, end] = closedRange(ctx);
      const list = ctx.sim.market.auctions.filter(
        (a) => a.type === 'backorder' && !isOpen(a, ctx.now) && a.proxies.has(ctx.account.label) && a.endAt >= start && a.endAt < end,
      );
      const rows = list.map((a) => ({
        AuctionWonStatus: wonStatus(ctx, a),
        YourHighBid: money(Math.min(a.proxies.get(ctx.account.label)!.max, a.currentMinor), currency),
        YourProxyBid: money(a.proxies.get(ctx.account.label)!.max, currency),
        AuctionId: String(a.id),
        Domain: a.domain,
        BidPrice: money(a.currentMinor, currency),
        BidPriceCurrency: currency,
        Bids: String(a.bids),
        EndTime: pstSecond(a.endAt),
        EndTimestamp: String(a.endAt),
      }));
      return success(closedBoEnv, { content: () => ({ GetClosedBackorderAuctionsContent: { Auction: rows } }), json: () => ({ Auctions: rows }) });
    },
  },
};
