import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptRelayedWebhook, createResellerAdapter, verifyResellerWebhook, verifySignature } from '../../../src-main/registrars/reseller/index.js';
import type { NormalizedDomain } from '../../../src-main/registrars/types.js';
import { signWebhook } from '../../../src-main/sandbox/reseller/webhook-signing.js';
import { startSandbox, type RunningSandbox } from '../../../src-main/sandbox/server.js';
import { createPassthroughLane } from '../../helpers/passthrough-lane.js';

const secret = 'whsec_adapter_test_secret';
const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const nowSec = Math.floor(NOW / 1000);

function signed(body: unknown, ts = nowSec, key = secret): { headers: Record<string, string>; rawBody: string } {
  const rawBody = JSON.stringify(body);
  return { headers: { 'X-Webhook-Timestamp': String(ts), 'X-Webhook-Signature': signWebhook(key, ts, rawBody), 'X-Webhook-Event': 'domain.order.completed' }, rawBody };
}

const order = {
  id: 10007,
  type: 'renew',
  domain: 'bluemarket.com',
  years: 1,
  status: 'completed',
  amount: 17858800,
  currency: 'IDR',
  failure_reason: null,
  domain_expires_at: '2027-06-01T08:00:00.000000Z',
  created_at: '2026-01-15T11:00:00.000000Z',
  updated_at: '2026-01-15T11:50:00.000000Z',
  completed_at: '2026-01-15T11:50:00.000000Z',
  invoice: { id: 50007, number: 'INV-20260115-050007', status: 'paid', amount: 17858800, currency: 'IDR', payment_method: 'wallet', payment_url: null, due_at: null, paid_at: '2026-01-15T11:49:00.000000Z' },
};
const completedEvent = { id: 'evt_0123456789abcdef01234567', event: 'domain.order.completed', created_at: '2026-01-15T11:59:59.000000Z', data: { order } };

describe('reseller webhook verifier', () => {
  it('accepts a valid signature and returns a typed event', () => {
    const r = verifyResellerWebhook(signed(completedEvent), { secret, nowMs: NOW });
    expect(r.ok).toBe(true);
    if (!r.ok || r.event.event !== 'domain.order.completed') throw new Error('wrong event');
    expect(r.event.order).toMatchObject({ id: '10007', state: 'completed', settled: true, domainExpiresAt: '2027-06-01T08:00:00.000Z' });
    expect(r.event.order.invoice?.amount).toEqual({ amountMinor: 17858800, currency: 'IDR' });
    expect(r.event.timestamp).toBe(nowSec);
  });

  it('rejects a signature made with another secret and logs why', () => {
    const logged: string[] = [];
    const r = verifyResellerWebhook(signed(completedEvent, nowSec, 'whsec_someone_else'), { secret, nowMs: NOW, log: (_l, m) => logged.push(m) });
    expect(r).toMatchObject({ ok: false, reason: 'bad-signature' });
    expect(logged.join()).toContain('bad-signature');
    expect(logged.join()).not.toContain(secret);
  });

  it('rejects a tampered body even with the original signature', () => {
    const s = signed(completedEvent);
    const tampered = s.rawBody.replace('"years":1', '"years":9');
    expect(tampered).not.toBe(s.rawBody);
    expect(verifyResellerWebhook({ headers: s.headers, rawBody: tampered }, { secret, nowMs: NOW })).toMatchObject({ ok: false, reason: 'bad-signature' });
    // A re-signed timestamp without the secret is just as wrong.
    expect(verifyResellerWebhook({ headers: { ...s.headers, 'X-Webhook-Timestamp': String(nowSec + 1) }, rawBody: s.rawBody }, { secret, nowMs: NOW })).toMatchObject({ reason: 'bad-signature' });
  });

  it('rejects stale and future timestamps beyond the tolerance (default 5 minutes)', () => {
    expect(verifyResellerWebhook(signed(completedEvent, nowSec - 299), { secret, nowMs: NOW }).ok).toBe(true);
    expect(verifyResellerWebhook(signed(completedEvent, nowSec - 301), { secret, nowMs: NOW })).toMatchObject({ ok: false, reason: 'stale-timestamp' });
    expect(verifyResellerWebhook(signed(completedEvent, nowSec + 600), { secret, nowMs: NOW })).toMatchObject({ ok: false, reason: 'future-timestamp' });
    expect(verifyResellerWebhook(signed(completedEvent, nowSec - 1000), { secret, nowMs: NOW, toleranceSec: 3600 }).ok).toBe(true);
  });

  it('rejects missing or malformed headers, unknown events and duplicates', () => {
    const s = signed(completedEvent);
    expect(verifySignature({ secret, timestamp: String(nowSec), signature: undefined, rawBody: s.rawBody, nowMs: NOW })).toMatchObject({ reason: 'missing-signature' });
    expect(verifySignature({ secret, timestamp: 'yesterday', signature: s.headers['X-Webhook-Signature'], rawBody: s.rawBody, nowMs: NOW })).toMatchObject({ reason: 'malformed-timestamp' });
    expect(verifySignature({ secret, timestamp: String(nowSec), signature: 'md5=abc', rawBody: s.rawBody, nowMs: NOW })).toMatchObject({ reason: 'malformed-signature' });
    expect(verifySignature({ secret: '', timestamp: String(nowSec), signature: s.headers['X-Webhook-Signature'], rawBody: s.rawBody, nowMs: NOW })).toMatchObject({ reason: 'missing-secret' });
    expect(verifyResellerWebhook(signed({ ...completedEvent, event: 'domain.sold' }), { secret, nowMs: NOW })).toMatchObject({ reason: 'unknown-event' });
    expect(verifyResellerWebhook(signed({ ...completedEvent, data: {} }), { secret, nowMs: NOW })).toMatchObject({ reason: 'malformed-body' });
    expect(verifyResellerWebhook(s, { secret, nowMs: NOW, isDuplicate: (id) => id === completedEvent.id })).toMatchObject({ reason: 'duplicate', eventId: completedEvent.id });
  });

  it('accepts a relayed raw HTTP paste (with a trailing newline) and a JSON relay, hours after the delivery', () => {
    const ts = nowSec - 6 * 3600;
    const s = signed(completedEvent, ts);
    const paste = ['POST /hooks/reseller HTTP/1.1', 'Host: catcher.example', 'Content-Type: application/json', `X-Webhook-Timestamp: ${ts}`, `X-Webhook-Signature: ${s.headers['X-Webhook-Signature']}`, '', `${s.rawBody}\n`].join('\r\n');
    const relayed = acceptRelayedWebhook(paste, { secret, nowMs: NOW });
    expect(relayed.ok && relayed.event.id).toBe(completedEvent.id);
    // The same event as a direct delivery would be stale.
    expect(verifyResellerWebhook(s, { secret, nowMs: NOW })).toMatchObject({ reason: 'stale-timestamp' });

    const json = JSON.stringify({ headers: s.headers, body: s.rawBody });
    expect(acceptRelayedWebhook(json, { secret, nowMs: NOW }).ok).toBe(true);
    expect(acceptRelayedWebhook(json, { secret, nowMs: NOW, maxAgeSec: 3600 })).toMatchObject({ reason: 'stale-timestamp' });
    expect(acceptRelayedWebhook(paste.replace('"years":1', '"years":2'), { secret, nowMs: NOW })).toMatchObject({ reason: 'bad-signature' });
    expect(acceptRelayedWebhook(s.rawBody, { secret, nowMs: NOW })).toMatchObject({ reason: 'unreadable-relay' });
    expect(acceptRelayedWebhook('not a request', { secret, nowMs: NOW })).toMatchObject({ reason: 'unreadable-relay' });
  });
});

describe('reseller webhooks delivered by the sandbox', () => {
  let sandbox: RunningSandbox;
  let hookServer: Server;
  const received: { headers: IncomingHttpHeaders; raw: string }[] = [];
  const agent = new Agent();

  beforeAll(async () => {
    hookServer = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ headers: req.headers, raw: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => hookServer.listen(0, '127.0.0.1', r));
    sandbox = await startSandbox({ seed: 'reseller-hooks', domains: 20, registrars: { reseller: { provisionMs: 100 } } });
    const url = `http://127.0.0.1:${(hookServer.address() as AddressInfo).port}/hooks`;
    await sandbox.control('reseller', { action: 'setWebhook', account: 'rsl-a', url, secret });
  });

  afterAll(async () => {
    await sandbox.close();
    await agent.close();
    await new Promise<void>((r) => hookServer.close(() => r()));
  });

  it('verifies real deliveries after a renewal is paid, and rejects them tampered or relayed to the wrong account', async () => {
    const logs: string[] = [];
    const adapter = createResellerAdapter({
      accountId: 'a',
      label: 'rsl-a',
      registrar: 'reseller',
      endpoint: sandbox.descriptor.registrars.reseller.endpoint,
      credentials: { token: sandbox.descriptor.registrars.reseller.accounts[0]!.credentials.token!, webhookSecret: secret },
      lane: createPassthroughLane(),
      http: agent,
      now: () => sandbox.clock.now(),
      log: (level, m) => logs.push(`${level} ${m}`),
    });
    let first: NormalizedDomain | undefined;
    for await (const page of adapter.listDomains()) {
      first = page.find((d) => d.status === 'active');
      if (first) break;
    }
    if (!first) throw new Error('no active domain');
    const renewed = await adapter.renew({ name: first.name, years: 1, expectedExpiresAt: first.expiresAt!, idempotencyKey: `hook-${first.name}`, allowLateFee: false });
    if (renewed.state !== 'pending') throw new Error('expected a pending renewal');
    await sandbox.control('reseller', { action: 'payInvoice', account: 'rsl-a', invoice: Number(renewed.invoice!.id) });
    await adapter.waitForOrder(renewed.orderId, { intervalMs: 50, timeoutMs: 5000 });
    await sandbox.control('reseller', { action: 'webhookDeliveries', account: 'rsl-a' });

    const events = received.map((r) => verifyResellerWebhook({ headers: r.headers, rawBody: r.raw }, { secret, nowMs: sandbox.clock.now() }));
    expect(events.map((e) => (e.ok ? e.event.event : e.reason))).toEqual(['invoice.paid', 'domain.order.processing', 'domain.order.completed']);
    const paid = events[0]!;
    if (!paid.ok || paid.event.event !== 'invoice.paid') throw new Error('expected invoice.paid');
    expect(paid.event.order.id).toBe(renewed.orderId);
    expect(paid.event.invoice).toMatchObject({ id: renewed.invoice!.id, status: 'paid' });

    const last = received[2]!;
    const tampered = last.raw.replace('"status":"completed"', '"status":"failed"');
    expect(tampered).not.toBe(last.raw);
    expect(verifyResellerWebhook({ headers: last.headers, rawBody: tampered }, { secret, nowMs: sandbox.clock.now() })).toMatchObject({ ok: false, reason: 'bad-signature' });

    const paste = [...Object.entries(last.headers).map(([k, v]) => `${k}: ${String(v)}`), '', last.raw].join('\n');
    expect(adapter.acceptRelayedWebhook(paste).ok).toBe(true);
    expect(adapter.acceptRelayedWebhook(paste, { secret: 'whsec_other_account' })).toMatchObject({ ok: false, reason: 'bad-signature' });
    expect(logs.some((l) => l.startsWith('warn') && l.includes('relay rejected (bad-signature'))).toBe(true);
  });
});
