import { z } from 'zod';
import type { DomainStatus } from '../../../src-shared/domain-status.js';
import { money, type Money } from '../../../src-shared/money.js';

/**
 * Wire shapes of seed 000. Every REST answer is the envelope
 *   success { code, message, data }     failure { code, message, error: [] }
 * (the token endpoint is the exception: { token_type, expires_in, access_token }
 * or { error: "invalid_client", message }). The envelope is checked strictly;
 * `data` schemas require what the adapter reads and keep everything else, since
 * the seed elides most payloads ("data": {} or "...").
 */

export const tokenSchema = z.object({
  token_type: z.string().regex(/^bearer$/i),
  expires_in: z.number().int().positive(),
  access_token: z.string().min(1),
});

/** Passport's OAuth error shape, which the seed shows for a wrong client: `error` is a string. */
export const oauthErrorSchema = z.object({ error: z.string(), message: z.string().optional() });

export const successEnvelopeSchema = z.object({ code: z.number().int(), message: z.string(), data: z.unknown() }).refine((v) => 'data' in v, { message: 'data is missing' });

/** `error` is [] in every seed example; Laravel may also send a field → messages map. */
export const failureEnvelopeSchema = z.object({
  code: z.number().int(),
  message: z.string(),
  error: z.union([z.array(z.string()), z.record(z.string(), z.union([z.string(), z.array(z.string())]))]),
});
export type FailureEnvelope = z.infer<typeof failureEnvelopeSchema>;

const nullableString = z.string().nullish();
const idLike = z.union([z.number().int(), z.string().regex(/^\d+$/)]).transform(Number);
const optionalNumberLike = z.union([z.number(), z.string(), z.null()]).optional();

/** domain/info: the seed shows `domain` and `status_domain`; the rest is elided with "...". */
export const domainInfoSchema = z.looseObject({
  domain: z.string().min(1),
  status_domain: z.string(),
  registration_date: nullableString,
  expiration_date: nullableString,
  nameserver: z.array(z.string()).nullish(),
  lock_status: z.union([z.number(), z.string(), z.boolean()]).nullish(),
  contact_id: nullableString,
});
export type DomainInfo = z.infer<typeof domainInfoSchema>;

/** domain/availability: the seed's success example is `data: {}`; the sandbox adds `available` and `price`. */
export const availabilitySchema = z.looseObject({
  domain: z.string().optional(),
  available: z.union([z.boolean(), z.number()]).optional(),
  price: optionalNumberLike,
});

/** domain/nameserver/get: `data: {}` in the seed; a host record in practice. */
export const hostSchema = z.looseObject({
  nameserver_id: idLike.optional(),
  host: z.string().optional(),
  domain: nullableString,
  ipv4: z.union([z.string(), z.array(z.string())]).nullish(),
  ipv6: z.union([z.string(), z.array(z.string())]).nullish(),
  created_at: nullableString,
  updated_at: nullableString,
});

/** One DS record (domain/dnssec/get, /delete). key_tag, alg and digest_type come as strings, possibly "". */
export const dsRecordSchema = z.looseObject({
  client_id: z.union([z.string(), z.number()]).nullish(),
  domain: nullableString,
  key_tag: z.union([z.string(), z.number()]),
  alg: z.union([z.string(), z.number()]).nullish(),
  digest_type: z.union([z.string(), z.number()]).nullish(),
  digest: z.string(),
  updated_at: nullableString,
  created_at: nullableString,
});
export type WireDsRecord = z.infer<typeof dsRecordSchema>;

export const contactIdSchema = z.looseObject({ no_contact: z.string().min(1) });

export const sslTypeSchema = z.looseObject({
  ssl_type_id: idLike,
  ssl_type_name: z.string(),
  active: z.union([z.number(), z.boolean(), z.string()]).optional(),
});

export const sslProductSchema = z.looseObject({
  product_id: z.string(),
  product_type_name: nullableString,
  product_name: z.string(),
  kurs_product: z.string().regex(/^[A-Za-z]{3}$/),
  pricing_register: optionalNumberLike,
  pricing_renew: optionalNumberLike,
  pricing_transfer: optionalNumberLike,
  pricing_restore: optionalNumberLike,
  ssl_type_id: idLike.nullish(),
  ssl_type_name: nullableString,
  registry_id: idLike,
});

const dcvSchema = z.array(z.looseObject({ hostName: z.string(), method: z.string() })).nullish();

/** An SSL order record (ssl/list rows, ssl/detail). */
export const sslOrderSchema = z.looseObject({
  id: idLike,
  product_id: z.string(),
  registry_id: idLike.nullish(),
  status: z.union([z.number(), z.string()]).nullish(),
  product_name: nullableString,
  service_name: nullableString,
  csr: nullableString,
  approval_email: nullableString,
  period: z.union([z.number(), z.string()]).nullish(),
  reg_date: nullableString,
  exp_date: nullableString,
  active_date: nullableString,
  certificate: nullableString,
  intermediate_certificate: nullableString,
  root_certificate: nullableString,
  domain_validation_methods: dcvSchema,
  created_at: nullableString,
  updated_at: nullableString,
  status_ssl: nullableString,
});
export type WireSslOrder = z.infer<typeof sslOrderSchema>;

export const sslDetailSchema = sslOrderSchema.extend({
  serial_number: nullableString,
  certificate_status: nullableString,
  ca_bundle: nullableString,
  verificationState: z
    .looseObject({
      order_status: nullableString,
      details: z.array(z.looseObject({ type: z.string(), state: z.string(), description: nullableString, expire_date: nullableString })).nullish(),
    })
    .nullish(),
});

/** Laravel's length-aware paginator (ssl/list). */
export const sslListSchema = z.looseObject({
  current_page: z.number().int(),
  data: z.array(sslOrderSchema),
  last_page: z.number().int(),
  per_page: z.number().int().optional(),
  total: z.number().int(),
});

export const sslCreateSchema = z.looseObject({
  registry_id: idLike.optional(),
  product_id: z.union([z.string(), z.number()]).optional(),
  hostname: z.string().optional(),
  approval_email: nullableString,
  period: z.union([z.number(), z.string()]).optional(),
  domain_validation_method: dcvSchema,
});
/** ssl/reissue and ssl/renew answer with the order id (an int), ssl/modify with the id as a string. */
export const sslIdAnswerSchema = z.looseObject({ id: idLike, registry_id: idLike.optional() });

export const csrGenerateSchema = z.looseObject({ command: z.string().optional(), csr: z.string().min(1), key: z.string().min(1), keyPath: z.string().optional() });

export const csrDecodeSchema = z.looseObject({
  publicKey: z.looseObject({ bits: z.union([z.string(), z.number()]).nullish(), key: nullableString }).nullish(),
  subject: z.looseObject({
    commonName: nullableString,
    organization: nullableString,
    unit: nullableString,
    locality: nullableString,
    state: nullableString,
    country: nullableString,
    email: nullableString,
  }),
  signatureHashAlgorithm: nullableString,
  subjectAlternativeName: nullableString,
  domainNamesCount: optionalNumberLike,
  wildcardDomainNamesCount: optionalNumberLike,
  nonWildcardDomainNamesCount: optionalNumberLike,
});

// ---- conversions ----

/**
 * "2023-06-28 14:31:29" (the seed's date format) → ISO-8601 UTC. The seed names no
 * time zone; DomainDeck reads these as UTC (the sandbox renders them in UTC).
 * Full ISO strings with a zone are accepted as they are. Empty or unreadable → null.
 */
export function wireDateToIso(value: string | null | undefined): string | null {
  if (!value) return null;
  const text = value.trim();
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text);
  if (m) {
    const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0));
    return Number.isNaN(ms) ? null : new Date(ms).toISOString();
  }
  if (/^\d{4}-\d{2}-\d{2}T.+(Z|[+-]\d{2}:?\d{2})$/.test(text)) {
    const ms = Date.parse(text);
    return Number.isNaN(ms) ? null : new Date(ms).toISOString();
  }
  return null;
}

/** Prices on the wire are whole units of `currency` (seed: 65000 IDR); Money keeps minor units (×100 for IDR). */
export function wholeToMoney(value: number | string | null | undefined, currency: string): Money | null {
  if (value === null || value === undefined || value === '') return null;
  const n = typeof value === 'number' ? value : Number(value.replace(/,/g, ''));
  if (!Number.isFinite(n) || n < 0) return null;
  return money(Math.round(n * 100), currency.toUpperCase());
}

const STATUS: Record<string, DomainStatus> = {
  active: 'active',
  expired: 'expired',
  grace: 'grace',
  'grace period': 'grace',
  redemption: 'redemption',
  'redemption period': 'redemption',
  'pending delete': 'pending-delete',
  'pending transfer': 'pending-transfer',
  'transfer pending': 'pending-transfer',
  'transferred away': 'transferred-away',
  'transferred out': 'transferred-away',
  deleted: 'removed',
};

export function statusFromIrsfa(status: string): DomainStatus {
  return STATUS[status.trim().toLowerCase().replace(/[_-]+/g, ' ')] ?? 'unknown';
}

/** lock_status 1/0, "1"/"0", true/false, "locked"/"unlocked" → boolean; anything else → null. */
export function lockFromWire(value: DomainInfo['lock_status']): boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value;
  const text = String(value).trim().toLowerCase();
  if (text === '1' || text === 'locked' || text === 'lock' || text === 'true') return true;
  if (text === '0' || text === 'unlocked' || text === 'unlock' || text === 'false') return false;
  return null;
}

/** "8", 8 → 8; "" or null → null (the seed's DNSSEC example leaves alg and digest_type empty). */
export function numberOrNull(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : null;
}
