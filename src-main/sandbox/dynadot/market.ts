import type { Rng } from '../core/rng.js';
import { addYears, type DynAccount, type DynDomain } from './state.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export type AuctionType = 'expired' | 'user' | 'backorder' | 'registry_expired';
export const AUCTION_TYPES: AuctionType[] = ['expired', 'user', 'backorder', 'registry_expired'];

/** The simulated other bidders share one id; accounts bid under their label. */
export const RIVAL = '_rival';

export interface Bid {
  bidder: string;
  priceMinor: number;
  at: number;
  proxy: boolean;
}

export interface Auction {
  id: number;
  domain: string;
  type: AuctionType;
  startAt: number;
  endAt: number;
  startPriceMinor: number;
  currentMinor: number;
  bids: number;
  /** Proxy (maximum) bid per bidder, USD cents, with the time it was placed for tie-breaks. */
  proxies: Map<string, { max: number; at: number }>;
  high: string | null;
  history: Bid[];
  revenueMinor: number;
  visitors: number;
  links: number;
  age: number;
  estibot: number;
  renewalMinor: number;
  premium: boolean;
  settled: boolean;
}

export interface Closeout {
  domain: string;
  priceMinor: number;
  renewalMinor: number;
  endAt: number;
  revenueMinor: number;
  estibot: number;
  links: number;
  visitors: number;
  soldTo: string | null;
}

export interface Market {
  auctions: Auction[];
  closeouts: Closeout[];
  /** Generator for later waves, so a clock moved weeks ahead still finds a live market. */
  rng: Rng;
  names: Set<string>;
  nextAuctionId: number;
}

const WORDS = ['crypto', 'travel', 'green', 'solar', 'pixel', 'vault', 'pay', 'cloud', 'smart', 'fresh', 'nusa', 'rumah', 'kopi', 'zen', 'bold', 'metro', 'jet', 'home', 'farm', 'loan'];
const ENDS = ['hub', 'labs', 'deck', 'box', 'market', 'nest', 'point', 'works', 'bay', 'link'];
const TLDS = ['com', 'net', 'io', 'co', 'xyz', 'org', 'ai'];

/** Minimum raise over the current price. */
export function increment(priceMinor: number): number {
  if (priceMinor < 10_000) return 100;
  if (priceMinor < 100_000) return 500;
  return 1_000;
}

/** The lowest bid the auction accepts now ("accepted_bid_price"). */
export function acceptedBid(a: Auction): number {
  return a.bids === 0 ? a.currentMinor : a.currentMinor + increment(a.currentMinor);
}

/**
 * A deterministic market relative to the sandbox start: 32 open auctions of the four
 * types ending between 2 hours and ~8 days from now, and 24 expired closeouts. When
 * the clock passes them all, `replenish` adds a new wave relative to the new time.
 */
export function createMarket(rng: Rng, t0: number): Market {
  const market: Market = { auctions: [], closeouts: [], rng, names: new Set(), nextAuctionId: 10_000 };
  addAuctions(market, t0);
  addCloseouts(market, t0);
  return market;
}

function uniqueName(m: Market): string {
  for (;;) {
    const n = `${m.rng.pick(WORDS)}${m.rng.pick(ENDS)}${m.rng.chance(0.3) ? m.rng.int(2, 99) : ''}.${m.rng.pick(TLDS)}`;
    if (!m.names.has(n)) {
      m.names.add(n);
      return n;
    }
  }
}

function addAuctions(m: Market, t0: number): void {
  const rng = m.rng;
  for (let i = 0; i < 32; i++) {
    const endAt = t0 + 2 * HOUR + i * 6 * HOUR + rng.int(0, 59) * 60_000;
    const start = rng.int(9, 90) * 100 + 99;
    const a: Auction = {
      id: m.nextAuctionId++,
      domain: uniqueName(m),
      type: AUCTION_TYPES[i % AUCTION_TYPES.length]!,
      startAt: endAt - 7 * DAY,
      endAt,
      startPriceMinor: start,
      currentMinor: start,
      bids: 0,
      proxies: new Map(),
      high: null,
      history: [],
      revenueMinor: rng.int(0, 12_000),
      visitors: rng.chance(0.3) ? -1 : rng.int(5, 900),
      links: rng.chance(0.5) ? -1 : rng.int(0, 300),
      age: rng.int(1, 25),
      estibot: rng.int(0, 5000) * 100,
      renewalMinor: 1099,
      premium: rng.chance(0.1),
      settled: false,
    };
    // Two thirds already have a rival bidder holding a hidden proxy above the shown price.
    if (i % 3 !== 2) {
      const shown = start + rng.int(0, 5) * increment(start);
      const rivalAt = a.startAt + HOUR;
      a.proxies.set(RIVAL, { max: shown + rng.int(1, 40) * 100, at: rivalAt });
      a.currentMinor = shown;
      a.bids = rng.int(1, 6);
      a.high = RIVAL;
      a.history.push({ bidder: RIVAL, priceMinor: shown, at: rivalAt, proxy: false });
    }
    m.auctions.push(a);
  }
}

function addCloseouts(m: Market, t0: number): void {
  const rng = m.rng;
  for (let i = 0; i < 24; i++) {
    m.closeouts.push({
      domain: uniqueName(m),
      priceMinor: rng.int(5, 60) * 100 + 91,
      renewalMinor: 1099,
      endAt: t0 + (12 + i * 8) * HOUR,
      revenueMinor: rng.int(0, 2_000),
      estibot: rng.int(0, 3000),
      links: rng.chance(0.5) ? -1 : rng.int(0, 200),
      visitors: rng.chance(0.5) ? -1 : rng.int(0, 500),
      soldTo: null,
    });
  }
}

/** Starts a new wave once every auction (or closeout) has ended. */
export function replenish(m: Market, now: number): void {
  if (!m.auctions.some((a) => isOpen(a, now))) addAuctions(m, now);
  if (!m.closeouts.some((c) => !c.soldTo && now < c.endAt)) addCloseouts(m, now);
}

/** Places a proxy bid and reprices the auction with second-price proxy rules. */
export function placeBid(a: Auction, bidder: string, maxMinor: number, now: number): void {
  const prev = a.proxies.get(bidder);
  a.proxies.set(bidder, { max: maxMinor, at: prev && a.high === bidder ? prev.at : now });
  const ranked = [...a.proxies.entries()].sort((x, y) => y[1].max - x[1].max || x[1].at - y[1].at);
  const [top, second] = ranked;
  if (!top) return;
  let price = a.currentMinor;
  if (second) price = Math.max(price, Math.min(top[1].max, second[1].max + increment(second[1].max)));
  a.high = top[0];
  a.currentMinor = price;
  a.bids++;
  a.history.push({ bidder, priceMinor: bidder === top[0] ? price : maxMinor, at: now, proxy: false });
  // Outbid by a standing proxy: that bidder's automatic counter-bid shows in the history.
  if (top[0] !== bidder) a.history.push({ bidder: top[0], priceMinor: price, at: now, proxy: true });
}

export function isOpen(a: Auction, now: number): boolean {
  return now < a.endAt;
}

/**
 * Closes auctions whose end time the clock has passed: a winning account pays the
 * final price and receives the domain for one year. Called before every command.
 */
export function settle(market: Market, accounts: DynAccount[], now: number, deliver: (account: DynAccount, d: DynDomain, costMinor: number, type: string) => void): void {
  replenish(market, now);
  for (const a of market.auctions) {
    if (a.settled || isOpen(a, now)) continue;
    a.settled = true;
    const winner = accounts.find((acc) => acc.label === a.high);
    if (winner) deliver(winner, newDomain(a.domain, a.endAt, 1099, a.premium), a.currentMinor, a.type === 'backorder' ? 'Backorder Auction' : 'Auction');
  }
}

export function newDomain(name: string, at: number, renewPriceMinor: number, premium: boolean, years = 1): DynDomain {
  return {
    name,
    unicode: name,
    tld: name.slice(name.indexOf('.') + 1),
    registeredAt: at,
    expiresAt: addYears(at, years),
    renewOption: 'reset',
    locked: true,
    privacy: 'full',
    ns: { type: 'parking', withAds: true },
    folderId: -1,
    note: '',
    renewPriceMinor,
    premium,
    dnssec: [],
    authCode: null,
    registration: null,
    renewedAfterRegistration: false,
  };
}
