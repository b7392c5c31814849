import { formatMoney, type Money } from '../../../src-shared/money.js';
import type { AccountContext, NormalizedDomain, RegistrarAdapter, RenewQuote, RenewRequest } from '../types.js';
import * as account from './account.js';
import * as auctions from './auctions.js';
import * as backorders from './backorders.js';
import { DYNADOT_CAPABILITIES } from './capabilities.js';
import { DynadotClient } from './client.js';
import * as dns from './dns.js';
import { info, listAll, PriceBook } from './domains.js';
import { Renewals } from './renew.js';
import * as settings from './settings.js';

/**
 * The Dynadot adapter: RegistrarAdapter plus the Dynadot-only areas (DNS,
 * folders, auctions, backorders, closeouts). Every method is one or a few
 * API3 requests through the account's lane; nothing here runs two requests
 * at once.
 */

const PAGE = 1000;
const PRICE_BOOK_TTL_MS = 6 * 3_600_000;

export interface DynadotAdapter extends RegistrarAdapter {
  readonly registrar: 'dynadot';
  getBalance(): Promise<Money>;
  quoteRenewal(name: string, years: number): Promise<RenewQuote>;
  setAutoRenew(name: string, on: boolean): Promise<void>;
  setLock(name: string, locked: boolean): Promise<void>;
  setNameservers(name: string, nameservers: string[]): Promise<void>;
  setPrivacy(name: string, privacy: 'full' | 'partial' | 'off'): Promise<void>;
  /** set_folder: the folder must already exist (create_folder), else Dynadot answers "could not find folder". */
  setFolder(name: string, folder: string | null): Promise<void>;
  /** The whole portfolio: one tld_price (cached) + one list_domain request. */
  listAllDomains(options?: { signal?: AbortSignal }): Promise<NormalizedDomain[]>;
  getBalances(): Promise<Money[]>;
  getTldPrices(): Promise<account.TldPrice[]>;
  getOrderStatus(orderId: string | number): Promise<account.OrderStatus>;
  setAutoRenewMany(names: readonly string[], on: boolean): Promise<void>;
  setPrivacyMany(names: readonly string[], privacy: 'full' | 'partial' | 'off'): Promise<void>;
  getAuthCode(name: string, options?: { unlock?: boolean; fresh?: boolean }): Promise<string>;
  setNote(name: string, note: string): Promise<void>;
  listFolders(): Promise<settings.Folder[]>;
  createFolder(name: string): Promise<settings.Folder>;
  deleteFolders(ids: readonly string[]): Promise<void>;
  renameFolder(id: string, name: string): Promise<void>;
  moveToFolder(name: string, folder: string | null): Promise<void>;
  getNameservers(name: string): Promise<string[]>;
  setNameserversMany(names: readonly string[], nameservers: readonly string[]): Promise<void>;
  listHosts(): Promise<{ id: string; host: string }[]>;
  addHost(host: string, ip?: string): Promise<void>;
  getDnsZone(name: string): Promise<dns.DnsZone>;
  replaceDnsZone(names: string | readonly string[], zone: { records: dns.DnsRecord[]; ttl: number | null }, expected?: readonly dns.DnsRecord[]): Promise<void>;
  addDnsRecords(name: string, records: dns.DnsRecord[]): Promise<void>;
  setDnssec(name: string, key: dns.DnssecKey): Promise<void>;
  openAuctions(types?: readonly auctions.AuctionType[], currency?: string): Promise<auctions.Auction[]>;
  auctionDetails(names: readonly string[], currency?: string): Promise<(auctions.Auction & { history: unknown[] })[]>;
  myAuctionBids(currency?: string): Promise<auctions.MyBid[]>;
  placeAuctionBid(name: string, amount: Money): Promise<auctions.Auction | null>;
  closedAuctions(from: Date, to: Date, currency?: string): Promise<auctions.ClosedAuction[]>;
  openBackorderAuctions(currency?: string): Promise<auctions.Auction[]>;
  backorderAuctionDetails(name: string, currency?: string): Promise<backorders.BackorderAuction>;
  placeBackorderAuctionBid(name: string, amount: Money): Promise<void>;
  closedBackorderAuctions(from: Date, to: Date, currency?: string): Promise<auctions.ClosedAuction[]>;
  listCloseouts(options?: { search?: string; currency?: string }): Promise<backorders.Closeout[]>;
  buyCloseout(name: string, maxPrice: Money): Promise<{ price: Money }>;
  addBackorderRequests(names: readonly string[]): Promise<void>;
  deleteBackorderRequests(names: readonly string[]): Promise<void>;
  listBackorderRequests(from: Date, to: Date): Promise<backorders.BackorderRequest[]>;
}

export function createDynadotAdapter(ctx: AccountContext): DynadotAdapter {
  const client = new DynadotClient(ctx);
  let book: { value: PriceBook; at: number } | null = null;

  const priceBook = async (): Promise<PriceBook> => {
    if (book && ctx.now() - book.at < PRICE_BOOK_TTL_MS) return book.value;
    book = { value: new PriceBook(await account.getTldPrices(client)), at: ctx.now() };
    return book.value;
  };
  const domainInfo = async (name: string, priority: 'interactive' | 'bulk' = 'interactive'): Promise<NormalizedDomain> =>
    info(client, name, { book: await priceBook(), now: ctx.now(), priority });
  const listAllDomains = async (o: { signal?: AbortSignal } = {}): Promise<NormalizedDomain[]> =>
    listAll(client, { book: await priceBook(), now: ctx.now(), signal: o.signal });
  const renewals = new Renewals({ client, now: ctx.now, book: () => book?.value ?? null, info: (n) => domainInfo(n) });

  return {
    registrar: 'dynadot',
    capabilities: DYNADOT_CAPABILITIES,

    async testConnection() {
      const [balance] = await account.getBalances(client);
      return { detail: balance ? `Dynadot API key works; account balance ${formatMoney(balance, 'en')}.` : 'Dynadot API key works.', ...(balance ? { balance } : {}) };
    },

    async *listDomains(options = {}) {
      const all = await listAllDomains({ signal: options.signal });
      // list_domain has no filter: with names given, the one answer is narrowed here.
      const wanted = options.names ? new Set(options.names.map((n) => n.trim().toLowerCase())) : null;
      const items = wanted ? all.filter((d) => wanted.has(d.name)) : all;
      for (let i = 0; i < items.length; i += PAGE) yield items.slice(i, i + PAGE);
    },
    listAllDomains,
    getDomain: (name, options) => domainInfo(name, options?.priority ?? 'interactive'),

    async getBalance() {
      const all = await account.getBalances(client);
      return all.find((m) => m.currency === 'USD') ?? all[0]!;
    },
    getBalances: () => account.getBalances(client),
    getTldPrices: () => account.getTldPrices(client),
    getOrderStatus: (id) => account.getOrderStatus(client, id),

    quoteRenewal: (name, years): Promise<RenewQuote> => renewals.quote(name, years),
    renew: (r: RenewRequest) => renewals.renew(r),
    reconcileRenewal: (r: RenewRequest) => renewals.reconcile(r),

    setAutoRenew: (name, on) => settings.setAutoRenew(client, [name], on),
    setAutoRenewMany: (names, on) => settings.setAutoRenew(client, names, on),
    setPrivacy: (name, p) => settings.setPrivacy(client, [name], p),
    setPrivacyMany: (names, p) => settings.setPrivacy(client, names, p),
    setLock: (name, locked) => settings.setLock(client, name, locked),
    getAuthCode: (name, o) => settings.getAuthCode(client, name, o),
    setNote: (name, note) => settings.setNote(client, name, note),
    listFolders: () => settings.listFolders(client),
    createFolder: (name) => settings.createFolder(client, name),
    deleteFolders: (ids) => settings.deleteFolders(client, ids),
    renameFolder: (id, name) => settings.renameFolder(client, id, name),
    moveToFolder: (name, folder) => settings.moveToFolder(client, name, folder),
    setFolder: (name, folder) => settings.moveToFolder(client, name, folder),

    getNameservers: (name) => dns.getNameservers(client, name),
    setNameservers: (name, ns) => dns.setNameservers(client, [name], ns),
    setNameserversMany: (names, ns) => dns.setNameservers(client, names, ns),
    listHosts: () => dns.listHosts(client),
    addHost: (host, ip) => dns.addHost(client, host, ip),
    getDnsZone: (name) => dns.getZone(client, name),
    replaceDnsZone: (names, zone, expected) => dns.replaceZone(client, typeof names === 'string' ? [names] : names, zone, expected),
    addDnsRecords: (name, records) => dns.addRecords(client, name, records),
    setDnssec: (name, key) => dns.setDnssec(client, name, key),

    openAuctions: (types, currency) => auctions.openAuctions(client, types, currency),
    auctionDetails: (names, currency) => auctions.auctionDetails(client, names, currency),
    myAuctionBids: (currency) => auctions.myBids(client, currency),
    placeAuctionBid: (name, amount) => auctions.placeBid(client, name, amount),
    closedAuctions: (from, to, currency) => auctions.closedAuctions(client, from, to, false, currency),
    openBackorderAuctions: (currency) => auctions.openAuctions(client, ['backorder'], currency),
    backorderAuctionDetails: (name, currency) => backorders.backorderAuctionDetails(client, name, currency),
    placeBackorderAuctionBid: async (name, amount) => {
      await auctions.placeBid(client, name, amount, true);
    },
    closedBackorderAuctions: (from, to, currency) => auctions.closedAuctions(client, from, to, true, currency),
    listCloseouts: (o) => backorders.listCloseouts(client, o),
    buyCloseout: (name, maxPrice) => backorders.buyCloseout(client, name, maxPrice),
    addBackorderRequests: (names) => backorders.addBackorderRequests(client, names),
    deleteBackorderRequests: (names) => backorders.deleteBackorderRequests(client, names),
    listBackorderRequests: (from, to) => backorders.listBackorderRequests(client, from, to),
  };
}
