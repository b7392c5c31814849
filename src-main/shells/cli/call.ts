import type { i18n as I18n } from 'i18next';
import { AppError, type MethodInput, type MethodName, type MethodOutput } from '../../../src-shared/contract.js';
import type { DomainDeckApp } from '../../app/open-app.js';
import type { Dispatcher } from '../../rpc/dispatcher.js';
import { openCliApp, type GlobalOptions } from './context.js';
import { cliI18n, translateRpcError, type CliIo } from './output.js';

/** Opens the app for one command body and always closes it (lanes, leases, database). */
export async function withCliApp(opts: GlobalOptions, io: CliIo, body: (rpc: Dispatcher, t: I18n['t'], app: DomainDeckApp) => Promise<number>): Promise<number> {
  const { app, rpc } = await openCliApp(opts, io);
  try {
    return await body(rpc, cliI18n(io.env).t, app);
  } finally {
    await app.close();
  }
}

/**
 * Dispatches through the contract like every shell; a failure becomes an
 * AppError with the same translated sentence the other shells show (naming
 * the field for account form errors).
 */
export async function callRpc<M extends MethodName>(rpc: Dispatcher, t: I18n['t'], method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const result = await rpc.dispatch(method, input);
  if (result.ok) return result.value as MethodOutput<M>;
  const e = result.error;
  const text = translateRpcError(t, e);
  const field = e.path?.join('.');
  throw new AppError(e.code, field && e.messageKey?.startsWith('accounts.') ? `${field}: ${text}` : text, e.params ? { params: e.params } : {});
}

/** A whole-number flag value within bounds, or one clear sentence (exit code 2). */
export function wholeNumber(flag: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < min || n > max) throw new AppError('InvalidInput', `${flag} must be a whole number from ${min} to ${max}, got "${value}"`);
  return n;
}

/** Left-aligned columns separated by two spaces, header first. */
export function formatColumns(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => `${r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()}\n`;
  return [head, ...rows].map(line).join('');
}
