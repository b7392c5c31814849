import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../../src-main/sandbox/server.js';

/**
 * MrDomain usage rules (seed 002 §1.1–1.3) and the money paths: the IP
 * allow-list, simultaneous requests, the error budget and mass checks each
 * block the account with their own "Account blocked" code, and a renewal
 * with a stale curExpDate charges nothing.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are probed field by field in assertions
type Loose = any;
type Json = { success: boolean; errorCode: number; errorCodeMsg: string; action: string; messages?: string[]; responseData: Loose };

function client(sandbox: RunningSandbox, label: string) {
  const info = sandbox.descriptor.registrars.mrdomain;
  const creds = info.accounts.find((a) => a.label === label)!.credentials;
  return async (action: string, form: Record<string, string> = {}, override: Record<string, string> = {}): Promise<Json> => {
    const body = new URLSearchParams({ ...creds, ...override, ...form });
    const res = await fetch(`${info.endpoint}/${action}/`, { method: 'POST', body });
    expect(res.status).toBe(200);
    return (await res.json()) as Json;
  };
}

async function control(sandbox: RunningSandbox, body: Record<string, unknown>): Promise<Loose> {
  return sandbox.control('mrdomain', body);
}

describe('mrdomain rules', () => {
  let sandbox: RunningSandbox;

  beforeAll(async () => {
    sandbox = await startSandbox({
      seed: 'test',
      domains: 50,
      registrars: { mrdomain: { errorBudget: 5, errorWindowMs: 60_000, checkBudget: 3, checkWindowMs: 60_000, blockMs: 30_000, maxConcurrent: 4 } },
    });
  });

  afterAll(async () => {
    await sandbox.close();
  });

  afterEach(async () => {
    sandbox.setFaults({ mrdomain: null });
    for (const account of ['mrd-a', 'mrd-b']) {
      await control(sandbox, { action: 'unblock', account });
      await control(sandbox, { action: 'allowIps', account, ips: null });
    }
  });

  it('blocks the account once it goes over the error budget (1011) and counts one block', async () => {
    const call = client(sandbox, 'mrd-b');
    const before = sandbox.stats().mrdomain!['mrd-b']!;
    for (let i = 0; i < 5; i++) {
      const r = await call('tool/nosuchaction');
      expect(r.errorCode).toBe(102);
    }
    const sixth = await call('tool/nosuchaction');
    expect(sixth).toMatchObject({ success: false, errorCode: 1011, errorCodeMsg: 'Account blocked' });
    // Everything is refused while blocked, even a valid call.
    expect((await call('tool/hello')).errorCode).toBe(1011);
    const after = sandbox.stats().mrdomain!['mrd-b']!;
    expect(after.blocks - before.blocks).toBe(1);
    expect(after.violations - before.violations).toBe(1);
    expect(after.errors - before.errors).toBe(7);
    expect(after.limits).toMatchObject({ errorBudget: 5, errorWindowMs: 60_000, maxConcurrent: 4, blockMs: 30_000 });
    expect(after.pausedUntil).not.toBeNull();
  });

  it('lifts a block when its time is up', async () => {
    const call = client(sandbox, 'mrd-b');
    await control(sandbox, { action: 'block', account: 'mrd-b', ms: 5_000 });
    expect((await call('tool/hello')).errorCode).toBe(1000);
    sandbox.clock.advance(5_001);
    expect((await call('tool/hello')).success).toBe(true);
    expect(sandbox.stats().mrdomain!['mrd-b']!.pausedUntil).toBeNull();
  });

  it('blocks an account that sends more simultaneous requests than allowed (1010)', async () => {
    const call = client(sandbox, 'mrd-b');
    sandbox.setFaults({ mrdomain: { latency: { ms: 150, jitter: 0 } } });
    const before = sandbox.stats().mrdomain!['mrd-b']!;
    const results = await Promise.all(Array.from({ length: 6 }, () => call('tool/hello')));
    const blocked = results.filter((r) => r.errorCode === 1010);
    expect(blocked.length).toBeGreaterThanOrEqual(1);
    expect(results.filter((r) => r.success).length).toBeLessThanOrEqual(4);
    sandbox.setFaults({ mrdomain: null });
    expect((await call('account/info')).errorCode).toBe(1010);
    const after = sandbox.stats().mrdomain!['mrd-b']!;
    expect(after.blocks - before.blocks).toBe(1);
    expect(after.maxConcurrent).toBeGreaterThanOrEqual(5);
  });

  it('refuses calls from an IP that is not registered (1007), loopback allowed by default', async () => {
    const call = client(sandbox, 'mrd-a');
    expect((await call('tool/hello')).responseData.ip).toBe('127.0.0.1');
    await control(sandbox, { action: 'allowIps', account: 'mrd-a', ips: ['10.0.0.1'] });
    const r = await call('account/info');
    expect(r).toMatchObject({ success: false, errorCode: 1007, errorCodeMsg: 'Account filtered', responseData: [] });
    expect(sandbox.stats().mrdomain!['mrd-a']!.limits?.allowedIps).toBe('10.0.0.1');
    await control(sandbox, { action: 'allowIps', account: 'mrd-a', ips: ['10.0.0.1', '127.0.0.1'] });
    expect((await call('account/info')).success).toBe(true);
  });

  it('treats mass availability checks as abuse (1012)', async () => {
    const call = client(sandbox, 'mrd-b');
    for (let i = 0; i < 3; i++) expect((await call('domain/check', { domain: `probe-${i}.com` })).success).toBe(true);
    const r = await call('domain/check', { domain: 'probe-3.com' });
    expect(r.errorCode).toBe(1012);
    expect((await call('tool/hello')).errorCode).toBe(1012);
  });

  it('answers login problems with the seed codes', async () => {
    const info = sandbox.descriptor.registrars.mrdomain;
    const creds = info.accounts[0]!.credentials;
    const call = client(sandbox, 'mrd-a');
    expect((await call('tool/hello', {}, { apipasswd: 'wrong' })).errorCode).toBe(1004);
    expect((await call('tool/hello', {}, { apiuser: 'nobody' })).errorCode).toBe(1003);
    const bare = await fetch(`${info.endpoint}/tool/hello/`, { method: 'POST', body: new URLSearchParams() });
    expect(((await bare.json()) as Json).errorCode).toBe(200);
    // GET parameters are ignored (seed §2): the credentials in the query do not count.
    const get = await fetch(`${info.endpoint}/tool/hello/?${new URLSearchParams(creds)}`);
    expect(((await get.json()) as Json).errorCode).toBe(200);
  });

  it('accepts multipart bodies (the seed\'s Java sample) and XML output', async () => {
    const info = sandbox.descriptor.registrars.mrdomain;
    const creds = info.accounts[0]!.credentials;
    const fd = new FormData();
    fd.set('apiuser', creds.apiuser!);
    fd.set('apipasswd', creds.apipasswd!);
    const multipart = (await (await fetch(`${info.endpoint}/tool/hello/`, { method: 'POST', body: fd })).json()) as Json;
    expect(multipart.success).toBe(true);
    const xml = await fetch(`${info.endpoint}/tool/hello/`, { method: 'POST', body: new URLSearchParams({ ...creds, 'output-format': 'xml' }) });
    const text = await xml.text();
    expect(text).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<data><success>1<\/success><errorCode>0<\/errorCode>/);
    expect(text).toContain('<action>tool/hello</action>');
  });
});

describe('mrdomain renew and updates', () => {
  let sandbox: RunningSandbox;

  beforeAll(async () => {
    sandbox = await startSandbox({ seed: 'test', domains: 50 });
  });

  afterAll(async () => {
    await sandbox.close();
  });

  async function pick(account: string): Promise<{ name: string; expiresAt: string }> {
    const r = await control(sandbox, { action: 'domains', account, status: 'active', limit: 50 });
    const d = (r.domains as { name: string; expiresAt: string; modifyBlock: boolean; renewable: boolean }[]).find((x) => !x.modifyBlock && x.renewable)!;
    return d;
  }

  it('refuses a renewal with the wrong curExpDate (2100) and charges nothing', async () => {
    const call = client(sandbox, 'mrd-a');
    const d = await pick('mrd-a');
    const balance = (await call('account/info')).responseData.balance as number;
    const r = await call('domain/renew', { domain: d.name, curExpDate: '2001-01-01', period: '1' });
    expect(r).toMatchObject({ success: false, errorCode: 2100, errorCodeMsg: 'Domain renew error' });
    expect((await call('account/info')).responseData.balance).toBe(balance);
    const after = await control(sandbox, { action: 'domain', account: 'mrd-a', name: d.name });
    expect(after.domain.expiresAt).toBe(d.expiresAt);
  });

  it('renews with the right curExpDate, moves the expiry, bills, and a replay is refused', async () => {
    const call = client(sandbox, 'mrd-a');
    const d = await pick('mrd-a');
    const cur = d.expiresAt.slice(0, 10);
    const balance = (await call('account/info')).responseData.balance as number;
    const r = await call('domain/renew', { domain: d.name, curExpDate: cur.replace(/-/g, ''), period: '2' });
    expect(r.success).toBe(true);
    const item = r.responseData.domains[0];
    expect(item).toMatchObject({ name: d.name, status: 'renewed', renewPeriod: '2' });
    expect(Number(item.tsExpir.slice(0, 4))).toBe(Number(cur.slice(0, 4)) + 2);
    expect(r.responseData.billing.currency).toBe('EUR');
    const newBalance = (await call('account/info')).responseData.balance as number;
    expect(newBalance).toBeCloseTo(balance - r.responseData.billing.total, 2);
    // The same request again (e.g. a blind retry) no longer matches: no second charge.
    const replay = await call('domain/renew', { domain: d.name, curExpDate: cur, period: '2' });
    expect(replay.errorCode).toBe(2100);
    expect((await call('account/info')).responseData.balance).toBeCloseTo(newBalance, 2);
    const info = await call('domain/getinfo', { domain: d.name });
    expect(info.responseData.tsExpir).toBe(item.tsExpir);
  });

  it('fails with 1100 when the balance does not cover the renewal', async () => {
    const call = client(sandbox, 'mrd-b');
    const d = await pick('mrd-b');
    await control(sandbox, { action: 'setBalance', account: 'mrd-b', amountMinor: 100 });
    const r = await call('domain/renew', { domain: d.name, curExpDate: d.expiresAt.slice(0, 10) });
    expect(r).toMatchObject({ success: false, errorCode: 1100, errorCodeMsg: 'Insufficient balance' });
    expect((await call('account/info')).responseData.balance).toBe(1);
    const after = await control(sandbox, { action: 'domain', account: 'mrd-b', name: d.name });
    expect(after.domain.expiresAt).toBe(d.expiresAt);
  });

  it('applies every updateType and honours the modifications lock', async () => {
    const call = client(sandbox, 'mrd-a');
    const { name } = await pick('mrd-a');
    await control(sandbox, { action: 'setDomain', account: 'mrd-a', name, transferBlock: true });
    expect((await call('domain/update', { domain: name, updateType: 'nameservers', nameservers: 'ns1.example.net,ns2.example.net' })).success).toBe(true);
    expect((await call('domain/update', { domain: name, updateType: 'renewalMode', renewalMode: 'letexpire' })).success).toBe(true);
    expect((await call('domain/update', { domain: name, updateType: 'whoisPrivacy', whoisPrivacy: 'false' })).success).toBe(true);
    expect((await call('domain/update', { domain: name, updateType: 'tag', tag: 'sale,keep' })).success).toBe(true);
    expect((await call('domain/update', { domain: name, updateType: 'transferBlock', transferBlock: 'false' })).success).toBe(true);
    const status = (await call('domain/getinfo', { domain: name, infoType: 'status' })).responseData;
    expect(status).toMatchObject({ renewalMode: 'letexpire', whoisPrivacy: false, tag: 'sale,keep', transferBlock: false, authcodeCheck: true });
    const ns = (await call('domain/getnameservers', { domain: name })).responseData;
    expect(ns.nameservers.map((n: { name: string }) => n.name)).toEqual(['ns1.example.net', 'ns2.example.net']);
    expect(ns.defaultNS).toBe(false);
    expect((await call('domain/list', { tag: 'keep', domain: name })).responseData.queryInfo.total).toBe(1);

    expect((await call('domain/update', { domain: name, updateType: 'block', block: 'true' })).success).toBe(true);
    expect((await call('domain/update', { domain: name, updateType: 'nameservers', nameservers: 'default' })).errorCode).toBe(2202);
    const cur = (await call('domain/getinfo', { domain: name })).responseData.tsExpir as string;
    expect((await call('domain/renew', { domain: name, curExpDate: cur })).errorCode).toBe(2102);
    expect((await call('domain/update', { domain: name, updateType: 'block', block: 'false' })).success).toBe(true);

    expect((await call('domain/update', { domain: name, updateType: 'nameservers', nameservers: 'only-one.example.net' })).errorCode).toBe(105);
    expect((await call('domain/update', { domain: name, updateType: 'renewalMode', renewalMode: 'sometimes' })).errorCode).toBe(105);
    expect((await call('domain/update', { domain: name, updateType: 'colour' })).errorCode).toBe(105);
    expect((await call('domain/update', { domain: name })).errorCode).toBe(101);
    expect((await call('domain/update', { domain: 'not-mine-at-all.com', updateType: 'tag', tag: 'x' })).errorCode).toBe(2008);
    const history = (await call('domain/gethistory', { domain: name })).responseData;
    expect(history.queryInfo.total).toBeGreaterThanOrEqual(8);
  });

  it('pages domain/list with filters and infoType', async () => {
    const call = client(sandbox, 'mrd-a');
    const first = (await call('domain/list', { pageLength: '7', page: '8' })).responseData;
    expect(first.queryInfo).toEqual({ page: 8, pageLength: 7, results: 1, total: 50 });
    const all = (await call('domain/list')).responseData;
    expect(all.queryInfo).toMatchObject({ page: 1, pageLength: 1000, results: 50, total: 50 });
    const tld = all.domains[0].tld as string;
    const byTld = (await call('domain/list', { tld })).responseData;
    expect(byTld.domains.every((d: { tld: string }) => d.tld === tld)).toBe(true);
    const withNs = (await call('domain/list', { pageLength: '2', infoType: 'nameservers' })).responseData.domains[0];
    expect(withNs).toHaveProperty('defaultNS');
    expect((await call('domain/list', { infoType: 'authcode' })).errorCode).toBe(105);
    expect((await call('domain/list', { page: '0' })).errorCode).toBe(105);
  });

  it('replaces a DNS zone atomically with dnssetzone and validates records', async () => {
    const call = client(sandbox, 'mrd-a');
    const svc = (await control(sandbox, { action: 'domains', account: 'mrd-a', service: true, limit: 1 })).domains[0].name as string;
    const zone = [
      { name: svc, type: 'A', ttl: '-', priority: '-', value: '8.1.1.18' },
      { name: `www.${svc}`, type: 'CNAME', ttl: '3600', priority: '-', value: svc },
      { name: svc, type: 'MX', ttl: '-', priority: '5', value: `mail.${svc}` },
    ];
    const b64 = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64');
    expect((await call('service/dnssetzone', { serviceName: svc, dnsZoneData: b64(zone) })).success).toBe(true);
    const list = (await call('service/dnslist', { serviceName: svc })).responseData;
    expect(list.dns.map((r: { type: string; value: string }) => `${r.type} ${r.value}`)).toEqual(['A 8.1.1.18', `CNAME ${svc}`, `MX mail.${svc}`]);
    const bad = await call('service/dnssetzone', { serviceName: svc, dnsZoneData: b64([...zone, { name: svc, type: 'A', value: 'not-an-ip' }]) });
    expect(bad.errorCode).toBe(4004);
    expect((await call('service/dnslist', { serviceName: svc })).responseData.queryInfo.total).toBe(3);
    expect((await call('service/dnssetzone', { serviceName: svc, dnsZoneData: '%%%' })).errorCode).toBe(105);
    expect((await call('service/dnsgetinfo', { serviceName: svc, entityID: 'SRV0-0' })).errorCode).toBe(4002);
    const noService = (await control(sandbox, { action: 'domains', account: 'mrd-a', service: false, limit: 1 })).domains[0].name as string;
    expect((await call('service/dnslist', { serviceName: noService })).errorCode).toBe(4001);
    expect((await call('service/dnsrestore', { serviceName: svc })).success).toBe(true);
    expect((await call('service/dnslist', { serviceName: svc, filterType: 'MX' })).responseData.dns[0].value).toBe('mx1.dondominio.com');
  });

  it('issues an SSL order after the CA delay and bills it', async () => {
    const call = client(sandbox, 'mrd-a');
    const csr = (
      await call('ssl/csrcreate', {
        commonName: 'shop.example.org',
        organizationName: 'X',
        organizationalUnitName: 'Y',
        countryName: 'ES',
        stateOrProvinceName: 'Madrid',
        localityName: 'Madrid',
        emailAddress: 'a@example.org',
      })
    ).responseData;
    expect((await call('ssl/csrdecode', { csrData: csr.csrData })).responseData.commonName).toBe('shop.example.org');
    const contact = (await call('contact/list')).responseData.contacts[0].contactID as string;
    const order = await call('ssl/create', { csrData: csr.csrData, productID: '1', adminContactID: contact, period: '2' });
    expect(order.responseData.billing).toEqual({ total: 9.9, currency: 'EUR' });
    const id = order.responseData.ssl.certificateID as number;
    expect((await call('ssl/getinfo', { certificateID: String(id), infoType: 'ssldata' })).errorCode).toBe(5000);
    sandbox.clock.advance(300_001);
    const issued = (await call('ssl/getinfo', { certificateID: String(id) })).responseData;
    expect(issued).toMatchObject({ status: 'valid', alternativeNames: ['shop.example.org'] });
    expect((await call('ssl/getinfo', { certificateID: '999' })).errorCode).toBe(5001);
    expect((await call('ssl/create', { csrData: 'nope', productID: '1', adminContactID: contact })).errorCode).toBe(5000);
  });

  it('exposes the internal record through the control endpoint', async () => {
    const res = await fetch(`${sandbox.origin}/__sandbox/registrars/mrdomain/control`, {
      method: 'POST',
      body: JSON.stringify({ action: 'domain', account: 'mrd-a', name: (await pick('mrd-a')).name }),
    });
    const body = (await res.json()) as { ok: boolean; domain: Record<string, unknown> };
    expect(body.ok).toBe(true);
    expect(body.domain).toMatchObject({ status: 'active', tld: expect.any(String), authcode: expect.any(String) });
    expect(await control(sandbox, { action: 'nope', account: 'mrd-a' })).toMatchObject({ ok: false });
  });
});

describe('mrdomain accounts', () => {
  it('derives credentials from the seed and sizes the second portfolio from the first', async () => {
    const a = await startSandbox({ seed: 'one', domains: 200 });
    const b = await startSandbox({ seed: 'one', domains: 200 });
    const c = await startSandbox({ seed: 'two', domains: 200 });
    try {
      const creds = (s: RunningSandbox) => s.descriptor.registrars.mrdomain.accounts.map((x) => [x.label, x.credentials]);
      expect(creds(a)).toEqual(creds(b));
      expect(creds(a)).not.toEqual(creds(c));
      expect(a.descriptor.registrars.mrdomain.accounts.map((x) => x.label)).toEqual(['mrd-a', 'mrd-b']);
      expect(Object.keys(a.descriptor.registrars.mrdomain.accounts[0]!.credentials).sort()).toEqual(['apipasswd', 'apiuser']);
      const list = await client(a, 'mrd-b')('domain/list');
      expect(list.responseData.queryInfo.total).toBe(10);
    } finally {
      await Promise.all([a.close(), b.close(), c.close()]);
    }
  });
});
