import type { InputValue } from './input.js';

/**
 * Laravel-style validation: messages keyed by field (`domains.0`), texts as
 * Laravel 10+ words them, attribute names with underscores shown as spaces.
 */
export class Validator {
  readonly errors: Record<string, string[]> = {};

  add(field: string, message: string): void {
    (this.errors[field] ??= []).push(message);
  }

  has(field: string): boolean {
    return field in this.errors;
  }

  fails(): boolean {
    return Object.keys(this.errors).length > 0;
  }

  /** Laravel's summary: the first message plus "(and N more error[s])". */
  summary(): string {
    const all = Object.values(this.errors).flat();
    const first = all[0] ?? 'The given data was invalid.';
    const more = all.length - 1;
    return more > 0 ? `${first} (and ${more} more ${more === 1 ? 'error' : 'errors'})` : first;
  }

  required(field: string, value: InputValue | undefined): boolean {
    if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0)) {
      this.add(field, `The ${attr(field)} field is required.`);
      return false;
    }
    return true;
  }

  string(field: string, value: InputValue | undefined): string | undefined {
    if (typeof value === 'string') return value.trim();
    this.add(field, `The ${attr(field)} field must be a string.`);
    return undefined;
  }

  integer(field: string, value: InputValue | undefined, min: number, max: number): number | undefined {
    const n = typeof value === 'number' ? value : typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value.trim()) : NaN;
    if (!Number.isInteger(n)) {
      this.add(field, `The ${attr(field)} field must be an integer.`);
      return undefined;
    }
    if (n < min) this.add(field, `The ${attr(field)} field must be at least ${min}.`);
    else if (n > max) this.add(field, `The ${attr(field)} field must not be greater than ${max}.`);
    else return n;
    return undefined;
  }

  boolean(field: string, value: InputValue | undefined): boolean | undefined {
    if (value === true || value === 1 || value === '1' || value === 'true') return true;
    if (value === false || value === 0 || value === '0' || value === 'false') return false;
    this.add(field, `The ${attr(field)} field must be true or false.`);
    return undefined;
  }

  oneOf<T extends string>(field: string, value: InputValue | undefined, allowed: readonly T[]): T | undefined {
    if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
    this.add(field, `The selected ${attr(field)} is invalid.`);
    return undefined;
  }

  array(field: string, value: InputValue | undefined, max: number): InputValue[] | undefined {
    if (!Array.isArray(value)) {
      this.add(field, `The ${attr(field)} field must be an array.`);
      return undefined;
    }
    if (value.length > max) {
      this.add(field, `The ${attr(field)} field must not have more than ${max} items.`);
      return undefined;
    }
    return value;
  }
}

export function attr(field: string): string {
  return field.replace(/_/g, ' ');
}

const ASCII_NAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/** Lower-cased ASCII (punycode) form of a domain name, or null when it is not one. */
export function normalizeDomainName(raw: string): string | null {
  const text = raw.trim().toLowerCase().replace(/\.$/, '');
  if (text === '' || /[\s/:@?#]/.test(text)) return null;
  let ascii = text;
  if ([...text].some((ch) => ch.charCodeAt(0) > 0x7f)) {
    try {
      ascii = new URL(`http://${text}`).hostname;
    } catch {
      return null;
    }
  }
  return ASCII_NAME.test(ascii) ? ascii : null;
}
