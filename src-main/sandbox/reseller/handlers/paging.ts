import type { Input } from '../input.js';
import type { Validator } from '../validation.js';

export const DEFAULT_PER_PAGE = 25;
export const MAX_PER_PAGE = 100;

/** `page` (>= 1, default 1) and `per_page` (1..100, default 25) from the query. */
export function readPaging(input: Input, v: Validator): { page: number; perPage: number } {
  const page = input.page === undefined ? 1 : v.integer('page', input.page, 1, 1_000_000_000);
  const perPage = input.per_page === undefined ? DEFAULT_PER_PAGE : v.integer('per_page', input.per_page, 1, MAX_PER_PAGE);
  return { page: page ?? 1, perPage: perPage ?? DEFAULT_PER_PAGE };
}

/** An optional string filter; empty means "no filter". */
export function optionalString(input: Input, field: string, v: Validator): string | undefined {
  const value = input[field];
  if (value === undefined || value === null || value === '') return undefined;
  return v.string(field, value);
}
