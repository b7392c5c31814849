import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IrsfaRegistrant } from '../../../src-main/registrars/irsfa/index.js';
import { startSandbox, type RunningSandbox } from '../../../src-main/sandbox/server.js';
import { agent, failure, irsfaFor, namesOf } from './irsfa-context.js';

/** Contract tests of the Irsfa adapter's own services (hosts, DNSSEC, contacts, transfers, SSL) against the sandbox. */

let sandbox: RunningSandbox;
let names: string[];

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'irsfa-services', domains: 40, registrars: { irsfa: { sslIssueMinutes: 15, transferDays: 5 } } });
  names = await namesOf(sandbox);
});
afterAll(async () => {
  await sandbox.close();
  await agent.close();
});

const registrant: IrsfaRegistrant = {
  companyName: 'Contoh Digital',
  firstName: 'Siti',
  lastName: 'Rahayu',
  gender: 'F',
  street: 'Jl. Asia Afrika',
  number: '8',
  city: 'Bandung',
  state: 'Jawa Barat',
  zipCode: '40111',
  country: 'ID',
  email: 'siti@example.co.id',
  telephone: '+6281234567890',
  locale: 'id_ID',
};

describe('Irsfa adapter: child hosts and DNSSEC', () => {
  it('creates, reads, refuses to delete an in-use host, and deletes it', async () => {
    const { adapter } = irsfaFor(sandbox);
    const domain = names[0]!;
    const host = `ns1.${domain}`;
    expect(await adapter.getHost(host)).toBeNull();
    const created = await adapter.createHost({ host, ipv4: '203.0.113.10', ipv6: '2001:db8::10' });
    expect(created).toMatchObject({ host, domain, ipv4: ['203.0.113.10'], ipv6: ['2001:db8::10'] });
    expect(created!.nameserverId).toBeTypeOf('number');
    await adapter.setNameservers(domain, [host, 'ns2.example-dns.net']);
    const inUse = await failure(adapter.deleteHost(host));
    expect(inUse).toMatchObject({ kind: 'Invalid' });
    expect(inUse.message).toMatch(/in use/);
    await adapter.setNameservers(domain, ['ns1.example-dns.net', 'ns2.example-dns.net']);
    await adapter.deleteHost(host);
    expect(await adapter.getHost(host)).toBeNull();
    expect((await failure(adapter.deleteHost(host))).kind).toBe('NotFound');
  });

  it('adds, lists and removes DS records', async () => {
    const { adapter } = irsfaFor(sandbox);
    const domain = names[1]!;
    const ds = { keyTag: 54321, algorithm: 13, digestType: 2, digest: 'a'.repeat(64) };
    expect(await adapter.getDnssec(domain)).toEqual([]);
    await adapter.addDnssec(domain, ds);
    const [record] = await adapter.getDnssec(domain);
    expect(record).toMatchObject({ keyTag: 54321, algorithm: 13, digestType: 2, digest: 'A'.repeat(64) });
    const duplicate = await failure(adapter.addDnssec(domain, ds));
    expect(duplicate.kind).toBe('Invalid');
    expect(await adapter.removeDnssec(domain, ds)).toMatchObject({ keyTag: 54321, digest: 'A'.repeat(64) });
    expect(await adapter.getDnssec(domain)).toEqual([]);
  });
});

describe('Irsfa adapter: contacts and transfers', () => {
  it('creates and updates a contact', async () => {
    const { adapter } = irsfaFor(sandbox);
    const id = await adapter.createContact(registrant);
    expect(id).toMatch(/-ID$/);
    expect(await adapter.updateContact(id, { ...registrant, city: 'Jakarta Pusat' })).toBe(id);
    const contacts = (await sandbox.control('irsfa', { action: 'contacts', account: 'irs-a' })) as { contacts: { id: string; city: string; locale: string }[] };
    expect(contacts.contacts.find((c) => c.id === id)).toMatchObject({ city: 'Jakarta Pusat', locale: 'id_ID' });
  });

  it('transfers a domain in with its EPP code and follows it to completion', async () => {
    const a = irsfaFor(sandbox, 'irs-a').adapter;
    const b = irsfaFor(sandbox, 'irs-b').adapter;
    const [name] = await namesOf(sandbox, 'irs-b');
    await b.setLock(name!, false);
    const wrong = await failure(a.transferIn({ name: name!, authCode: 'WRONG-CODE', registrant }));
    expect(wrong).toMatchObject({ kind: 'Invalid', field: 'epp' });
    const authCode = await b.getAuthCode(name!);
    await a.transferIn({ name: name!, authCode, registrant });
    expect((await a.transferStatus(name!)).state).toBe('pending');
    sandbox.clock.advance(6 * 86_400_000);
    const done = await a.transferStatus(name!);
    expect(done.state).toBe('completed');
    expect(await b.transferStatus(name!)).toEqual({ state: 'not-in-account' });
  });
});

describe('Irsfa adapter: SSL', () => {
  it('reads the SSL types and products with prices in IDR minor units', async () => {
    const { adapter } = irsfaFor(sandbox);
    expect(await adapter.ssl.types()).toEqual([
      { id: 1, name: 'Domain Validation', active: true },
      { id: 2, name: 'Extended Validation', active: true },
    ]);
    const products = await adapter.ssl.products();
    expect(products.find((p) => p.productId === 'PR00019')).toMatchObject({
      name: 'Sectigo Positive SSL - [Comodo]',
      registryId: 2,
      typeId: 1,
      prices: { register: { amountMinor: 6_500_000, currency: 'IDR' }, renew: { amountMinor: 6_500_000, currency: 'IDR' }, transfer: null, restore: { amountMinor: 39_000_000, currency: 'IDR' } },
    });
  });

  it('generates and decodes a CSR, then orders, modifies, reissues and renews a certificate', async () => {
    const { adapter, logs } = irsfaFor(sandbox);
    const hostname = `www.${names[2]!}`;
    const subject = { registryId: 2, bits: 1, hostname, country: 'ID', state: 'Jawa Barat', locality: 'Bandung', organization: 'Contoh Digital', email: 'admin@example.co.id' };
    const generated = await adapter.ssl.generateCsr(subject);
    expect(generated.csr).toMatch(/BEGIN CERTIFICATE REQUEST/);
    expect(generated.privateKey).toMatch(/PRIVATE KEY/);
    expect(JSON.stringify(logs)).not.toContain(generated.privateKey);
    const decoded = await adapter.ssl.decodeCsr(2, generated.csr);
    expect(decoded).toMatchObject({ bits: 2048, subject: { commonName: hostname, country: 'ID', organization: 'Contoh Digital' }, domainNames: 1 });

    const contact = await adapter.createContact(registrant);
    const order = { hostnames: [hostname], csr: generated.csr, contact, approvalEmail: `admin@${names[2]!}` };
    const created = await adapter.ssl.create({ ...order, productId: 'PR00019', period: 1, validationMethods: ['dns'] });
    expect(created.orderId).toBeTypeOf('number');
    expect(created).toMatchObject({ hostname, period: 1, validation: [{ hostName: hostname, method: 'dns' }] });

    const pending = await adapter.ssl.order(created.orderId!);
    expect(pending).toMatchObject({ id: created.orderId, status: 'pending', hostname, productId: 'PR00019' });
    expect(pending.verification.map((v) => v.type)).toEqual(['PRODUCT', 'SYSTEM', 'DOMAIN']);
    expect(await adapter.ssl.modify(created.orderId!, ['email'])).toEqual({ orderId: created.orderId });

    sandbox.clock.advance(16 * 60_000);
    const active = await adapter.ssl.order(created.orderId!);
    expect(active.status).toBe('active');
    expect(active.expiresAt).not.toBeNull();
    const page = await adapter.ssl.orders({ hostname });
    expect(page).toMatchObject({ page: 1, lastPage: 1, total: 1 });
    expect(page.items[0]!.id).toBe(created.orderId);

    expect((await adapter.ssl.reissue(created.orderId!, order)).orderId).toBe(created.orderId);
    const renewed = await adapter.ssl.renew(created.orderId!, { ...order, period: 1, validationMethods: ['dns'] });
    expect(renewed.orderId).toBeGreaterThan(created.orderId!);
    expect((await adapter.ssl.orders({ hostname })).total).toBe(2);
  });

  it('maps an unknown order to NotFound and a bad CSR to Invalid{csr}', async () => {
    const { adapter } = irsfaFor(sandbox);
    expect((await failure(adapter.ssl.order(999_999))).kind).toBe('NotFound');
    expect(await failure(adapter.ssl.decodeCsr(2, 'not a csr'))).toMatchObject({ kind: 'Invalid', field: 'csr' });
  });
});
