import { z } from 'zod';

/**
 * Every failure that crosses the contract is one of these codes. The first
 * group is about the call itself; the second is the normalized registrar
 * error set from DESIGN.md, so the UI can explain and suggest a next step
 * without knowing which registrar said it.
 */
export const rpcErrorCodes = [
  'UnknownMethod',
  'InvalidInput',
  'InvalidOutput',
  'Unauthorized',
  'Internal',
  'NotFound',
  'Conflict',
  'Unavailable',
  'AuthFailed',
  'NotAllowed',
  'RateLimited',
  'Banned',
  'AccountBlocked',
  'InsufficientFunds',
  'Invalid',
  'Transient',
  'OutcomeUnknown',
] as const;

export type RpcErrorCode = (typeof rpcErrorCodes)[number];

export const rpcErrorSchema = z.object({
  code: z.enum(rpcErrorCodes),
  /** English text, already interpolated; the renderer prefers `messageKey` for the user's language. */
  message: z.string(),
  /** i18n key under `errors.` with `params`, so every shell shows the same words in the user's language. */
  messageKey: z.string().optional(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  /** For InvalidInput / Invalid: where in the input the problem is. */
  path: z.array(z.union([z.string(), z.number()])).optional(),
  /** RateLimited / Banned / AccountBlocked: when trying again makes sense (ISO-8601). */
  retryAfter: z.string().optional(),
});
export type RpcError = z.infer<typeof rpcErrorSchema>;

export type RpcResult<T> = { ok: true; value: T } | { ok: false; error: RpcError };

/** An error a service throws on purpose; the dispatcher turns it into an RpcError. */
export class AppError extends Error {
  constructor(
    readonly code: RpcErrorCode,
    message: string,
    readonly extra: Omit<RpcError, 'code' | 'message'> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }

  toRpcError(): RpcError {
    return { code: this.code, message: this.message, ...this.extra };
  }
}
