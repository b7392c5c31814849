import { errorFromMessage, errorFromUnreadable, type CallSite } from './errors.js';

/**
 * API3's envelopes, as seed 001 shows them and as they disagree:
 * - JSON: `{"<Cmd>Response": {"ResponseCode": "0" | 0, "Status": "success", …}}`; the
 *   code is a string in some examples and a number in others.
 * - XML: `<<Cmd>Response><<Cmd>Header><SuccessCode|ResponseCode>0</…><Status>…`; the
 *   header's name varies per command (TldPriceResponseHeader, a typo'd LockDomainferHeader).
 * - The auction family's JSON has no wrapper: `{"status": "success", …}` / `{"status": "error", "error": …}`.
 * - Errors raised before a command runs (bad key, ban, unknown command) use the generic
 *   `{"Response": {"ResponseCode": "-1", "Error": …}}` / `<Response><ResponseHeader>…`.
 * Every answer comes with HTTP 200. Anything else is an unknown shape and fails loudly.
 */

export type Obj = Record<string, unknown>;

export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Where a command's answer lives: the root key(s) of its wrapped envelope, or the unwrapped auction style. */
export type Shape = { roots: readonly string[] } | { snake: true };

export interface Unwrapped {
  /** The root object (JSON: ResponseCode/Status/... siblings; XML: header + content elements). */
  body: Obj;
  status: string | null;
  /** XML only: the header element (SuccessCode/Status/extra fields such as AuthCode). */
  header: Obj | null;
}

function codeOf(o: Obj): string | null {
  const c = o.ResponseCode ?? o.SuccessCode;
  if (typeof c === 'string' || typeof c === 'number') return String(c).trim();
  return null;
}

function str(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  return null;
}

/** Throws the mapped error when the answer is the generic pre-command error envelope. */
function genericError(doc: Obj, site: CallSite, raw: string): void {
  const r = doc.Response;
  if (!isObj(r)) return;
  const inner = isObj(r.ResponseHeader) ? r.ResponseHeader : r;
  if (codeOf(inner) === '-1') {
    const message = str(inner.Error);
    if (message === null) throw errorFromUnreadable(site, raw, 'an error without a message');
    throw errorFromMessage(message, site, raw);
  }
}

function check(o: Obj, header: Obj | null, site: CallSite, raw: string): Unwrapped {
  const h = header ?? o;
  const code = codeOf(h);
  const status = str(h.Status);
  if (code === '-1' || status?.toLowerCase() === 'error') {
    const message = str(h.Error);
    if (message === null) throw errorFromUnreadable(site, raw, 'an error without a message');
    throw errorFromMessage(message, site, raw);
  }
  if (code !== '0') throw errorFromUnreadable(site, raw, code === null ? 'no response code' : `response code ${code}`);
  return { body: o, status, header };
}

export function unwrapJson(doc: unknown, shape: Shape, site: CallSite, raw: string): Unwrapped {
  if (!isObj(doc)) throw errorFromUnreadable(site, raw, 'not a JSON object');
  genericError(doc, site, raw);
  if ('snake' in shape) {
    const status = str(doc.status);
    if (status === 'success') return { body: doc, status, header: null };
    if (status === 'error') {
      const message = str(doc.error);
      if (message === null) throw errorFromUnreadable(site, raw, 'an error without a message');
      throw errorFromMessage(message, site, raw);
    }
    throw errorFromUnreadable(site, raw, 'unexpected envelope');
  }
  for (const root of shape.roots) {
    const o = doc[root];
    if (isObj(o)) return check(o, null, site, raw);
  }
  throw errorFromUnreadable(site, raw, `expected ${shape.roots[0]}`);
}

export function unwrapXml(doc: unknown, shape: Shape, site: CallSite, raw: string): Unwrapped {
  if (!isObj(doc)) throw errorFromUnreadable(site, raw, 'not an XML document');
  genericError(doc, site, raw);
  const roots = 'snake' in shape ? [] : shape.roots;
  for (const root of roots) {
    const o = doc[root];
    if (!isObj(o)) continue;
    const headerKey = Object.keys(o).find((k) => k.endsWith('Header'));
    const header = headerKey ? o[headerKey] : undefined;
    if (!isObj(header)) throw errorFromUnreadable(site, raw, `no header in ${root}`);
    return check(o, header, site, raw);
  }
  throw errorFromUnreadable(site, raw, `expected ${roots[0] ?? 'a wrapped answer'}`);
}
