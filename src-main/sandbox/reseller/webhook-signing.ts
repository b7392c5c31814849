import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Outbound webhook signature as the reseller seed documents it:
 *   X-Webhook-Timestamp: <unix seconds>
 *   X-Webhook-Signature: sha256=<hex hmac_sha256(key = secret, message = timestamp + "." + raw_body)>
 * Pure functions so the client adapter's verifier can be tested against the same maths.
 */

/** The full X-Webhook-Signature header value, `sha256=<64 hex chars>`. */
export function signWebhook(secret: string, timestamp: number | string, rawBody: string): string {
  const hex = createHmac('sha256', secret).update(`${String(timestamp)}.${rawBody}`, 'utf8').digest('hex');
  return `sha256=${hex}`;
}

/**
 * Checks a received signature header in constant time. `toleranceSec` rejects
 * replays of old deliveries when `nowSec` is given.
 */
export function verifyWebhook(
  secret: string,
  timestamp: string,
  rawBody: string,
  signatureHeader: string,
  check?: { nowSec: number; toleranceSec: number },
): boolean {
  if (!/^\d+$/.test(timestamp)) return false;
  if (check && Math.abs(check.nowSec - Number(timestamp)) > check.toleranceSec) return false;
  const expected = Buffer.from(signWebhook(secret, timestamp, rawBody), 'utf8');
  const actual = Buffer.from(signatureHeader.trim(), 'utf8');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
