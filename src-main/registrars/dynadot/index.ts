/** Dynadot API3 (seed 001): the adapter and the types other code uses. */
export { createDynadotAdapter, type DynadotAdapter } from './adapter.js';
export { DYNADOT_CAPABILITIES } from './capabilities.js';
export type { Auction, AuctionType, ClosedAuction, MyBid } from './auctions.js';
export type { BackorderAuction, BackorderRequest, Closeout } from './backorders.js';
export type { DnsRecord, DnsZone, DnssecKey } from './dns.js';
export type { OrderStatus, TldPrice } from './account.js';
export type { Folder } from './settings.js';
