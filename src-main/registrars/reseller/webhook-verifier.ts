import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { NormalizedDomain } from '../types.js';
import { domainWire, invoiceWire, isoTime, normalizeDomain, normalizeInvoice, normalizeOrder, orderWire, type ResellerInvoice, type ResellerOrder } from './parse.js';

/**
 * Verifies the reseller's outbound webhooks (seed 003):
 *   X-Webhook-Timestamp: <unix seconds>
 *   X-Webhook-Signature: sha256=<hex hmac_sha256(key = secret, message = timestamp + "." + raw_body)>
 * Pure node:crypto; no I/O except the optional `log` callback. A desktop app
 * cannot be reached from the internet, so polling the orders list stays the
 * primary path: an accepted event is a hint to poll sooner, never the only
 * source of truth.
 */

export const DEFAULT_TOLERANCE_SEC = 5 * 60;
/** Relayed events are old by nature (captured elsewhere, pasted later); the event id guards against replays. */
export const DEFAULT_RELAY_MAX_AGE_SEC = 7 * 24 * 3600;

export type WebhookRejection =
  | 'missing-secret'
  | 'missing-signature'
  | 'missing-timestamp'
  | 'malformed-signature'
  | 'malformed-timestamp'
  | 'bad-signature'
  | 'stale-timestamp'
  | 'future-timestamp'
  | 'malformed-body'
  | 'unknown-event'
  | 'duplicate'
  | 'unreadable-relay';

export type SignatureCheckResult = { ok: true } | { ok: false; reason: WebhookRejection; message: string };

export interface SignatureCheck {
  secret: string;
  timestamp: string | undefined;
  signature: string | undefined;
  rawBody: string | Buffer;
  nowMs: number;
  /** Oldest accepted age, seconds (default 5 min). */
  maxAgeSec?: number;
  /** Furthest accepted clock skew into the future, seconds (default 5 min). */
  maxFutureSec?: number;
}

const fail = (reason: WebhookRejection, message: string): SignatureCheckResult => ({ ok: false, reason, message });

/**
 * The reusable check: `sha256=<hex>` over `timestamp.raw_body`, compared in
 * constant time. Several comma-separated signatures are accepted (secret
 * rotation). The signature is checked before the age, so "stale" is only
 * ever said of an authentic event.
 */
export function verifySignature(check: SignatureCheck): SignatureCheckResult {
  if (!check.secret) return fail('missing-secret', 'No webhook secret is configured for this account.');
  if (!check.signature) return fail('missing-signature', 'The event has no X-Webhook-Signature header.');
  if (!check.timestamp) return fail('missing-timestamp', 'The event has no X-Webhook-Timestamp header.');
  const ts = check.timestamp.trim();
  if (!/^\d{1,12}$/.test(ts)) return fail('malformed-timestamp', 'X-Webhook-Timestamp is not a unix time in seconds.');
  const given = check.signature
    .split(',')
    .map((s) => /^\s*sha256=([0-9a-fA-F]{64})\s*$/.exec(s)?.[1])
    .filter((s): s is string => s !== undefined)
    .map((hex) => Buffer.from(hex, 'hex'));
  if (given.length === 0) return fail('malformed-signature', 'X-Webhook-Signature is not of the form sha256=<64 hex digits>.');
  const expected = createHmac('sha256', check.secret).update(`${ts}.`, 'utf8').update(typeof check.rawBody === 'string' ? Buffer.from(check.rawBody, 'utf8') : check.rawBody).digest();
  // Every candidate is compared (no early exit), each in constant time.
  let match = false;
  for (const g of given) match = timingSafeEqual(g, expected) || match;
  if (!match) return fail('bad-signature', 'The signature does not match the body: the event was altered or signed with another secret.');
  const ageSec = Math.floor(check.nowMs / 1000) - Number(ts);
  if (ageSec > (check.maxAgeSec ?? DEFAULT_TOLERANCE_SEC)) return fail('stale-timestamp', `The event is ${ageSec} s old, older than allowed; it may be a replay.`);
  if (-ageSec > (check.maxFutureSec ?? DEFAULT_TOLERANCE_SEC)) return fail('future-timestamp', `The event is dated ${-ageSec} s in the future; check the computer's clock.`);
  return { ok: true };
}

interface EventBase {
  id: string;
  createdAt: string | null;
  /** X-Webhook-Timestamp, unix seconds. */
  timestamp: number;
  raw: unknown;
}

export type ResellerWebhookEvent =
  | (EventBase & { event: 'invoice.paid'; invoice: ResellerInvoice; order: ResellerOrder })
  | (EventBase & { event: 'domain.order.processing' | 'domain.order.completed' | 'domain.order.failed'; order: ResellerOrder })
  | (EventBase & { event: 'domain.expiring'; domain: NormalizedDomain; daysLeft: number });

export type WebhookVerification = { ok: true; event: ResellerWebhookEvent } | { ok: false; reason: WebhookRejection; message: string; eventId: string | null };

const envelope = z.looseObject({ id: z.string(), event: z.string(), created_at: z.string().nullish(), data: z.looseObject({}) });

function parseEvent(rawBody: string, timestamp: number): ResellerWebhookEvent | { reason: WebhookRejection; message: string } {
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    return { reason: 'malformed-body', message: 'The event body is not JSON.' };
  }
  const env = envelope.safeParse(json);
  if (!env.success) return { reason: 'malformed-body', message: 'The event body lacks id, event or data.' };
  const base: EventBase = { id: env.data.id, createdAt: isoTime(env.data.created_at), timestamp, raw: json };
  const data = env.data.data;
  const order = orderWire.safeParse(data.order);
  switch (env.data.event) {
    case 'invoice.paid': {
      const invoice = invoiceWire.safeParse(data.invoice);
      if (!invoice.success || !order.success) break;
      return { ...base, event: 'invoice.paid', invoice: normalizeInvoice(invoice.data), order: normalizeOrder(order.data) };
    }
    case 'domain.order.processing':
    case 'domain.order.completed':
    case 'domain.order.failed':
      if (!order.success) break;
      return { ...base, event: env.data.event, order: normalizeOrder(order.data) };
    case 'domain.expiring': {
      const domain = domainWire.safeParse(data.domain);
      const days = typeof data.days_left === 'number' ? data.days_left : null;
      if (!domain.success || days === null) break;
      return { ...base, event: 'domain.expiring', domain: normalizeDomain(domain.data), daysLeft: days };
    }
    default:
      return { reason: 'unknown-event', message: `Unknown webhook event "${env.data.event}".` };
  }
  return { reason: 'malformed-body', message: `The ${env.data.event} event does not carry the expected data.` };
}

export type HeaderMap = Record<string, string | string[] | undefined>;

function headerValue(headers: HeaderMap, name: string): string | undefined {
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === name) return Array.isArray(v) ? v[0] : v;
  return undefined;
}

export interface VerifyOptions {
  secret: string;
  nowMs: number;
  /** Oldest accepted age in seconds (default 5 min). */
  toleranceSec?: number;
  /** Event ids already handled: a repeat is rejected as a duplicate. */
  isDuplicate?: (eventId: string) => boolean;
  /** Rejections are logged here (no secrets: only the reason and the event id). */
  log?: (level: 'warn' | 'info', message: string) => void;
}

function reject(options: VerifyOptions, reason: WebhookRejection, message: string, eventId: string | null, how: string): WebhookVerification {
  options.log?.('warn', `reseller webhook ${how} rejected (${reason}${eventId ? `, ${eventId}` : ''}): ${message}`);
  return { ok: false, reason, message, eventId };
}

function check(input: { headers: HeaderMap; rawBodies: string[] }, options: VerifyOptions, maxAgeSec: number, how: string): WebhookVerification {
  const timestamp = headerValue(input.headers, 'x-webhook-timestamp');
  const signature = headerValue(input.headers, 'x-webhook-signature');
  const headerId = headerValue(input.headers, 'x-webhook-id') ?? null;
  let result: SignatureCheckResult = fail('bad-signature', 'No body to verify.');
  let body = input.rawBodies[0] ?? '';
  // Candidates are variants of the same pasted bytes; only an exact HMAC match passes.
  for (const candidate of input.rawBodies) {
    result = verifySignature({ secret: options.secret, timestamp, signature, rawBody: candidate, nowMs: options.nowMs, maxAgeSec, maxFutureSec: options.toleranceSec });
    body = candidate;
    if (result.ok || result.reason !== 'bad-signature') break;
  }
  if (!result.ok) return reject(options, result.reason, result.message, headerId, how);
  const event = parseEvent(body, Number(timestamp));
  if ('reason' in event) return reject(options, event.reason, event.message, headerId, how);
  if (options.isDuplicate?.(event.id)) return reject(options, 'duplicate', `Event ${event.id} was already handled.`, event.id, how);
  options.log?.('info', `reseller webhook ${how} accepted: ${event.event} ${event.id}`);
  return { ok: true, event };
}

/** A webhook request received as-is (headers + the exact raw body bytes). */
export function verifyResellerWebhook(request: { headers: HeaderMap; rawBody: string | Buffer }, options: VerifyOptions): WebhookVerification {
  const raw = typeof request.rawBody === 'string' ? request.rawBody : request.rawBody.toString('utf8');
  return check({ headers: request.headers, rawBodies: [raw] }, options, options.toleranceSec ?? DEFAULT_TOLERANCE_SEC, 'delivery');
}

export interface RelayOptions extends VerifyOptions {
  /** Oldest relayed event accepted, seconds (default 7 days). */
  maxAgeSec?: number;
}

/**
 * An event the user relays by file or paste, either as the raw HTTP request
 * (request line optional, headers, blank line, body) or as JSON
 * `{"headers": {...}, "body": "<raw body>"}`. Relays are old by nature, so
 * the age limit is `maxAgeSec`; `isDuplicate` stops a second paste.
 */
export function acceptRelayedWebhook(input: string | Buffer, options: RelayOptions): WebhookVerification {
  const text = typeof input === 'string' ? input : input.toString('utf8');
  const parsed = parseRelay(text);
  if ('message' in parsed) return reject(options, 'unreadable-relay', parsed.message, null, 'relay');
  return check(parsed, options, options.maxAgeSec ?? DEFAULT_RELAY_MAX_AGE_SEC, 'relay');
}

function parseRelay(text: string): { headers: HeaderMap; rawBodies: string[] } | { message: string } {
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  if (trimmed.startsWith('{')) {
    let json: unknown;
    try {
      json = JSON.parse(trimmed);
    } catch {
      return { message: 'The pasted text looks like JSON but cannot be read.' };
    }
    const obj = json as { headers?: unknown; body?: unknown; rawBody?: unknown };
    if (!obj.headers || typeof obj.headers !== 'object') {
      return { message: 'Paste the whole webhook request, including the X-Webhook-Timestamp and X-Webhook-Signature headers; the body alone cannot be verified.' };
    }
    const body = obj.rawBody ?? obj.body;
    // The exact raw body is what was signed; a body given as an object is re-serialized compactly, which matches most senders.
    const raw = typeof body === 'string' ? body : body !== undefined ? JSON.stringify(body) : '';
    return { headers: obj.headers as HeaderMap, rawBodies: [raw] };
  }
  const split = /\r?\n\r?\n/.exec(trimmed);
  if (!split) return { message: 'The pasted request has no blank line between headers and body.' };
  const headLines = trimmed.slice(0, split.index).split(/\r?\n/);
  if (headLines[0] && /^[A-Z]+ \S+ HTTP\/\d/.test(headLines[0])) headLines.shift();
  const headers: HeaderMap = {};
  for (const line of headLines) {
    const m = /^([A-Za-z0-9-]+):\s*(.*)$/.exec(line);
    if (!m) return { message: `Cannot read the header line "${line.slice(0, 60)}".` };
    headers[m[1]!.toLowerCase()] = m[2]!.trim();
  }
  const body = trimmed.slice(split.index + split[0].length);
  const candidates = [body];
  const length = Number(headers['content-length']);
  if (Number.isInteger(length) && length >= 0) candidates.unshift(Buffer.from(body, 'utf8').subarray(0, length).toString('utf8'));
  // Editors often add a final newline to a saved or pasted request.
  if (body !== body.trimEnd()) candidates.push(body.trimEnd());
  return { headers, rawBodies: [...new Set(candidates)] };
}
