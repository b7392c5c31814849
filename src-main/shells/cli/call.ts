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

/** Dispatches through the contract like every shell; a failure becomes an AppError with the translated sentence. */
export async function callRpc<M extends MethodName>(rpc: Dispatcher, t: I18n['t'], method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const result = await rpc.dispatch(method, input);
  if (result.ok) return result.value as MethodOutput<M>;
  throw new AppError(result.error.code, translateRpcError(t, result.error));
}

/** Left-aligned columns separated by two spaces, header first. */
export function formatColumns(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => `${r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()}\n`;
  return [head, ...rows].map(line).join('');
}
