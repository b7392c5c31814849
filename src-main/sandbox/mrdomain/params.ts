import { domainToUnicode } from 'node:url';
import { ApiError } from './envelope.js';

/**
 * Typed access to the form fields of one call. Missing required fields are
 * 101 "Syntax error: parameter fault"; present but unusable values are 105
 * "Syntax error: invalid parameter" (seed error table, §10.1.1).
 */
export class Params {
  constructor(private readonly form: URLSearchParams) {}

  /** Trimmed value, or undefined when absent or empty. */
  opt(name: string): string | undefined {
    const v = this.form.get(name);
    if (v === null) return undefined;
    const t = v.trim();
    return t === '' ? undefined : t;
  }

  req(name: string): string {
    const v = this.opt(name);
    if (v === undefined) throw new ApiError(101, `Missing parameter: ${name}`);
    return v;
  }

  has(name: string): boolean {
    return this.opt(name) !== undefined;
  }

  /** The seed marks booleans "(bool)" without a wire format; accept the usual spellings. */
  bool(name: string, fallback?: boolean): boolean | undefined {
    const v = this.opt(name);
    if (v === undefined) return fallback;
    const lower = v.toLowerCase();
    if (['1', 'true', 'yes', 'on'].includes(lower)) return true;
    if (['0', 'false', 'no', 'off'].includes(lower)) return false;
    throw new ApiError(105, `Invalid boolean value for ${name}: ${v}`);
  }

  reqBool(name: string): boolean {
    if (!this.has(name)) throw new ApiError(101, `Missing parameter: ${name}`);
    return this.bool(name) as boolean;
  }

  int(name: string, fallback: number, min = 1, max = Number.MAX_SAFE_INTEGER): number {
    const v = this.opt(name);
    if (v === undefined) return fallback;
    if (!/^\d+$/.test(v)) throw new ApiError(105, `Invalid value for ${name}: ${v}`);
    const n = Number(v);
    if (n < min || n > max) throw new ApiError(105, `Invalid value for ${name}: ${v}`);
    return n;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback?: T): T | undefined {
    const v = this.opt(name);
    if (v === undefined) return fallback;
    if (!(allowed as readonly string[]).includes(v)) throw new ApiError(105, `Invalid value for ${name}: ${v}`);
    return v as T;
  }

  /** All field names, for alt_name_N style enumerations. */
  keys(): string[] {
    return [...new Set(this.form.keys())];
  }
}

export interface Paging {
  page: number;
  pageLength: number;
}

/** pageLength/page as every list action documents them (default 1000 and 1; account/zones uses 100). */
export function paging(p: Params, defaultLength = 1000): Paging {
  return { pageLength: p.int('pageLength', defaultLength), page: p.int('page', 1) };
}

export interface QueryInfo {
  page: number;
  pageLength: number;
  results: number;
  total: number;
}

export function pageOf<T>(items: readonly T[], pg: Paging): { queryInfo: QueryInfo; items: T[] } {
  const start = (pg.page - 1) * pg.pageLength;
  const slice = start >= items.length ? [] : items.slice(start, start + pg.pageLength);
  return { queryInfo: { page: pg.page, pageLength: pg.pageLength, results: slice.length, total: items.length }, items: slice };
}

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** Lower-case ASCII (punycode) form of a domain or host name, or null when it is not a valid name. */
export function asciiName(input: string): string | null {
  const trimmed = input.trim().replace(/\.$/, '');
  if (trimmed === '' || /[\s,/:@?#]/.test(trimmed)) return null;
  let ascii: string;
  try {
    ascii = new URL(`http://${trimmed}`).hostname;
  } catch {
    return null;
  }
  const labels = ascii.split('.');
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l))) return null;
  return ascii;
}

/** Unicode form of an ASCII domain name (IDNA), for responses that show names in Unicode. */
export function unicodeName(ascii: string): string {
  return domainToUnicode(ascii) || ascii;
}

export function ymd(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function ymdhms(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

/** Minor units (cents) to the float the API prints, e.g. 5325 -> 53.25. */
export function money(minor: number): number {
  return Math.round(minor) / 100;
}
