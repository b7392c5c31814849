import type { SimRequest } from '../core/types.js';
import { Answer, invalid } from './envelope.js';

/**
 * A small Laravel-style validator. The seed documents no parameter tables, only
 * example bodies and the 422 "The given data was invalid." answer; the sandbox
 * fills `error` with Laravel's per-field messages (first failure per field).
 */
export type Fields = Record<string, unknown>;

export type Rule =
  | { type: 'string'; max?: number; pattern?: RegExp; in?: readonly string[] }
  | { type: 'integer'; min?: number; max?: number; in?: readonly number[] }
  | { type: 'email' }
  | { type: 'ipv4' }
  | { type: 'ipv6' }
  | { type: 'strings'; min?: number; max?: number; item?: RegExp };

export interface FieldRule {
  rule: Rule;
  required?: boolean;
}

export type Schema = Record<string, FieldRule>;

/** The request's input: the JSON body, merged over form fields and the query (Laravel's `$request->input`). */
export function inputOf(req: SimRequest): Fields {
  const out: Fields = {};
  for (const [k, v] of req.query) {
    // `curl --get --data '{"id": 1}'` (the seed's GET examples) puts the JSON text itself in the query string.
    if (v === '' && k.startsWith('{')) {
      try {
        const parsed: unknown = JSON.parse(k);
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) Object.assign(out, parsed);
        continue;
      } catch {
        // not JSON: an ordinary (odd) parameter name
      }
    }
    out[k] = v;
  }
  for (const [k, v] of req.form) out[k] = v;
  if (req.json !== null && typeof req.json === 'object' && !Array.isArray(req.json)) Object.assign(out, req.json as Fields);
  return out;
}

const attr = (field: string): string => field.replace(/_/g, ' ');
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

function isBlank(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);
}

function isIpv6(v: string): boolean {
  if (!/^[0-9a-fA-F:.]+$/.test(v) || !v.includes(':')) return false;
  const halves = v.split('::');
  if (halves.length > 2) return false;
  const groups = halves.flatMap((h) => (h === '' ? [] : h.split(':')));
  if (!groups.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return false;
  return halves.length === 2 ? groups.length < 8 : groups.length === 8;
}

/** Laravel's `integer` accepts numeric strings too. */
export function toInt(v: unknown): number | null {
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'string' && /^-?\d+$/.test(v.trim())) return Number(v.trim());
  return null;
}

function check(field: string, v: unknown, rule: Rule): string | null {
  const a = attr(field);
  switch (rule.type) {
    case 'string': {
      if (typeof v !== 'string') return `The ${a} must be a string.`;
      if (rule.max !== undefined && v.length > rule.max) return `The ${a} must not be greater than ${rule.max} characters.`;
      if (rule.in && !rule.in.includes(v)) return `The selected ${a} is invalid.`;
      if (rule.pattern && !rule.pattern.test(v)) return `The ${a} format is invalid.`;
      return null;
    }
    case 'integer': {
      const n = toInt(v);
      if (n === null) return `The ${a} must be an integer.`;
      if (rule.in && !rule.in.includes(n)) return `The selected ${a} is invalid.`;
      if (rule.min !== undefined && rule.max !== undefined && (n < rule.min || n > rule.max)) return `The ${a} must be between ${rule.min} and ${rule.max}.`;
      return null;
    }
    case 'email':
      return typeof v === 'string' && EMAIL.test(v) ? null : `The ${a} must be a valid email address.`;
    case 'ipv4':
      return typeof v === 'string' && IPV4.test(v) ? null : `The ${a} must be a valid IPv4 address.`;
    case 'ipv6':
      return typeof v === 'string' && isIpv6(v) ? null : `The ${a} must be a valid IPv6 address.`;
    case 'strings': {
      if (!Array.isArray(v)) return `The ${a} must be an array.`;
      if (rule.min !== undefined && v.length < rule.min) return `The ${a} must have at least ${rule.min} items.`;
      if (rule.max !== undefined && v.length > rule.max) return `The ${a} must not have more than ${rule.max} items.`;
      for (let i = 0; i < v.length; i++) {
        const item: unknown = v[i];
        if (typeof item !== 'string') return `The ${field}.${i} must be a string.`;
        if (rule.item && !rule.item.test(item)) return `The ${field}.${i} format is invalid.`;
      }
      return null;
    }
  }
}

/** Validates `input` against `schema`; throws an Answer(422) listing one message per failing field. */
export function validate(input: Fields, schema: Schema): void {
  const errors: string[] = [];
  for (const [field, spec] of Object.entries(schema)) {
    const v = input[field];
    if (isBlank(v)) {
      if (spec.required) errors.push(`The ${attr(field)} field is required.`);
      continue;
    }
    const message = check(field, v, spec.rule);
    if (message) errors.push(message);
  }
  if (errors.length) throw new Answer(invalid(errors));
}

/** Typed reads after validate() has passed. */
export function str(input: Fields, field: string): string {
  const v = input[field];
  return typeof v === 'string' ? v.trim() : '';
}

export function optStr(input: Fields, field: string): string | null {
  const v = input[field];
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
}

export function int(input: Fields, field: string, fallback: number): number {
  return toInt(input[field]) ?? fallback;
}

export function strings(input: Fields, field: string): string[] {
  const v = input[field];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string').map((x) => x.trim()) : [];
}

// Shared rule pieces.
export const HOSTNAME = /^(?=.{1,253}$)([a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]{2,63}\.?$/;
export const PHONE = /^\+\d{1,3}\.?\d{4,14}$/;
export const COUNTRY = /^[A-Z]{2}$/;
