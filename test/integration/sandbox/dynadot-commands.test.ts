import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../../src-main/sandbox/server.js';

/** Behaviour of the Dynadot simulator: state changes really apply and the seed's guards hold. */
const DAY = 86_400_000;
let sb: RunningSandbox;
let endpoint: string;
let keyA: string;
let keyB: string;

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- wire bodies are read field by field

async function api(query: Record<string, string>, key = keyA): Promise<Json> {
  const res = await fetch(`${endpoint}/api3.json?${new URLSearchParams({ key, ...query }).toString()}`);
  expect(res.status).toBe(200);
  return (await res.json()) as Json;
}

async function xml(query: Record<string, string>, key = keyA): Promise<string> {
  const res = await fetch(`${endpoint}/api3.xml?${new URLSearchParams({ key, ...query }).toString()}`);
  return res.text();
}

async function control(body: unknown): Promise<Json> {
  const res = await fetch(`${sb.origin}/__sandbox/registrars/dynadot/control`, { method: 'POST', body: JSON.stringify(body) });
  return (await res.json()) as Json;
}

async function domains(key = keyA): Promise<Json[]> {
  return (await api({ command: 'list_domain' }, key)).ListDomainInfoResponse.MainDomains as Json[];
}

async function balance(key = keyA): Promise<number> {
  const r = await api({ command: 'get_account_balance' }, key);
  return Math.round(Number(r.GetAccountBalanceResponse.BalanceList[0].Amount) * 100);
}

beforeAll(async () => {
  sb = await startSandbox({ seed: 'test', domains: 60, registrars: { dynadot: { processingMs: 0 } } });
  endpoint = sb.descriptor.registrars.dynadot.endpoint;
  [keyA, keyB] = sb.descriptor.registrars.dynadot.accounts.map((a) => a.credentials.key!) as [string, string];
});

afterAll(async () => {
  await sb?.close();
});

describe('dynadot simulator', () => {
  it('serves the portfolio sizes from the sandbox options, dyn-b with a small balance', async () => {
    expect(await domains()).toHaveLength(60);
    expect(await domains(keyB)).toHaveLength(5);
    expect(await balance()).toBe(500_000);
    expect(await balance(keyB)).toBe(1_500);
  });

  it('renews with the year guard, price_check and a real charge', async () => {
    const d = (await domains()).find((x) => Number(x.Expiration) > sb.clock.now() + 30 * DAY)!;
    const expiry = Number(d.Expiration);
    const year = new Date(expiry).getUTCFullYear();
    const wrong = await api({ command: 'renew', domain: d.Name, duration: '1', year: String(year - 1) });
    expect(wrong.RenewResponse).toMatchObject({ ResponseCode: '-1', Status: 'error' });
    expect(wrong.RenewResponse.Error).toMatch(/does not match the current expiration year/);

    const before = await balance();
    const check = await api({ command: 'renew', domain: d.Name, duration: '2', price_check: '1' });
    expect(check.RenewResponse.Status).toBe('price_check_success');
    expect(check.RenewResponse.PriceInfo).toMatch(/TotalPrice=\d+\.\d\d/);
    expect(await balance()).toBe(before);
    expect((await control({ action: 'domain', account: 'dyn-a', name: d.Name })).domain.expiresAt).toBe(expiry);

    const ok = await api({ command: 'renew', domain: d.Name, duration: '1', year: String(year), currency: 'USD' });
    expect(ok.RenewResponse).toMatchObject({ ResponseCode: '0', Status: 'success', DomainName: d.Name });
    const record = (await control({ action: 'domain', account: 'dyn-a', name: d.Name })).domain;
    expect(new Date(record.expiresAt).getUTCFullYear()).toBe(year + 1);
    expect(Number(ok.RenewResponse.Expiration)).toBe(record.expiresAt);
    expect(before - (await balance())).toBe(record.renewPriceMinor);
    // The same call again (a retry with the old year) is refused instead of renewing twice.
    const retry = await api({ command: 'renew', domain: d.Name, duration: '1', year: String(year) });
    expect(retry.RenewResponse.Status).toBe('error');
  });

  it('refuses renewals without balance and accepts them after setBalance', async () => {
    const d = (await domains(keyB)).find((x) => Number(x.Expiration) > sb.clock.now())!;
    expect(await control({ action: 'setBalance', account: 'dyn-b', amountMinor: 100 })).toEqual({ ok: true, account: 'dyn-b', balanceMinor: 100 });
    const poor = await xml({ command: 'renew', domain: d.Name, duration: '1' }, keyB);
    expect(poor).toMatch(/<RenewResponse><RenewHeader><SuccessCode>-1<\/SuccessCode><Status>error<\/Status><Error>insufficient account balance/);
    expect(await balance(keyB)).toBe(100);
    await control({ action: 'setBalance', account: 'dyn-b', amountMinor: 100_000 });
    const rich = await xml({ command: 'renew', domain: d.Name, duration: '1' }, keyB);
    expect(rich).toMatch(/<RenewContent><Expiration>\d+<\/Expiration><\/RenewContent>/);
  });

  it('charges a late renew fee in grace and honours no_renew_if_late_renew_fee_needed', async () => {
    const all = await domains();
    const d = all.filter((x) => Number(x.Expiration) > sb.clock.now() + DAY).sort((a, b) => Number(a.Expiration) - Number(b.Expiration))[0]!;
    sb.clock.advance(Number(d.Expiration) - sb.clock.now() + 2 * DAY);
    const refused = await api({ command: 'renew', domain: d.Name, duration: '1', no_renew_if_late_renew_fee_needed: '1' });
    expect(refused.RenewResponse.Error).toMatch(/late renew fee/);
    const before = await balance();
    const record = (await control({ action: 'domain', account: 'dyn-a', name: d.Name })).domain;
    const ok = await api({ command: 'renew', domain: d.Name, duration: '1' });
    expect(ok.RenewResponse.Status).toBe('success');
    expect(before - (await balance())).toBe(record.renewPriceMinor + 1500);
  });

  it('replaces DNS with set_dns2 unless add_dns_to_current_setting=1', async () => {
    const name = (await domains())[10]!.Name;
    const set = await api({ command: 'set_dns2', domain: name, main_record_type0: 'a', main_record0: '192.0.2.1', subdomain0: 'www', sub_record_type0: 'cname', sub_record0: name });
    expect(set.SetDnsResponse).toEqual({ ResponseCode: 0, Status: 'success' });
    await api({ command: 'set_dns2', domain: name, main_record_type0: 'mx', main_record0: 'mx.example.net', main_recordx0: '10', add_dns_to_current_setting: '1' });
    let dns = (await api({ command: 'get_dns', domain: name })).GetDnsResponse.GetDns.NameServerSettings;
    expect(dns.Type).toBe('Dynadot DNS');
    expect(dns.MainDomains.map((r: Json) => r.RecordType)).toEqual(['a', 'mx']);
    expect(dns.SubDomains).toEqual([{ Subhost: 'www', RecordType: 'cname', Value: name, ValueX: '' }]);
    await api({ command: 'set_dns2', domain: name, main_record_type0: 'txt', main_record0: 'v=spf1 -all' });
    dns = (await api({ command: 'get_dns', domain: name })).GetDnsResponse.GetDns.NameServerSettings;
    expect(dns.MainDomains).toEqual([{ RecordType: 'txt', Value: 'v=spf1 -all', ValueX: '' }]);
    expect(dns.SubDomains).toEqual([]);
    const bad = await api({ command: 'set_dns2', domain: name, main_record_type0: 'mx', main_record0: 'mx.example.net' });
    expect(bad.SetDnsResponse.Error).toMatch(/main_recordx0/);
  });

  it('requires name servers to be in the account before set_ns', async () => {
    const name = (await domains())[11]!.Name;
    const refused = await api({ command: 'set_ns', domain: name, ns0: 'ns1.deck-test.net', ns1: 'ns2.deck-test.net' });
    expect(refused.SetNsResponse.Error).toMatch(/not in your name server list/);
    for (const host of ['ns1.deck-test.net', 'ns2.deck-test.net']) expect((await api({ command: 'add_ns', host })).AddNsResponse.Status).toBe('success');
    expect((await api({ command: 'set_ns', domain: name, ns0: 'ns1.deck-test.net', ns1: 'ns2.deck-test.net' })).SetNsResponse.Status).toBe('success');
    expect(await xml({ command: 'get_ns', domain: name })).toContain('<NsContent><Host>ns1.deck-test.net</Host><Host>ns2.deck-test.net</Host></NsContent>');
    const info = (await api({ command: 'domain_info', domain: name })).DomainInfoResponse.DomainInfo;
    expect(info.NameServerSettings.Type).toBe('Name Servers');
    expect((await api({ command: 'delete_ns_by_domain', server_domain: 'ns1.deck-test.net' })).DeleteNsResponse.Error).toMatch(/in use/);
  });

  it('applies renew option, privacy, lock, note and folders', async () => {
    const name = (await domains())[12]!.Name;
    await api({ command: 'set_renew_option', domain: name, renew_option: 'donot' });
    await api({ command: 'set_privacy', domain: name, option: 'off' });
    await api({ command: 'set_note', domain: name, note: 'keep & sell' });
    await api({ command: 'lock_domain', domain: name });
    const folder = (await api({ command: 'create_folder', folder_name: 'Golden' })).FolderCreateResponse.FolderCreateContent;
    expect((await api({ command: 'set_folder', domain: name, folder: 'golden' })).SetFolderResponse.Status).toBe('error');
    await api({ command: 'set_folder', domain: name, folder: 'Golden' });
    let info = (await api({ command: 'domain_info', domain: name })).DomainInfoResponse.DomainInfo;
    expect(info).toMatchObject({ RenewOption: 'do not renew', Privacy: 'none', Note: 'keep & sell', Locked: 'yes', Folder: { FolderId: folder.FolderId, FolderName: 'Golden' } });
    expect(await xml({ command: 'domain_info', domain: name })).toContain('<Note>keep &amp; sell</Note>');
    await api({ command: 'delete_folder', folder_id: folder.FolderId });
    info = (await api({ command: 'domain_info', domain: name })).DomainInfoResponse.DomainInfo;
    expect(info.Folder).toEqual({ FolderId: '-1', FolderName: '(no folder)' });
    const unlocked = await api({ command: 'get_transfer_auth_code', domain: name, unlock_domain_for_transfer: '1' });
    expect(unlocked.GetTransferAuthCodeResponse.AuthCode).toMatch(/\w+/);
    expect((await control({ action: 'domain', account: 'dyn-a', name })).domain.locked).toBe(false);
  });

  it('stores DNSSEC records from set_domain_dnssec', async () => {
    const name = (await domains())[13]!.Name;
    const r = await api({ command: 'set_domain_dnssec', domainName: name, keyTag: '12345', digestType: '2', digest: 'ab12cd', algorithm: '13' });
    expect(r.SetDomainDnssecResponse).toEqual({ ResponseCode: 0, Status: 'success' });
    const bad = await api({ command: 'set_domain_dnssec', domainName: name, flags: '300', publicKey: 'AwEAAa', algorithm: '13' });
    expect(bad.SetDomainDnssecResponse.Error).toMatch(/flags/);
    expect((await control({ action: 'domain', account: 'dyn-a', name })).domain.dnssec).toEqual([{ keyTag: '12345', digestType: '2', digest: 'AB12CD', algorithm: '13' }]);
  });

  it('limits search for regular accounts and registers with balance', async () => {
    const two = await api({ command: 'search', domain0: 'deckone.com', domain1: 'decktwo.com' }, keyB);
    expect(two.SearchResponse.Error).toMatch(/only search 1 domain/);
    const found = await api({ command: 'search', domain0: 'deckone.com', domain1: 'decktwo.com', domain2: 'deckthree.net', show_price: '1' });
    expect(found.SearchResponse.SearchResults).toHaveLength(3);
    const free = (found.SearchResponse.SearchResults as Json[]).find((r) => r.Available === 'yes' && r.Price === '10.99 in USD');
    if (free) {
      const reg = await api({ command: 'register', domain: free.DomainName, duration: '2' });
      expect(reg.RegisterResponse.Status).toBe('success');
      const again = await api({ command: 'register', domain: free.DomainName, duration: '1' });
      expect(again.RegisterResponse.Error).toBe('not_available');
      expect((await api({ command: 'delete', domain: free.DomainName })).DeleteResponse.Status).toBe('success');
    }
  });

  it('runs auctions against the sandbox clock', async () => {
    const list = (await api({ command: 'get_open_auctions', type: 'expired,user,registry_expired' })).auction_list as Json[];
    const a = list.sort((x, y) => x.end_time_stamp - y.end_time_stamp)[0]!;
    const details = (await api({ command: 'get_auction_details', domain: a.domain })).auction_details[0].auction_json;
    const low = await api({ command: 'place_auction_bid', domain: a.domain, bid_amount: (Number(details.accepted_bid_price) - 0.5).toFixed(2) });
    expect(low).toMatchObject({ status: 'error' });
    const before = await balance();
    const bid = await api({ command: 'place_auction_bid', domain: a.domain, bid_amount: (Number(details.accepted_bid_price) + 500).toFixed(2) });
    expect(bid.status).toBe('success');
    expect(bid.auction_details.auction_json.is_high_bidder).toBe(true);
    const price = Math.round(Number(bid.auction_details.auction_json.current_bid_price) * 100);
    const bids = (await api({ command: 'get_auction_bids' })).auction_bids as Json[];
    expect(bids.map((b) => b.domain)).toContain(a.domain);

    sb.clock.advance(a.end_time_stamp - sb.clock.now() + 1000);
    const open = (await api({ command: 'get_open_auctions', type: 'expired,user,registry_expired' })).auction_list as Json[];
    expect(open.map((x) => x.domain)).not.toContain(a.domain);
    const late = await api({ command: 'place_auction_bid', domain: a.domain, bid_amount: '9999' });
    expect(late.error).toMatch(/ended/);
    const day = new Date(sb.clock.now()).toISOString().slice(0, 10);
    const closed = (await api({ command: 'get_closed_auctions', startDate: day, endDate: day })).GetClosedAuctionsResponse.Auctions as Json[];
    expect(closed).toEqual([expect.objectContaining({ Domain: a.domain, AuctionWonStatus: 'won', AuctionStatus: 'Closed by Timeout' })]);
    expect((await control({ action: 'domain', account: 'dyn-a', name: a.domain })).domain).not.toBeNull();
    expect(before - (await balance())).toBe(price);
  });

  it('handles backorder requests and closeouts', async () => {
    await api({ command: 'add_backorder_request', domain: 'droppingdeck.com,droppingdeck.net' });
    const day = new Date(sb.clock.now()).toISOString().slice(0, 10);
    let list = (await api({ command: 'backorder_request_list', startDate: day, endDate: day })).BackorderRequestListResponse.BackorderRequestList as Json[];
    expect(list.map((b) => b.DomainName).sort()).toEqual(['droppingdeck.com', 'droppingdeck.net']);
    await api({ command: 'delete_backorder_request', domain: 'droppingdeck.net' });
    list = (await api({ command: 'backorder_request_list', startDate: day, endDate: day })).BackorderRequestListResponse.BackorderRequestList as Json[];
    expect(list.map((b) => b.DomainName)).toEqual(['droppingdeck.com']);

    const items = (await api({ command: 'get_expired_closeout_domains' })).GetExpiredCloseoutDomainsResponse.CloseoutDomains as Json[];
    const c = items[0]!.closeoutItem;
    await control({ action: 'setBalance', account: 'dyn-b', amountMinor: 50 });
    expect((await api({ command: 'buy_expired_closeout_domain', domain: c.domainName }, keyB)).BuyExpiredCloseoutDomainResponse.Status).toBe('error');
    expect((await api({ command: 'buy_expired_closeout_domain', domain: c.domainName })).BuyExpiredCloseoutDomainResponse.Status).toBe('success');
    const after = (await api({ command: 'get_expired_closeout_domains', domain: c.domainName })).GetExpiredCloseoutDomainsResponse;
    expect(after.Size).toBe(0);
    const orders = (await api({ command: 'order_list', search_by: 'domain', domain: c.domainName })).OrderListResponse.OrderList as Json[];
    expect(orders).toHaveLength(1);
    const status = (await api({ command: 'get_order_status', order_id: orders[0]!.OrderId })).GetOrderStatusResponse.OrderStatus;
    expect(status).toMatchObject({ OrderStatus: 'Completed', ItemList: [{ ItemName: c.domainName, ItemStatus: 'Completed' }] });
  });

  it('reports the get_open_backorder_auctions command as disabled, as the seed does', async () => {
    const r = await api({ command: 'get_open_backorder_auctions' });
    expect(r.GetOpenBackorderAuctionsResponse).toMatchObject({ ResponseCode: '-1', Status: 'error' });
  });

  it('answers control errors as JSON', async () => {
    expect(await control({ action: 'domain', account: 'dyn-z', name: 'x.com' })).toMatchObject({ ok: false });
    expect(await control({ action: 'explode' })).toMatchObject({ ok: false });
    expect(await control({ action: 'domain', account: 'dyn-a', name: 'not-mine-at-all.com' })).toEqual({ ok: true, account: 'dyn-a', domain: null });
  });
});

describe('dynadot list_domain XML fast path', () => {
  it('writes exactly what the generic serializer writes for every kind of domain', async () => {
    const { createPortfolio } = await import('../../../src-main/sandbox/core/portfolio.js');
    const { createAccount } = await import('../../../src-main/sandbox/dynadot/state.js');
    const { domainView, domainXml } = await import('../../../src-main/sandbox/dynadot/commands/domains.js');
    const { fastXml } = await import('../../../src-main/sandbox/dynadot/xml.js');
    const portfolio = createPortfolio('xml-check', () => Date.UTC(2025, 0, 1));
    const account = createAccount({ label: 'dyn-a', key: 'k', username: 'u', count: 200, balanceMinor: 0, searchLimit: 1 }, portfolio, () => Date.UTC(2025, 0, 1));
    const all = [...account.domains().values()];
    all[0]!.note = 'a & <b> "c"';
    all[1]!.ns = { type: 'dns', main: [], sub: [], ttl: 300 };
    all[2]!.ns = { type: 'nameservers', hosts: ['ns1.example.net', 'ns2.example.net'] };
    account.folders.push({ id: 99, name: 'R&D <x>', renewOption: 'auto', renewOptionEnabled: false });
    all[3]!.folderId = 99;
    for (const d of all) expect(domainXml(account, d)).toBe(fastXml('Domain', domainView(account, d, 'xml')));
  });
});
