import type { i18n as I18n } from 'i18next';
import { AppError, type RpcError } from '../../../src-shared/contract.js';
import { createI18n, pickLocale } from '../../../src-shared/i18n/index.js';

/**
 * CLI output rules (DESIGN.md): with --json, exactly one JSON document on
 * stdout and nothing else there; human text goes to stderr. Errors are one
 * clear sentence in the user's language and a non-zero exit.
 */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  stdinIsTTY: boolean;
  readStdin: () => Promise<string>;
}

export const processIo: CliIo = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  env: process.env,
  stdinIsTTY: Boolean(process.stdin.isTTY),
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
};

export function cliI18n(env: NodeJS.ProcessEnv): I18n {
  return createI18n(pickLocale([env.DOMAINDECK_LANG, env.LC_ALL, env.LC_MESSAGES, env.LANG]));
}

export function printJson(io: CliIo, value: unknown): void {
  io.stdout(`${JSON.stringify(value, null, 2)}\n`);
}

/** Exit codes: 1 = a check or operation failed, 2 = bad usage or input, 3 = environment (data dir, port, vault). */
export const EXIT = { ok: 0, failed: 1, usage: 2, environment: 3 } as const;

export function describeError(t: I18n['t'], err: unknown): { message: string; code: string } {
  if (err instanceof AppError) return { message: translateRpcError(t, err.toRpcError()), code: err.code };
  if (err instanceof Error) return { message: err.message, code: 'Internal' };
  return { message: String(err), code: 'Internal' };
}

export function translateRpcError(t: I18n['t'], error: RpcError): string {
  if (!error.messageKey) return error.message;
  const text = t(error.messageKey, { ...error.params, defaultValue: error.message });
  return typeof text === 'string' && text.length > 0 ? text : error.message;
}
