import { Option, type Command } from 'commander';
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { AppError } from '../../../../src-shared/contract.js';
import type { DomainFilter } from '../../../../src-shared/contract/areas/portfolio.js';
import type { ExportFormat } from '../../../services/portfolio-io/index.js';
import { withCliApp } from '../call.js';
import type { GlobalOptions } from '../context.js';
import { cliI18n, EXIT, printJson, type CliIo } from '../output.js';
import { runCommand } from '../run.js';

interface ExportCliOptions extends GlobalOptions {
  format: ExportFormat;
  out?: string;
  query?: string;
  includeRemoved?: boolean;
  includeRaw?: boolean;
}

/**
 * `domaindeck export --format csv|json [--out FILE] [--query Q] [--include-removed] [--include-raw]`:
 * the cached portfolio with the investor's data, offline. Without --out the
 * document goes to stdout (with --format json: one JSON document). With
 * --out it is written beside the target and renamed into place, so a failed
 * export never leaves half a file under the real name. The export streams
 * from the database (it does not go through the contract, which returns
 * whole values).
 */
export function registerExport(program: Command, io: CliIo): void {
  program
    .command('export')
    .description('Export the cached portfolio with your tags, notes and prices (CSV or JSON, works offline)')
    .addOption(new Option('--format <format>', 'csv (re-importable with "domaindeck import") or json').choices(['csv', 'json']).default('csv'))
    .option('--out <file>', 'write to this file (CSV files get a byte-order mark for spreadsheets) instead of stdout')
    .option('--query <text>', 'only names containing this text')
    .option('--include-removed', 'also export names no longer at their registrar')
    .option('--include-raw', 'add what each registrar returned (raw payloads may contain contact data)')
    .action(async (_o, cmd: Command) =>
      runCommand(io, cmd.optsWithGlobals<ExportCliOptions>(), async (opts) => {
        const t0 = Date.now();
        if (opts.json && !opts.out && opts.format === 'csv') throw new AppError('InvalidInput', cliI18n(io.env).t('portfolioIo.cli.jsonNeedsOut'));
        return withCliApp(opts, io, async (_rpc, t, app) => {
          const filter: DomainFilter = {};
          if (opts.query) filter.search = opts.query;
          if (opts.includeRemoved) filter.includeRemoved = true;
          const options = { format: opts.format, filter, includeRaw: opts.includeRaw ?? false, bom: opts.format === 'csv' && Boolean(opts.out) };
          if (!opts.out) {
            const { count } = app.services.portfolioIo.exportTo(options, (chunk) => io.stdout(chunk));
            if (!opts.json) io.stderr(`${t('portfolioIo.cli.exportedStdout', { count })}\n`);
            return EXIT.ok;
          }
          const file = resolve(opts.out);
          const { count } = writeFileAtomically(file, (write) => app.services.portfolioIo.exportTo(options, write));
          if (opts.json) printJson(io, { ok: true, format: opts.format, file, count, ms: Date.now() - t0 });
          else io.stderr(`${t('portfolioIo.cli.exported', { count, file })}\n`);
          return EXIT.ok;
        });
      }),
    );
}

/** Writes through a temporary file in the same folder, then renames it over the target. */
function writeFileAtomically<T>(file: string, body: (write: (chunk: string) => void) => T): T {
  const temp = `${file}.partial-${process.pid}`;
  const fd = openSync(temp, 'w');
  try {
    const result = body((chunk) => {
      writeSync(fd, chunk, null, 'utf8');
    });
    fsyncSync(fd);
    closeSync(fd);
    renameSync(temp, file);
    return result;
  } catch (err) {
    try {
      closeSync(fd);
    } catch {
      // already closed
    }
    rmSync(temp, { force: true });
    throw err;
  }
}
