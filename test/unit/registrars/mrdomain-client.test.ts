import { MockAgent } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMrDomainAdapter, type MrDomainAdapter } from '../../../src-main/registrars/mrdomain/index.js';
import { createPassthroughLane } from '../../helpers/passthrough-lane.js';
import { failure } from '../../helpers/registrar-failure.js';

/**
 * Transport edge cases the sandbox cannot produce on demand: foreign
 * envelopes, unknown codes, and failures on writes vs reads.
 */
const ORIGIN = 'https://simple-api.example.test';
let mock: MockAgent;
let adapter: MrDomainAdapter;
const NOW = 1_750_000_000_000;

function envelope(action: string, responseData: unknown, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ success: true, errorCode: 0, errorCodeMsg: '', action, version: '1.0.20', responseData, ...extra });
}
function errorEnvelope(action: string, code: number, message: string): string {
  return JSON.stringify({ success: false, errorCode: code, errorCodeMsg: 'x', action, version: '1.0.20', messages: [message], responseData: [] });
}


beforeEach(() => {
  mock = new MockAgent();
  mock.disableNetConnect();
  adapter = createMrDomainAdapter(
    {
      accountId: 'a',
      label: 'a',
      registrar: 'mrdomain',
      endpoint: `${ORIGIN}/`,
      credentials: { apiuser: 'user-abc', apipasswd: 'secret-pass-xyz' },
      lane: createPassthroughLane(),
      http: mock,
      now: () => NOW,
      log: () => undefined,
    },
    { blockBackoffMs: 10_000 },
  );
});
afterEach(async () => {
  await mock.close();
});

const pool = () => mock.get(ORIGIN);
const REQ = { name: 'example.com', years: 1, expectedExpiresAt: '2030-01-01T00:00:00.000Z', idempotencyKey: 'k', allowLateFee: false };

describe('MrDomain client', () => {
  it('posts to /<module>/<action>/ with the credentials in the form body', async () => {
    let body = '';
    pool()
      .intercept({ path: '/account/info/', method: 'POST', body: (b) => ((body = b), true) })
      .reply(200, envelope('account/info', { clientName: 'c', apiuser: 'user-abc', balance: 10.5, threshold: 3, currency: 'EUR', ip: '1.2.3.4' }));
    expect(await adapter.getBalance()).toEqual({ amountMinor: 1050, currency: 'EUR' });
    const form = new URLSearchParams(body);
    expect(form.get('apiuser')).toBe('user-abc');
    expect(form.get('apipasswd')).toBe('secret-pass-xyz');
    expect(form.get('output-format')).toBe('json');
  });

  it('refuses an envelope with an unknown field (strict)', async () => {
    pool().intercept({ path: '/account/info/', method: 'POST' }).reply(200, envelope('account/info', {}, { surprise: 1 }));
    const err = await failure(adapter.getBalance());
    expect(err.kind).toBe('Transient');
    expect(err.message).toMatch(/not a MrDomain envelope/);
  });

  it('refuses success=true with a non-zero errorCode', async () => {
    pool().intercept({ path: '/account/info/', method: 'POST' }).reply(200, envelope('account/info', {}, { errorCode: 1000 }));
    expect((await failure(adapter.getBalance())).message).toMatch(/contradicts/);
  });

  it('a block answer carries until = now + the configured back-off, and no secret', async () => {
    pool().intercept({ path: '/account/info/', method: 'POST' }).reply(200, errorEnvelope('account/info', 1011, 'Too many errors for user-abc'));
    const err = await failure(adapter.getBalance());
    expect(err.kind).toBe('AccountBlocked');
    expect(err.until).toBe(NOW + 10_000);
    expect(`${err.message}${err.raw}`).not.toContain('user-abc');
  });

  it('an unknown error code is Transient on a read but OutcomeUnknown on a write', async () => {
    pool().intercept({ path: '/domain/getinfo/', method: 'POST' }).reply(200, errorEnvelope('domain/getinfo', 7777, 'new'));
    expect((await failure(adapter.getStatusInfo('example.com'))).kind).toBe('Transient');
    pool().intercept({ path: '/domain/renew/', method: 'POST' }).reply(200, errorEnvelope('domain/renew', 7777, 'new'));
    expect((await failure(adapter.renew(REQ))).kind).toBe('OutcomeUnknown');
  });

  it('HTTP 503 or a half body after a write is OutcomeUnknown; on a read it is Transient', async () => {
    pool().intercept({ path: '/domain/renew/', method: 'POST' }).reply(503, '<html>busy</html>');
    expect((await failure(adapter.renew(REQ))).kind).toBe('OutcomeUnknown');
    pool().intercept({ path: '/domain/renew/', method: 'POST' }).reply(200, '{"success":true,"errorC');
    expect((await failure(adapter.renew(REQ))).kind).toBe('OutcomeUnknown');
    pool().intercept({ path: '/domain/getinfo/', method: 'POST' }).reply(200, '{"success":true,"errorC');
    expect((await failure(adapter.getStatusInfo('example.com'))).kind).toBe('Transient');
  });

  it('a network failure on a write is OutcomeUnknown', async () => {
    pool().intercept({ path: '/domain/update/', method: 'POST' }).replyWithError(Object.assign(new Error('socket hang up'), { code: 'UND_ERR_SOCKET' }));
    expect((await failure(adapter.setLock('example.com', true))).kind).toBe('OutcomeUnknown');
  });

  it('a renew answer that cannot be read is OutcomeUnknown, never a success', async () => {
    pool().intercept({ path: '/domain/renew/', method: 'POST' }).reply(200, envelope('domain/renew', { billing: { total: 1, currency: 'EUR' }, domains: [] }));
    expect((await failure(adapter.renew(REQ))).kind).toBe('OutcomeUnknown');
  });

  it('keeps the auth code out of errors (sensitive answers)', async () => {
    pool()
      .intercept({ path: '/domain/getinfo/', method: 'POST' })
      .reply(200, envelope('domain/getinfo', { name: 'example.com', status: 'active', tld: 'com', tsExpir: '2030-01-01', authcode: 12345 }));
    const err = await failure(adapter.getAuthCode('example.com'));
    expect(err.raw).toBeUndefined();
  });

  it('a list whose totals disagree is refused', async () => {
    const row = (n: string) => ({ name: n, status: 'active', tld: 'com', tsExpir: '2030-01-01', domainID: n.length, tsCreate: '2020-01-01', renewable: true, renewalMode: 'manual', modifyBlock: false });
    const ns = (n: string) => ({ name: n, status: 'active', tld: 'com', tsExpir: '2030-01-01', domainID: n.length, defaultNS: false, nameservers: [] });
    const page = (rows: unknown[], total: number) => envelope('domain/list', { queryInfo: { page: 1, pageLength: 1000, results: rows.length, total }, domains: rows });
    pool().intercept({ path: '/domain/list/', method: 'POST', body: (b) => b.includes('infoType=status') }).reply(200, page([row('a.com'), row('bb.com')], 3));
    pool().intercept({ path: '/domain/list/', method: 'POST', body: (b) => b.includes('infoType=nameservers') }).reply(200, page([ns('a.com'), ns('bb.com')], 3));
    pool()
      .intercept({ path: '/domain/list/', method: 'POST', body: (b) => b.includes('infoType=status') && b.includes('page=2') })
      .reply(200, envelope('domain/list', { queryInfo: { page: 2, pageLength: 1000, results: 0, total: 3 }, domains: [] }));
    pool()
      .intercept({ path: '/domain/list/', method: 'POST', body: (b) => b.includes('infoType=nameservers') && b.includes('page=2') })
      .reply(200, envelope('domain/list', { queryInfo: { page: 2, pageLength: 1000, results: 0, total: 3 }, domains: [] }));
    const pages: unknown[] = [];
    const err = await failure(
      (async () => {
        for await (const p of adapter.listDomains()) pages.push(p);
      })(),
    );
    expect(err.kind).toBe('Transient');
    expect(err.message).toMatch(/2 rows read but MrDomain reported 3/);
  });
});
