import { jsonResponse } from '../core/http.js';
import type { SimResponse } from '../core/types.js';

/**
 * The Irsfa response envelope (seed 000, every REST endpoint):
 *   success  { code: 200, message, data }          (never `error`)
 *   failure  { code: <HTTP status>, message, error: string[] }   (never `data`)
 * The body `code` always equals the HTTP status in the seed's examples.
 */
export const MSG = {
  success: 'Successfully proccess the request!', // [sic] as in the seed
  contactCreated: 'Successfull Create Contact!', // [sic] as in the seed
  invalid: 'The given data was invalid.',
  failed: 'An error occurred!',
  dataNotFound: 'Data not found.',
  domainNotFound: 'Domain not found in your account!',
  // Not documented by the seed (it has no 401 example); Laravel's wording inside the documented envelope.
  unauthenticated: 'Unauthenticated.',
} as const;

export function ok(data: unknown, message: string = MSG.success): SimResponse {
  return jsonResponse(200, { code: 200, message, data });
}

export function fail(status: number, message: string, errors: string[] = []): SimResponse {
  return jsonResponse(status, { code: status, message, error: errors });
}

/** 422 with one Laravel-style message per failing field in `error`. */
export function invalid(errors: string[]): SimResponse {
  return fail(422, MSG.invalid, errors);
}

/** The documented generic failure; `reason` says why (the seed's examples leave `error` empty). */
export function failed(reason?: string): SimResponse {
  return fail(500, MSG.failed, reason ? [reason] : []);
}

export function domainNotFound(): SimResponse {
  return fail(404, MSG.domainNotFound);
}

export function dataNotFound(reason?: string): SimResponse {
  return fail(404, MSG.dataNotFound, reason ? [reason] : []);
}

/** Thrown by handlers to answer early (validation, not found); index.ts turns it into the response. */
export class Answer extends Error {
  constructor(readonly response: SimResponse) {
    super('answer');
  }
}
