import { z } from 'zod';
import { formatMoney, type Money } from '../../../src-shared/money.js';
import type { DynadotClient } from './client.js';
import { invalidInput, type CallSite } from './errors.js';
import { day, msToIso, normalize, num, optText, price, read, text, timeOf, yesNo } from './parse.js';
import { domainList, domainName, marketCurrency } from './validate.js';

/**
 * Drop catching: backorder requests (add / delete / list), backorder auction
 * details (the wrapped twin of get_auction_details) and expired closeouts
 * (list, buy). Open backorder auctions are get_open_auctions with
 * type=backorder: seed 001 marks get_open_backorder_auctions disabled.
 */

export interface BackorderRequest {
  domain: string;
  /** Until then the request can still be deleted. */
  cutoffAt: string | null;
  status: string;
  raw: unknown;
}

export async function addBackorderRequests(client: DynadotClient, names: readonly string[]): Promise<void> {
  await client.call({ command: 'add_backorder_request', kind: 'write', shape: { roots: ['AddBackorderRequestResponse'] }, params: { domain: domainList(names).join(',') }, priority: 'interactive' });
}

export async function deleteBackorderRequests(client: DynadotClient, names: readonly string[]): Promise<void> {
  await client.call({ command: 'delete_backorder_request', kind: 'write', shape: { roots: ['DeleteBackorderRequestResponse'] }, params: { domain: domainList(names).join(',') }, priority: 'interactive' });
}

const requestListSchema = z.looseObject({
  BackorderRequestList: z.array(z.looseObject({ DomainName: z.string(), CutoffTime: optText, BackorderRequestStatus: z.string() })).default([]),
});

export async function listBackorderRequests(client: DynadotClient, from: Date, to: Date): Promise<BackorderRequest[]> {
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || from > to) throw invalidInput('startDate', 'The date range is not valid.');
  const site: CallSite = { command: 'backorder_request_list', kind: 'read' };
  const { body } = await client.call({ ...site, shape: { roots: ['BackorderRequestListResponse'] }, params: { startDate: day(from), endDate: day(to) }, priority: 'interactive' });
  const raw = JSON.stringify(body).slice(0, 4000);
  const list = read(requestListSchema, body, site, raw).BackorderRequestList;
  return normalize(() => list.map((b) => ({ domain: b.DomainName.toLowerCase(), cutoffAt: msToIso(b.CutoffTime), status: b.BackorderRequestStatus, raw: b })), site, raw);
}

export interface BackorderAuction {
  auctionId: string;
  domain: string;
  status: string;
  currentBid: Money | null;
  bids: number | null;
  endsAt: string | null;
  youAreHighBidder: boolean | null;
  yourBid: Money | null;
  yourProxyBid: Money | null;
  raw: unknown;
}

const boDetailsSchema = z.looseObject({
  GetBackorderAuctionDetails: z.looseObject({
    AuctionStatus: z.string(),
    UserIsHighBid: optText,
    YourCurrentBid: optText,
    YourProxyBid: optText,
    Auction: z.looseObject({ AuctionId: text, Domain: z.string(), BidPrice: optText, BidPriceCurrency: z.string().optional(), Bids: num.optional(), EndTime: z.string().optional(), EndTimestamp: text.optional() }),
  }),
});

export async function backorderAuctionDetails(client: DynadotClient, input: string, currency = 'USD'): Promise<BackorderAuction> {
  const cur = marketCurrency(currency);
  const site: CallSite = { command: 'get_backorder_auction_details', kind: 'read' };
  const { body } = await client.call({ ...site, shape: { roots: ['GetBackorderAuctionDetailsResponse'] }, params: { domain: domainName(input), currency: cur.toLowerCase() }, priority: 'interactive' });
  const raw = JSON.stringify(body).slice(0, 4000);
  const d = read(boDetailsSchema, body, site, raw).GetBackorderAuctionDetails;
  const c = (d.Auction.BidPriceCurrency ?? cur).toUpperCase();
  return normalize(
    () => ({
      auctionId: d.Auction.AuctionId,
      domain: d.Auction.Domain.toLowerCase(),
      status: d.AuctionStatus,
      currentBid: price(d.Auction.BidPrice, c),
      bids: d.Auction.Bids ?? null,
      endsAt: timeOf(d.Auction.EndTimestamp, d.Auction.EndTime),
      youAreHighBidder: yesNo(d.UserIsHighBid, 'high bidder flag'),
      yourBid: price(d.YourCurrentBid, c),
      yourProxyBid: price(d.YourProxyBid, c),
      raw: d,
    }),
    site,
    raw,
  );
}

export interface Closeout {
  domain: string;
  unicode: string;
  price: Money | null;
  renewalPrice: Money | null;
  endsAt: string | null;
  raw: unknown;
}

const closeoutSchema = z.looseObject({
  CloseoutDomains: z
    .array(
      z.looseObject({
        closeoutItem: z.looseObject({ domainName: z.string(), domainNameUtf: z.string().optional(), currentPrice: optText, renewalPrice: optText, endTimeStamp: text.optional(), currency: z.string().optional() }),
      }),
    )
    .default([]),
});

/** Expired closeout names for sale now; `search` narrows to names containing it. */
export async function listCloseouts(client: DynadotClient, o: { search?: string; currency?: string } = {}): Promise<Closeout[]> {
  const cur = marketCurrency(o.currency ?? 'USD');
  const site: CallSite = { command: 'get_expired_closeout_domains', kind: 'read' };
  const { body } = await client.call({ ...site, shape: { roots: ['GetExpiredCloseoutDomainsResponse'] }, params: { currency: cur.toLowerCase(), domain: o.search?.trim() || undefined }, priority: 'interactive' });
  const raw = JSON.stringify(body).slice(0, 4000);
  const list = read(closeoutSchema, body, site, raw).CloseoutDomains;
  return normalize(
    () =>
      list.map(({ closeoutItem: c }) => {
        const ccy = (c.currency ?? cur).toUpperCase();
        return { domain: c.domainName.toLowerCase(), unicode: c.domainNameUtf ?? c.domainName, price: price(c.currentPrice, ccy), renewalPrice: price(c.renewalPrice, ccy), endsAt: msToIso(c.endTimeStamp), raw: c };
      }),
    site,
    raw,
  );
}

/**
 * Buys an expired closeout name. The command takes no price, so the current
 * price is read first and the purchase refused when it exceeds `maxPrice`.
 */
export async function buyCloseout(client: DynadotClient, input: string, maxPrice: Money): Promise<{ price: Money }> {
  const domain = domainName(input);
  const cur = marketCurrency(maxPrice.currency, 'maxPrice');
  const offer = (await listCloseouts(client, { search: domain, currency: cur })).find((c) => c.domain === domain);
  if (!offer?.price) throw invalidInput('domain', `${domain} is not for sale as an expired closeout now.`);
  if (offer.price.amountMinor > maxPrice.amountMinor) {
    throw invalidInput('maxPrice', `${domain} costs ${formatMoney(offer.price, 'en')}, more than the ${formatMoney(maxPrice, 'en')} you allowed.`);
  }
  await client.call({ command: 'buy_expired_closeout_domain', kind: 'write', shape: { roots: ['BuyExpiredCloseoutDomainResponse'] }, params: { domain, currency: cur.toLowerCase() }, priority: 'interactive' });
  return { price: offer.price };
}
