import type { SimResponse } from '../core/types.js';

/** API version the seed documents (v1.0.20, 15/07/2021); echoed in every envelope. */
export const API_VERSION = '1.0.20';

/**
 * errorCodeMsg per code, from the seed's error table (§10.1.1). 102 uses the
 * text of the seed's only literal error response ("Object action invalid"),
 * which differs from the table's "Invalid object/action".
 */
export const ERROR_MESSAGES: Record<number, string> = {
  1: 'Undefined error',
  100: 'Syntax error',
  101: 'Syntax error: parameter fault',
  102: 'Object action invalid',
  103: 'Not allowed object/action',
  104: 'Not implemented object/action',
  105: 'Syntax error: invalid parameter',
  200: 'Login required',
  201: 'Login invalid',
  210: 'Session invalid',
  300: 'Action not allowed',
  1000: 'Account blocked',
  1001: 'Account deleted',
  1002: 'Account inactive',
  1003: 'Account not exists',
  1004: 'Account invalid pass',
  1005: 'Account invalid pass',
  1006: 'Account blocked',
  1007: 'Account filtered',
  1009: 'Account invalid pass',
  1010: 'Account blocked',
  1011: 'Account blocked',
  1012: 'Account blocked',
  1013: 'Account blocked',
  1014: 'Account filtered',
  1030: 'Account banned',
  1100: 'Insufficient balance',
  2001: 'Invalid domain name',
  2002: 'TLD not supported',
  2003: 'TLD in maintenance',
  2004: 'Domain check error',
  2005: 'Domain transfer not allowed',
  2006: 'Domain Whois not allowed',
  2007: 'Domain Whois error',
  2008: 'Domain not found',
  2009: 'Domain create error',
  2010: 'Domain create error: taken',
  2011: 'Domain create error: Domain premium',
  2012: 'Domain transfer error',
  2100: 'Domain renew error',
  2101: 'Domain renew not allowed',
  2102: 'Domain renew blocked',
  2200: 'Domain update error',
  2201: 'Domain update not allowed',
  2202: 'Domain update blocked',
  2210: 'Invalid operation due to the owner contact data verification status',
  3001: 'Contact not exists',
  3002: 'Contact data error',
  3003: 'Invalid operation due to the contact data verification',
  3500: 'User not exists',
  3501: 'User create error',
  3502: 'User update error',
  4001: 'Service not found',
  4002: 'Service entity not found',
  4003: 'Maximum amount of entities error (FTP/Mails/etc.)',
  4004: 'Failure to create the entity',
  4005: 'Failure to update the entity',
  4006: 'Failure to delete the entity',
  4007: 'Failure to create the service',
  4008: 'Failure to upgrade the service',
  4009: 'Failure to renew the service',
  4010: 'Failure to motify the parking system',
  5000: 'SSL Error',
  5001: 'SSL Not Found',
  10001: 'WebConstructor Error',
};

/** An API-level failure: rendered as success=false with the code's errorCodeMsg and `message` in messages[]. */
export class ApiError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/** What an action handler returns on success. */
export interface ActionResult {
  data: unknown;
  /** Most mutating actions carry ["Operation done correctly."]; reads carry none. */
  messages?: string[];
}

export const DONE = ['Operation done correctly.'];

export interface Envelope {
  success: boolean;
  errorCode: number;
  errorCodeMsg: string;
  action: string;
  version: string;
  messages?: string[];
  responseData: unknown;
}

export function okEnvelope(action: string, result: ActionResult): Envelope {
  // Key order follows the seed: messages (when present) sits before responseData.
  return {
    success: true,
    errorCode: 0,
    errorCodeMsg: '',
    action,
    version: API_VERSION,
    ...(result.messages ? { messages: result.messages } : {}),
    responseData: result.data,
  };
}

/** The seed's error example: messages with the detail, responseData an empty array. */
export function errorEnvelope(action: string, code: number, message: string): Envelope {
  return {
    success: false,
    errorCode: code,
    errorCodeMsg: ERROR_MESSAGES[code] ?? ERROR_MESSAGES[1]!,
    action,
    version: API_VERSION,
    messages: [message],
    responseData: [],
  };
}

export interface OutputOptions {
  format: 'json' | 'xml';
  pretty: boolean;
}

/**
 * Renders like the real (PHP) API: json_encode escapes "/" and non-ASCII
 * characters, which the seed's examples show ("tool\/hello", "espa\u00f1a").
 * Clients decode to the same values either way; matching the bytes keeps
 * naive string-matching clients honest. Errors are HTTP 200 like successes:
 * the seed only ever describes outcomes in the body.
 */
export function renderEnvelope(env: Envelope, out: OutputOptions): SimResponse {
  if (out.format === 'xml') {
    return { status: 200, headers: { 'content-type': 'text/xml; charset=utf-8' }, body: toXml(env, out.pretty) };
  }
  return { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body: phpJson(env, out.pretty) };
}

export function phpJson(value: unknown, pretty = false): string {
  const text = pretty ? JSON.stringify(value, null, 4) : JSON.stringify(value);
  return text
    .replace(/\//g, '\\/')
    .replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * XML output (output-format=xml): root <data>, booleans as 1/0 as in the
 * seed's tool/hello example. The seed shows no array in XML, so arrays are
 * rendered as repeated <item> children (a sandbox choice).
 */
function toXml(env: Envelope, pretty: boolean): string {
  const nl = pretty ? '\n' : '';
  const pad = (depth: number): string => (pretty ? '  '.repeat(depth) : '');
  const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const node = (name: string, value: unknown, depth: number): string => {
    if (value === null || value === undefined) return `${pad(depth)}<${name}></${name}>${nl}`;
    if (typeof value === 'boolean') return `${pad(depth)}<${name}>${value ? 1 : 0}</${name}>${nl}`;
    if (typeof value !== 'object') return `${pad(depth)}<${name}>${esc(String(value))}</${name}>${nl}`;
    const entries: [string, unknown][] = Array.isArray(value) ? value.map((v) => ['item', v]) : Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return `${pad(depth)}<${name}></${name}>${nl}`;
    return `${pad(depth)}<${name}>${nl}${entries.map(([k, v]) => node(xmlName(k), v, depth + 1)).join('')}${pad(depth)}</${name}>${nl}`;
  };
  return `<?xml version="1.0" encoding="UTF-8"?>\n${node('data', env, 0)}`;
}

function xmlName(key: string): string {
  const cleaned = key.replace(/[^A-Za-z0-9_.-]/g, '_');
  return /^[A-Za-z_]/.test(cleaned) ? cleaned : `_${cleaned}`;
}
