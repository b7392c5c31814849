import type { Command } from 'commander';
import type { i18n as I18n } from 'i18next';
import { readFileSync, statSync } from 'node:fs';
import { AppError } from '../../../../src-shared/contract.js';
import { IMPORT_CSV_MAX_CHARS, type ImportApplyResult, type ImportChange, type ImportMessage, type ImportPreview } from '../../../../src-shared/contract/areas/portfolio-io.js';
import type { Money } from '../../../../src-shared/money.js';
import { decimalMoney } from '../../../../src-shared/money.js';
import { callRpc, withCliApp } from '../call.js';
import type { GlobalOptions } from '../context.js';
import { EXIT, printJson, type CliIo } from '../output.js';
import { runCommand } from '../run.js';

interface ImportCliOptions extends GlobalOptions {
  apply?: boolean;
  acceptGoodRows?: boolean;
}

/**
 * `domaindeck import FILE [--apply] [--accept-good-rows] [--json]`: user data
 * (tags, notes, prices) from a CSV. Without --apply it only previews every
 * change and every bad row. A file with bad rows is applied only with
 * --accept-good-rows (the good rows; the bad ones are skipped). Exit 1 when
 * the file has bad rows and nothing was applied. --json prints
 * {"preview": {...}, "apply": {...} | null}.
 */
export function registerImport(program: Command, io: CliIo): void {
  program
    .command('import <file>')
    .description('Preview (or --apply) tags, notes and prices from a CSV file; "-" reads stdin')
    .option('--apply', 'apply the changes (one transaction); without it nothing changes')
    .option('--accept-good-rows', 'when some rows are bad, apply the good ones and skip the bad ones')
    .action(async (file: string, _o, cmd: Command) =>
      runCommand(io, cmd.optsWithGlobals<ImportCliOptions>(), async (opts) => {
        return withCliApp(opts, io, async (rpc, t) => {
          const csv = await readCsv(file, io, t);
          const preview = await callRpc(rpc, t, 'portfolio.importPreview', { csv, maxItems: 1_000_000 });
          const refused = preview.totals.badRows > 0 && !opts.acceptGoodRows;
          let applied: ImportApplyResult | null = null;
          // The apply plans again inside its transaction: what it reports is what it wrote.
          if (opts.apply && !refused) applied = await callRpc(rpc, t, 'portfolio.importApply', { csv, acceptGoodRows: opts.acceptGoodRows ?? false });

          if (opts.json) printJson(io, { preview, apply: applied });
          else {
            io.stderr(`${t(opts.apply ? 'portfolioIo.cli.applyHead' : 'portfolioIo.cli.previewHead', { file })}\n`);
            io.stdout(previewText(preview, t));
            const s = preview.totals;
            io.stderr(`${t('portfolioIo.cli.summary', { rows: s.rows, changes: s.changes, domains: s.domains, unchanged: s.unchangedRows, bad: s.badRows })}\n`);
            if (applied) io.stderr(`${t('portfolioIo.cli.applied', { applied: applied.applied, domains: applied.domains, unchanged: applied.unchangedRows, skipped: applied.skippedBadRows })}\n`);
            else if (refused) io.stderr(`${t('portfolioIo.cli.hintAccept')}\n`);
            else if (s.changes > 0) io.stderr(`${t('portfolioIo.cli.hintApply')}\n`);
          }
          // Bad rows fail the command unless their good rows were just applied on purpose.
          return preview.totals.badRows > 0 && !applied ? EXIT.failed : EXIT.ok;
        });
      }),
    );
}

async function readCsv(file: string, io: CliIo, t: I18n['t']): Promise<string> {
  const tooLarge = () => new AppError('InvalidInput', t('portfolioIo.file.tooLarge', { mb: IMPORT_CSV_MAX_CHARS / 1024 / 1024 }));
  if (file === '-') {
    const text = await io.readStdin();
    if (text.length > IMPORT_CSV_MAX_CHARS) throw tooLarge();
    return text;
  }
  try {
    if (statSync(file).size > IMPORT_CSV_MAX_CHARS * 4) throw tooLarge();
    const text = readFileSync(file, 'utf8');
    if (text.length > IMPORT_CSV_MAX_CHARS) throw tooLarge();
    return text;
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('InvalidInput', t('portfolioIo.file.unreadable', { file, reason: (err as NodeJS.ErrnoException).code ?? (err as Error).message }));
  }
}

/** Changes grouped by row (one row = one domain), then bad rows and ignored columns: what a person checks before --apply. */
export function previewText(p: ImportPreview, t: I18n['t']): string {
  const say = (m: ImportMessage) => t(m.key, { ...m.params, defaultValue: m.text });
  const lines: string[] = [];
  let row = -1;
  for (const c of p.changes) {
    if (c.row !== row) {
      row = c.row;
      lines.push(t('portfolioIo.cli.changeRow', { row: c.row, name: c.unicode !== c.name ? `${c.unicode} (${c.name})` : c.name }));
    }
    lines.push(`    ${t(`portfolioIo.field.${c.field}`)}: ${show(c.before, t)} → ${show(c.after, t)}`);
  }
  if (p.badRows.length) {
    lines.push(t('portfolioIo.cli.badHead'));
    for (const b of p.badRows) lines.push(t('portfolioIo.cli.badRow', { row: b.row, reason: say(b.reason) }));
  }
  for (const c of p.ignoredColumns) lines.push(t('portfolioIo.cli.ignored', { column: c.column, reason: say(c.reason) }));
  return lines.length ? `${lines.join('\n')}\n` : '';
}

function show(value: ImportChange['before'], t: I18n['t']): string {
  const empty = t('portfolioIo.ui.empty');
  if (value === null || value === '') return empty;
  if (typeof value === 'string') return JSON.stringify(value.length > 120 ? `${value.slice(0, 117)}…` : value);
  if (Array.isArray(value)) return value.length ? value.join(', ') : empty;
  if (isMoney(value)) return `${decimalMoney(value)} ${value.currency}`;
  return Object.keys(value).length ? JSON.stringify(value) : empty;
}

function isMoney(v: object): v is Money {
  return 'amountMinor' in v && 'currency' in v;
}
