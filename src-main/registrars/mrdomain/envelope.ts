import { z } from 'zod';

/**
 * The envelope every Simple-POST answer comes in (seed 002 §2.1): success,
 * errorCode, errorCodeMsg, action, version, optional messages, responseData.
 * Parsed strictly: an extra or missing envelope field means we are not
 * talking to the API we think we are, and that must not pass silently.
 * `action` is not compared with the request: the seed's own wrappers answer
 * under another name (domain/getauthcode says "domain/getinfo").
 */
export const envelopeSchema = z.strictObject({
  success: z.boolean(),
  errorCode: z.number().int(),
  errorCodeMsg: z.string(),
  action: z.string(),
  version: z.string(),
  messages: z.array(z.string()).optional(),
  responseData: z.unknown(),
});
export type Envelope = z.infer<typeof envelopeSchema>;

/** queryInfo of every paged list (domain/list, service/dnslist, ssl/list, ssl/productlist, ...). */
export const queryInfoSchema = z.object({
  page: z.number().int().min(1),
  pageLength: z.number().int().min(1),
  results: z.number().int().min(0),
  total: z.number().int().min(0),
});
export type QueryInfo = z.infer<typeof queryInfoSchema>;

/** billing of the paying writes (domain/renew, ssl/create, ssl/renew, ...). */
export const billingSchema = z.object({ total: z.number().min(0), currency: z.string().regex(/^[A-Z]{3}$/) });

/** The API's JSON booleans; "(bool)" parameters are sent as "true"/"false". */
export function formBool(value: boolean): string {
  return value ? 'true' : 'false';
}

export type ParseOutcome = { ok: true; envelope: Envelope } | { ok: false; reason: string };

export function parseEnvelope(text: string): ParseOutcome {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'the answer is not JSON' };
  }
  const parsed = envelopeSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `the answer is not a MrDomain envelope (${issue ? `${issue.path.join('.') || 'root'}: ${issue.message}` : 'unknown shape'})` };
  }
  const env = parsed.data;
  // success and errorCode must agree (§2.1: success=true means errorCode 0).
  if (env.success !== (env.errorCode === 0)) return { ok: false, reason: `success=${env.success} contradicts errorCode ${env.errorCode}` };
  return { ok: true, envelope: env };
}
