import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { adapterFactories } from '../../../src-main/registrars/index.js';
import { IRSFA_PRODUCTION_ORIGIN, irsfaEnvironmentWarning, IrsfaValidationError, vaultTokenStore } from '../../../src-main/registrars/irsfa/index.js';
import { startSandbox, type RunningSandbox } from '../../../src-main/sandbox/server.js';
import { createMemoryVault } from '../../../src-main/vault/memory-vault.js';
import { agent, failure, irsfaFor, namesOf, sandboxDomain, statsOf } from './irsfa-context.js';

/** Contract tests of the Irsfa adapter against the sandbox simulator (seed 000). */

let sandbox: RunningSandbox;
let names: string[];
let next = 0;
/** A fresh portfolio name per test, so tests never share a domain's state. */
const freshName = (): string => names[next++]!;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'irsfa-adapter', domains: 130 });
  names = await namesOf(sandbox);
});
afterEach(() => sandbox.setFaults({ irsfa: null }));
afterAll(async () => {
  await sandbox.close();
  await agent.close();
});

const iso = (v: unknown): string => new Date(String(v)).toISOString();

describe('Irsfa adapter: connection and tokens', () => {
  it('is registered as the irsfa factory and declares a user-supplied domain list with a reason', () => {
    const { adapter } = irsfaFor(sandbox);
    expect(adapterFactories.irsfa).toBeTypeOf('function');
    expect(adapter.capabilities.listDomains).toBe('user-supplied');
    expect(adapter.capabilities.reasons.listDomains).toMatch(/no call that lists/);
    expect(adapter.capabilities).toMatchObject({ renew: true, lock: true, nameservers: true, hosts: true, dnssec: true, ssl: true, authCode: true, autoRenew: false, dnsZone: false });
  });

  it('tests the connection with one token and sends every call through the lane with the required headers', async () => {
    const before = statsOf(sandbox);
    const { adapter, lane } = irsfaFor(sandbox);
    const result = await adapter.testConnection();
    expect(result.detail).toMatch(/Signed in to Irsfa/);
    await adapter.getDomain(freshName());
    const after = statsOf(sandbox);
    expect(after.byCommand['oauth/token']! - (before.byCommand['oauth/token'] ?? 0)).toBe(1);
    expect(after.requests - before.requests).toBe(lane.calls.length);
    expect(lane.calls.map((c) => c.command)).toEqual(['oauth/token', 'ssl/type', 'domain/info']);
    expect(after.violations).toBe(before.violations);
  });

  it('answers a wrong client secret with AuthFailed "Client authentication failed" and a next step', async () => {
    const { adapter } = irsfaFor(sandbox, 'irs-a', { credentials: { clientId: sandbox.descriptor.registrars.irsfa.accounts[0]!.credentials.clientId!, clientSecret: 'wrong-secret-123' } });
    const err = await failure(adapter.testConnection());
    expect(err.kind).toBe('AuthFailed');
    expect(err.message).toMatch(/^Client authentication failed\./);
    expect(err.message).toMatch(/Next step/);
    expect(err.message).not.toContain('wrong-secret-123');
  });

  it('refreshes the token once when it expires mid-job', async () => {
    const { adapter, lane } = irsfaFor(sandbox);
    const job = names.slice(100, 106);
    const before = statsOf(sandbox).byCommand['oauth/token'] ?? 0;
    for (const name of job.slice(0, 3)) await adapter.getDomain(name);
    sandbox.setFaults({ irsfa: { expireTokens: true } });
    for (const name of job.slice(3)) await adapter.getDomain(name);
    expect((statsOf(sandbox).byCommand['oauth/token'] ?? 0) - before).toBe(2);
    expect(lane.calls.filter((c) => c.command === 'domain/info')).toHaveLength(7); // 6 + the one answered 401
  });

  it('keeps the token in the vault, so a second adapter does not sign in again, and drops it once refused', async () => {
    const vault = createMemoryVault();
    const store = vaultTokenStore(vault, 'acct-1:irsfa-token');
    await irsfaFor(sandbox, 'irs-a', { tokenStore: store }).adapter.testConnection();
    const saved = await vault.get('acct-1:irsfa-token');
    expect(saved?.token).toBeTruthy();
    expect(Number(saved!.expiresAt)).toBeGreaterThan(Date.now() + 300 * 86_400_000);
    const before = statsOf(sandbox).byCommand['oauth/token'];
    const second = irsfaFor(sandbox, 'irs-a', { tokenStore: store }).adapter;
    await second.testConnection();
    expect(statsOf(sandbox).byCommand['oauth/token']).toBe(before);
    sandbox.setFaults({ irsfa: { expireTokens: true } });
    await second.testConnection();
    const replaced = await vault.get('acct-1:irsfa-token');
    expect(replaced?.token).toBeTruthy();
    expect(replaced!.token).not.toBe(saved!.token);
  });

  it('warns about plain-http endpoints only', () => {
    expect(irsfaEnvironmentWarning('http://api2.sandbox.irsfa.id')).toMatchObject({ messageKey: 'registrars.irsfa.plainHttp', params: { host: 'api2.sandbox.irsfa.id' } });
    expect(irsfaEnvironmentWarning(IRSFA_PRODUCTION_ORIGIN)).toBeNull();
    expect(irsfaFor(sandbox).logs.some((l) => l.level === 'warn' && /plain http/.test(l.message))).toBe(true);
  });
});

describe('Irsfa adapter: domains', () => {
  it('reads a domain into the normalized shape', async () => {
    const name = freshName();
    const d = await irsfaFor(sandbox).adapter.getDomain(name);
    const s = await sandboxDomain(sandbox, name);
    expect(d).toMatchObject({ name, status: 'active', expiresAt: iso(s.expiresAt), createdAt: iso(s.createdAt), locked: s.locked, nameservers: s.nameservers, renewalPrice: null });
    expect(d.raw).toMatchObject({ domain: name, status_domain: 'Active' });
  });

  it('answers a name outside the account with NotFound', async () => {
    const err = await failure(irsfaFor(sandbox).adapter.getDomain('not-mine-at-all.com'));
    expect(err.kind).toBe('NotFound');
    expect(err.message).toMatch(/not in this account/);
  });

  it('refreshes user-supplied names in pages of 50, leaving out names not in the account', async () => {
    const { adapter } = irsfaFor(sandbox);
    const wanted = [...names.slice(0, 120), 'not-mine-at-all.com', 'bad name'];
    const pages: number[] = [];
    const seen: string[] = [];
    for await (const page of adapter.listDomains({ names: wanted })) {
      pages.push(page.length);
      seen.push(...page.map((d) => d.name));
    }
    expect(pages).toEqual([50, 50, 20]);
    expect(seen).toEqual(names.slice(0, 120));
    const none: unknown[] = [];
    for await (const page of adapter.listDomains()) none.push(page);
    expect(none).toEqual([]);
  });

  it('locks and unlocks', async () => {
    const name = freshName();
    const { adapter } = irsfaFor(sandbox);
    await adapter.setLock(name, false);
    expect((await adapter.getDomain(name)).locked).toBe(false);
    await adapter.setLock(name, true);
    expect((await adapter.getDomain(name)).locked).toBe(true);
  });

  it('updates nameservers, and maps a refused in-bailiwick nameserver to Invalid{nameserver}', async () => {
    const name = freshName();
    const { adapter } = irsfaFor(sandbox);
    await adapter.setNameservers(name, ['NS1.Example-DNS.net', 'ns2.example-dns.net']);
    expect((await adapter.getDomain(name)).nameservers).toEqual(['ns1.example-dns.net', 'ns2.example-dns.net']);
    const err = await failure(adapter.setNameservers(name, [`ns1.${name}`]));
    expect(err).toMatchObject({ kind: 'Invalid', field: 'nameserver' });
    expect(err.message).toMatch(/not registered as a host/);
  });

  it('gives the EPP code on request and never logs it', async () => {
    const name = freshName();
    const { adapter, logs } = irsfaFor(sandbox);
    const code = await adapter.getAuthCode(name);
    expect(code).toBe((await sandboxDomain(sandbox, name)).eppCode);
    expect(JSON.stringify(logs)).not.toContain(code);
  });

  it('checks availability with the price in IDR minor units', async () => {
    const result = await irsfaFor(sandbox).adapter.checkAvailability('some-free-name-4821.com');
    expect(result.price).toEqual({ amountMinor: 178_600 * 100, currency: 'IDR' });
    expect(typeof result.available).toBe('boolean');
  });
});

describe('Irsfa adapter: renew', () => {
  it('renews after checking the expiry, and reports the new expiry read back', async () => {
    const name = freshName();
    const { adapter } = irsfaFor(sandbox);
    const { expiresAt } = await adapter.getDomain(name);
    const result = await adapter.renew({ name, years: 2, expectedExpiresAt: expiresAt!, idempotencyKey: 'job-1/item-1', allowLateFee: false });
    const moved = new Date(expiresAt!);
    moved.setUTCFullYear(moved.getUTCFullYear() + 2);
    expect(result).toEqual({ state: 'renewed', newExpiresAt: moved.toISOString(), charged: null });
    const invoices = (await sandbox.control('irsfa', { action: 'invoices', account: 'irs-a' })) as { invoices: { subject: string; description: string }[] };
    expect(invoices.invoices.find((i) => i.subject === name)?.description).toBe('DomainDeck renewal job-1/item-1');
  });

  it('does not renew a domain whose expiry already moved', async () => {
    const name = freshName();
    const { adapter } = irsfaFor(sandbox);
    const { expiresAt } = await adapter.getDomain(name);
    const stale = new Date(Date.parse(expiresAt!) - 365 * 86_400_000).toISOString();
    const before = statsOf(sandbox).byCommand['domain/renew'] ?? 0;
    expect(await adapter.renew({ name, years: 1, expectedExpiresAt: stale, idempotencyKey: 'k', allowLateFee: false })).toEqual({ state: 'already-renewed', currentExpiresAt: expiresAt });
    expect(statsOf(sandbox).byCommand['domain/renew'] ?? 0).toBe(before);
  });

  // A write whose answer never arrives (drop: applied, timeout: not applied) or cannot be read (malformed: applied).
  const unknownOutcomes = [
    { label: 'a dropped connection', fault: { drop: { next: 1 } }, timeoutMs: undefined, reconciled: 'applied', raw: undefined },
    { label: 'a timeout', fault: { timeout: { next: 1, hangMs: 5_000 } }, timeoutMs: 400, reconciled: 'not-applied', raw: undefined },
    { label: 'a malformed answer', fault: { malformed: { next: 1 } }, timeoutMs: undefined, reconciled: 'applied', raw: /^\{"code":200/ },
  ] as const;
  it.each(unknownOutcomes)('turns a renew hit by $label into OutcomeUnknown, then reconciles it as $reconciled', async ({ fault, timeoutMs, reconciled, raw }) => {
    const name = freshName();
    const { adapter } = irsfaFor(sandbox, 'irs-a', { timeoutMs });
    const { expiresAt } = await adapter.getDomain(name);
    const request = { name, years: 1, expectedExpiresAt: expiresAt!, idempotencyKey: `unknown-${name}`, allowLateFee: false };
    sandbox.setFaults({ irsfa: { ...fault, only: ['domain/renew'] } });
    const err = await failure(adapter.renew(request));
    expect(err.kind).toBe('OutcomeUnknown');
    if (raw) expect(err.raw).toMatch(raw);
    expect(await adapter.reconcileRenewal(request)).toBe(reconciled);
    // Asked again, an applied renewal is caught by the expiry guard and not repeated.
    if (reconciled === 'applied') expect((await adapter.renew(request)).state).toBe('already-renewed');
  });

  it('refuses to renew in redemption and restores instead', async () => {
    const name = freshName();
    const { adapter } = irsfaFor(sandbox);
    const expired = new Date(Math.floor((sandbox.clock.now() - 40 * 86_400_000) / 1000) * 1000).toISOString();
    await sandbox.control('irsfa', { action: 'setDomain', account: 'irs-a', name, expiresAt: expired });
    const d = await adapter.getDomain(name);
    expect(d.status).toBe('redemption');
    const err = await failure(adapter.renew({ name, years: 1, expectedExpiresAt: d.expiresAt!, idempotencyKey: 'r', allowLateFee: true }));
    expect(err).toMatchObject({ kind: 'Invalid', field: 'status' });
    const restored = await adapter.restore(name, 1);
    const moved = new Date(expired);
    moved.setUTCFullYear(moved.getUTCFullYear() + 1);
    expect(restored.newExpiresAt).toBe(moved.toISOString());
  });
});

describe('Irsfa adapter: error paths', () => {
  it('keeps the raw body of a malformed read as Transient', async () => {
    const { adapter } = irsfaFor(sandbox);
    sandbox.setFaults({ irsfa: { malformed: { next: 1 }, only: ['domain/info'] } });
    const err = await failure(adapter.getDomain(freshName()));
    expect(err.kind).toBe('Transient');
    expect(err.raw).toMatch(/^\{"code":200,"message":"Successfully proccess the request!"/);
  });

  it('maps a gateway 503 to Transient on reads and OutcomeUnknown on writes', async () => {
    const { adapter } = irsfaFor(sandbox);
    const name = freshName();
    sandbox.setFaults({ irsfa: { error5xx: { next: 2 }, only: ['domain/info', 'domain/lock'] } });
    expect((await failure(adapter.getDomain(name))).kind).toBe('Transient');
    expect((await failure(adapter.setLock(name, false))).kind).toBe('OutcomeUnknown');
  });

  it('maps the documented generic 500 to Transient', async () => {
    await sandbox.control('irsfa', { action: 'failNext', command: 'domain/eppcode' });
    const err = await failure(irsfaFor(sandbox).adapter.getAuthCode(freshName()));
    expect(err).toMatchObject({ kind: 'Transient', code: '500' });
    expect(err.message).toMatch(/An error occurred!/);
  });

  it('shows 422 validation errors per field', async () => {
    const err = await failure(irsfaFor(sandbox).adapter.updateContact('NOPE000001-ID', { street: 'Jl. Merdeka', city: 'Bandung', state: 'Jawa Barat', zipCode: '40111', country: 'ID', email: 'not-an-email', telephone: '+6281234567890' }));
    expect(err).toBeInstanceOf(IrsfaValidationError);
    expect(err).toMatchObject({ kind: 'Invalid', code: '422' });
    expect((err as IrsfaValidationError).fields).toEqual([{ field: 'email', message: 'The email must be a valid email address.' }]);
  });
});
