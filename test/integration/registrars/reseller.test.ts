import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adapterFactories } from '../../../src-main/registrars/index.js';
import { createResellerAdapter, type ResellerAdapter } from '../../../src-main/registrars/reseller/index.js';
import type { AccountContext, NormalizedDomain, RenewRequest } from '../../../src-main/registrars/types.js';
import { startSandbox, type RunningSandbox } from '../../../src-main/sandbox/server.js';
import { createPassthroughLane } from '../../helpers/passthrough-lane.js';
import { failure } from '../../helpers/registrar-failure.js';

interface ControlOrder {
  id: number;
  domain: string;
  type: string;
  status: string;
  idempotency_key: string | null;
  invoice: { id: number };
}

describe('reseller adapter against the sandbox', () => {
  let sandbox: RunningSandbox;
  const agent = new Agent({ keepAliveTimeout: 1000 });
  const logs: string[] = [];
  const lanes = new Map<string, ReturnType<typeof createPassthroughLane>>();
  const domains: NormalizedDomain[] = [];
  let next = 0;

  const token = (label: string): string => sandbox.descriptor.registrars.reseller.accounts.find((a) => a.label === label)?.credentials.token ?? '';

  function adapterFor(label: string, overrides: Partial<AccountContext> = {}): ResellerAdapter {
    const lane = createPassthroughLane(`reseller:${label}`);
    lanes.set(label, lane);
    return createResellerAdapter({
      accountId: label,
      label,
      registrar: 'reseller',
      endpoint: sandbox.descriptor.registrars.reseller.endpoint,
      credentials: { token: token(label) },
      lane,
      http: agent,
      now: () => sandbox.clock.now(),
      log: (level, message) => logs.push(`${level} ${message}`),
      ...overrides,
    });
  }

  const control = (body: Record<string, unknown>): Promise<Record<string, unknown>> => sandbox.control('reseller', body) as Promise<Record<string, unknown>>;
  const ordersOf = async (label: string): Promise<ControlOrder[]> => ((await control({ action: 'orders', account: label })) as { orders: ControlOrder[] }).orders;
  /** A fresh active domain per test, so tests do not see each other's orders. */
  const freshDomain = (): NormalizedDomain => {
    for (; next < domains.length; next++) {
      const d = domains[next]!;
      if (d.status === 'active') {
        next++;
        return d;
      }
    }
    throw new Error('no active domain left');
  };
  const renewRequest = (d: NormalizedDomain, key: string, years = 1): RenewRequest => ({ name: d.name, years, expectedExpiresAt: d.expiresAt ?? '', idempotencyKey: key, allowLateFee: false });

  let a: ResellerAdapter;

  beforeAll(async () => {
    sandbox = await startSandbox({ seed: 'reseller-adapter', domains: 250 });
    a = adapterFor('rsl-a');
    for await (const page of a.listDomains()) domains.push(...page);
  });

  afterAll(async () => {
    await sandbox.close();
    await agent.close();
  });

  it('is registered as the reseller factory', () => {
    expect(adapterFactories.reseller).toBe(createResellerAdapter);
  });

  it('lists every page of the portfolio through the lane', () => {
    expect(domains).toHaveLength(250);
    expect(new Set(domains.map((d) => d.name)).size).toBe(250);
    expect(lanes.get('rsl-a')?.calls.filter((c) => c.command === 'domains.list')).toHaveLength(3);
    const d = domains[0]!;
    expect(d.expiresAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(d.renewalPrice?.currency).toBe('IDR');
    expect(d.renewalPrice?.amountMinor).toBeGreaterThan(0);
  });

  it('probes abilities from /status for a full token, with the wallet as balance', async () => {
    const entries = await a.probeAbilities();
    expect(entries.every((e) => e.state === 'granted' && e.source === 'status')).toBe(true);
    const conn = await a.testConnection();
    expect(conn.balance).toEqual({ amountMinor: 5_000_000_000, currency: 'IDR' });
    expect(a.capabilities).toMatchObject({ renew: true, asyncOrders: true, renewPriceCheck: true, dnsZone: 'zone-replace', balance: true });
  });

  it('finds one domain, searches availability and quotes a renewal from the live price', async () => {
    const d = domains[5]!;
    expect((await a.getDomain(d.name)).name).toBe(d.name);
    expect((await failure(a.getDomain('surely-not-here-deck.com'))).kind).toBe('NotFound');
    const [free, taken, mine] = await a.searchDomains(['Example.COM', 'example.org', d.name]);
    expect(free).toMatchObject({ name: 'example.com', available: true, reason: null });
    expect(free?.register?.currency).toBe('IDR');
    expect(taken).toMatchObject({ available: false, reason: 'registered' });
    expect(mine).toMatchObject({ available: false, reason: 'in_your_account' });
    const quote = await a.quoteRenewal!(d.name, 2);
    expect(quote.price).toEqual({ amountMinor: d.renewalPrice!.amountMinor * 2, currency: 'IDR' });
  });

  it('renews as a pending order with an unpaid invoice, then completes after payment and moves the expiry', async () => {
    const d = freshDomain();
    const result = await a.renew(renewRequest(d, `renew-${d.name}-job1`));
    expect(result.state).toBe('pending');
    if (result.state !== 'pending') return;
    expect(result.invoice).toMatchObject({ status: 'unpaid', amount: { amountMinor: d.renewalPrice!.amountMinor, currency: 'IDR' } });
    expect(result.invoice?.paymentUrl).toMatch(/^https:\/\//);
    expect(lanes.get('rsl-a')?.calls.find((c) => c.command === 'orders.renew')?.kind).toBe('write');

    const waiting = await a.pollOrder(d.name);
    expect(waiting).toMatchObject({ id: result.orderId, state: 'awaiting-payment', settled: false });
    expect((await a.getDomain(d.name)).expiresAt).toBe(d.expiresAt);

    expect((await control({ action: 'payInvoice', account: 'rsl-a', invoice: Number(result.invoice!.id) })).ok).toBe(true);
    expect((await a.pollOrder(result.orderId)).state).toBe('processing');
    // Each poll interval moves the sandbox clock, so provisioning (2 s of sandbox time) completes without real waiting.
    const done = await a.waitForOrder({ orderId: result.orderId, domain: d.name }, { intervalMs: 1000, timeoutMs: 10_000, now: () => sandbox.clock.now(), sleep: async (ms) => sandbox.clock.advance(ms) });
    expect(done.state).toBe('completed');
    const moved = new Date(d.expiresAt!);
    moved.setUTCFullYear(moved.getUTCFullYear() + 1);
    expect(done.domainExpiresAt).toBe(moved.toISOString());
    expect((await a.getDomain(d.name)).expiresAt).toBe(moved.toISOString());

    // The job sees the old expiry: a second renew is refused without a new order.
    const again = await a.renew(renewRequest(d, `renew-${d.name}-job2`));
    expect(again).toEqual({ state: 'already-renewed', currentExpiresAt: moved.toISOString() });
    expect((await ordersOf('rsl-a')).filter((o) => o.domain === d.name)).toHaveLength(1);
  });

  it('makes exactly one order when the renew answer is dropped after the write, and reconciles with the same key', async () => {
    const d = freshDomain();
    const req = renewRequest(d, `renew-${d.name}-drop`);
    sandbox.setFaults({ reseller: { drop: { next: 1 }, only: ['orders.renew'] } });
    const err = await failure(a.renew(req));
    sandbox.setFaults({ reseller: null });
    expect(err.kind).toBe('OutcomeUnknown');
    const replaysBefore = sandbox.stats().reseller?.['rsl-a']?.replays ?? 0;

    expect(await a.reconcileRenewal(req)).toBe('applied');
    const detailed = await a.reconcileRenewalOrder(req);
    expect(detailed.outcome).toBe('applied');
    // A resumed job may also simply call renew again: same key, same order.
    const resumed = await a.renew(req);
    expect(resumed.state).toBe('pending');
    expect(detailed.result).toEqual(resumed);

    const mine = (await ordersOf('rsl-a')).filter((o) => o.domain === d.name);
    expect(mine).toHaveLength(1);
    expect(mine[0]?.idempotency_key).toBe(req.idempotencyKey);
    expect(resumed.state === 'pending' && resumed.orderId).toBe(String(mine[0]?.id));
    expect(sandbox.stats().reseller?.['rsl-a']?.replays).toBe(replaysBefore + 3);
  });

  it('treats a 5xx on renew as unknown and reconciles it into exactly one order', async () => {
    const d = freshDomain();
    const req = renewRequest(d, `renew-${d.name}-5xx`);
    sandbox.setFaults({ reseller: { error5xx: { next: 1 }, only: ['orders.renew'] } });
    expect((await failure(a.renew(req))).kind).toBe('OutcomeUnknown');
    sandbox.setFaults({ reseller: null });
    expect(await ordersOf('rsl-a').then((o) => o.filter((x) => x.domain === d.name))).toHaveLength(0);
    const r = await a.reconcileRenewalOrder(req);
    expect(r.outcome).toBe('applied');
    expect(r.reason).toContain('created once');
    expect((await ordersOf('rsl-a')).filter((o) => o.domain === d.name)).toHaveLength(1);
  });

  it('answers a reused key with a different body as a clear conflict, creating nothing', async () => {
    const d = freshDomain();
    expect((await a.renew(renewRequest(d, `conflict-${d.name}`, 1))).state).toBe('pending');
    const err = await failure(a.renew(renewRequest(d, `conflict-${d.name}`, 2)));
    expect(err).toMatchObject({ kind: 'Invalid', field: 'idempotency_key', code: '409' });
    expect(err.message).toMatch(/already used for a different request/);
    expect((await ordersOf('rsl-a')).filter((o) => o.domain === d.name)).toHaveLength(1);
    // Reconciling with the conflicting request cannot say what happened.
    expect(await a.reconcileRenewal(renewRequest(d, `conflict-${d.name}`, 2))).toBe('unknown');
  });

  it('maps 422 to Invalid with the field, and reconciles a refused renewal as not applied', async () => {
    const d = freshDomain();
    const err = await failure(a.renew(renewRequest(d, `too-long-${d.name}`, 11)));
    expect(err).toMatchObject({ kind: 'Invalid', field: 'years', code: '422' });
    expect(err.message).toContain('10');
    expect(await a.reconcileRenewal(renewRequest(d, `too-long-${d.name}`, 11))).toBe('not-applied');
  });

  it('learns from a 403 that rsl-b cannot create orders and disables renew with the reason', async () => {
    const b = adapterFor('rsl-b');
    const entries = await b.probeAbilities();
    const state = Object.fromEntries(entries.map((e) => [e.ability, e.state]));
    expect(state).toEqual({ 'billing.read': 'missing', 'domains.read': 'granted', 'domains.write': 'unknown', 'orders.read': 'granted', 'orders.write': 'unknown' });
    expect(b.capabilities.balance).toBe(false);
    expect(b.capabilities.reasons.balance).toContain('billing.read');
    expect(b.capabilities.renew).toBe(true);
    const conn = await b.testConnection();
    expect(conn.balance).toBeUndefined();

    const pages: NormalizedDomain[] = [];
    for await (const page of b.listDomains()) pages.push(...page);
    const d = pages.find((x) => x.status === 'active')!;
    const err = await failure(b.renew(renewRequest(d, `b-${d.name}`)));
    expect(err.kind).toBe('NotAllowed');
    expect(err.message).toMatch(/^This token cannot create orders .*\(orders\.write\)/);
    expect(b.capabilities.renew).toBe(false);
    expect(b.capabilities.reasons.renew).toContain('this token cannot create orders');
    expect(b.abilities().find((e) => e.ability === 'orders.write')).toMatchObject({ state: 'missing', source: 'forbidden' });

    const dnsErr = await failure(b.replaceDnsRecords(d.name, []));
    expect(dnsErr.kind).toBe('NotAllowed');
    expect(dnsErr.message).toContain('domains.write');
    expect(b.capabilities.dnsZone).toBe(false);
    expect(await ordersOf('rsl-b')).toHaveLength(0);
  });

  it('replaces DNS records with push, pushes again, and refuses to push an empty zone', async () => {
    const d = freshDomain();
    const replaced = await a.replaceDnsRecords(
      d.name,
      [
        { type: 'a', name: '@', value: '203.0.113.10' },
        { type: 'MX', name: '@', value: 'mail.example.net', priority: 10, ttl: 600 },
      ],
      { push: true },
    );
    expect(replaced.zone.records.map((r) => [r.type, r.value, r.priority])).toEqual([
      ['A', '203.0.113.10', null],
      ['MX', 'mail.example.net', 10],
    ]);
    expect(replaced.zone.pushedAt).not.toBeNull();
    const stored = ((await control({ action: 'domain', account: 'rsl-a', name: d.name })) as { domain: { dns: { records: unknown[] } } }).domain;
    expect(stored.dns.records).toHaveLength(2);
    expect((await a.pushDnsRecords(d.name)).message).toBe('DNS records pushed to Dynadot.');

    const bad = await failure(a.replaceDnsRecords(d.name, [{ type: 'A', name: '@', value: 'not-an-ip' }]));
    expect(bad).toMatchObject({ kind: 'Invalid', field: 'records.0.value' });
    expect((await a.replaceDnsRecords(d.name, [])).zone.records).toEqual([]);
    expect((await failure(a.pushDnsRecords(d.name))).kind).toBe('Invalid');
  });

  it('maps a bad token to AuthFailed and an unreachable API on a write to Transient (nothing sent)', async () => {
    const bad = adapterFor('rsl-a', { credentials: { token: 'drk_notARealToken0000000000000000000000000' } });
    const err = await failure(bad.testConnection());
    expect(err.kind).toBe('AuthFailed');
    expect(err.message).not.toContain('drk_notARealToken');

    const d = domains[0]!;
    const offline = adapterFor('rsl-a', { endpoint: 'http://127.0.0.1:1/reseller' });
    expect((await failure(offline.replaceDnsRecords(d.name, []))).kind).toBe('Transient');
  });

  it('never writes the token into logs or errors', () => {
    const all = logs.join('\n');
    expect(all.length).toBeGreaterThan(0);
    for (const label of ['rsl-a', 'rsl-b']) expect(all).not.toContain(token(label));
    expect(all).not.toMatch(/Bearer/i);
  });
});
