import type { SimRequest } from '../core/types.js';

/**
 * Request input the way Laravel's `$request->all()` sees it: query string
 * merged with the body, where the body is either JSON or a form whose
 * PHP-style bracket keys (`domains[]=a`, `records[0][type]=A`) become arrays
 * and objects. Form values stay strings; JSON keeps its types.
 */
export type InputValue = string | number | boolean | null | InputValue[] | { [key: string]: InputValue };
export type Input = Record<string, InputValue>;

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export function readInput(req: SimRequest): Input {
  const input: Input = {};
  Object.assign(input, parseBracketForm(req.query));
  if (isPlainObject(req.json)) {
    for (const [k, v] of Object.entries(req.json)) if (!FORBIDDEN_KEYS.has(k)) input[k] = toInputValue(v);
  } else {
    Object.assign(input, parseBracketForm(req.form));
  }
  return input;
}

/** Only the body (no query string), for the idempotency fingerprint. */
export function readBodyInput(req: SimRequest): Input {
  if (isPlainObject(req.json)) {
    const out: Input = {};
    for (const [k, v] of Object.entries(req.json)) if (!FORBIDDEN_KEYS.has(k)) out[k] = toInputValue(v);
    return out;
  }
  return parseBracketForm(req.form);
}

export function parseBracketForm(params: URLSearchParams): Input {
  const root: Record<string, unknown> = {};
  for (const [rawKey, value] of params) {
    const m = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(rawKey);
    const segments = m ? [m[1] as string, ...[...(m[2] ?? '').matchAll(/\[([^[\]]*)\]/g)].map((x) => x[1] as string)] : [rawKey];
    if (segments.some((s) => FORBIDDEN_KEYS.has(s))) continue;
    let node = root;
    for (let i = 0; i < segments.length; i++) {
      let seg = segments[i] as string;
      // `[]` appends: the next free numeric index, as PHP does.
      if (seg === '') seg = String(Object.keys(node).filter((k) => /^\d+$/.test(k)).length);
      if (i === segments.length - 1) {
        node[seg] = value;
      } else {
        const child = node[seg];
        if (typeof child !== 'object' || child === null) node[seg] = {};
        node = node[seg] as Record<string, unknown>;
      }
    }
  }
  return finalize(root) as Input;
}

/** Objects whose keys are all integers become arrays (PHP lists), recursively. */
function finalize(node: unknown): InputValue {
  if (typeof node !== 'object' || node === null) return node as InputValue;
  const entries = Object.entries(node as Record<string, unknown>);
  if (entries.length > 0 && entries.every(([k]) => /^\d+$/.test(k))) {
    return entries.sort(([a], [b]) => Number(a) - Number(b)).map(([, v]) => finalize(v));
  }
  const out: Record<string, InputValue> = {};
  for (const [k, v] of entries) out[k] = finalize(v);
  return out;
}

function toInputValue(v: unknown): InputValue {
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (Array.isArray(v)) return v.map(toInputValue);
  if (isPlainObject(v)) {
    const out: Record<string, InputValue> = {};
    for (const [k, x] of Object.entries(v)) if (!FORBIDDEN_KEYS.has(k)) out[k] = toInputValue(x);
    return out;
  }
  return null;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Canonical text of a body for Idempotency-Key comparison: keys sorted and
 * scalars as strings, so `years=1` (form) and `{"years":1}` (JSON) match.
 */
export function fingerprint(method: string, path: string, body: Input): string {
  return `${method} ${path} ${canonical(body)}`;
}

function canonical(v: InputValue): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(v[k] as InputValue)}`)
      .join(',')}}`;
  }
  return JSON.stringify(v === null ? '' : String(v));
}
