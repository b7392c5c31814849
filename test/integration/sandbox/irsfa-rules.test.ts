import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { domainsIn, domainView, splitName, startIrsfa, type IrsfaTestClient } from '../../fixtures/sandbox/irsfa/harness.js';

/** Rule tests for the Irsfa simulator: OAuth tokens, headers, envelopes, state changes. */

const YEAR_MS = 365 * 86_400_000;
let client: IrsfaTestClient;

beforeAll(async () => {
  client = await startIrsfa({ tokenLifetimeSeconds: 3600 });
});
afterAll(() => client.close());

const irsfaStats = (): Record<string, { violations: number; errors: number; byCommand: Record<string, number> }> =>
  client.sandbox.stats().irsfa as never;

describe('Irsfa OAuth and headers', () => {
  it('issues client_credentials tokens in the seed shape', async () => {
    const c = client.creds('irs-a');
    const res = await client.call('POST', '/api/oauth/token', { grant_type: 'client_credentials', client_id: c.clientId, client_secret: c.clientSecret, scope: "''" });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body as object).sort()).toEqual(['access_token', 'expires_in', 'token_type']);
    expect(res.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
  });

  it('answers a wrong client secret with the documented 404 invalid_client body', async () => {
    const c = client.creds('irs-a');
    const res = await client.call('POST', '/api/oauth/token', { grant_type: 'client_credentials', client_id: c.clientId, client_secret: 'nope', scope: "''" });
    expect(res).toEqual({ status: 404, body: { error: 'invalid_client', message: 'Client authentication failed' } });
    const other = await client.call('POST', '/api/oauth/token', { grant_type: 'client_credentials', client_id: client.creds('irs-b').clientId, client_secret: c.clientSecret });
    expect(other.status).toBe(404);
  });

  it('rejects an unsupported grant type', async () => {
    const res = await client.call('POST', '/api/oauth/token', { grant_type: 'password', client_id: 'x', client_secret: 'y' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'unsupported_grant_type' });
  });

  it('answers a call without a token with 401 in the envelope and counts a violation', async () => {
    const before = irsfaStats()._anonymous?.violations ?? 0;
    const res = await client.call('POST', '/api/rest/v3/domain/info', { domain_name: 'x', domain_extension: 'com' }, { 'X-Requested-With': 'XMLHttpRequest' });
    expect(res).toEqual({ status: 401, body: { code: 401, message: 'Unauthenticated.', error: [] } });
    expect(irsfaStats()._anonymous!.violations).toBe(before + 1);
  });

  it('requires X-Requested-With: XMLHttpRequest', async () => {
    const token = await client.token();
    const res = await client.call('GET', '/api/rest/v3/ssl/type', undefined, { Authorization: `Bearer ${token}` });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 400, error: [] });
    expect(irsfaStats()['irs-a']!.violations).toBeGreaterThan(0);
  });

  it('expires tokens after expires_in on the simulated clock', async () => {
    const token = await client.token();
    expect((await client.rest(token, 'GET', 'ssl/type')).status).toBe(200);
    client.sandbox.clock.advance(3601 * 1000);
    const res = await client.rest(token, 'GET', 'ssl/type');
    expect(res).toEqual({ status: 401, body: { code: 401, message: 'Unauthenticated.', error: [] } });
    expect((await client.rest(await client.token(), 'GET', 'ssl/type')).status).toBe(200);
  });

  it('invalidates every token on the expireTokens fault', async () => {
    const a = await client.token('irs-a');
    const b = await client.token('irs-b');
    const fault = await fetch(`${client.sandbox.origin}/__sandbox/faults`, { method: 'POST', body: JSON.stringify({ irsfa: { expireTokens: true } }) });
    expect(fault.status).toBe(200);
    await fetch(`${client.sandbox.origin}/__sandbox/faults`, { method: 'POST', body: JSON.stringify({ irsfa: null }) });
    expect((await client.rest(a, 'GET', 'ssl/type')).status).toBe(401);
    expect((await client.rest(b, 'GET', 'ssl/type')).status).toBe(401);
    expect((await client.rest(await client.token(), 'GET', 'ssl/type')).status).toBe(200);
  });

  it('answers unknown routes with 404 and wrong verbs with 405, before authentication', async () => {
    expect((await client.call('POST', '/api/rest/v3/domain/list', {})).status).toBe(404);
    const wrong = await client.call('GET', '/api/rest/v3/domain/info');
    expect(wrong.status).toBe(405);
    expect(wrong.body).toMatchObject({ code: 405, error: [] });
  });

  it('reports token lifetime in the stats limits', () => {
    const stats = client.sandbox.stats().irsfa!['irs-a']!;
    expect(stats.limits).toMatchObject({ tokenLifetimeSeconds: 3600 });
    expect(stats.pausedUntil).toBeNull();
  });
});

describe('Irsfa domains', () => {
  let token = '';
  let active: string[] = [];
  beforeAll(async () => {
    active = await domainsIn(client, 'irs-a');
  });
  // Tokens live one simulated hour here and some tests move the clock by days.
  beforeEach(async () => {
    token = await client.token();
  });

  it('lists account domains through the control (the API has no list endpoint)', async () => {
    const a = await client.control<{ total: number; names: string[] }>({ action: 'listDomains', account: 'irs-a' });
    const b = await client.control<{ total: number }>({ action: 'listDomains', account: 'irs-b' });
    expect(a.total).toBe(50);
    expect(b.total).toBe(5);
    expect((await client.control<{ names: string[] }>({ action: 'listDomains', account: 'irs-a', offset: 10, limit: 5 })).names).toEqual(a.names.slice(10, 15));
  });

  it('renew moves expiry by N years and invoices the renewal', async () => {
    const name = active[0]!;
    const before = await domainView(client, 'irs-a', name);
    const res = await client.rest(token, 'POST', 'domain/renew', { domain_name: splitName(name).label, domain_extension: splitName(name).ext, period: 2, description: 'Renew' });
    expect(res.body).toEqual({ code: 200, message: 'Successfully proccess the request!', data: {} });
    const after = await domainView(client, 'irs-a', name);
    const moved = new Date(after.expiresAt);
    const expected = new Date(before.expiresAt);
    expected.setUTCFullYear(expected.getUTCFullYear() + 2);
    expect(moved.getTime()).toBe(expected.getTime());
    const info = await client.rest(token, 'POST', 'domain/info', { domain_name: splitName(name).label, domain_extension: splitName(name).ext });
    expect((info.body.data as { expiration_date: string }).expiration_date).toBe(after.expiresAt.slice(0, 19).replace('T', ' '));
    const { invoices } = await client.control<{ invoices: { item: string; subject: string; amountMinor: number }[] }>({ action: 'invoices', account: 'irs-a' });
    expect(invoices.at(-1)).toMatchObject({ item: 'renew', subject: name, amountMinor: before.renewPriceMinor * 2 });
  });

  it('answers 404 for a domain outside the account and 422 with per-field messages', async () => {
    const other = (await client.control<{ names: string[] }>({ action: 'listDomains', account: 'irs-b' })).names[0]!;
    const res = await client.rest(token, 'POST', 'domain/renew', { domain_name: splitName(other).label, domain_extension: splitName(other).ext, period: 1 });
    expect(res.body).toEqual({ code: 404, message: 'Domain not found in your account!', error: [] });
    const bad = await client.rest(token, 'POST', 'domain/renew', { domain_extension: 'com', period: 'x' });
    expect(bad.status).toBe(422);
    expect(bad.body).toEqual({ code: 422, message: 'The given data was invalid.', error: ['The domain name field is required.', 'The period must be an integer.'] });
  });

  it('locks, unlocks and changes nameservers', async () => {
    const name = active[1]!;
    const d = { domain_name: splitName(name).label, domain_extension: `.${splitName(name).ext}` };
    expect((await client.rest(token, 'POST', 'domain/lock', { ...d, status: 1 })).body.data).toBe('Domain locked!');
    expect((await client.rest(token, 'POST', 'domain/lock', { ...d, status: 0 })).body.data).toBe('Domain unlocked!');
    const ns = await client.rest(token, 'PUT', 'domain/modify/ns', { ...d, nameserver: ['NS1.Example.NET', 'ns2.example.net'] });
    expect(ns.body.data).toBe('Successfully modfy nameserver.');
    const info = await client.rest(token, 'POST', 'domain/info', d);
    expect(info.body.data).toMatchObject({ domain: name, nameserver: ['ns1.example.net', 'ns2.example.net'], lock_status: 0 });
  });

  it('transfers a domain from the other account after transferDays, with the right EPP code only', async () => {
    const tokenB = await client.token('irs-b');
    const [name] = await domainsIn(client, 'irs-b');
    const d = { domain_name: splitName(name!).label, domain_extension: splitName(name!).ext };
    const registrant = { first_name: 'Sari', last_name: 'Dewi', street: 'Jl. Braga', city: 'Bandung', state: 'Jawa Barat', zip_code: 40111, country: 'ID', email: 'sari@example.com', telephone_number: '+6281234567890' };
    await client.rest(tokenB, 'POST', 'domain/lock', { ...d, status: 0 });
    const epp = (await client.rest(tokenB, 'POST', 'domain/eppcode', d)).body.data as string;
    const wrong = await client.rest(token, 'POST', 'domain/transfer', { ...d, epp: 'wrong', ...registrant });
    expect(wrong.body).toEqual({ code: 500, message: 'An error occurred!', error: ['Invalid EPP code.'] });
    expect((await client.rest(token, 'POST', 'domain/transfer', { ...d, epp, ...registrant })).body).toEqual({ code: 200, message: 'Successfully proccess the request!', data: {} });
    expect(((await client.rest(token, 'POST', 'domain/info', d)).body.data as { status_domain: string }).status_domain).toBe('Pending Transfer');
    client.sandbox.clock.advance(5 * 86_400_000 + 1000);
    token = await client.token();
    expect(((await client.rest(token, 'POST', 'domain/info', d)).body.data as { status_domain: string }).status_domain).not.toBe('Pending Transfer');
    const gone = await client.rest(await client.token('irs-b'), 'POST', 'domain/info', d);
    expect(gone.status).toBe(404);
  });

  it('restores a domain in redemption and refuses to renew it first', async () => {
    const name = active[2]!;
    const d = { domain_name: splitName(name).label, domain_extension: splitName(name).ext };
    await client.control({ action: 'setDomain', account: 'irs-a', name, expiresAt: new Date(client.sandbox.clock.now() - 40 * 86_400_000).toISOString() });
    expect((await client.rest(token, 'POST', 'domain/renew', { ...d, period: 1 })).status).toBe(500);
    expect((await client.rest(token, 'POST', 'domain/restore', { ...d, period: 1 })).status).toBe(200);
    const after = await domainView(client, 'irs-a', name);
    expect(after.status).toBe('Active');
    expect(new Date(after.expiresAt).getTime()).toBeGreaterThan(client.sandbox.clock.now() + YEAR_MS / 2);
  });

  it('registers an available name and refuses a taken one', async () => {
    let free = '';
    for (let i = 0; !free; i++) if (!(await client.control<{ registered: boolean }>({ action: 'eppFor', name: `deckrules${i}.id` })).registered) free = `deckrules${i}`;
    const body = {
      domain_name: free, domain_extension: 'id', period: 1, nameserver: ['ns1.irsfa.id', 'ns2.irsfa.id'], first_name: 'Jhon', last_name: 'Doe',
      street: 'Jl. Sudirman', number: 19, city: 'Jakarta', state: 'DKI Jakarta', zip_code: 12190, country: 'ID', email: 'jhon@example.com', telephone_number: '+6282111111111',
    };
    const res = await client.rest(token, 'POST', 'domain/register', body);
    expect(res.body.data).toMatchObject({ domain: `${free}.id` });
    expect((res.body.data as { invoice_no: string }).invoice_no).toMatch(/^IN-Q\d+$/);
    expect((await client.rest(token, 'POST', 'domain/register', body)).body).toEqual({ code: 500, message: 'An error occurred!', error: ['The domain is not available.'] });
  });
});

describe('Irsfa SSL and misc', () => {
  it('generates a CSR that decodes back to its subject, also through the curl-style GET query', async () => {
    const token = await client.token();
    const gen = await client.rest(token, 'POST', 'ssl/generate', { registry_id: 2, bits: 1, hostname: 'shop.example.co.id', country: 'ID', state: 'Bandung', locality: 'ID', organization: 'Toko', unit: 'IT', email: 'it@example.co.id' });
    const { csr, command } = gen.body.data as { csr: string; command: string };
    expect(command).toContain('rsa:2048');
    const dec = await client.rest(token, 'POST', 'ssl/decode', { registry_id: 2, csr });
    expect(dec.body.data).toMatchObject({ publicKey: { bits: '2048' }, subject: { commonName: 'shop.example.co.id', organization: 'Toko', country: 'ID' }, domainNamesCount: '1' });
    const res = await client.call('GET', `/api/rest/v3/ssl/detail?${encodeURIComponent('{"id": 999999}')}`, undefined, { Authorization: `Bearer ${token}`, 'X-Requested-With': 'XMLHttpRequest' });
    expect(res.body).toEqual({ code: 404, message: 'Data not found.', error: [] });
  });

  it('answers Hosting/VPS paths with the documented 500 shape', async () => {
    const res = await client.rest(await client.token(), 'GET', 'vps/product');
    expect(res.status).toBe(500);
    expect(res.body).toMatchObject({ code: 500, message: 'An error occurred!' });
  });

  it('counts requests per command in stats', () => {
    expect(irsfaStats()['irs-a']!.byCommand['domain/renew']).toBeGreaterThan(0);
  });
});
