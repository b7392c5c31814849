import type { Command } from 'commander';
import type { i18n as I18n } from 'i18next';
import { AppError } from '../../../../src-shared/contract.js';
import { jobItemStateSchema, type JobDetail, type JobProgress, type JobSummary } from '../../../../src-shared/contract/areas/jobs.js';
import type { Dispatcher } from '../../../rpc/dispatcher.js';
import { callRpc, formatColumns, wholeNumber, withCliApp } from '../call.js';
import type { GlobalOptions } from '../context.js';
import { EXIT, printJson, type CliIo } from '../output.js';
import { runCommand } from '../run.js';

interface ShowOptions extends GlobalOptions {
  state?: string;
  limit?: string;
}

/**
 * `domaindeck jobs list|show|resume|cancel`. With --json, one JSON document
 * on stdout (the contract's JobSummary / JobDetail shapes); the human tables
 * go to stderr. An id prefix (as printed by `list`) is enough.
 */
export function registerJobs(program: Command, io: CliIo): void {
  const jobs = program.command('jobs').description('Bulk jobs (renewals, bids, nameserver changes, syncs) from the journal');

  jobs
    .command('list')
    .description('Recent jobs, newest first')
    .option('--limit <n>', 'how many', '50')
    .action(async (_o, cmd: Command) =>
      runCommand(io, cmd.optsWithGlobals<GlobalOptions & { limit?: string }>(), async (opts) =>
        withCliApp(opts, io, async (rpc, t) => {
          const list = await callRpc(rpc, t, 'jobs.list', { limit: wholeNumber('--limit', opts.limit ?? '50', 1, 1000) });
          if (opts.json) printJson(io, list);
          else io.stderr(list.items.length === 0 ? `${t('jobs.none')}\n` : jobsTable(list.items, t));
          return EXIT.ok;
        }),
      ),
    );

  jobs
    .command('show <id>')
    .description('One job with its items, their state, attempts and errors')
    .option('--state <state>', `only items in this state (${jobItemStateSchema.options.join(', ')})`)
    .option('--limit <n>', 'at most this many items', '100000')
    .action(async (ref: string, _o, cmd: Command) =>
      runCommand(io, cmd.optsWithGlobals<ShowOptions>(), async (opts) =>
        withCliApp(opts, io, async (rpc, t) => {
          const itemState = opts.state === undefined ? undefined : jobItemStateSchema.safeParse(opts.state);
          if (itemState && !itemState.success) throw new AppError('InvalidInput', `--state: ${jobItemStateSchema.options.join(', ')}`);
          const id = await resolveJob(rpc, t, ref);
          const detail = await callRpc(rpc, t, 'jobs.get', { id, limit: wholeNumber('--limit', opts.limit ?? '100000', 1, 100_000), ...(itemState ? { itemState: itemState.data } : {}) });
          if (opts.json) printJson(io, detail);
          else io.stderr(detailText(detail, t));
          return EXIT.ok;
        }),
      ),
    );

  jobs
    .command('resume <id>')
    .description('Check unconfirmed items with the registrar, then run the pending ones here (waits until the job stops)')
    .action(async (ref: string, _o, cmd: Command) =>
      runCommand(io, cmd.optsWithGlobals<GlobalOptions>(), async (opts) =>
        withCliApp(opts, io, async (rpc, t, app) => {
          const id = await resolveJob(rpc, t, ref);
          const off = opts.json ? () => undefined : app.events.subscribe('job.progress', (p) => io.stderr(progressLine(p as JobProgress, t)));
          try {
            await callRpc(rpc, t, 'jobs.resume', { id });
            if (!opts.json) io.stderr(`${t('jobs.resumed', { id: id.slice(0, 8) })}\n`);
            const final = await app.scheduler.jobs.wait(id);
            if (opts.json) printJson(io, final);
            return final.state === 'done' ? EXIT.ok : EXIT.failed;
          } finally {
            off();
          }
        }),
      ),
    );

  jobs
    .command('cancel <id>')
    .description('Cancel items not started yet (also when the job runs in another DomainDeck window)')
    .action(async (ref: string, _o, cmd: Command) =>
      runCommand(io, cmd.optsWithGlobals<GlobalOptions>(), async (opts) =>
        withCliApp(opts, io, async (rpc, t) => {
          const id = await resolveJob(rpc, t, ref);
          const summary = await callRpc(rpc, t, 'jobs.cancel', { id });
          if (opts.json) printJson(io, summary);
          else io.stderr(`${t('jobs.cancelled', { id: id.slice(0, 8) })}\n`);
          return EXIT.ok;
        }),
      ),
    );
}

async function resolveJob(rpc: Dispatcher, t: I18n['t'], ref: string): Promise<string> {
  const { items } = await callRpc(rpc, t, 'jobs.list', { limit: 1000 });
  const exact = items.find((j) => j.id === ref);
  if (exact) return exact.id;
  const matches = items.filter((j) => j.id.startsWith(ref.toLowerCase()));
  if (matches.length === 1) return matches[0]!.id;
  // Unknown or ambiguous: let the service say "not found" in its words.
  return ref;
}

function jobsTable(items: JobSummary[], t: I18n['t']): string {
  const c = (k: string) => t(`jobs.columns.${k}`);
  const rows = items.map((j) => [
    j.id.slice(0, 8),
    t(`jobs.state.${j.state}`),
    `${j.totals.done + j.totals.skipped}/${j.totals.total}`,
    String(j.totals.failed),
    String(j.totals.unconfirmed),
    j.createdAt.slice(0, 16).replace('T', ' '),
    j.title,
  ]);
  return formatColumns([c('id'), c('state'), c('done'), c('failed'), c('unconfirmed'), c('created'), c('title')], rows);
}

function detailText(d: JobDetail, t: I18n['t']): string {
  const c = (k: string) => t(`jobs.columns.${k}`);
  const head = jobsTable([d], t);
  const note = d.note ? `${t('jobs.note', { note: d.note })}\n` : '';
  const rows = d.items.map((i) => [String(i.seq), i.key, t(`jobs.itemState.${i.state}`), String(i.attempt), i.error?.message ?? '']);
  const items = formatColumns(['#', c('key'), c('state'), c('attempt'), c('detail')], rows);
  return `${head}${note}\n${items}${t('jobs.itemsShown', { shown: d.items.length, total: d.itemsTotal, count: d.itemsTotal })}\n`;
}

function progressLine(p: JobProgress, t: I18n['t']): string {
  const eta = p.etaMs === null ? '' : `  ~${Math.ceil(p.etaMs / 1000)}s`;
  return `${p.jobId.slice(0, 8)}  ${t(`jobs.state.${p.state}`)}  ${p.done + p.skipped}/${p.total}  ${t('jobs.columns.failed')}: ${p.failed}  ${t('jobs.columns.unconfirmed')}: ${p.unconfirmed}${eta}\n`;
}

