import { domainToUnicode } from 'node:url';
import { z } from 'zod';
import { formatMoney, type Money } from '../../../src-shared/money.js';
import type { DynadotClient } from './client.js';
import { invalidInput, type CallSite } from './errors.js';
import { day, normalize, num, optText, price, read, text, timeOf, yesNo } from './parse.js';
import { decimal, domainName, marketCurrency } from './validate.js';

/**
 * Dynadot auctions (expired, user, backorder, registry_expired). The open /
 * details / bid / bids commands answer in the unwrapped snake_case JSON with
 * PST times; closed auctions use the wrapped envelope. Timestamps in ms are
 * preferred over the zoned text. A bid below accepted_bid_price is refused
 * here, before it is sent.
 */

export type AuctionType = 'expired' | 'user' | 'backorder' | 'registry_expired';
const TYPES: AuctionType[] = ['expired', 'user', 'backorder', 'registry_expired'];

export interface Auction {
  id: string;
  domain: string;
  unicode: string;
  type: string;
  currentBid: Money | null;
  /** The lowest bid Dynadot accepts now (accepted_bid_price), when the answer states it. */
  minimumBid: Money | null;
  bids: number | null;
  bidders: number | null;
  startsAt: string | null;
  endsAt: string | null;
  ended: boolean | null;
  youAreHighBidder: boolean | null;
  yourBid: Money | null;
  yourProxyBid: Money | null;
  renewalPrice: Money | null;
  premium: boolean | null;
  raw: unknown;
}

const auctionJson = z.looseObject({
  auction_id: text,
  domain: z.string(),
  utf_name: z.string().optional(),
  auction_type: z.string().optional(),
  currency: z.string().optional(),
  current_bid_price: text,
  accepted_bid_price: text.optional(),
  bids: num.optional(),
  bidders: num.optional(),
  start_time: z.string().optional(),
  start_time_stamp: text.optional(),
  end_time: z.string().optional(),
  end_time_stamp: text.optional(),
  is_high_bidder: z.boolean().optional(),
  auction_ended: z.boolean().optional(),
  customer_bid: optText,
  customer_proxy_bid: optText,
  is_premium: z.boolean().optional(),
  renewal_price: optText,
});

function toAuction(a: z.infer<typeof auctionJson>, currency: string, raw: unknown): Auction {
  const cur = (a.currency ?? currency).toUpperCase();
  const renewal = price(a.renewal_price, cur);
  return {
    id: a.auction_id,
    domain: a.domain.toLowerCase(),
    unicode: a.utf_name ?? (domainToUnicode(a.domain) || a.domain),
    type: a.auction_type ?? 'unknown',
    currentBid: price(a.current_bid_price, cur),
    minimumBid: a.accepted_bid_price === undefined ? null : price(a.accepted_bid_price, cur),
    bids: a.bids ?? null,
    bidders: a.bidders ?? null,
    startsAt: timeOf(a.start_time_stamp, a.start_time),
    endsAt: timeOf(a.end_time_stamp, a.end_time),
    ended: a.auction_ended ?? null,
    youAreHighBidder: a.is_high_bidder ?? null,
    yourBid: price(a.customer_bid, cur),
    yourProxyBid: price(a.customer_proxy_bid, cur),
    // The seed's example shows "-0.1" for "no price".
    renewalPrice: renewal && renewal.amountMinor > 0 ? renewal : null,
    premium: a.is_premium ?? null,
    raw,
  };
}

export async function openAuctions(client: DynadotClient, types: readonly AuctionType[] = ['expired', 'user', 'backorder', 'registry_expired'], currency = 'USD'): Promise<Auction[]> {
  for (const t of types) if (!TYPES.includes(t)) throw invalidInput('type', `Unknown auction type ${t}.`);
  const cur = marketCurrency(currency);
  const site: CallSite = { command: 'get_open_auctions', kind: 'read' };
  const { body } = await client.call({ ...site, shape: { snake: true }, params: { type: types.join(','), currency: cur.toLowerCase() }, priority: 'bulk' });
  const raw = JSON.stringify(body).slice(0, 4000);
  const list = read(z.looseObject({ auction_list: z.array(z.unknown()).default([]) }), body, site, raw).auction_list;
  return normalize(() => list.map((item) => toAuction(read(auctionJson, item, site, JSON.stringify(item)), cur, item)), site, raw);
}

const detailsSchema = z.looseObject({ auction_details: z.array(z.looseObject({ auction_json: z.unknown(), bid_history: z.array(z.unknown()).default([]) })) });

export async function auctionDetails(client: DynadotClient, names: readonly string[], currency = 'USD'): Promise<(Auction & { history: unknown[] })[]> {
  if (names.length === 0) return [];
  const domains = names.map((n) => domainName(n));
  const cur = marketCurrency(currency);
  const site: CallSite = { command: 'get_auction_details', kind: 'read' };
  const { body } = await client.call({ ...site, shape: { snake: true }, params: { domain: domains.join(','), currency: cur.toLowerCase() }, priority: 'interactive' });
  const raw = JSON.stringify(body).slice(0, 4000);
  const list = read(detailsSchema, body, site, raw).auction_details;
  return normalize(() => list.map((d) => ({ ...toAuction(read(auctionJson, d.auction_json, site, raw), cur, d), history: d.bid_history })), site, raw);
}

/** Places (or raises) a bid; refused before sending when below the minimum Dynadot accepts now. */
export async function placeBid(client: DynadotClient, input: string, amount: Money, backorder = false): Promise<Auction | null> {
  const domain = domainName(input);
  const cur = marketCurrency(amount.currency, 'bid_amount');
  if (!Number.isSafeInteger(amount.amountMinor) || amount.amountMinor <= 0) throw invalidInput('bid_amount', 'A bid must be a positive amount.');
  const [current] = await auctionDetails(client, [domain], cur);
  if (!current) throw invalidInput('domain', `Dynadot has no auction for ${domain}.`);
  if (current.ended) throw invalidInput('domain', `The auction for ${domain} has ended.`);
  const min = current.minimumBid;
  if (min && min.currency === cur && amount.amountMinor < min.amountMinor && !current.youAreHighBidder) {
    throw invalidInput('bid_amount', `The lowest bid Dynadot accepts for ${domain} now is ${formatMoney(min, 'en')}; ${formatMoney(amount, 'en')} is below it.`);
  }
  const command = backorder ? 'place_backorder_auction_bid' : 'place_auction_bid';
  const site: CallSite = { command, kind: 'write' };
  const params = { domain, bid_amount: decimal(amount.amountMinor), currency: cur.toLowerCase() };
  if (backorder) {
    // The seed spells this root "PlaceBakcorderAuctionBidResponse"; both spellings are accepted.
    await client.call({ ...site, shape: { roots: ['PlaceBakcorderAuctionBidResponse', 'PlaceBackorderAuctionBidResponse'] }, params, priority: 'interactive' });
    return null;
  }
  const { body } = await client.call({ ...site, shape: { snake: true }, params, priority: 'interactive' });
  const raw = JSON.stringify(body).slice(0, 4000);
  const details = read(z.looseObject({ auction_details: z.looseObject({ auction_json: z.unknown() }) }), body, site, raw).auction_details;
  return normalize(() => toAuction(read(auctionJson, details.auction_json, site, raw), cur, details), site, raw);
}

export interface MyBid {
  auctionId: string;
  domain: string;
  type: string;
  currentBid: Money | null;
  yourProxyBid: Money | null;
  /** "High Bidder" / "Out Bid". */
  yourStatus: string;
  endsAt: string | null;
  raw: unknown;
}

const bidSchema = z.looseObject({
  auction_id: text,
  domain: z.string(),
  auction_type: z.string().optional(),
  current_bid: optText,
  your_status: z.string(),
  proxy_bid: optText,
  end_time: z.string().optional(),
  end_time_stamp: text.optional(),
});

export async function myBids(client: DynadotClient, currency = 'USD'): Promise<MyBid[]> {
  const cur = marketCurrency(currency);
  const site: CallSite = { command: 'get_auction_bids', kind: 'read' };
  const { body } = await client.call({ ...site, shape: { snake: true }, params: { currency: cur.toLowerCase() }, priority: 'interactive' });
  const raw = JSON.stringify(body).slice(0, 4000);
  const list = read(z.looseObject({ auction_bids: z.array(bidSchema).default([]) }), body, site, raw).auction_bids;
  return normalize(
    () =>
      list.map((b) => ({
        auctionId: b.auction_id,
        domain: b.domain.toLowerCase(),
        type: b.auction_type ?? 'unknown',
        currentBid: price(b.current_bid, cur),
        yourProxyBid: price(b.proxy_bid, cur),
        yourStatus: b.your_status,
        endsAt: timeOf(b.end_time_stamp, b.end_time),
        raw: b,
      })),
    site,
    raw,
  );
}

export interface ClosedAuction {
  auctionId: string;
  domain: string;
  status: string;
  finalPrice: Money | null;
  won: boolean | null;
  yourHighBid: Money | null;
  endsAt: string | null;
  raw: unknown;
}

const closedSchema = z.looseObject({
  Auctions: z
    .array(
      z.looseObject({
        AuctionId: text,
        Domain: z.string(),
        AuctionStatus: z.string().optional(),
        BidPrice: optText,
        BidPriceCurrency: z.string().optional(),
        AuctionWonStatus: z.string().optional(),
        YourHighBid: optText,
        EndTime: z.string().optional(),
        EndTimestamp: text.optional(),
      }),
    )
    .default([]),
});

/** Closed auctions (or closed backorder auctions) the account took part in, between two dates. */
export async function closedAuctions(client: DynadotClient, from: Date, to: Date, backorder = false, currency = 'USD'): Promise<ClosedAuction[]> {
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || from > to) throw invalidInput('startDate', 'The date range is not valid.');
  const cur = marketCurrency(currency);
  const command = backorder ? 'get_closed_backorder_auctions' : 'get_closed_auctions';
  const site: CallSite = { command, kind: 'read' };
  const root = backorder ? 'GetClosedBackorderAuctionsResponse' : 'GetClosedAuctionsResponse';
  const { body } = await client.call({ ...site, shape: { roots: [root] }, params: { startDate: day(from), endDate: day(to), currency: cur.toLowerCase() }, priority: 'interactive' });
  const raw = JSON.stringify(body).slice(0, 4000);
  const list = read(closedSchema, body, site, raw).Auctions;
  return normalize(
    () =>
      list.map((a) => {
        const c = (a.BidPriceCurrency ?? cur).toUpperCase();
        return {
          auctionId: a.AuctionId,
          domain: a.Domain.toLowerCase(),
          status: a.AuctionStatus ?? 'closed',
          finalPrice: price(a.BidPrice, c),
          won: a.AuctionWonStatus === undefined ? null : yesNo(a.AuctionWonStatus.replace(/^won$/i, 'yes').replace(/^lost$/i, 'no'), 'auction result'),
          yourHighBid: price(a.YourHighBid, c),
          endsAt: timeOf(a.EndTimestamp, a.EndTime),
          raw: a,
        };
      }),
    site,
    raw,
  );
}
