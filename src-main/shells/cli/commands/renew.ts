import type { Command } from 'commander';
import type { i18n as I18n } from 'i18next';
import { AppError } from '../../../../src-shared/contract.js';
import type { BulkPreview } from '../../../../src-shared/contract/areas/bulk.js';
import { formatMoney } from '../../../../src-shared/money.js';
import { callRpc, formatColumns, withCliApp } from '../call.js';
import type { GlobalOptions } from '../context.js';
import { EXIT, printJson, type CliIo } from '../output.js';
import { runCommand } from '../run.js';

interface RenewOptions extends GlobalOptions {
  years?: string;
  dryRun?: boolean;
  yes?: boolean;
  allowLateFee?: boolean;
}

/**
 * `domaindeck renew NAME... --years N [--dry-run] [--yes] [--json]`.
 * Without --yes it only previews (prices, skipped names, balances). With
 * --yes it runs a bulk renew job through the journal, waits for it, and
 * exits 1 if any name failed or stays unconfirmed.
 */
export function registerRenew(program: Command, io: CliIo): void {
  program
    .command('renew <names...>')
    .description('Preview or renew cached names as one journal job (nothing is charged without --yes)')
    .requiredOption('--years <n>', 'years to add (1-10)')
    .option('--dry-run', 'only preview (the default without --yes)')
    .option('--yes', 'renew after the preview, without asking')
    .option('--allow-late-fee', 'include names that need a late renewal fee')
    .action(async (names: string[], _o, cmd: Command) =>
      runCommand(io, cmd.optsWithGlobals<RenewOptions>(), async (opts) => {
        const years = Number(opts.years);
        if (!Number.isInteger(years) || years < 1 || years > 10) throw new AppError('InvalidInput', `--years must be a whole number from 1 to 10, got "${opts.years}"`);
        const action = { kind: 'renew' as const, years, allowLateFee: opts.allowLateFee ?? false };
        const target = { names };
        return withCliApp(opts, io, async (rpc, t, app) => {
          const preview = await callRpc(rpc, t, 'bulk.preview', { action, target });
          if (opts.dryRun || !opts.yes) {
            if (opts.json) printJson(io, { mode: 'preview', ...preview });
            else io.stderr(`${previewText(preview, t)}\nNothing was renewed. Run again with --yes to renew ${preview.runnable} name(s).\n`);
            return EXIT.ok;
          }
          if (preview.runnable === 0) {
            if (opts.json) printJson(io, { mode: 'run', jobId: null, preview, job: null });
            else io.stderr(`${previewText(preview, t)}\nNothing to renew.\n`);
            return EXIT.failed;
          }
          const started = await callRpc(rpc, t, 'bulk.start', { action, target, confirm: preview.confirmText });
          if (!opts.json) io.stderr(`${previewText(preview, t)}\nRenewing ${started.runnable} name(s) as job ${started.jobId}…\n`);
          await app.scheduler.jobs.wait(started.jobId);
          const job = await callRpc(rpc, t, 'jobs.get', { id: started.jobId, limit: 100_000 });
          if (opts.json) printJson(io, { mode: 'run', jobId: started.jobId, preview, job });
          else {
            io.stderr(formatColumns(['NAME', 'STATE', 'RESULT'], job.items.map((i) => [i.key, i.state, i.error?.message ?? resultText(i.result)])));
            io.stderr(`${job.totals.done} renewed, ${job.totals.failed} failed, ${job.totals.unconfirmed} unconfirmed, ${job.totals.skipped} skipped.\n`);
          }
          return job.totals.failed > 0 || job.totals.unconfirmed > 0 ? EXIT.failed : EXIT.ok;
        });
      }),
    );
}

function previewText(p: BulkPreview, t: I18n['t']): string {
  const rows = p.items.map((i) => [
    i.unicode,
    i.account,
    i.expiresAt?.slice(0, 10) ?? '—',
    i.price ? `${formatMoney(i.price, 'en')}${i.priceSource === 'cached' ? '*' : ''}` : '—',
    i.skipped ? `skipped: ${t(i.skipped.key, { ...i.skipped.params, defaultValue: i.skipped.text })}` : i.warnings.map((w) => t(w.key, { ...w.params, defaultValue: w.text })).join('; '),
  ]);
  const totals = p.totals.map((m) => formatMoney(m, 'en')).join(' + ') || '—';
  const balances = p.accounts.map((a) => `${a.account}: needs ${a.needed.map((m) => formatMoney(m, 'en')).join(' + ') || '—'}, balance ${a.balance ? formatMoney(a.balance, 'en') : 'unknown'}${a.shortBy.length ? ` — SHORT BY ${a.shortBy.map((m) => formatMoney(m, 'en')).join(' + ')}` : ''}`);
  return `${formatColumns(['NAME', 'ACCOUNT', 'EXPIRES', 'PRICE', 'NOTES'], rows)}Total: ${totals} for ${p.runnable} name(s)${p.skipped ? `, ${p.skipped} skipped` : ''} (* = price from the last sync)\n${balances.join('\n')}\n`;
}

function resultText(result: unknown): string {
  const r = result as { newExpiresAt?: string | null; state?: string } | null;
  return r?.newExpiresAt ? `expires ${r.newExpiresAt.slice(0, 10)}` : (r?.state ?? '');
}
