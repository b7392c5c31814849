import { AppError } from '../../src-shared/contract.js';
import { redactPatterns } from '../vault/redact.js';
import type { RegistrarId } from './types.js';

/**
 * The normalized registrar error set (DESIGN.md). Every registrar error code
 * in the seeds maps to one kind; the lane reads the kind to pause or spend the
 * error budget, the UI reads it to explain and suggest a next step.
 */
export type RegistrarErrorKind =
  | 'AuthFailed'
  | 'NotAllowed'
  | 'RateLimited'
  | 'Banned'
  | 'AccountBlocked'
  | 'NotFound'
  | 'InsufficientFunds'
  | 'Invalid'
  | 'Transient'
  | 'OutcomeUnknown';

export interface RegistrarErrorInit {
  kind: RegistrarErrorKind;
  registrar: RegistrarId;
  /** Investor-readable English sentence: what happened and what to do. No secrets. */
  message: string;
  /** The registrar's own code (e.g. Dynadot error text key, MrDomain errorCode, HTTP status). */
  code?: string;
  /** RateLimited: wait this long before the next call. */
  retryAfterMs?: number;
  /** Banned / AccountBlocked: epoch ms when the registrar should accept calls again (configured or stated). */
  until?: number;
  /** Invalid: which input the registrar refused. */
  field?: string;
  /** Raw response body kept for diagnosis, already redacted, truncated. */
  raw?: string;
}

const RAW_LIMIT = 4000;

export class RegistrarError extends Error {
  readonly kind: RegistrarErrorKind;
  readonly registrar: RegistrarId;
  readonly code: string | undefined;
  readonly retryAfterMs: number | undefined;
  readonly until: number | undefined;
  readonly field: string | undefined;
  readonly raw: string | undefined;

  constructor(init: RegistrarErrorInit) {
    super(redactPatterns(init.message));
    this.name = 'RegistrarError';
    this.kind = init.kind;
    this.registrar = init.registrar;
    this.code = init.code;
    this.retryAfterMs = init.retryAfterMs;
    this.until = init.until;
    this.field = init.field;
    this.raw = init.raw === undefined ? undefined : redactPatterns(init.raw).slice(0, RAW_LIMIT);
  }

  /** For the contract: the same kind, the account named, the sentence kept. */
  toAppError(accountLabel: string): AppError {
    const retryAfter = this.until ? new Date(this.until).toISOString() : this.retryAfterMs ? new Date(Date.now() + this.retryAfterMs).toISOString() : undefined;
    return new AppError(this.kind, this.message, {
      messageKey: `errors.${this.kind}`,
      params: { account: accountLabel, detail: this.message, field: this.field ?? '', retryAfter: retryAfter ?? '', what: this.field ?? accountLabel },
      ...(retryAfter ? { retryAfter } : {}),
    });
  }
}

export function isRegistrarError(err: unknown): err is RegistrarError {
  return err instanceof RegistrarError;
}
