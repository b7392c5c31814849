import { buildXml, type XmlObject } from './xml.js';

/** Output format chosen by the path: /api3.xml or /api3.json. */
export type Format = 'xml' | 'json';

/**
 * A JSON body that must be sent verbatim: the seed's get_ns JSON example repeats
 * the "Host" key inside one object, which JSON.stringify cannot produce.
 */
export class RawJson {
  constructor(readonly text: string) {}
}

/** A command's answer in both formats, built lazily so only the requested one is paid for. */
export interface Reply {
  error: boolean;
  xml(): string;
  json(): unknown;
}

/**
 * Names of one command's envelope, copied from the seed's examples:
 * `<{root}><{header}><{code}>0</{code}><Status>…` and `{"{root}":{"ResponseCode":…}}`.
 * `code` is the XML tag the example uses (SuccessCode or ResponseCode); `jsonCode`
 * is the JSON type of ResponseCode in the example ("0" or 0).
 * `style: 'snake'` marks the auction family whose JSON has no wrapper at all.
 */
export interface Envelope {
  root: string;
  header: string;
  code: 'SuccessCode' | 'ResponseCode';
  jsonCode: 'string' | 'number';
  style?: 'wrapped' | 'snake';
  /** search only: its XML root is <Results> around the <SearchResponse> elements. */
  outer?: string;
}

function wrap(env: Envelope, doc: XmlObject): XmlObject {
  return env.outer ? { [env.outer]: doc } : doc;
}

export function envelope(name: string, code: Envelope['code'] = 'SuccessCode', jsonCode: Envelope['jsonCode'] = 'string', extra: Partial<Envelope> = {}): Envelope {
  return { root: `${name}Response`, header: `${name}Header`, code, jsonCode, ...extra };
}

export interface SuccessParts {
  status?: string;
  /** Extra header children after Status (PriceLevel, AuthCode, …). */
  header?: XmlObject;
  /** Siblings of the header inside the root (…Content elements). */
  content?: () => XmlObject;
  /** Keys after ResponseCode/Status in the JSON wrapper. */
  json?: () => Record<string, unknown>;
  /** Replaces the whole JSON body (auction family). */
  jsonBody?: () => unknown;
}

function code(env: Envelope, value: 0 | -1): string | number {
  return env.jsonCode === 'number' ? value : String(value);
}

export function success(env: Envelope, parts: SuccessParts = {}): Reply {
  const status = parts.status ?? 'success';
  return {
    error: false,
    xml: () => buildXml(wrap(env, { [env.root]: { [env.header]: { [env.code]: '0', Status: status, ...parts.header }, ...parts.content?.() } })),
    json: () => parts.jsonBody?.() ?? { [env.root]: { ResponseCode: code(env, 0), Status: status, ...parts.json?.() } },
  };
}

export function failure(env: Envelope, message: string): Reply {
  return {
    error: true,
    xml: () => buildXml(wrap(env, { [env.root]: { [env.header]: { [env.code]: '-1', Status: 'error', Error: message } } })),
    json: () =>
      env.style === 'snake'
        ? { status: 'error', error: message }
        : { [env.root]: { ResponseCode: code(env, -1), Status: 'error', Error: message } },
  };
}

/**
 * Errors raised before a command runs (bad key, unknown command, single-flight
 * violation, ban) use the generic envelope the seed shows for is_processing and
 * in the set_folder_renew_option table: <Response><ResponseHeader><ResponseCode>-1
 * </ResponseCode><Error>…</Error></ResponseHeader></Response>.
 */
export function genericError(message: string): Reply {
  return {
    error: true,
    xml: () => buildXml({ Response: { ResponseHeader: { ResponseCode: '-1', Error: message } } }),
    json: () => ({ Response: { ResponseCode: '-1', Error: message } }),
  };
}

/** Thrown by command code; the dispatcher turns it into `failure(env, message)`. */
export class CommandError extends Error {}

export function fail(message: string): never {
  throw new CommandError(message);
}
