import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { money } from '../../../src-shared/money.js';
import { RegistrarError } from '../../../src-main/registrars/errors.js';
import { createDynadotAdapter, type DynadotAdapter } from '../../../src-main/registrars/dynadot/index.js';
import type { AccountContext, NormalizedDomain, RenewRequest } from '../../../src-main/registrars/types.js';
import { startSandbox, type RunningSandbox } from '../../../src-main/sandbox/server.js';
import { createPassthroughLane } from '../../helpers/passthrough-lane.js';
import { failure as expectRegistrarError } from '../../helpers/registrar-failure.js';

/** The Dynadot adapter against the seed-001 simulator: every capability, error path and fault. */

const DAY = 86_400_000;
let sb: RunningSandbox;
let agent: Agent;
const keys: Record<string, string> = {};
const logs: string[] = [];
const thrown: RegistrarError[] = [];
let a: DynadotAdapter;
let portfolio: NormalizedDomain[];

function adapterFor(label: string, o: { key?: string; endpoint?: string; sandbox?: RunningSandbox } = {}): DynadotAdapter {
  const s = o.sandbox ?? sb;
  const ctx: AccountContext = {
    accountId: label,
    label,
    registrar: 'dynadot',
    endpoint: o.endpoint ?? s.descriptor.registrars.dynadot.endpoint,
    credentials: { key: o.key ?? s.descriptor.registrars.dynadot.accounts.find((x) => x.label === label)!.credentials.key! },
    lane: createPassthroughLane(label),
    http: agent,
    now: () => s.clock.now(),
    log: (level, message) => logs.push(`${level} ${message}`),
  };
  return createDynadotAdapter(ctx);
}

/** Awaits a rejection, records it for the secret check and returns it. */
async function failure(p: Promise<unknown>): Promise<RegistrarError> {
  const err = await expectRegistrarError(p);
  thrown.push(err);
  return err;
}

const stat = (label = 'dyn-a') => sb.stats().dynadot![label]!;
const calls = (command: string, label = 'dyn-a'): number => stat(label).byCommand[command] ?? 0;
const request = (d: NormalizedDomain, years = 1, allowLateFee = false): RenewRequest => ({ name: d.name, years, expectedExpiresAt: d.expiresAt!, idempotencyKey: `k-${d.name}-${years}`, allowLateFee });
/** Active names, soonest expiry first, that can take a few more years. */
const active = (): NormalizedDomain[] =>
  portfolio.filter((d) => d.status === 'active' && Date.parse(d.expiresAt!) < sb.clock.now() + 5 * 365 * DAY).sort((x, y) => Date.parse(x.expiresAt!) - Date.parse(y.expiresAt!));

beforeAll(async () => {
  sb = await startSandbox({ seed: 'dynadot-adapter', domains: 120 });
  for (const acc of sb.descriptor.registrars.dynadot.accounts) keys[acc.label] = acc.credentials.key!;
  agent = new Agent({ connections: 4 });
  a = adapterFor('dyn-a');
});

afterAll(async () => {
  await agent?.close();
  await sb?.close();
});

describe('portfolio reads', () => {
  it('lists the whole account with two requests (tld_price + list_domain) and normalizes every field', async () => {
    const pages: NormalizedDomain[][] = [];
    for await (const page of a.listDomains()) pages.push(page);
    portfolio = pages.flat();
    expect(portfolio).toHaveLength(120);
    expect(calls('list_domain')).toBe(1);
    expect(calls('tld_price')).toBe(1);
    for (const d of portfolio) {
      expect(d.expiresAt).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(typeof d.autoRenew).toBe('boolean');
      expect(typeof d.locked).toBe('boolean');
      expect(['full', 'partial', 'off']).toContain(d.privacy);
      expect(d.nameservers?.length).toBeGreaterThan(0);
      expect(d.renewalPrice?.currency).toBe('USD');
      expect(d.raw).toMatchObject({ Name: d.name });
    }
    expect(portfolio.some((d) => d.folder !== null)).toBe(true);
    expect(new Set(portfolio.map((d) => d.status)).has('active')).toBe(true);
  });

  it('reads one domain like the list does, and says NotFound for a name outside the account', async () => {
    const d = portfolio[0]!;
    const one = await a.getDomain(d.name);
    expect({ ...one, raw: null }).toEqual({ ...d, raw: null });
    const err = await failure(a.getDomain('not-in-this-account-zz.com'));
    expect(err.kind).toBe('NotFound');
    expect(err.message).toMatch(/not in this Dynadot account/);
  });

  it('reads the balance, TLD prices and name servers (get_ns through api3.xml, all hosts kept)', async () => {
    expect(await a.getBalance()).toEqual(money(500_000, 'USD'));
    expect((await a.testConnection()).balance).toEqual(money(500_000, 'USD'));
    const com = (await a.getTldPrices()).find((t) => t.tld === 'com')!;
    expect(com.renew).toEqual(money(1099, 'USD'));
    const d = portfolio.find((x) => (x.nameservers?.length ?? 0) >= 2)!;
    expect(await a.getNameservers(d.name)).toEqual(d.nameservers);
  });
});

describe('renewals', () => {
  it('previews the price, renews once with the year guard, and maps a stale expiry to already-renewed', async () => {
    const d = active()[0]!;
    const quote = await a.quoteRenewal(d.name, 1);
    expect(quote.price.currency).toBe('USD');
    expect(quote.price.amountMinor).toBeGreaterThan(0);
    expect(quote.lateFee).toBeNull();
    const result = await a.renew(request(d));
    expect(result.state).toBe('renewed');
    if (result.state !== 'renewed') return;
    expect(new Date(result.newExpiresAt!).getUTCFullYear()).toBe(new Date(d.expiresAt!).getUTCFullYear() + 1);
    expect(result.charged).toEqual(quote.price);
    const again = await a.renew(request(d));
    expect(again).toEqual({ state: 'already-renewed', currentExpiresAt: result.newExpiresAt });
    expect(await a.reconcileRenewal(request(d))).toBe('applied');
    const status = await a.getOrderStatus(1_000_001);
    expect(status.items.some((i) => i.name === d.name)).toBe(true);
    expect((await failure(a.getOrderStatus(999))).kind).toBe('NotFound');
  });

  it('refuses a late-renewal fee unless allowed, then renews with it', async () => {
    const d = active()[1]!;
    const shift = Date.parse(d.expiresAt!) + 3 * DAY - sb.clock.now();
    sb.clock.advance(shift);
    try {
      const expired = await a.getDomain(d.name);
      expect(expired.status).toBe('grace');
      const quote = await a.quoteRenewal(d.name, 1);
      expect(quote.lateFee).toEqual(money(1500, 'USD'));
      const before = calls('renew');
      const err = await failure(a.renew(request(expired)));
      expect(err.kind).toBe('Invalid');
      expect(err.field).toBe('allowLateFee');
      expect(calls('renew')).toBe(before); // refused from the preview, nothing sent
      const done = await a.renew(request(expired, 1, true));
      expect(done.state).toBe('renewed');
    } finally {
      sb.clock.advance(-shift);
    }
  });

  it('reports InsufficientFunds on the small account', async () => {
    const b = adapterFor('dyn-b');
    await sb.control('dynadot', { action: 'setBalance', account: 'dyn-b', amountMinor: 100 });
    const [d] = await b.listAllDomains();
    const err = await failure(b.renew(request(d!, 1, true)));
    expect(err.kind).toBe('InsufficientFunds');
    expect(err.message).toMatch(/balance is too low/);
  });

  it('a connection dropped after the renew was applied is OutcomeUnknown, and reconcile says applied', async () => {
    const [d, untouched] = active().slice(2);
    await a.quoteRenewal(d!.name, 1); // the preview the user confirmed
    sb.setFaults({ dynadot: { drop: { next: 1 }, only: ['renew'] } });
    try {
      const err = await failure(a.renew(request(d!)));
      expect(err.kind).toBe('OutcomeUnknown');
    } finally {
      sb.setFaults({ dynadot: null });
    }
    expect(await a.reconcileRenewal(request(d!))).toBe('applied');
    expect(await a.reconcileRenewal(request(untouched!))).toBe('not-applied');
  });
});

describe('errors and faults', () => {
  it('maps an invalid key to AuthFailed without showing the key', async () => {
    const bad = adapterFor('dyn-a', { key: 'NOT-THE-KEY-0123456789' });
    const err = await failure(bad.getBalance());
    expect(err.kind).toBe('AuthFailed');
    expect(`${err.message} ${err.raw}`).not.toContain('NOT-THE-KEY-0123456789');
  });

  it('keeps the raw body of a malformed answer as Transient (read) and OutcomeUnknown (write)', async () => {
    sb.setFaults({ dynadot: { malformed: { next: 1 }, only: ['get_account_balance'] } });
    const err = await failure(a.getBalance());
    expect(err.kind).toBe('Transient');
    expect(err.raw).toContain('GetAccountBalanceResponse');
    sb.setFaults({ dynadot: { malformed: { next: 1 }, only: ['list_domain'] } });
    const list = await failure(a.listAllDomains());
    expect(list.kind).toBe('Transient');
    sb.setFaults({ dynadot: { malformed: { next: 1 }, only: ['set_note'] } });
    expect((await failure(a.setNote(portfolio[0]!.name, 'hold'))).kind).toBe('OutcomeUnknown');
    sb.setFaults({ dynadot: null });
    expect(await a.getBalance()).toMatchObject({ currency: 'USD' });
  });

  it('a network failure on a read is Transient; bad input is refused before any request', async () => {
    const closed = adapterFor('dyn-a', { endpoint: 'http://127.0.0.1:9/dynadot' });
    expect((await failure(closed.getBalance())).kind).toBe('Transient');
    const before = stat().requests;
    expect((await failure(a.getDomain('not a domain'))).field).toBe('domain');
    expect((await failure(a.quoteRenewal(portfolio[0]!.name, 11))).field).toBe('years');
    expect((await failure(a.setNameservers(portfolio[0]!.name, []))).field).toBe('ns');
    expect(stat().requests).toBe(before);
  });

  it('maps an overlap to Banned with the stated end, then the suspension too (separate sandbox)', async () => {
    const other = await startSandbox({ seed: 'dynadot-ban', domains: 5, registrars: { dynadot: { banMs: 60_000, processingMs: 150 } } });
    try {
      const one = adapterFor('dyn-a', { sandbox: other });
      const two = adapterFor('dyn-a', { sandbox: other }); // a second lane on the same key: what the app must never do
      const results = await Promise.allSettled([one.getBalance(), two.getBalance()]);
      const banned = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(banned.reason).toBeInstanceOf(RegistrarError);
      thrown.push(banned.reason as RegistrarError);
      expect(banned.reason.kind).toBe('Banned');
      expect(banned.reason.until).toBeGreaterThan(other.clock.now() + 50_000);
      const after = await failure(one.getBalance());
      expect(after.kind).toBe('Banned');
      expect(after.until).toBe(banned.reason.until);
    } finally {
      await other.close();
    }
  });
});

describe('domain settings', () => {
  it('sets auto-renew, privacy and lock and reads them back in Dynadot\'s words', async () => {
    const d = portfolio[5]!.name;
    await a.setAutoRenew(d, true);
    expect((await a.getDomain(d)).autoRenew).toBe(true);
    await a.setAutoRenewMany([d, portfolio[6]!.name], false);
    expect((await a.getDomain(d)).autoRenew).toBe(false);
    await a.setPrivacy(d, 'off');
    expect((await a.getDomain(d)).privacy).toBe('off');
    await a.setPrivacy(d, 'full');
    expect((await a.getDomain(d)).privacy).toBe('full');
    await a.setLock(d, false);
    expect((await a.getDomain(d)).locked).toBe(false);
    await a.setLock(d, true);
    expect((await a.getDomain(d)).locked).toBe(true);
    expect(await a.getAuthCode(d, { unlock: true })).toMatch(/\S{6,}/);
  });

  it('manages folders', async () => {
    const d = portfolio[7]!.name;
    const folder = await a.createFolder('Keepers 2025');
    expect(await a.createFolder('Keepers 2025')).toEqual(folder); // "already exists" is fine
    await a.moveToFolder(d, 'Keepers 2025');
    expect((await a.getDomain(d)).folder).toBe('Keepers 2025');
    await a.renameFolder(folder.id, 'Keepers');
    expect((await a.listFolders()).find((f) => f.id === folder.id)?.name).toBe('Keepers');
    await a.moveToFolder(d, null);
    expect((await a.getDomain(d)).folder).toBeNull();
    await a.deleteFolders([folder.id]);
    expect((await a.listFolders()).some((f) => f.id === folder.id)).toBe(false);
  });

  it('sets external name servers, adding them to the account list first', async () => {
    const d = portfolio[8]!.name;
    const hosts = ['ns1.deck-dns-test.net', 'ns2.deck-dns-test.net'];
    await a.addHost(hosts[0]!); // already there afterwards: set_ns must tolerate it
    await a.setNameservers(d, hosts);
    expect(await a.getNameservers(d)).toEqual(hosts);
    expect((await a.getDomain(d)).nameservers).toEqual(hosts);
    expect((await a.listHosts()).map((h) => h.host)).toEqual(expect.arrayContaining(hosts));
  });
});

describe('DNS', () => {
  const zone = {
    ttl: 600,
    records: [
      { subdomain: null, type: 'a' as const, value: '192.0.2.10' },
      { subdomain: null, type: 'mx' as const, value: 'mail.example.net', extra: '10' },
      { subdomain: 'www', type: 'cname' as const, value: 'example.net' },
      { subdomain: '_sip._tcp', type: 'srv' as const, value: '10 5 5060 sip.example.net' },
    ],
  };

  it('writes the full zone, appends without losing records, and refuses a stale replace', async () => {
    const d = portfolio[9]!.name;
    await a.replaceDnsZone(d, zone);
    const read1 = await a.getDnsZone(d);
    expect(read1).toMatchObject({ hosted: true, ttl: 600 });
    expect(read1.records).toEqual(zone.records.map((r) => (r.subdomain === null ? r : { ...r })));
    await a.addDnsRecords(d, [{ subdomain: 'api', type: 'a', value: '192.0.2.11' }]);
    const read2 = await a.getDnsZone(d);
    expect(read2.records).toHaveLength(5);
    const err = await failure(a.replaceDnsZone(d, { ttl: 600, records: [zone.records[0]!] }, read1.records));
    expect(err.field).toBe('records');
    expect((await a.getDnsZone(d)).records).toHaveLength(5);
    await a.replaceDnsZone(d, { ttl: 300, records: read2.records.slice(0, 2) }, read2.records);
    expect((await a.getDnsZone(d)).records).toHaveLength(2);
  });

  it('refuses zones beyond set_dns2 limits before sending, and sets DNSSEC', async () => {
    const d = portfolio[9]!.name;
    const before = calls('set_dns2');
    const tooMany = Array.from({ length: 21 }, (_, i) => ({ subdomain: null, type: 'txt' as const, value: `v=${i}` }));
    expect((await failure(a.replaceDnsZone(d, { ttl: null, records: tooMany }))).message).toMatch(/at most 20/);
    expect((await failure(a.replaceDnsZone(d, { ttl: null, records: [{ subdomain: null, type: 'srv', value: 'x' }] }))).field).toBe('records');
    expect(calls('set_dns2')).toBe(before);
    await a.setDnssec(d, { keyTag: 12345, digestType: 2, digest: 'ABCDEF0123', algorithm: 13 });
    expect((await failure(a.setDnssec(d, { flags: 257, publicKey: 'AwEAAb==', algorithm: 9 }))).field).toBe('algorithm');
    expect(a.capabilities.limits).toMatchObject({ dnsMainRecordsMax: 20, dnsSubRecordsMax: 100, dnsSingleTtl: true, searchNamesRegularAccount: 1 });
  });
});

describe('auctions, backorders and closeouts', () => {
  it('lists, details, refuses a low bid before sending, bids, and lists bids and closed auctions', async () => {
    const open = (await a.openAuctions(['expired', 'user'])).filter((x) => x.endsAt && Date.parse(x.endsAt) > sb.clock.now() + DAY);
    expect(open.length).toBeGreaterThan(0);
    const target = open[0]!;
    expect(target.currentBid?.currency).toBe('USD');
    const [details] = await a.auctionDetails([target.domain]);
    expect(details!.minimumBid).not.toBeNull();
    const before = calls('place_auction_bid');
    const low = await failure(a.placeAuctionBid(target.domain, money(details!.minimumBid!.amountMinor - 1, 'USD')));
    expect(low.field).toBe('bid_amount');
    expect(calls('place_auction_bid')).toBe(before);
    const after = await a.placeAuctionBid(target.domain, money(details!.minimumBid!.amountMinor + 5000, 'USD'));
    expect(after?.domain).toBe(target.domain);
    expect((await a.myAuctionBids()).some((b) => b.domain === target.domain)).toBe(true);
    expect(Array.isArray(await a.closedAuctions(new Date(sb.clock.now() - 30 * DAY), new Date(sb.clock.now())))).toBe(true);
  });

  it('bids on a backorder auction', async () => {
    const list = await a.openBackorderAuctions();
    expect(list.length).toBeGreaterThan(0);
    const target = list[0]!;
    expect(target.type).toBe('backorder');
    const details = await a.backorderAuctionDetails(target.domain);
    expect(details.domain).toBe(target.domain);
    const [min] = await a.auctionDetails([target.domain]);
    await a.placeBackorderAuctionBid(target.domain, money(min!.minimumBid!.amountMinor, 'USD'));
    expect((await a.backorderAuctionDetails(target.domain)).yourProxyBid).not.toBeNull();
    expect(Array.isArray(await a.closedBackorderAuctions(new Date(sb.clock.now() - 30 * DAY), new Date(sb.clock.now())))).toBe(true);
  });

  it('buys an expired closeout only within the allowed price', async () => {
    const [offer] = await a.listCloseouts();
    expect(offer?.price).not.toBeNull();
    expect((await failure(a.buyCloseout(offer!.domain, money(offer!.price!.amountMinor - 1, 'USD')))).field).toBe('maxPrice');
    expect(await a.buyCloseout(offer!.domain, offer!.price!)).toEqual({ price: offer!.price });
    expect((await a.getDomain(offer!.domain)).name).toBe(offer!.domain);
  });

  it('adds, lists and deletes backorder requests', async () => {
    await a.addBackorderRequests(['dropcatch-one.com', 'dropcatch-two.net']);
    const from = new Date(sb.clock.now() - DAY);
    const to = new Date(sb.clock.now() + 5 * DAY);
    expect((await a.listBackorderRequests(from, to)).map((r) => r.domain)).toEqual(expect.arrayContaining(['dropcatch-one.com', 'dropcatch-two.net']));
    await a.deleteBackorderRequests(['dropcatch-one.com']);
    const left = (await a.listBackorderRequests(from, to)).map((r) => r.domain);
    expect(left).toContain('dropcatch-two.net');
    expect(left).not.toContain('dropcatch-one.com');
    expect((await failure(a.deleteBackorderRequests(['dropcatch-one.com']))).kind).toBe('NotFound');
  });
});

describe('after everything', () => {
  it('never showed a key in an error or a log line, and broke no sandbox rule', () => {
    expect(thrown.length).toBeGreaterThan(10);
    expect(logs.length).toBeGreaterThan(10);
    const secrets = [...Object.values(keys), 'NOT-THE-KEY-0123456789'];
    for (const text of [...logs, ...thrown.map((e) => `${e.message} ${e.raw ?? ''} ${e.code ?? ''}`)]) {
      for (const secret of secrets) expect(text).not.toContain(secret);
    }
    expect(logs.some((l) => l.includes('key=***'))).toBe(true);
    for (const label of ['dyn-a', 'dyn-b']) {
      expect(stat(label).violations).toBe(0);
      expect(stat(label).bans).toBe(0);
      expect(stat(label).maxConcurrent).toBe(1);
    }
  });
});
