import { AppError } from '../../../src-shared/contract.js';
import type { GlobalOptions } from './context.js';
import { cliI18n, describeError, EXIT, printJson, type CliIo } from './output.js';

/**
 * Runs one command body: the exit code it returns becomes the process's;
 * any error becomes one clear sentence (and a JSON error document with
 * --json), never a stack trace.
 */
export async function runCommand<O extends GlobalOptions>(io: CliIo, globals: O, body: (globals: O) => Promise<number>): Promise<void> {
  try {
    process.exitCode = await body(globals);
  } catch (err) {
    const { message, code } = describeError(cliI18n(io.env).t, err);
    if (globals.json) printJson(io, { ok: false, error: { code, message } });
    io.stderr(`domaindeck: ${message}\n`);
    process.exitCode = err instanceof AppError && (err.code === 'InvalidInput' || err.code === 'Invalid') ? EXIT.usage : err instanceof AppError ? EXIT.environment : EXIT.failed;
  }
}
