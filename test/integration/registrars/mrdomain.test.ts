import { Agent, type Dispatcher } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMrDomainAdapter, type MrDomainAdapter, type MrDomainOptions } from '../../../src-main/registrars/mrdomain/index.js';
import type { AccountContext, RenewRequest } from '../../../src-main/registrars/types.js';
import { startSandbox, type RunningSandbox } from '../../../src-main/sandbox/server.js';
import { createPassthroughLane } from '../../helpers/passthrough-lane.js';
import { failure } from '../../helpers/registrar-failure.js';

/**
 * Contract tests of the MrDomain adapter against the sandbox simulator
 * (seed 002). Every request is recorded on its way out (path and form body),
 * so the tests can see what went on the wire: punycode names, credentials in
 * the body and never in the URL.
 */
interface SandboxDomainRecord {
  name: string;
  unicode: string;
  expiresAt: string;
  renewPriceMinor: number;
  transferBlock: boolean;
  modifyBlock: boolean;
  service: unknown;
  status: string;
}

let sandbox: RunningSandbox;
let agent: Agent;
let recorder: Dispatcher;
const wire: { path: string; body: string }[] = [];

beforeAll(async () => {
  // A generous error budget: this file provokes error paths on purpose and must not trip the sandbox's 1011 block.
  sandbox = await startSandbox({ seed: 'mrdomain-adapter', domains: 400, registrars: { mrdomain: { errorBudget: 200 } } });
  agent = new Agent({ keepAliveTimeout: 1000 });
  recorder = agent.compose((dispatch) => (opts, handler) => {
    wire.push({ path: String(opts.path), body: typeof opts.body === 'string' ? opts.body : '' });
    return dispatch(opts, handler);
  });
});

afterAll(async () => {
  await agent.close();
  await sandbox.close();
});

function setup(label = 'mrd-a', options: Partial<MrDomainOptions> & { now?: () => number } = {}) {
  const account = sandbox.descriptor.registrars.mrdomain.accounts.find((a) => a.label === label)!;
  const lane = createPassthroughLane(`mrdomain:${label}`);
  const logs: string[] = [];
  const { now, ...adapterOptions } = options;
  const ctx: AccountContext = {
    accountId: label,
    label,
    registrar: 'mrdomain',
    endpoint: sandbox.descriptor.registrars.mrdomain.endpoint,
    credentials: account.credentials,
    lane,
    http: recorder,
    now: now ?? (() => Date.now()),
    log: (_level, message) => logs.push(message),
  };
  return { adapter: createMrDomainAdapter(ctx, adapterOptions), lane, logs, credentials: account.credentials };
}

async function control<T = Record<string, unknown>>(body: Record<string, unknown>): Promise<T> {
  const r = (await sandbox.control('mrdomain', body)) as { ok: boolean; error?: string } & T;
  if (!r.ok) throw new Error(`sandbox control failed: ${r.error}`);
  return r;
}

async function domains(filter: Record<string, unknown> = {}): Promise<SandboxDomainRecord[]> {
  return (await control<{ domains: SandboxDomainRecord[] }>({ action: 'domains', account: 'mrd-a', limit: 1000, ...filter })).domains;
}

async function sandboxDomain(name: string): Promise<SandboxDomainRecord> {
  return (await control<{ domain: SandboxDomainRecord }>({ action: 'domain', account: 'mrd-a', name })).domain;
}

/** A live (active) domain no other test touches. */
const taken = new Set<string>();
async function freshDomain(extra: (d: SandboxDomainRecord) => boolean = () => true): Promise<SandboxDomainRecord> {
  const d = (await domains({ status: 'active' })).find((x) => !taken.has(x.name) && !x.modifyBlock && !x.name.startsWith('xn--') && extra(x));
  if (!d) throw new Error('no suitable sandbox domain');
  taken.add(d.name);
  return d;
}


function renewRequest(name: string, expectedExpiresAt: string, years = 1): RenewRequest {
  return { name, years, expectedExpiresAt, idempotencyKey: `test-${name}-${expectedExpiresAt}`, allowLateFee: false };
}

describe('mrdomain adapter: account and transport', () => {
  it('is registered in adapterFactories and declares per-record DNS', async () => {
    // Imported here so other registrars' work in progress cannot stop the rest of this file from loading.
    const { adapterFactories } = await import('../../../src-main/registrars/index.js');
    expect(adapterFactories.mrdomain).toBe(createMrDomainAdapter);
    const { adapter } = setup();
    expect(adapter.capabilities.dnsZone).toBe('per-record');
    expect(adapter.capabilities.ssl).toBe(true);
    expect(adapter.capabilities.limits.availabilityCheck).toBe('single-name');
  });

  it('reads account info and balance through the lane, credentials only in the POST body', async () => {
    const { adapter, lane, logs, credentials } = setup();
    const info = await adapter.accountInfo();
    expect(info.clientName).toBe('DomainDeck Sandbox A');
    expect(info.balance.currency).toBe('EUR');
    expect(Number.isInteger(info.balance.amountMinor)).toBe(true);
    const conn = await adapter.testConnection();
    expect(conn.balance).toEqual(info.balance);
    expect(conn.detail).not.toContain(credentials.apiuser);
    expect(await adapter.getBalance()).toEqual(info.balance);
    expect(lane.calls.map((c) => `${c.command}:${c.kind}`)).toEqual(['account/info:read', 'account/info:read', 'account/info:read']);
    const last = wire.at(-1)!;
    expect(last.path).toMatch(/\/mrdomain\/account\/info\/$/);
    expect(last.path).not.toContain(credentials.apipasswd);
    expect(new URLSearchParams(last.body).get('apipasswd')).toBe(credentials.apipasswd);
    expect(logs.join('\n')).not.toContain(credentials.apipasswd);
  });
});

describe('mrdomain adapter: domains', () => {
  it('lists every page (status and nameservers merged) and the totals match the account', async () => {
    const { adapter, lane } = setup('mrd-a', { pageLength: 150 });
    const all = [];
    for await (const page of adapter.listDomains()) all.push(...page);
    const state = await control<{ domains: number }>({ action: 'state', account: 'mrd-a' });
    expect(all).toHaveLength(state.domains);
    expect(new Set(all.map((d) => d.name)).size).toBe(all.length);
    // 400 names at 150 a page: 3 pages, each read with infoType=status and infoType=nameservers.
    expect(lane.calls).toHaveLength(6);
    expect(lane.calls.every((c) => c.command === 'domain/list' && c.kind === 'read')).toBe(true);
    const sample = all[0]!;
    const truth = await sandboxDomain(sample.name);
    expect(sample.expiresAt?.slice(0, 10)).toBe(truth.expiresAt.slice(0, 10));
    expect(sample.locked).toBe(truth.transferBlock);
    expect(sample.nameservers?.length).toBeGreaterThanOrEqual(2);
    expect(all.every((d) => d.expiresAt !== null && typeof d.autoRenew === 'boolean')).toBe(true);
  });

  it('reads status, nameservers and contacts; the auth code only on request', async () => {
    const d = await freshDomain((x) => !x.transferBlock);
    const { adapter, lane, logs } = setup();
    const dom = await adapter.getDomain(d.name);
    expect(dom.name).toBe(d.name);
    expect(dom.status).toBe('active');
    expect(dom.expiresAt).toBe(`${d.expiresAt.slice(0, 10)}T00:00:00.000Z`);
    const contacts = await adapter.getContacts(d.name);
    expect(contacts.owner?.contactID).toMatch(/-/);
    const code = await adapter.getAuthCode(d.name);
    const truth = (await control<{ domain: { authcode: string } }>({ action: 'domain', account: 'mrd-a', name: d.name })).domain.authcode;
    expect(code).toBe(truth);
    expect(logs.join('\n')).not.toContain(code);
    expect(lane.calls.filter((c) => c.command === 'domain/getinfo').every((c) => c.kind === 'read')).toBe(true);
  });

  it('a name that is not in the account is NotFound (2008)', async () => {
    const { adapter } = setup();
    const err = await failure(adapter.getDomain('no-such-name-in-this-account.com'));
    expect(err.kind).toBe('NotFound');
    expect(err.code).toBe('2008');
  });

  it('an invalid name is refused before any request', async () => {
    const { adapter, lane } = setup();
    const err = await failure(adapter.getDomain('not a domain'));
    expect(err.kind).toBe('Invalid');
    expect(lane.calls).toHaveLength(0);
  });

  it('converts IDN names to punycode on the wire', async () => {
    const idn = (await domains()).find((x) => x.name.startsWith('xn--'));
    expect(idn, 'the sandbox portfolio has an IDN name').toBeDefined();
    const { adapter } = setup();
    const dom = await adapter.getDomain(idn!.unicode);
    expect(dom.name).toBe(idn!.name);
    expect(dom.unicode).toBe(idn!.unicode);
    expect(new URLSearchParams(wire.at(-1)!.body).get('domain')).toBe(idn!.name);
    const check = await adapter.checkAvailability('españa.com');
    expect(new URLSearchParams(wire.at(-1)!.body).get('domain')).toBe('xn--espaa-rta.com');
    expect(check.name).toBe('xn--espaa-rta.com');
    expect(check.unicode).toBe('españa.com');
    expect(check.price?.currency).toBe('EUR');
  });

  it('updates nameservers, transfer lock, renewal mode, privacy and contacts (writes)', async () => {
    const d = await freshDomain();
    const { adapter, lane } = setup();
    await adapter.setNameservers(d.name, ['NS1.Example.NET', 'ns2.example.net']);
    expect((await adapter.getNameservers(d.name)).nameservers.map((n) => n.name)).toEqual(['ns1.example.net', 'ns2.example.net']);
    await adapter.setLock(d.name, true);
    expect((await adapter.getStatusInfo(d.name)).transferBlock).toBe(true);
    await adapter.setLock(d.name, false);
    expect((await adapter.getDomain(d.name)).locked).toBe(false);
    await adapter.setAutoRenew(d.name, true);
    expect((await adapter.getDomain(d.name)).autoRenew).toBe(true);
    await adapter.setRenewalMode(d.name, 'letexpire');
    expect((await adapter.getStatusInfo(d.name)).renewalMode).toBe('letexpire');
    await adapter.setPrivacy(d.name, 'off');
    expect((await adapter.getDomain(d.name)).privacy).toBe('off');
    const state = await control<{ contacts: string[] }>({ action: 'state', account: 'mrd-a' });
    const owner = state.contacts.at(-1)!;
    await adapter.setContacts(d.name, { owner: { contactID: owner } });
    expect((await adapter.getContacts(d.name)).owner?.contactID).toBe(owner);
    expect(lane.calls.filter((c) => c.command === 'domain/update').every((c) => c.kind === 'write')).toBe(true);
    expect(lane.calls.filter((c) => c.command === 'domain/update')).toHaveLength(7);
  });

  it('the modifications lock blocks updates (2202) and renewals (2102)', async () => {
    const d = await freshDomain();
    const { adapter } = setup();
    await adapter.setModifyBlock(d.name, true);
    const upd = await failure(adapter.setAutoRenew(d.name, false));
    expect(upd.kind).toBe('NotAllowed');
    expect(upd.code).toBe('2202');
    const ren = await failure(adapter.renew(renewRequest(d.name, d.expiresAt)));
    expect(ren.kind).toBe('NotAllowed');
    expect(ren.code).toBe('2102');
    expect(ren.message).toMatch(/lock/);
    await adapter.setModifyBlock(d.name, false);
  });
});

describe('mrdomain adapter: renewals', () => {
  it('renews with the curExpDate guard, billing from the response', async () => {
    const d = await freshDomain();
    const { adapter, lane } = setup();
    const before = await adapter.getBalance();
    const res = await adapter.renew(renewRequest(d.name, d.expiresAt));
    expect(res.state).toBe('renewed');
    if (res.state !== 'renewed') return;
    const after = await sandboxDomain(d.name);
    expect(res.newExpiresAt?.slice(0, 10)).toBe(after.expiresAt.slice(0, 10));
    expect(Number(after.expiresAt.slice(0, 4))).toBe(Number(d.expiresAt.slice(0, 4)) + 1);
    expect(res.charged).toEqual({ amountMinor: d.renewPriceMinor, currency: 'EUR' });
    expect((await adapter.getBalance()).amountMinor).toBe(before.amountMinor - d.renewPriceMinor);
    const renewCall = lane.calls.find((c) => c.command === 'domain/renew')!;
    expect(renewCall.kind).toBe('write');
    const sent = new URLSearchParams(wire.filter((w) => w.path.endsWith('/domain/renew/')).at(-1)!.body);
    expect(sent.get('curExpDate')).toBe(d.expiresAt.slice(0, 10).replace(/-/g, ''));

    // The same request again: the expiry moved, so MrDomain refuses (2100) and nothing is charged twice.
    const again = await adapter.renew(renewRequest(d.name, d.expiresAt));
    expect(again).toEqual({ state: 'already-renewed', currentExpiresAt: `${after.expiresAt.slice(0, 10)}T00:00:00.000Z` });
    expect((await adapter.getBalance()).amountMinor).toBe(before.amountMinor - d.renewPriceMinor);
  });

  it('insufficient balance is InsufficientFunds (1100)', async () => {
    const d = await freshDomain();
    const state = await control<{ balanceMinor: number }>({ action: 'state', account: 'mrd-a' });
    await control({ action: 'setBalance', account: 'mrd-a', amountMinor: 0 });
    try {
      const { adapter } = setup();
      const err = await failure(adapter.renew(renewRequest(d.name, d.expiresAt)));
      expect(err.kind).toBe('InsufficientFunds');
      expect(err.code).toBe('1100');
      expect(err.message).toMatch(/balance/i);
    } finally {
      await control({ action: 'setBalance', account: 'mrd-a', amountMinor: state.balanceMinor });
    }
  });

  it('a connection dropped after the renewal was applied is OutcomeUnknown, and reconcile reads it back as applied', async () => {
    const d = await freshDomain();
    const other = await freshDomain();
    const { adapter, lane } = setup();
    sandbox.setFaults({ mrdomain: { drop: { next: 1 }, only: ['domain/renew'] } });
    try {
      const err = await failure(adapter.renew(renewRequest(d.name, d.expiresAt)));
      expect(err.kind).toBe('OutcomeUnknown');
      expect(err.message).toMatch(/may or may not have been applied/);
    } finally {
      sandbox.setFaults({ mrdomain: null });
    }
    expect(lane.calls.filter((c) => c.command === 'domain/renew')).toHaveLength(1);
    expect(await adapter.reconcileRenewal(renewRequest(d.name, d.expiresAt))).toBe('applied');
    expect(await adapter.reconcileRenewal(renewRequest(other.name, other.expiresAt))).toBe('not-applied');
  });
});

describe('mrdomain adapter: account-level refusals', () => {
  it('an unregistered IP is NotAllowed (1007) with the fix in the message', async () => {
    await control({ action: 'allowIps', account: 'mrd-a', ips: ['203.0.113.9'] });
    try {
      const { adapter } = setup();
      const err = await failure(adapter.testConnection());
      expect(err.kind).toBe('NotAllowed');
      expect(err.code).toBe('1007');
      expect(err.message).toMatch(/public IP address in the MrDomain control panel/);
    } finally {
      await control({ action: 'allowIps', account: 'mrd-a', ips: null });
    }
  });

  it('a blocked account is AccountBlocked (1000) until now + the configured back-off', async () => {
    await control({ action: 'block', account: 'mrd-a', ms: 60_000 });
    try {
      const { adapter, credentials } = setup('mrd-a', { now: () => 1_700_000_000_000, blockBackoffMs: 45 * 60_000 });
      const err = await failure(adapter.getBalance());
      expect(err.kind).toBe('AccountBlocked');
      expect(err.code).toBe('1000');
      expect(err.until).toBe(1_700_000_000_000 + 45 * 60_000);
      expect(err.message).toContain(new Date(err.until!).toISOString());
      expect(`${err.message}${err.raw ?? ''}`).not.toContain(credentials.apipasswd);
    } finally {
      await control({ action: 'unblock', account: 'mrd-a' });
    }
  });

  it('wrong credentials are AuthFailed and the password never appears in the error', async () => {
    const account = sandbox.descriptor.registrars.mrdomain.accounts.find((a) => a.label === 'mrd-a')!;
    const ctx: AccountContext = {
      accountId: 'x',
      label: 'x',
      registrar: 'mrdomain',
      endpoint: sandbox.descriptor.registrars.mrdomain.endpoint,
      credentials: { apiuser: account.credentials.apiuser!, apipasswd: 'wrong-password-123' },
      lane: createPassthroughLane(),
      http: recorder,
      now: () => Date.now(),
      log: () => undefined,
    };
    const err = await failure(createMrDomainAdapter(ctx).testConnection());
    expect(err.kind).toBe('AuthFailed');
    expect(err.code).toBe('1004');
    expect(`${err.message}${err.raw ?? ''}`).not.toContain('wrong-password-123');
  });
});

describe('mrdomain adapter: DNS service, per record', () => {
  it('lists, creates, updates and deletes single records, sets the zone and restores it', async () => {
    const d = await freshDomain();
    const { adapter, lane } = setup();
    const noService = await failure(adapter.dns.list(d.name));
    expect(noService.kind).toBe('NotFound');
    expect(noService.code).toBe('4001');
    await adapter.setDefaultNameservers(d.name);

    const initial = await adapter.dns.list(d.name);
    expect(initial.length).toBeGreaterThan(0);
    const created = await adapter.dns.create(d.name, { name: 'api', type: 'A', value: '192.0.2.10', ttl: 600 });
    expect(created).toMatchObject({ name: `api.${d.name}`, type: 'A', value: '192.0.2.10', ttl: 600, priority: null });
    expect((await adapter.dns.list(d.name)).map((r) => r.entityID)).toContain(created.entityID);
    const updated = await adapter.dns.update(d.name, created.entityID, { value: '192.0.2.11' });
    expect(updated.value).toBe('192.0.2.11');
    await adapter.dns.delete(d.name, created.entityID);
    expect((await adapter.dns.list(d.name)).map((r) => r.entityID)).not.toContain(created.entityID);

    const bad = await failure(adapter.dns.create(d.name, { name: '@', type: 'A', value: 'not-an-ip' }));
    expect(bad.kind).toBe('Invalid');
    expect(bad.code).toBe('4004');

    await adapter.dns.setZone(d.name, [
      { name: '@', type: 'A', value: '198.51.100.1' },
      { name: '@', type: 'MX', value: 'mx.example.net', priority: 5 },
    ]);
    const zone = await adapter.dns.list(d.name);
    expect(zone.map((r) => [r.name, r.type, r.value, r.priority])).toEqual([
      [d.name, 'A', '198.51.100.1', null],
      [d.name, 'MX', 'mx.example.net', 5],
    ]);
    await adapter.dns.restore(d.name);
    expect((await adapter.dns.list(d.name)).map((r) => [r.name, r.type, r.value])).toEqual(initial.map((r) => [r.name, r.type, r.value]));

    const kinds = Object.fromEntries(lane.calls.map((c) => [c.command, c.kind]));
    expect(kinds).toMatchObject({
      'service/dnslist': 'read',
      'service/dnscreate': 'write',
      'service/dnsupdate': 'write',
      'service/dnsdelete': 'write',
      'service/dnssetzone': 'write',
      'service/dnsrestore': 'write',
    });
  });
});

describe('mrdomain adapter: SSL', () => {
  let adapter: MrDomainAdapter;
  let contactID: string;
  beforeAll(async () => {
    adapter = setup().adapter;
    contactID = (await control<{ contacts: string[] }>({ action: 'state', account: 'mrd-a' })).contacts[0]!;
  });

  const subject = (commonName: string) => ({
    commonName,
    organizationName: 'DomainDeck Tests',
    organizationalUnitName: 'QA',
    countryName: 'ES',
    stateOrProvinceName: 'Madrid',
    localityName: 'Madrid',
    emailAddress: 'qa@example.com',
  });

  it('lists products, creates and decodes a CSR, orders a certificate and reads its status and validation', async () => {
    const products = await adapter.ssl.products();
    expect(products.map((p) => p.productID)).toContain(55);
    const d = await freshDomain();
    const cn = `www.${d.name}`;
    const csr = await adapter.ssl.csrCreate(subject(cn));
    expect(csr.csrData).toContain('BEGIN CERTIFICATE REQUEST');
    expect(csr.csrKey).toContain('PRIVATE KEY');
    expect((await adapter.ssl.csrDecode(csr.csrData)).commonName).toBe(cn);

    const order = await adapter.ssl.create(55, { csrData: csr.csrData, adminContact: { contactID } });
    expect(order.certificate).toMatchObject({ commonName: cn, status: 'process', productID: 55 });
    expect(order.charged).toEqual({ amountMinor: 495, currency: 'EUR' });
    const id = order.certificate.certificateID;
    expect((await adapter.ssl.info(id)).status).toBe('process');
    const validation = await adapter.ssl.info(id, 'validationStatus');
    expect(validation.validationData?.dcv[cn]?.method).toBe('dns');
    expect(await adapter.ssl.validationMethods(cn)).toContain('dns');
    const changed = await adapter.ssl.changeValidationMethod(id, cn, 'http');
    expect(changed.validationData?.dcv[cn]?.method).toBe('http');
    expect((await adapter.ssl.list()).map((c) => c.certificateID)).toContain(id);
  });

  it('renews and reissues existing certificates; an unknown one is NotFound (5001)', async () => {
    const certs = await adapter.ssl.list();
    const renewable = certs.find((c) => c.renewable)!;
    expect(renewable).toBeDefined();
    const csr = await adapter.ssl.csrCreate(subject(renewable.commonName));
    const renewed = await adapter.ssl.renew(renewable.certificateID, { csrData: csr.csrData, adminContact: { contactID } });
    expect(renewed.certificate.status).toBe('renew');
    expect(renewed.charged?.currency).toBe('EUR');

    const valid = (await adapter.ssl.list()).find((c) => c.status === 'valid')!;
    const csr2 = await adapter.ssl.csrCreate(subject(valid.commonName));
    const reissued = await adapter.ssl.reissue(valid.certificateID, { csrData: csr2.csrData });
    expect(reissued.status).toBe('reissue');

    const missing = await failure(adapter.ssl.info(999_999));
    expect(missing.kind).toBe('NotFound');
    expect(missing.code).toBe('5001');
  });
});

describe('mrdomain adapter: a 5,000-name sync inside the blocking thresholds', () => {
  it('reads every name with 0 blocks and a small request count', async () => {
    const big = await startSandbox({ seed: 'mrdomain-sync', domains: 5000 });
    try {
      const account = big.descriptor.registrars.mrdomain.accounts.find((a) => a.label === 'mrd-a')!;
      const lane = createPassthroughLane();
      const adapter = createMrDomainAdapter({
        accountId: 'mrd-a',
        label: 'mrd-a',
        registrar: 'mrdomain',
        endpoint: big.descriptor.registrars.mrdomain.endpoint,
        credentials: account.credentials,
        lane,
        http: recorder,
        now: () => Date.now(),
        log: () => undefined,
      });
      let count = 0;
      for await (const page of adapter.listDomains()) count += page.length;
      const stats = big.stats().mrdomain!['mrd-a']!;
      console.info(JSON.stringify({ test: 'mrdomain-sync-5000', names: count, requests: stats.requests, blocks: stats.blocks, errors: stats.errors }));
      expect(count).toBe(5000);
      expect(stats.blocks).toBe(0);
      expect(stats.violations).toBe(0);
      expect(stats.errors).toBe(0);
      // Every request went through the lane: two list passes per 1,000 names.
      expect(stats.requests).toBe(10);
      expect(lane.calls).toHaveLength(stats.requests);
    } finally {
      await big.close();
    }
  });
});
