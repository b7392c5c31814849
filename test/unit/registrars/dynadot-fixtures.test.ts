import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MockAgent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { money } from '../../../src-shared/money.js';
import * as account from '../../../src-main/registrars/dynadot/account.js';
import { DynadotClient } from '../../../src-main/registrars/dynadot/client.js';
import { timeOf, UnknownValue } from '../../../src-main/registrars/dynadot/parse.js';
import { createDynadotAdapter, type DynadotAdapter } from '../../../src-main/registrars/dynadot/index.js';
import { isRegistrarError } from '../../../src-main/registrars/errors.js';
import type { AccountContext } from '../../../src-main/registrars/types.js';
import { createPassthroughLane } from '../../helpers/passthrough-lane.js';

/**
 * Every example answer of seed 001 that the Dynadot adapter consumes, served
 * as recorded (test/fixtures/sandbox/dynadot, repaired where the seed was
 * broken) through undici's MockAgent to the adapter method that reads it, with
 * the parsed values checked against the fixture. An example is "consumed" when
 * the adapter asks for that command in that format (api3.json everywhere,
 * api3.xml for get_ns only); every other example is listed in NOT_CONSUMED
 * with its reason, and the accounting test fails on any example in neither
 * list, so a new fixture cannot be skipped silently.
 */

const ORIGIN = 'https://api.dynadot.com';
const KEY = 'fixture-key-0123456789';
const DIR = join(import.meta.dirname, '../../fixtures/sandbox/dynadot');

interface Example {
  seedLine: number;
  format: 'json' | 'xml';
  request: string;
  body: string;
}
interface Fixture {
  command: string;
  examples: Example[];
}

const fixtures = new Map<string, Fixture>(
  readdirSync(DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => {
      const fx = JSON.parse(readFileSync(join(DIR, f), 'utf8')) as Fixture;
      return [fx.command, fx];
    }),
);
const exampleKeys = [...fixtures.values()].flatMap((f) => f.examples.map((e) => `${f.command}.${e.format}`));

function example(key: string): Example {
  const [command, format] = key.split('.') as [string, 'json' | 'xml'];
  const hit = fixtures.get(command)?.examples.find((e) => e.format === format);
  if (!hit) throw new Error(`no fixture example ${key}`);
  return hit;
}
const jsonOf = (key: string): Record<string, unknown> => JSON.parse(example(key).body) as Record<string, unknown>;
/** The query parameters of the fixture's recorded request, without the key and command. */
function requestParams(key: string): Record<string, string> {
  const q = new URL(example(key).request, ORIGIN).searchParams;
  q.delete('key');
  q.delete('command');
  return Object.fromEntries(q);
}

/**
 * renew with price_check: seed 001 documents <PriceInfo> ("only used when the
 * status is price_check_success") but shows no example, so there is no
 * fixture. This answer is written here, in the sandbox's key=value form.
 */
const PRICE_CHECK = JSON.stringify({
  RenewResponse: { ResponseCode: '0', Status: 'price_check_success', DomainName: 'domian1.com', PriceInfo: 'Currency=USD, RenewPrice=60.00, LateRenewFee=0.00, TotalPrice=60.00, Duration=1' },
});

/** The fixture's answer turned into an error answer of the same envelope, to prove a write reads its answer. */
function asError(key: string, message: string): string {
  const doc = jsonOf(key);
  const [root] = Object.keys(doc);
  if (root === 'status') return JSON.stringify({ status: 'error', error: message });
  return JSON.stringify({ [root!]: { ResponseCode: '-1', Status: 'error', Error: message } });
}

interface Sent {
  format: string;
  command: string;
  params: Record<string, string>;
}

let agents: MockAgent[] = [];
afterEach(async () => {
  await Promise.all(agents.map((a) => a.close()));
  agents = [];
});

/**
 * A fake api3: `serve(key)` answers the key's command with the recorded
 * example; `answer(command, body)` with any text. Requests in the other format
 * get a 404, so a served example is one the adapter asked for in its format.
 */
function fakeDynadot(now = Date.UTC(2013, 2, 1)) {
  const routes = new Map<string, { format: string; body: string; key: string | null }[]>();
  const sent: Sent[] = [];
  const served = new Set<string>();
  const agent = new MockAgent();
  agent.disableNetConnect();
  agents.push(agent);
  agent
    .get(ORIGIN)
    .intercept({ path: () => true, method: 'GET' })
    .reply((req) => {
      const url = new URL(req.path, ORIGIN);
      const format = url.pathname === '/api3.xml' ? 'xml' : url.pathname === '/api3.json' ? 'json' : 'other';
      const params = Object.fromEntries(url.searchParams);
      const { key, command, ...rest } = params;
      expect(key).toBe(KEY);
      sent.push({ format, command: command!, params: rest });
      const queue = routes.get(command!);
      const reply = queue && (queue.length > 1 ? queue.shift()! : queue[0]);
      if (!reply || reply.format !== format) return { statusCode: 404, data: `no ${format} answer for ${command}` };
      if (reply.key) served.add(reply.key);
      return { statusCode: 200, data: reply.body, responseOptions: { headers: { 'content-type': format === 'xml' ? 'text/xml' : 'application/json' } } };
    })
    .persist();
  const ctx: AccountContext = {
    accountId: 'a1',
    label: 'dyn-fixtures',
    registrar: 'dynadot',
    endpoint: ORIGIN,
    credentials: { key: KEY },
    lane: createPassthroughLane(),
    http: agent,
    now: () => now,
    log: () => undefined,
  };
  const adapter: DynadotAdapter = createDynadotAdapter(ctx);
  const add = (command: string, r: { format: string; body: string; key: string | null }): void => {
    const q = routes.get(command) ?? [];
    q.push(r);
    routes.set(command, q);
  };
  /** Queues the recorded example (answers repeat once the queue is down to one). */
  const serve = (key: string): void => {
    const [command, format] = key.split('.') as [string, string];
    add(command, { format, body: example(key).body, key });
  };
  const answer = (command: string, body: string, format = 'json'): void => add(command, { format, body, key: null });
  const reset = (): void => {
    routes.clear();
    sent.length = 0;
  };
  const of = (command: string): Sent[] => sent.filter((s) => s.command === command);
  return { adapter, ctx, sent, served, serve, answer, reset, of };
}
type Fake = ReturnType<typeof fakeDynadot>;

/** A write whose recorded answer is success resolves, and the same envelope saying "error" rejects: the answer is read. */
async function writeReadsAnswer(f: Fake, key: string, call: () => Promise<unknown>, setup: () => void = () => undefined): Promise<void> {
  const command = key.split('.')[0]!;
  f.reset();
  setup();
  f.serve(key);
  await call();
  expect(f.served, `${key}: the success answer was not requested`).toContain(key);
  f.reset();
  setup();
  f.answer(command, asError(key, `could not find domain1.com in your account`));
  const err = await call().then(
    () => null,
    (e: unknown) => e,
  );
  expect(isRegistrarError(err), `${key}: an error answer must reject`).toBe(true);
}

/** Bid parameters equal up to the decimal spelling of the amount ("99.90" is the seed's "99.9"). */
function sameBid(sent: Record<string, string>, recorded: Record<string, string>): boolean {
  const { bid_amount: a, ...restA } = sent;
  const { bid_amount: b, ...restB } = recorded;
  expect(restA).toEqual(restB);
  return Number(a) === Number(b);
}

const USD = (minor: number) => money(minor, 'USD');
const iso = (ms: number) => new Date(ms).toISOString();

/** The seed's list_domain / domain_info item, as the portfolio sees it (now = 2013-03-01, inside .com's 40 grace days). */
const SEED_ITEM = {
  expiresAt: iso(1361430589062),
  createdAt: iso(1234567890123),
  status: 'grace',
  autoRenew: false,
  locked: true,
  privacy: 'off',
  nameservers: ['ns1.dynadot.com', 'ns2.dynadot.com'],
  folder: null,
  tld: 'com',
  // From the tld_price example: .com renews at 60.00 USD.
  renewalPrice: USD(6000),
};

const CONSUMED: Record<string, (f: Fake) => Promise<void>> = {
  'tld_price.json': async (f) => {
    f.serve('tld_price.json');
    expect(await f.adapter.getTldPrices()).toEqual([{ tld: 'com', register: USD(9900), renew: USD(6000), transfer: USD(9200), privacy: true, graceRenewDays: 40, restrictions: null }]);
  },
  'list_domain.json': async (f) => {
    f.serve('tld_price.json');
    f.serve('list_domain.json');
    const all = await f.adapter.listAllDomains();
    expect(all.map((d) => d.name)).toEqual(['domain-exp140.com', 'domain-exp141.com']);
    for (const d of all) expect(d).toMatchObject(SEED_ITEM);
    // The portfolio is one list_domain plus one tld_price, whatever the size.
    expect(f.sent.map((s) => s.command).sort()).toEqual(['list_domain', 'tld_price']);
  },
  'domain_info.json': async (f) => {
    f.serve('tld_price.json');
    f.serve('domain_info.json');
    expect(await f.adapter.getDomain('domain1.com')).toMatchObject({ name: 'domain1.com', ...SEED_ITEM });
    expect(f.of('domain_info')[0]!.params).toEqual(requestParams('domain_info.json'));
  },
  'renew.json': async (f) => {
    f.answer('renew', PRICE_CHECK);
    f.serve('renew.json');
    const r = await f.adapter.renew({ name: 'domian1.com', years: 1, expectedExpiresAt: '2013-02-21T07:09:49.062Z', idempotencyKey: 'k-domian1.com-1', allowLateFee: false });
    expect(r).toEqual({ state: 'renewed', newExpiresAt: iso(73984579834), charged: USD(6000) });
    const [check, order] = f.of('renew');
    expect(check!.params).toMatchObject({ domain: 'domian1.com', duration: '1', price_check: '1', year: '2013' });
    expect(order!.params).toMatchObject({ domain: 'domian1.com', duration: '1', currency: 'USD', year: '2013', no_renew_if_late_renew_fee_needed: '1' });
    expect(order!.params.price_check).toBeUndefined();
  },
  'get_ns.xml': async (f) => {
    f.serve('get_ns.xml');
    expect(await f.adapter.getNameservers('mydomain.com')).toEqual(['ns1.mydomain.com', 'ns2.mydomain.com']);
    expect(f.of('get_ns')[0]).toMatchObject({ format: 'xml', params: requestParams('get_ns.xml') });
  },
  'server_list.json': async (f) => {
    f.serve('server_list.json');
    expect(await f.adapter.listHosts()).toEqual([
      { id: '0', host: 'ns1.com' },
      { id: '1', host: 'domain1.com' },
    ]);
  },
  'add_ns.json': async (f) => {
    await writeReadsAnswer(f, 'add_ns.json', () => f.adapter.addHost('ns1.mydomain.com'));
    expect(f.of('add_ns').at(-1)!.params).toEqual(requestParams('add_ns.json'));
  },
  'register_ns.json': async (f) => {
    await writeReadsAnswer(f, 'register_ns.json', () => f.adapter.addHost('domain1.com', '192.168.1.1'));
    expect(f.of('register_ns').at(-1)!.params).toEqual(requestParams('register_ns.json'));
  },
  'set_ns.json': async (f) => {
    // The seed's request: two names onto ns1/ns2.hostns.com, hosts the server_list example lacks, so add_ns runs first.
    const setup = () => {
      f.serve('server_list.json');
      f.serve('add_ns.json');
    };
    await writeReadsAnswer(f, 'set_ns.json', () => f.adapter.setNameserversMany(['domain1.com', 'domain2.com'], ['ns1.hostns.com', 'ns2.hostns.com']), setup);
    expect(f.of('add_ns').map((s) => s.params.host)).toEqual(['ns1.hostns.com', 'ns2.hostns.com']);
    expect(f.of('set_ns')[0]!.params).toEqual(requestParams('set_ns.json'));
  },
  'set_renew_option.json': async (f) => {
    await writeReadsAnswer(f, 'set_renew_option.json', () => f.adapter.setAutoRenew('domain1.com', true));
    expect(f.of('set_renew_option').at(-1)!.params).toEqual(requestParams('set_renew_option.json'));
  },
  'set_privacy.json': async (f) => {
    await writeReadsAnswer(f, 'set_privacy.json', () => f.adapter.setPrivacy('domain1.com', 'off'));
    expect(f.of('set_privacy').at(-1)!.params).toEqual(requestParams('set_privacy.json'));
  },
  'lock_domain.json': async (f) => {
    await writeReadsAnswer(f, 'lock_domain.json', () => f.adapter.setLock('domain4.com', true));
    expect(f.of('lock_domain').at(-1)!.params).toEqual(requestParams('lock_domain.json'));
  },
  'get_transfer_auth_code.json': async (f) => {
    f.serve('get_transfer_auth_code.json');
    expect(await f.adapter.getAuthCode('domian1.com', { unlock: true, fresh: true })).toBe('testauthcode');
    expect(f.of('get_transfer_auth_code')[0]!.params).toEqual(requestParams('get_transfer_auth_code.json'));
    // Unlocking is the same command (Dynadot has no unlock_domain).
    await writeReadsAnswer(f, 'get_transfer_auth_code.json', () => f.adapter.setLock('domian1.com', false));
  },
  'set_note.json': async (f) => {
    await writeReadsAnswer(f, 'set_note.json', () => f.adapter.setNote('domain1.com', 'Do not modify any information'));
    expect(f.of('set_note').at(-1)!.params).toEqual(requestParams('set_note.json'));
  },
  'folder_list.json': async (f) => {
    f.serve('folder_list.json');
    expect(await f.adapter.listFolders()).toEqual([{ id: '0', name: 'new' }]);
  },
  'create_folder.json': async (f) => {
    f.serve('create_folder.json');
    expect(await f.adapter.createFolder('new')).toEqual({ id: '1', name: 'new' });
    expect(f.of('create_folder')[0]!.params).toEqual(requestParams('create_folder.json'));
  },
  'delete_folder.json': async (f) => {
    await writeReadsAnswer(f, 'delete_folder.json', () => f.adapter.deleteFolders(['0', '1']));
    expect(f.of('delete_folder').at(-1)!.params).toEqual(requestParams('delete_folder.json'));
  },
  'set_folder_name.json': async (f) => {
    await writeReadsAnswer(f, 'set_folder_name.json', () => f.adapter.renameFolder('0', 'new'));
    expect(f.of('set_folder_name').at(-1)!.params).toEqual(requestParams('set_folder_name.json'));
  },
  'set_folder.json': async (f) => {
    await writeReadsAnswer(f, 'set_folder.json', () => f.adapter.moveToFolder('domian1.com', 'folder1'));
    expect(f.of('set_folder').at(-1)!.params).toEqual(requestParams('set_folder.json'));
  },
  'get_dns.json': async (f) => {
    f.serve('get_dns.json');
    const zone = await f.adapter.getDnsZone('mydomain.com');
    expect(zone).toMatchObject({ hosted: false, ttl: null, records: [] });
    expect(zone.raw).toEqual({ NameServerSettings: { Type: 'Dynadot Parking', WithAds: 'Yes' } });
  },
  'set_dns2.json': async (f) => {
    const records = [
      { subdomain: null, type: 'aaaa' as const, value: '0:0:0:0:0:0:0:1' },
      { subdomain: null, type: 'mx' as const, value: 'mail1.myisp.com', extra: '0' },
      { subdomain: 'www', type: 'a' as const, value: '192.168.1.1' },
    ];
    // A checked replace reads the zone first (the parked example: no records) and then sends the whole set.
    await writeReadsAnswer(f, 'set_dns2.json', () => f.adapter.replaceDnsZone('domain1.com', { records, ttl: null }, []), () => f.serve('get_dns.json'));
    expect(f.of('set_dns2').at(-1)!.params).toEqual(requestParams('set_dns2.json'));
  },
  'set_domain_dnssec.json': async (f) => {
    await writeReadsAnswer(f, 'set_domain_dnssec.json', () => f.adapter.setDnssec('domain-haha1.com', { flags: 257, publicKey: '123', algorithm: 1 }));
    expect(f.of('set_domain_dnssec').at(-1)!.params).toEqual(requestParams('set_domain_dnssec.json'));
  },
  'get_account_balance.json': async (f) => {
    f.serve('get_account_balance.json');
    expect(await f.adapter.getBalances()).toEqual([USD(30000)]);
    expect(await f.adapter.getBalance()).toEqual(USD(30000));
    expect(await f.adapter.testConnection()).toMatchObject({ balance: USD(30000) });
  },
  'account_info.json': async (f) => {
    // No adapter method exposes account_info; account.ts's reader is what consumes it.
    f.serve('account_info.json');
    expect(await account.getAccountInfo(new DynadotClient(f.ctx))).toEqual({ username: 'testname', priceLevel: 'Regular Pricing' });
  },
  'get_order_status.json': async (f) => {
    f.serve('get_order_status.json');
    const s = await f.adapter.getOrderStatus(0);
    expect(s).toMatchObject({
      orderId: '0',
      status: 'Completed',
      items: [
        { type: 'domain transfer away', name: 'transfer.com', status: 'Completed' },
        { type: 'domain', name: 'register.com', status: 'Completed' },
      ],
    });
    expect(f.of('get_order_status')[0]!.params).toEqual(requestParams('get_order_status.json'));
  },
  'get_open_auctions.json': async (f) => {
    f.serve('get_open_auctions.json');
    const list = await f.adapter.openAuctions(['expired']);
    expect(list).toHaveLength(2);
    expect(list[0]).toMatchObject({ id: '11', domain: 'domain.com', type: 'expired', currentBid: USD(12400), minimumBid: null, bids: 4, bidders: 2, startsAt: iso(1648459234033), endsAt: iso(1649064034033) });
    expect(list[1]).toMatchObject({ id: '12', domain: 'domain0.com', currentBid: USD(4499), bids: 1, bidders: 1, endsAt: iso(1649150434049) });
    expect(f.of('get_open_auctions')[0]!.params).toEqual(requestParams('get_open_auctions.json'));
    // Open backorder auctions are the same command with type=backorder (get_open_backorder_auctions is disabled).
    await f.adapter.openBackorderAuctions();
    expect(f.of('get_open_auctions')[1]!.params.type).toBe('backorder');
  },
  'get_auction_details.json': async (f) => {
    f.serve('get_auction_details.json');
    const [a, ...more] = await f.adapter.auctionDetails(['domain0.com']);
    expect(more).toEqual([]);
    // The seed's placeholder times (stamp 0, start_time "1", end_time "") read as "no time", not as a date.
    expect(a).toMatchObject({ id: '0', domain: 'test.biz', type: 'expired', currentBid: USD(4699), minimumBid: USD(4699), bids: 0, bidders: 0, startsAt: null, endsAt: null, ended: false, youAreHighBidder: false, yourBid: USD(100), yourProxyBid: USD(100), renewalPrice: null, premium: false, history: [] });
    expect(f.of('get_auction_details')[0]!.params).toEqual(requestParams('get_auction_details.json'));
  },
  'place_auction_bid.json': async (f) => {
    // The bid is checked against get_auction_details first (its example accepts 46.99 and up).
    f.serve('get_auction_details.json');
    f.serve('place_auction_bid.json');
    const a = await f.adapter.placeAuctionBid('example.com', USD(9990));
    expect(a).toMatchObject({ id: '12', domain: 'example.com', currentBid: USD(4499), minimumBid: USD(4599), bids: 3, bidders: 2, endsAt: iso(1649150434049), ended: false, youAreHighBidder: true, yourBid: USD(4499), yourProxyBid: USD(12100) });
    expect(sameBid(f.of('place_auction_bid')[0]!.params, requestParams('place_auction_bid.json'))).toBe(true);
  },
  'get_auction_bids.json': async (f) => {
    f.serve('get_auction_bids.json');
    const bids = await f.adapter.myAuctionBids();
    expect(bids.map(({ raw: _raw, ...b }) => b)).toEqual([
      { auctionId: '11', domain: 'domain.com', type: 'expired', currentBid: USD(4499), yourProxyBid: USD(11900), yourStatus: 'High Bidder', endsAt: iso(1649064034033) },
      { auctionId: '12', domain: 'domain0.com', type: 'expired', currentBid: USD(4499), yourProxyBid: USD(11900), yourStatus: 'High Bidder', endsAt: iso(1649150434049) },
    ]);
  },
  'get_closed_auctions.json': async (f) => {
    f.serve('get_closed_auctions.json');
    const closed = await f.adapter.closedAuctions(new Date('2000-01-02'), new Date('2015-05-15'));
    expect(closed.map(({ raw: _raw, ...c }) => c)).toEqual([
      { auctionId: '2', domain: 'testdomain1.test', status: 'Closed by Timeout', finalPrice: USD(8999), won: true, yourHighBid: USD(8999), endsAt: null },
      { auctionId: '3', domain: 'testdomain2.test', status: 'Closed by Timeout', finalPrice: USD(2899), won: true, yourHighBid: USD(2899), endsAt: null },
    ]);
    expect(f.of('get_closed_auctions')[0]!.params).toMatchObject({ startDate: '2000-01-02', endDate: '2015-05-15' });
  },
  'get_closed_backorder_auctions.json': async (f) => {
    f.serve('get_closed_backorder_auctions.json');
    const closed = await f.adapter.closedBackorderAuctions(new Date('2000-01-02'), new Date('2015-05-15'));
    expect(closed.map(({ raw: _raw, ...c }) => c)).toEqual([
      { auctionId: '2', domain: 'testdomain1.test', status: 'closed', finalPrice: USD(8999), won: true, yourHighBid: USD(8999), endsAt: iso(1649064034033) },
      { auctionId: '3', domain: 'testdomain2.test', status: 'closed', finalPrice: USD(2899), won: true, yourHighBid: USD(2899), endsAt: iso(1649150434049) },
    ]);
  },
  'get_backorder_auction_details.json': async (f) => {
    f.serve('get_backorder_auction_details.json');
    const { raw: _raw, ...d } = await f.adapter.backorderAuctionDetails('example.com');
    expect(d).toEqual({ auctionId: '10001', domain: 'example.com', status: 'In Progress', currentBid: USD(8999), bids: 0, endsAt: iso(1430244969779), youAreHighBidder: false, yourBid: null, yourProxyBid: null });
    expect(f.of('get_backorder_auction_details')[0]!.params).toEqual(requestParams('get_backorder_auction_details.json'));
  },
  'place_backorder_auction_bid.json': async (f) => {
    // The seed's root is spelled "PlaceBakcorderAuctionBidResponse".
    await writeReadsAnswer(f, 'place_backorder_auction_bid.json', () => f.adapter.placeBackorderAuctionBid('example.com', USD(9990)), () => f.serve('get_auction_details.json'));
    expect(sameBid(f.of('place_backorder_auction_bid').at(-1)!.params, requestParams('place_backorder_auction_bid.json'))).toBe(true);
  },
  'get_expired_closeout_domains.json': async (f) => {
    f.serve('get_expired_closeout_domains.json');
    const [c, ...more] = await f.adapter.listCloseouts();
    expect(more).toEqual([]);
    expect(c).toMatchObject({ domain: 'test.biz', unicode: 'test.biz', price: USD(991), renewalPrice: USD(999), endsAt: null });
    expect(f.of('get_expired_closeout_domains')[0]!.params).toEqual(requestParams('get_expired_closeout_domains.json'));
  },
  'buy_expired_closeout_domain.json': async (f) => {
    // The command takes no price: the listing is read first and the purchase refused above maxPrice.
    const setup = () => f.serve('get_expired_closeout_domains.json');
    await writeReadsAnswer(f, 'buy_expired_closeout_domain.json', () => f.adapter.buyCloseout('test.biz', USD(1000)), setup);
    f.reset();
    setup();
    f.serve('buy_expired_closeout_domain.json');
    expect(await f.adapter.buyCloseout('test.biz', USD(1000))).toEqual({ price: USD(991) });
    expect(f.of('buy_expired_closeout_domain')[0]!.params).toEqual({ domain: 'test.biz', currency: 'usd' });
  },
  'add_backorder_request.json': async (f) => {
    await writeReadsAnswer(f, 'add_backorder_request.json', () => f.adapter.addBackorderRequests(['droppingdomain.com', 'domaindropping.net', 'domaindrop.org']));
    expect(f.of('add_backorder_request').at(-1)!.params).toEqual(requestParams('add_backorder_request.json'));
  },
  'delete_backorder_request.json': async (f) => {
    await writeReadsAnswer(f, 'delete_backorder_request.json', () => f.adapter.deleteBackorderRequests(['domaindropp.com']));
    expect(f.of('delete_backorder_request').at(-1)!.params).toEqual(requestParams('delete_backorder_request.json'));
  },
  'backorder_request_list.json': async (f) => {
    f.serve('backorder_request_list.json');
    const list = await f.adapter.listBackorderRequests(new Date('2015-01-01'), new Date('2015-05-20'));
    expect(list.map(({ raw: _raw, ...b }) => b)).toEqual(['testdrop.com', 'testdrop3.com', 'testdrop4.com', 'testdrop5.com'].map((domain) => ({ domain, cutoffAt: iso(1403914140000), status: 'Active' })));
  },
};

/** Reasons an example is not read by the adapter. */
const XML_TWIN = 'the adapter requests this command from api3.json; the XML twin is never asked for';
const UNUSED = 'the adapter does not use this command';
const NOT_CONSUMED: Record<string, string> = {
  'get_ns.json': 'its "Host" key repeats, which JSON.parse collapses to the last server; the adapter reads get_ns from api3.xml',
  'get_open_backorder_auctions.xml': 'seed 001 marks the command disabled; open backorder auctions come from get_open_auctions type=backorder',
  'is_processing.json': `${UNUSED}: the lane keeps one request in flight, so there is nothing to poll`,
  'is_processing.xml': `${UNUSED}: the lane keeps one request in flight, so there is nothing to poll`,
};
for (const key of Object.keys(CONSUMED)) {
  const twin = key.replace(/\.json$/, '.xml');
  if (twin !== key && exampleKeys.includes(twin)) NOT_CONSUMED[twin] = XML_TWIN;
}
for (const key of exampleKeys) {
  const command = key.split('.')[0]!;
  const used = Object.keys(CONSUMED).some((k) => k.split('.')[0] === command) || ['get_ns', 'get_open_backorder_auctions', 'is_processing'].includes(command);
  if (!used) NOT_CONSUMED[key] = UNUSED;
}

/** Commands outside the adapter's scope (registration, transfers, contacts, folder/default settings, listings, push, CN audit...). */
const UNUSED_COMMANDS = [
  'authorize_transfer_away', 'bulk_register', 'buy_it_now', 'cancel_transfer', 'contact_list', 'create_cn_audit', 'create_contact', 'delete',
  'delete_contact', 'delete_ns', 'delete_ns_by_domain', 'edit_contact', 'get_cn_audit_status', 'get_contact', 'get_domain_push_request',
  'get_listing_item', 'get_listings', 'get_transfer_status', 'get_whois_stats', 'is_processing', 'order_list', 'push', 'register', 'search',
  'set_afternic_confirm_action', 'set_clear_default_setting', 'set_clear_domain_setting', 'set_clear_folder_setting', 'set_contact_eu_setting',
  'set_contact_lv_setting', 'set_customer_id', 'set_default_dns', 'set_default_dns2', 'set_default_email_forward', 'set_default_forwarding',
  'set_default_hosting', 'set_default_ns', 'set_default_parking', 'set_default_renew_option', 'set_default_stealth', 'set_default_whois',
  'set_domain_push_request', 'set_email_forward', 'set_folder_dns', 'set_folder_dns2', 'set_folder_email_forward', 'set_folder_forwarding',
  'set_folder_hosting', 'set_folder_ns', 'set_folder_parking', 'set_folder_renew_option', 'set_folder_stealth', 'set_folder_whois',
  'set_forwarding', 'set_hosting', 'set_ns_ip', 'set_parking', 'set_sedo_confirm_action', 'set_stealth', 'set_transfer_auth_code', 'set_whois',
  'transfer',
];

describe('seed 001 examples through the Dynadot adapter', () => {
  for (const [key, run] of Object.entries(CONSUMED)) {
    it(`${key} (seed line ${example(key).seedLine})`, async () => {
      const f = fakeDynadot();
      await run(f);
      expect(f.served, `${key} was never requested in its format`).toContain(key);
      // Every request went to api3.json, except get_ns (api3.xml).
      for (const s of f.sent) expect(s.format).toBe(s.command === 'get_ns' ? 'xml' : 'json');
    });
  }

  it('accounts for every example: consumed, or listed with the reason it is not', () => {
    const consumed = Object.keys(CONSUMED);
    const skipped = Object.keys(NOT_CONSUMED);
    expect(consumed.filter((k) => skipped.includes(k))).toEqual([]);
    expect(exampleKeys.filter((k) => !consumed.includes(k) && !skipped.includes(k))).toEqual([]);
    expect([...consumed, ...skipped].filter((k) => !exampleKeys.includes(k))).toEqual([]);
    // The unused commands, spelled out: a new fixture for a command nobody reads shows up here.
    const unusedCommands = [...new Set(skipped.filter((k) => NOT_CONSUMED[k]!.startsWith(UNUSED)).map((k) => k.split('.')[0]!))].sort();
    expect(unusedCommands).toEqual([...UNUSED_COMMANDS].sort());
    expect(exampleKeys).toHaveLength(2 * fixtures.size - 1);
    expect(consumed).toHaveLength(38);
  });
});

describe('auction times around the seed placeholders', () => {
  it('reads stamp 0 beside a non-time text as no time, and still refuses an unknown text without a stamp', () => {
    expect(timeOf(0, '1')).toBeNull();
    expect(timeOf('0', '')).toBeNull();
    expect(timeOf(0, '2015/04/28 05:46 UTC')).toBe('2015-04-28T05:46:00.000Z');
    expect(timeOf(1649064034033, 'garbage')).toBe(iso(1649064034033));
    expect(() => timeOf(undefined, '1')).toThrow(UnknownValue);
    expect(() => timeOf('soon', '1')).toThrow(UnknownValue);
  });
});
