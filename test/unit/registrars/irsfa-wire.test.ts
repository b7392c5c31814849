import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MockAgent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { createIrsfaAdapter, IRSFA_PRODUCTION_ORIGIN, IrsfaValidationError, type IrsfaAdapter, type IrsfaTokenStore } from '../../../src-main/registrars/irsfa/index.js';
import { createPassthroughLane } from '../../helpers/passthrough-lane.js';
import { failure } from '../../helpers/registrar-failure.js';

/**
 * The Irsfa adapter against canned answers (undici MockAgent): every well-formed
 * example of seed 000 that the adapter consumes, and the error answers the
 * sandbox does not produce (second 401, 403, 429, Laravel field maps, HTML pages).
 */

const FIXTURES = join(import.meta.dirname, '../../fixtures/sandbox/irsfa');
interface Fixture {
  request: { method: string; path: string };
  expected: { status: number; body: unknown };
}
const fixtures = new Map<string, Fixture>(readdirSync(FIXTURES).filter((f) => f.endsWith('.json')).map((f) => [f.replace(/^\d+-|\.json$/g, ''), JSON.parse(readFileSync(join(FIXTURES, f), 'utf8')) as Fixture]));
const seedBody = (key: string): unknown => fixtures.get(key)!.expected.body;

interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}
interface Seen {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

let agents: MockAgent[] = [];
afterEach(async () => {
  await Promise.all(agents.map((a) => a.close()));
  agents = [];
});

/** A fake Irsfa: answers per path (a list is consumed in order, its last answer repeats) and records each request. */
function fakeIrsfa(options: { now?: () => number; tokenStore?: IrsfaTokenStore } = {}) {
  const routes = new Map<string, Reply | Reply[]>([['/api/oauth/token', { status: 200, body: seedBody('oauth-token-200') }]]);
  const seen: Seen[] = [];
  const agent = new MockAgent();
  agent.disableNetConnect();
  agents.push(agent);
  agent
    .get(IRSFA_PRODUCTION_ORIGIN)
    .intercept({ path: () => true, method: () => true })
    .reply((req) => {
      const headers = Object.fromEntries(Object.entries((req.headers ?? {}) as Record<string, string>).map(([k, v]) => [k.toLowerCase(), String(v)]));
      seen.push({ method: req.method, path: req.path, headers, body: typeof req.body === 'string' ? JSON.parse(req.body) : undefined });
      const route = routes.get(req.path);
      const reply = Array.isArray(route) ? (route.length > 1 ? route.shift()! : route[0]!) : route;
      if (!reply) return { statusCode: 404, data: JSON.stringify({ code: 404, message: `The route ${req.path} could not be found.`, error: [] }) };
      return { statusCode: reply.status, data: typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body), responseOptions: { headers: reply.headers ?? {} } };
    })
    .persist();
  const logs: string[] = [];
  const adapter: IrsfaAdapter = createIrsfaAdapter(
    {
      accountId: 'a1',
      label: 'irs-unit',
      registrar: 'irsfa',
      endpoint: IRSFA_PRODUCTION_ORIGIN,
      credentials: { clientId: 'client-1234', clientSecret: 'secret-abcdef' },
      lane: createPassthroughLane(),
      http: agent,
      now: options.now ?? (() => Date.now()),
      log: (_level, message) => logs.push(message),
    },
    { tokenStore: options.tokenStore },
  );
  const rest = (action: string, reply: Reply | Reply[]): void => void routes.set(`/api/rest/v3/${action}`, reply);
  const fromSeed = (action: string, key: string): void => rest(action, { status: fixtures.get(key)!.expected.status, body: seedBody(key) });
  const count = (path: string): number => seen.filter((s) => s.path === path).length;
  return { adapter, routes, seen, logs, rest, fromSeed, count };
}


const DS = { keyTag: 11111, algorithm: 8, digestType: 1, digest: '123ABC123ABCBC12AB3CABC123AB12C3A123BC12' };
const ORDER = { hostnames: ['www.example.com'], csr: 'csr', contact: 'TC000001-ID', approvalEmail: 'admin@example.com' };

describe('Irsfa adapter: the seed examples it consumes', () => {
  it('parses the domain, contact, host and DNSSEC examples', async () => {
    const f = fakeIrsfa();
    f.fromSeed('domain/info', 'domain-info-200');
    expect(await f.adapter.getDomain('yourdomain.id')).toMatchObject({ name: 'yourdomain.id', tld: 'id', status: 'active', expiresAt: null });
    f.fromSeed('domain/availability', 'domain-availability-200');
    expect(await f.adapter.checkAvailability('yourdomain.id')).toMatchObject({ available: null, price: null });
    f.fromSeed('domain/lock', 'domain-lock-200');
    await f.adapter.setLock('yourdomain.id', false);
    f.fromSeed('domain/eppcode', 'domain-eppcode-200');
    expect(await f.adapter.getAuthCode('yourdomain.id')).toBe('AAb1abAb');
    f.fromSeed('domain/modify/ns', 'domain-modify-ns-200');
    await f.adapter.setNameservers('yourdomain.id', ['ns1.example.net']);
    f.fromSeed('domain/restore', 'domain-restore-200');
    expect(await f.adapter.restore('yourdomain.id', 1)).toEqual({ newExpiresAt: null });
    f.fromSeed('domain/transfer', 'domain-transfer-200');
    await f.adapter.transferIn({ name: 'yourdomain.id', authCode: '1234AA?bbb5c6d7:e', registrant: { firstName: 'Jhon', lastName: 'Doe', street: 'Your Street Address', city: 'Jakarta', state: 'DKI Jakarta', zipCode: '41111', country: 'ID', email: 'a@example.com', telephone: '+6282111111111' } });
    f.fromSeed('domain/contact/create', 'domain-contact-create-200');
    expect(await f.adapter.createContact({ firstName: 'Jhon', lastName: 'Doe', street: 's', city: 'c', state: 's', zipCode: '1', country: 'ID', email: 'a@example.com', telephone: '+6282111111111' })).toBe('contact_id');
    f.fromSeed('domain/contact/update', 'domain-contact-update-200');
    expect(await f.adapter.updateContact('contact_id', { street: 's', city: 'c', state: 's', zipCode: '1', country: 'ID', email: 'a@example.com', telephone: '+6282111111111' })).toBe('contact_id');
    f.fromSeed('domain/nameserver/get', 'domain-nameserver-get-200');
    expect(await f.adapter.getHost('ns.mydomain.com')).toMatchObject({ nameserverId: null, host: 'ns.mydomain.com', ipv4: [] });
    f.fromSeed('domain/nameserver/create', 'domain-nameserver-create-200');
    await f.adapter.createHost({ host: 'ns.mydomain.com', ipv4: '123.23.23.23', ipv6: '1234:0:0:0:5:600:700C:890A' });
    f.fromSeed('domain/nameserver/delete', 'domain-nameserver-delete-200');
    await f.adapter.deleteHost('ns.mydomain.com', 1234);
    f.fromSeed('domain/dnssec/get', 'domain-dnssec-get-200');
    expect(await f.adapter.getDnssec('yourdomain.com')).toMatchObject([{ keyTag: 11111, algorithm: null, digestType: null, digest: DS.digest, createdAt: null }]);
    f.fromSeed('domain/dnssec/create', 'domain-dnssec-create-200');
    await f.adapter.addDnssec('yourdomain.com', DS);
    f.fromSeed('domain/dnssec/delete', 'domain-dnssec-delete-200');
    expect(await f.adapter.removeDnssec('yourdomain.com', DS)).toMatchObject({ keyTag: 11111, digest: DS.digest });
    // The DNSSEC examples send the extension with its dot; the others without.
    expect(f.seen.find((s) => s.path.endsWith('dnssec/create'))!.body).toMatchObject({ domain_name: 'yourdomain', domain_extension: '.com', key_tag: '11111', alg: 8, digest_type: 1 });
    expect(f.seen.find((s) => s.path.endsWith('domain/info'))!.body).toEqual({ domain_name: 'yourdomain', domain_extension: 'id' });
  });

  it('renews with the seed renew example once the expiry matches', async () => {
    const f = fakeIrsfa();
    const info = (exp: string): Reply => ({ status: 200, body: { code: 200, message: 'Successfully proccess the request!', data: { domain: 'yourdomain.id', status_domain: 'Active', expiration_date: exp } } });
    f.rest('domain/info', [info('2026-03-01 00:00:00'), info('2027-03-01 00:00:00')]);
    f.fromSeed('domain/renew', 'domain-renew-200');
    const result = await f.adapter.renew({ name: 'yourdomain.id', years: 1, expectedExpiresAt: '2026-03-01T00:00:00.000Z', idempotencyKey: 'k1', allowLateFee: false });
    expect(result).toEqual({ state: 'renewed', newExpiresAt: '2027-03-01T00:00:00.000Z', charged: null });
    expect(f.seen.find((s) => s.path.endsWith('domain/renew'))!.body).toEqual({ domain_name: 'yourdomain', domain_extension: 'id', period: 1, description: 'DomainDeck renewal k1' });
  });

  it('parses the SSL examples, prices in IDR minor units', async () => {
    const f = fakeIrsfa();
    f.fromSeed('ssl/type', 'ssl-type-200');
    expect(await f.adapter.ssl.types()).toEqual([
      { id: 1, name: 'Domain Validation', active: true },
      { id: 2, name: 'Extended Validation', active: true },
    ]);
    f.fromSeed('ssl/product', 'ssl-product-200');
    expect((await f.adapter.ssl.products())[0]).toMatchObject({ productId: 'PR00019', prices: { register: { amountMinor: 6_500_000, currency: 'IDR' }, transfer: null, restore: { amountMinor: 39_000_000, currency: 'IDR' } } });
    f.fromSeed('ssl/detail', 'ssl-detail-200');
    const detail = await f.adapter.ssl.order(5);
    expect(detail).toMatchObject({ id: 5, status: 'pending', orderedAt: '2023-06-20T09:07:11.000Z', expiresAt: '2024-06-20T09:07:11.000Z', certificateStatus: 'VALID' });
    expect(detail.verification[1]).toEqual({ type: 'SYSTEM', state: 'REQUIRED', description: 'Placing CAA record in DNS for your Domain', expiresAt: '2024-08-27T17:02:34.101Z' });
    expect(f.seen.find((s) => s.path.endsWith('ssl/detail'))).toMatchObject({ method: 'GET', body: { id: 5 } });
    f.fromSeed('ssl/list', 'ssl-list-200');
    expect(await f.adapter.ssl.orders({ hostname: 'www.example.com' })).toMatchObject({ page: 1, lastPage: 1, total: 1, items: [{ id: 32, status: 'active', hostname: 'www.example.com' }] });
    f.fromSeed('ssl/create', 'ssl-create-200');
    expect(await f.adapter.ssl.create({ ...ORDER, productId: 'PR00056', period: 1, validationMethods: ['admin@example.com'] })).toMatchObject({ orderId: 32, hostname: 'www.example.com', period: 1 });
    f.fromSeed('ssl/reissue', 'ssl-reissue-200');
    expect((await f.adapter.ssl.reissue(4, ORDER)).orderId).toBe(74);
    f.fromSeed('ssl/modify', 'ssl-modify-200');
    expect(await f.adapter.ssl.modify(4, ['dns'])).toEqual({ orderId: 74 });
    f.fromSeed('ssl/renew', 'ssl-renew-200');
    expect((await f.adapter.ssl.renew(4, { ...ORDER, period: 1, validationMethods: ['dns'] })).orderId).toBe(74);
    f.fromSeed('ssl/generate', 'ssl-generate-200');
    expect(await f.adapter.ssl.generateCsr({ registryId: 2, bits: 1, hostname: 'yourhost.com', country: 'ID', state: 'Bandung', locality: 'ID', organization: 'o', email: 'a@example.com' })).toMatchObject({ keyPath: 'key_12345', privateKey: expect.stringMatching(/PRIVATE KEY/) });
    f.fromSeed('ssl/decode', 'ssl-decode-200');
    expect(await f.adapter.ssl.decodeCsr(2, 'csr')).toMatchObject({ bits: 2048, subject: { commonName: 'www.example.com' }, domainNames: 1, wildcardDomainNames: null });
  });

  it('maps every documented error example to its normalized kind', async () => {
    const f = fakeIrsfa();
    const cases: [string, string, () => Promise<unknown>, string][] = [
      ['domain/info', 'domain-info-404', () => f.adapter.getDomain('yourdomain.id'), 'NotFound'],
      ['domain/availability', 'domain-availability-404', () => f.adapter.checkAvailability('yourdomain.id'), 'NotFound'],
      ['domain/contact/create', 'domain-contact-create-422', () => f.adapter.createContact({ firstName: 'a', lastName: 'b', street: 's', city: 'c', state: 's', zipCode: '1', country: 'ID', email: 'e', telephone: 't' }), 'Invalid'],
      ['domain/lock', 'domain-lock-422', () => f.adapter.setLock('yourdomain.id', true), 'Invalid'],
      ['domain/eppcode', 'domain-eppcode-500', () => f.adapter.getAuthCode('yourdomain.id'), 'Transient'],
      ['ssl/type', 'ssl-type-500', () => f.adapter.ssl.types(), 'Transient'],
    ];
    for (const [action, key, run, kind] of cases) {
      f.fromSeed(action, key);
      expect((await failure(run())).kind, key).toBe(kind);
    }
    f.routes.set('/api/oauth/token', { status: 404, body: seedBody('oauth-token-404') });
    const auth = await failure(fakeIrsfaWith(f.routes).testConnection());
    expect(auth.kind).toBe('AuthFailed');
    expect(auth.message).toMatch(/^Client authentication failed\. .*Next step/);
  });
});

/** A second adapter sharing a fake's routes (a fresh token cache). */
function fakeIrsfaWith(routes: Map<string, Reply | Reply[]>): IrsfaAdapter {
  const f = fakeIrsfa();
  for (const [k, v] of routes) f.routes.set(k, v);
  return f.adapter;
}

describe('Irsfa adapter: headers and tokens', () => {
  it('sends the seed headers: two on the token call, four on REST calls', async () => {
    const f = fakeIrsfa();
    f.fromSeed('ssl/type', 'ssl-type-200');
    await f.adapter.testConnection();
    const [token, rest] = f.seen;
    expect(token!.body).toEqual({ grant_type: 'client_credentials', client_id: 'client-1234', client_secret: 'secret-abcdef', scope: '' });
    expect(token!.headers).toMatchObject({ 'content-type': 'application/json', accept: 'application/json' });
    expect(token!.headers.authorization).toBeUndefined();
    expect(token!.headers['x-requested-with']).toBeUndefined();
    expect(rest!.headers).toMatchObject({ accept: 'application/json', authorization: 'Bearer your access_token', 'x-requested-with': 'XMLHttpRequest' });
  });

  it('gives up with AuthFailed when a fresh token is refused too', async () => {
    const f = fakeIrsfa();
    f.rest('ssl/type', { status: 401, body: { code: 401, message: 'Unauthenticated.', error: [] } });
    const err = await failure(f.adapter.ssl.types());
    expect(err.kind).toBe('AuthFailed');
    expect(f.count('/api/oauth/token')).toBe(2);
    expect(f.count('/api/rest/v3/ssl/type')).toBe(2);
  });

  it('fetches a new token shortly before expires_in, not before', async () => {
    let now = 1_000_000;
    const f = fakeIrsfa({ now: () => now });
    f.routes.set('/api/oauth/token', { status: 200, body: { token_type: 'Bearer', expires_in: 3600, access_token: 't1' } });
    f.fromSeed('ssl/type', 'ssl-type-200');
    await f.adapter.ssl.types();
    now += 3_200_000;
    await f.adapter.ssl.types();
    expect(f.count('/api/oauth/token')).toBe(1);
    now += 200_000; // within the last 5 minutes (a tenth of this token's life)
    await f.adapter.ssl.types();
    expect(f.count('/api/oauth/token')).toBe(2);
  });

  it('signs in again when the token store cannot be read', async () => {
    const broken: IrsfaTokenStore = { get: () => Promise.reject(new Error('vault locked')), put: () => Promise.resolve() };
    const f = fakeIrsfa({ tokenStore: broken });
    f.fromSeed('ssl/type', 'ssl-type-200');
    await f.adapter.ssl.types();
    expect(f.logs.some((l) => /token store could not be read/.test(l))).toBe(true);
  });

  it('never keeps a token from an unreadable token answer', async () => {
    const f = fakeIrsfa();
    f.routes.set('/api/oauth/token', { status: 200, body: '{"token_type":"Bearer","access_token":"sekrit-token-value","expires_in":' });
    const err = await failure(f.adapter.ssl.types());
    expect(err.kind).toBe('Transient');
    expect(err.raw).not.toContain('sekrit-token-value');
  });
});

describe('Irsfa adapter: answers the sandbox does not give', () => {
  it('lists every field of a 422 answer, as a list or a map', async () => {
    const f = fakeIrsfa();
    f.rest('domain/renew', { status: 422, body: { code: 422, message: 'The given data was invalid.', error: ['The period must be between 1 and 10.', 'The domain extension field is required.'] } });
    f.rest('domain/info', { status: 200, body: { code: 200, message: 'ok', data: { domain: 'a.id', status_domain: 'Active', expiration_date: '2026-01-01 00:00:00' } } });
    const list = await failure(f.adapter.renew({ name: 'a.id', years: 1, expectedExpiresAt: '2026-01-01T00:00:00Z', idempotencyKey: 'k', allowLateFee: false }));
    expect(list).toBeInstanceOf(IrsfaValidationError);
    expect((list as IrsfaValidationError).fields.map((x) => x.field)).toEqual(['period', 'domain_extension']);
    expect(list.field).toBe('period');
    f.rest('domain/lock', { status: 422, body: { code: 422, message: 'The given data was invalid.', error: { status: ['The selected status is invalid.'] } } });
    const map = await failure(f.adapter.setLock('a.id', true));
    expect(map).toMatchObject({ kind: 'Invalid', field: 'status' });
  });

  it('maps 403, 429 with Retry-After, a wrong path, HTML error pages and cut bodies', async () => {
    const f = fakeIrsfa();
    f.rest('ssl/type', { status: 403, body: { code: 403, message: 'Forbidden.', error: [] } });
    expect((await failure(f.adapter.ssl.types())).kind).toBe('NotAllowed');
    f.rest('ssl/type', { status: 429, body: { code: 429, message: 'Too Many Attempts.', error: [] }, headers: { 'retry-after': '7' } });
    expect(await failure(f.adapter.ssl.types())).toMatchObject({ kind: 'RateLimited', retryAfterMs: 7000 });
    f.routes.delete('/api/rest/v3/ssl/type');
    expect(await failure(f.adapter.ssl.types())).toMatchObject({ kind: 'Invalid', field: 'endpoint' });
    f.rest('ssl/type', { status: 502, body: '<html>Bad Gateway</html>' });
    expect(await failure(f.adapter.ssl.types())).toMatchObject({ kind: 'Transient', raw: '<html>Bad Gateway</html>' });
    f.rest('domain/lock', { status: 502, body: '<html>Bad Gateway</html>' });
    expect((await failure(f.adapter.setLock('a.id', true))).kind).toBe('OutcomeUnknown');
    f.rest('ssl/type', { status: 200, body: { code: 200, message: 'ok', data: { unexpected: true } } });
    expect((await failure(f.adapter.ssl.types())).kind).toBe('Transient');
  });

  it('withholds the raw body of answers that may carry secrets', async () => {
    const f = fakeIrsfa();
    f.rest('ssl/generate', { status: 200, body: '{"code":200,"message":"ok","data":{"csr":"x","key":"-----BEGIN PRIVATE KEY-----abc' });
    const err = await failure(f.adapter.ssl.generateCsr({ registryId: 2, bits: 1, hostname: 'h.com', country: 'ID', state: 's', locality: 'l', organization: 'o', email: 'a@example.com' }));
    expect(err.kind).toBe('Transient');
    expect(err.raw).not.toContain('abc');
  });
});
