import type { z } from 'zod';
import {
  AppError,
  isMethodName,
  methodDef,
  type MethodName,
  type MethodOutput,
  type ParsedInput,
  type RpcError,
  type RpcResult,
} from '../../src-shared/contract.js';

export type Handler<M extends MethodName> = (input: ParsedInput<M>) => Promise<MethodOutput<M>> | MethodOutput<M>;
/** One handler per contract method: a missing or extra one is a type error. */
export type Handlers = { [M in MethodName]: Handler<M> };

export interface Dispatcher {
  dispatch(method: string, input: unknown): Promise<RpcResult<unknown>>;
}

export interface DispatcherOptions {
  /** Where unexpected exceptions are reported (already redacted by the caller's logger). */
  onInternalError?: (method: string, error: unknown) => void;
}

/**
 * The single entry point every shell calls. It validates input against the
 * contract, runs the handler, validates the output, and turns every failure
 * into a typed RpcError: a bad call never throws into the shell.
 */
export function createDispatcher(handlers: Handlers, options: DispatcherOptions = {}): Dispatcher {
  return {
    async dispatch(method, input) {
      if (!isMethodName(method)) {
        return fail({ code: 'UnknownMethod', message: `Unknown method "${method}"`, messageKey: 'errors.UnknownMethod', params: { method } });
      }
      const def = methodDef(method);
      const parsedInput = def.input.safeParse(input ?? {});
      if (!parsedInput.success) return fail(zodToRpcError('InvalidInput', parsedInput.error));
      let value: unknown;
      try {
        const handler = handlers[method] as (input: unknown) => unknown;
        value = await handler(parsedInput.data);
      } catch (err) {
        if (err instanceof AppError) return fail(err.toRpcError());
        options.onInternalError?.(method, err);
        return fail({ code: 'Internal', message: 'Something went wrong inside DomainDeck.', messageKey: 'errors.Internal' });
      }
      const parsedOutput = def.output.safeParse(value);
      if (!parsedOutput.success) {
        options.onInternalError?.(method, new Error(`Output of ${method} failed validation: ${parsedOutput.error.message}`));
        return fail({ ...zodToRpcError('InvalidOutput', parsedOutput.error), messageKey: 'errors.InvalidOutput' });
      }
      return { ok: true, value: parsedOutput.data };
    },
  };
}

function fail(error: RpcError): RpcResult<never> {
  return { ok: false, error };
}

function zodToRpcError(code: 'InvalidInput' | 'InvalidOutput', error: z.ZodError): RpcError {
  const issue = error.issues[0];
  const path = (issue?.path ?? []).filter((p): p is string | number => typeof p !== 'symbol');
  const field = path.length ? path.join('.') : '(input)';
  const detail = issue?.message ?? 'invalid';
  return { code, message: `${field}: ${detail}`, messageKey: `errors.${code}`, params: { field, detail }, path };
}
