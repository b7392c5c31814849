import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhook } from '../../../src-main/sandbox/reseller/webhook-signing.js';
import { startSandbox, type RunningSandbox } from '../../../src-main/sandbox/server.js';

interface Api {
  status: number;
  headers: Headers;
  body: Record<string, unknown> & { data?: unknown; message?: string; errors?: Record<string, string[]> };
}

interface OrderBody {
  id: number;
  status: string;
  domain: string;
  type: string;
  amount: number;
  failure_reason: string | null;
  invoice: { id: number; number: string; status: string; payment_method: string | null };
}

interface Received {
  headers: IncomingHttpHeaders;
  raw: string;
  event: string;
  data: Record<string, unknown>;
}

function client(sandbox: RunningSandbox) {
  const info = sandbox.descriptor.registrars.reseller;
  const token = (label: string): string => info.accounts.find((a) => a.label === label)?.credentials.token ?? '';
  return async (
    label: string | null,
    method: string,
    path: string,
    opts: { form?: [string, string][]; json?: unknown; key?: string; query?: Record<string, string> } = {},
  ): Promise<Api> => {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (label) headers.authorization = `Bearer ${token(label)}`;
    if (opts.key !== undefined) headers['idempotency-key'] = opts.key;
    let body: string | undefined;
    if (opts.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(opts.form).toString();
    } else if (opts.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(opts.json);
    }
    const q = opts.query ? `?${new URLSearchParams(opts.query).toString()}` : '';
    const res = await fetch(`${info.endpoint}/api/reseller/v1${path}${q}`, { method, headers, body });
    return { status: res.status, headers: res.headers, body: (await res.json()) as Api['body'] };
  };
}

async function waitFor<T>(probe: () => T | undefined | Promise<T | undefined>, what: string, ms = 5000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('reseller simulator rules', () => {
  let sandbox: RunningSandbox;
  let api: ReturnType<typeof client>;
  let hookServer: Server;
  let hookUrl: string;
  const received: Received[] = [];
  const secret = 'whsec_test_secret';

  const control = (body: Record<string, unknown>): Promise<Record<string, unknown>> =>
    sandbox.control('reseller', body) as Promise<Record<string, unknown>>;
  const orders = async (label: string): Promise<{ orders: (OrderBody & { idempotency_key: string | null })[]; invoices: unknown[] }> =>
    (await control({ action: 'orders', account: label })) as never;
  const domainRecord = async (label: string, name: string): Promise<{ expiresAtMs: number; status: string; dns: { records: unknown[] } }> =>
    ((await control({ action: 'domain', account: label, name })) as { domain: never }).domain;

  /** A name the search says is free, so register tests do not depend on the seed. */
  const freeName = async (prefix: string): Promise<string> => {
    const candidates = Array.from({ length: 20 }, (_, i) => [`domains[]`, `${prefix}-${i}-deckcheck.com`] as [string, string]);
    const res = await api('rsl-a', 'POST', '/domains/search', { form: candidates });
    const hit = (res.body.data as { domain: string; available: boolean; premium: boolean }[]).find((d) => d.available && !d.premium);
    if (!hit) throw new Error('no free name found');
    return hit.domain;
  };
  const activeDomain = async (label: string, index = 0): Promise<string> => {
    const res = await api(label, 'GET', '/domains', { query: { status: 'active', per_page: '20' } });
    return (res.body.data as { name: string }[])[index]?.name ?? '';
  };

  beforeAll(async () => {
    hookServer = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const parsed = JSON.parse(raw) as { event: string; data: Record<string, unknown> };
        received.push({ headers: req.headers, raw, event: parsed.event, data: parsed.data });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => hookServer.listen(0, '127.0.0.1', r));
    hookUrl = `http://127.0.0.1:${(hookServer.address() as AddressInfo).port}/hooks/reseller`;
    sandbox = await startSandbox({ seed: 'test', domains: 50, registrars: { reseller: { provisionMs: 300 } } });
    api = client(sandbox);
  });

  afterAll(async () => {
    await sandbox.close();
    await new Promise<void>((r) => hookServer.close(() => r()));
  });

  it('prints drk_ tokens for rsl-a and rsl-b', () => {
    const accounts = sandbox.descriptor.registrars.reseller.accounts;
    expect(accounts.map((a) => a.label)).toEqual(['rsl-a', 'rsl-b']);
    for (const a of accounts) expect(a.credentials.token).toMatch(/^drk_[A-Za-z0-9]{40}$/);
  });

  it('rejects a missing or unknown token with 401', async () => {
    expect((await api(null, 'GET', '/status')).status).toBe(401);
    const res = await api(null, 'GET', '/domains');
    expect(res.body).toEqual({ message: 'Unauthenticated.' });
  });

  it('rsl-b (read-only) gets 403 naming orders.write on renew, and billing.read on status', async () => {
    const name = await activeDomain('rsl-b');
    const before = sandbox.stats().reseller?.['rsl-b']?.violations ?? 0;
    const renew = await api('rsl-b', 'POST', '/orders/renew', { form: [['domain', name], ['years', '1']], key: 'b-renew-1' });
    expect(renew.status).toBe(403);
    expect(renew.body.message).toContain('orders.write');
    const status = await api('rsl-b', 'GET', '/status');
    expect(status.status).toBe(403);
    expect(status.body.message).toContain('billing.read');
    expect((await api('rsl-b', 'GET', '/domains')).status).toBe(200);
    expect((await api('rsl-b', 'GET', '/orders')).status).toBe(200);
    expect(sandbox.stats().reseller?.['rsl-b']?.violations).toBe(before + 2);
    expect((await orders('rsl-b')).orders).toHaveLength(0);
  });

  it('replays the same Idempotency-Key + body without creating a second order or invoice', async () => {
    const name = await freeName('replay');
    const form: [string, string][] = [['domain', name], ['years', '1'], ['privacy', 'full'], ['auto_renew', '1']];
    const first = await api('rsl-a', 'POST', '/orders/register', { form, key: `register-${name}-001` });
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const replays = sandbox.stats().reseller?.['rsl-a']?.replays ?? 0;

    const again = await api('rsl-a', 'POST', '/orders/register', { form, key: `register-${name}-001` });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect((again.body.data as OrderBody).id).toBe((first.body.data as OrderBody).id);
    expect((again.body.data as OrderBody).invoice.id).toBe((first.body.data as OrderBody).invoice.id);
    // The same body sent as JSON is the same request.
    const asJson = await api('rsl-a', 'POST', '/orders/register', {
      json: { domain: name, years: '1', privacy: 'full', auto_renew: '1' },
      key: `register-${name}-001`,
    });
    expect(asJson.headers.get('idempotent-replayed')).toBe('true');

    const state = await orders('rsl-a');
    expect(state.orders.filter((o) => o.domain === name)).toHaveLength(1);
    expect(state.invoices.length).toBe(state.orders.length);
    expect(sandbox.stats().reseller?.['rsl-a']?.replays).toBe(replays + 2);
  });

  it('answers 409 for the same key with a different body, and 422 without a key', async () => {
    const name = await freeName('conflict');
    const ok = await api('rsl-a', 'POST', '/orders/register', { form: [['domain', name], ['years', '1']], key: 'conflict-key-1' });
    expect(ok.status).toBe(201);
    const count = (await orders('rsl-a')).orders.length;
    const conflict = await api('rsl-a', 'POST', '/orders/register', { form: [['domain', name], ['years', '2']], key: 'conflict-key-1' });
    expect(conflict.status).toBe(409);
    expect(conflict.body.message).toContain('conflict-key-1');
    const otherRoute = await api('rsl-a', 'POST', '/orders/transfer', { form: [['domain', name], ['years', '1']], key: 'conflict-key-1' });
    expect(otherRoute.status).toBe(409);
    const missing = await api('rsl-a', 'POST', '/orders/register', { form: [['domain', name], ['years', '1']] });
    expect(missing.status).toBe(422);
    expect(missing.body.errors?.idempotency_key).toBeDefined();
    expect((await orders('rsl-a')).orders.length).toBe(count);
  });

  it('lets a client retry a register whose response was dropped after the write, without a second order', async () => {
    const name = await freeName('dropped');
    const form: [string, string][] = [['domain', name], ['years', '1']];
    sandbox.setFaults({ reseller: { drop: { next: 1 }, only: ['orders.register'] } });
    await expect(api('rsl-a', 'POST', '/orders/register', { form, key: `drop-${name}` })).rejects.toThrow();
    sandbox.setFaults({ reseller: null });
    const retry = await api('rsl-a', 'POST', '/orders/register', { form, key: `drop-${name}` });
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect((await orders('rsl-a')).orders.filter((o) => o.domain === name)).toHaveLength(1);
  });

  it('delivers signed webhooks after payInvoice, then provisions the renewal and moves the expiry', async () => {
    const hook = await control({ action: 'setWebhook', account: 'rsl-a', url: hookUrl, secret });
    expect(hook.ok).toBe(true);
    const name = await activeDomain('rsl-a', 1);
    const before = await domainRecord('rsl-a', name);
    const walletBefore = ((await api('rsl-a', 'GET', '/status')).body.data as { wallet: { balance: number } }).wallet.balance;

    const created = await api('rsl-a', 'POST', '/orders/renew', { json: { domain: name, years: 1 }, key: `renew-${name}-1` });
    expect(created.status).toBe(201);
    const order = created.body.data as OrderBody;
    expect(order.status).toBe('awaiting_payment');
    expect(order.invoice.status).toBe('unpaid');
    // Unpaid: nothing is provisioned.
    expect((await domainRecord('rsl-a', name)).expiresAtMs).toBe(before.expiresAtMs);

    const paid = await control({ action: 'payInvoice', account: 'rsl-a', invoice: order.invoice.id });
    expect(paid.ok).toBe(true);
    const listed = await api('rsl-a', 'GET', '/orders', { query: { status: 'processing' } });
    expect((listed.body.data as OrderBody[]).map((o) => o.id)).toContain(order.id);

    const invoicePaid = await waitFor(() => received.find((r) => r.event === 'invoice.paid'), 'invoice.paid webhook');
    const ts = String(invoicePaid.headers['x-webhook-timestamp']);
    expect(ts).toMatch(/^\d{10}$/);
    expect(invoicePaid.headers['x-webhook-signature']).toBe(signWebhook(secret, ts, invoicePaid.raw));
    expect(verifyWebhook(secret, ts, invoicePaid.raw, String(invoicePaid.headers['x-webhook-signature']))).toBe(true);
    expect(verifyWebhook('wrong', ts, invoicePaid.raw, String(invoicePaid.headers['x-webhook-signature']))).toBe(false);
    expect((invoicePaid.data.invoice as { id: number }).id).toBe(order.invoice.id);

    const completed = await waitFor(() => received.find((r) => r.event === 'domain.order.completed'), 'completed webhook');
    expect((completed.data.order as OrderBody).id).toBe(order.id);
    expect(received.map((r) => r.event).slice(0, 3)).toEqual(['invoice.paid', 'domain.order.processing', 'domain.order.completed']);

    const after = await domainRecord('rsl-a', name);
    const moved = new Date(before.expiresAtMs);
    moved.setUTCFullYear(moved.getUTCFullYear() + 1);
    expect(after.expiresAtMs).toBe(moved.getTime());
    const status = (await api('rsl-a', 'GET', '/status')).body.data as { wallet: { balance: number } };
    expect(status.wallet.balance).toBe(walletBefore - order.amount);
    const done = await api('rsl-a', 'GET', '/orders', { query: { domain: name, status: 'completed' } });
    expect((done.body.data as OrderBody[])[0]?.id).toBe(order.id);
  });

  it('fails provisioning on request, refunds the wallet and sends domain.order.failed', async () => {
    const name = await freeName('failing');
    const created = await api('rsl-a', 'POST', '/orders/register', { form: [['domain', name], ['years', '1']], key: `fail-${name}` });
    const order = created.body.data as OrderBody;
    const balance = ((await api('rsl-a', 'GET', '/status')).body.data as { wallet: { balance: number } }).wallet.balance;
    expect((await control({ action: 'failNextProvisioning', account: 'rsl-a' })).ok).toBe(true);
    expect((await control({ action: 'payInvoice', account: 'rsl-a', invoice: order.invoice.number })).ok).toBe(true);
    const failed = await waitFor(
      () => received.find((r) => r.event === 'domain.order.failed' && (r.data.order as OrderBody).id === order.id),
      'failed webhook',
    );
    expect((failed.data.order as OrderBody).failure_reason).toBeTruthy();
    expect(((await api('rsl-a', 'GET', '/status')).body.data as { wallet: { balance: number } }).wallet.balance).toBe(balance);
    expect((await control({ action: 'domain', account: 'rsl-a', name })).ok).toBe(false);
  });

  it('refuses wallet payment beyond the balance but accepts a gateway payment', async () => {
    const name = await freeName('broke');
    const order = (await api('rsl-a', 'POST', '/orders/register', { form: [['domain', name]], key: `broke-${name}` })).body.data as OrderBody;
    const saved = (await control({ action: 'orders', account: 'rsl-a' })).walletBalance as number;
    await control({ action: 'setWalletBalance', account: 'rsl-a', balance: 100 });
    const refused = await control({ action: 'payInvoice', account: 'rsl-a', invoice: order.invoice.id });
    expect(refused).toMatchObject({ ok: false });
    expect(String(refused.error)).toContain('Insufficient');
    const gateway = await control({ action: 'payInvoice', account: 'rsl-a', invoice: order.invoice.id, method: 'gateway' });
    expect(gateway.ok).toBe(true);
    expect((gateway.invoice as { payment_method: string }).payment_method).toBe('gateway');
    await control({ action: 'setWalletBalance', account: 'rsl-a', balance: saved });
  });

  it('survives an unreachable webhook receiver and logs the failed delivery', async () => {
    await control({ action: 'setWebhook', account: 'rsl-a', url: 'http://127.0.0.1:1/nowhere' });
    const name = await freeName('deadhook');
    const order = (await api('rsl-a', 'POST', '/orders/register', { form: [['domain', name]], key: `dead-${name}` })).body.data as OrderBody;
    expect((await control({ action: 'payInvoice', account: 'rsl-a', invoice: order.invoice.id })).ok).toBe(true);
    const log = (await control({ action: 'webhookDeliveries', account: 'rsl-a' })) as { deliveries: { url: string; error: string | null }[] };
    const dead = log.deliveries.filter((d) => d.url.includes('nowhere'));
    expect(dead.length).toBe(2);
    expect(dead.every((d) => d.error !== null)).toBe(true);
    expect((await api('rsl-a', 'GET', '/status')).status).toBe(200);
    await control({ action: 'setWebhook', account: 'rsl-a', url: hookUrl });
  });

  it('sends domain.expiring reminders through the control action', async () => {
    const res = await control({ action: 'sendExpiryReminders', account: 'rsl-a', days: 365, limit: 2 });
    expect(res.sent).toBe(2);
    const expiring = await waitFor(() => {
      const hits = received.filter((r) => r.event === 'domain.expiring');
      return hits.length === 2 ? hits : undefined;
    }, 'expiring webhooks');
    expect(typeof expiring[0]?.data.days_left).toBe('number');
  });

  it('searches single and bulk, validating names and the 50-name limit', async () => {
    const single = await api('rsl-a', 'POST', '/domains/search', { json: { domain: 'Example.COM' } });
    expect((single.body.data as { domain: string }[])[0]?.domain).toBe('example.com');
    const own = await activeDomain('rsl-a');
    const mine = await api('rsl-a', 'POST', '/domains/search', { form: [['domains[]', own]] });
    expect((mine.body.data as { reason: string }[])[0]?.reason).toBe('in_your_account');
    const bad = await api('rsl-a', 'POST', '/domains/search', { form: [['domains[]', 'ok.com'], ['domains[]', 'not a domain']] });
    expect(bad.status).toBe(422);
    expect(bad.body.errors?.['domains.1']).toBeDefined();
    const many = await api('rsl-a', 'POST', '/domains/search', { json: { domains: Array.from({ length: 51 }, (_, i) => `n${i}.com`) } });
    expect(many.status).toBe(422);
    expect((await api('rsl-a', 'POST', '/domains/search', {})).body.errors?.domains).toEqual(['The domains field is required.']);
  });

  it('pages and filters the domain list', async () => {
    const page1 = await api('rsl-a', 'GET', '/domains', { query: { per_page: '10' } });
    const meta = page1.body.meta as { total: number; last_page: number; per_page: number };
    expect(meta.per_page).toBe(10);
    expect(meta.last_page).toBe(Math.ceil(meta.total / 10));
    const page2 = await api('rsl-a', 'GET', '/domains', { query: { per_page: '10', page: '2' } });
    const names1 = (page1.body.data as { name: string }[]).map((d) => d.name);
    const names2 = (page2.body.data as { name: string }[]).map((d) => d.name);
    expect(names1.some((n) => names2.includes(n))).toBe(false);
    const needle = names1[0]?.slice(0, 5) ?? '';
    const filtered = await api('rsl-a', 'GET', '/domains', { query: { search: needle } });
    expect((filtered.body.data as { name: string }[]).every((d) => d.name.includes(needle))).toBe(true);
    expect((await api('rsl-a', 'GET', '/domains', { query: { per_page: '500' } })).status).toBe(422);
  });

  it('replaces DNS records from a PHP-style form body and pushes them', async () => {
    const name = await activeDomain('rsl-a', 2);
    const form: [string, string][] = [
      ['domain', name],
      ['records[0][type]', 'A'],
      ['records[0][name]', '@'],
      ['records[0][value]', '198.51.100.7'],
      ['records[1][type]', 'TXT'],
      ['records[1][name]', '@'],
      ['records[1][value]', 'v=spf1 -all'],
    ];
    const replaced = await api('rsl-a', 'PUT', '/domains/dns', { form });
    expect(replaced.status).toBe(200);
    expect((replaced.body.data as { pushed_at: string | null }).pushed_at).toBeNull();
    expect((await domainRecord('rsl-a', name)).dns.records).toHaveLength(2);
    const pushed = await api('rsl-a', 'POST', '/domains/dns/push', { form: [['domain', name]] });
    expect((pushed.body.data as { pushed_at: string | null }).pushed_at).not.toBeNull();
    const invalid = await api('rsl-a', 'PUT', '/domains/dns', {
      json: { domain: name, records: [{ type: 'A', name: '@', value: 'not-an-ip' }, { type: 'MX', name: '@', value: 'mx.example.com' }] },
    });
    expect(invalid.status).toBe(422);
    expect(Object.keys(invalid.body.errors ?? {}).sort()).toEqual(['records.0.value', 'records.1.priority']);
    expect((await api('rsl-b', 'PUT', '/domains/dns', { form })).status).toBe(403);
  });

  it('expires unpaid invoices when the sandbox clock moves past the due date', async () => {
    const name = await freeName('expiring');
    const order = (await api('rsl-a', 'POST', '/orders/register', { form: [['domain', name]], key: `exp-${name}` })).body.data as OrderBody;
    sandbox.clock.advance(25 * 3_600_000);
    const listed = await api('rsl-a', 'GET', '/orders', { query: { domain: name } });
    const after = (listed.body.data as OrderBody[])[0];
    expect(after?.status).toBe('failed');
    expect(after?.invoice.status).toBe('expired');
    expect((await control({ action: 'payInvoice', account: 'rsl-a', invoice: order.invoice.id })).ok).toBe(false);
  });
});

describe('reseller simulator with autoPayFromWallet and a large portfolio', () => {
  let sandbox: RunningSandbox;
  let api: ReturnType<typeof client>;

  beforeAll(async () => {
    sandbox = await startSandbox({ seed: 'test', domains: 100_000, registrars: { reseller: { autoPayFromWallet: true, provisionMs: 0 } } });
    api = client(sandbox);
  });

  afterAll(async () => {
    await sandbox.close();
  });

  it('pays new invoices from the wallet at once and completes after provisionMs', async () => {
    const search = await api('rsl-a', 'POST', '/domains/search', {
      form: Array.from({ length: 10 }, (_, i) => ['domains[]', `autopay-${i}-deckcheck.com`] as [string, string]),
    });
    const name = (search.body.data as { domain: string; available: boolean; premium: boolean }[]).find((d) => d.available && !d.premium)?.domain ?? '';
    const created = await api('rsl-a', 'POST', '/orders/register', { form: [['domain', name], ['years', '2']], key: `auto-${name}` });
    const order = created.body.data as OrderBody;
    expect(order.status).toBe('processing');
    expect(order.invoice).toMatchObject({ status: 'paid', payment_method: 'wallet' });
    const listed = await api('rsl-a', 'GET', '/orders', { query: { domain: name } });
    expect((listed.body.data as OrderBody[])[0]?.status).toBe('completed');
    const found = await api('rsl-a', 'GET', '/domains', { query: { search: name } });
    expect((found.body.data as { name: string }[]).map((d) => d.name)).toEqual([name]);
  });

  it('serves 100k domains page by page', async () => {
    const last = await api('rsl-a', 'GET', '/domains', { query: { per_page: '100', page: '1000' } });
    expect(last.status).toBe(200);
    const meta = last.body.meta as { total: number; last_page: number; from: number };
    expect(meta.total).toBe(100_001);
    expect(meta.last_page).toBe(1001);
    expect(meta.from).toBe(99_901);
    expect((last.body.data as unknown[]).length).toBe(100);
  });
});
