import type { Command } from 'commander';
import type { i18n as I18n } from 'i18next';
import type { MethodInput } from '../../../../src-shared/contract.js';
import type { CacheRebuild, SyncAccountReport } from '../../../../src-shared/contract/areas/portfolio.js';
import { openCliApp, type GlobalOptions } from '../context.js';
import { cliI18n, EXIT, printJson, type CliIo } from '../output.js';
import { runCommand } from '../run.js';
import { callRpc } from '../call.js';

interface SyncOptions extends GlobalOptions {
  account?: string;
  incremental?: boolean;
}

/**
 * `domaindeck sync [--account LABEL] [--incremental] [NAME...]`: reads the
 * registrars into the offline cache, as a job in the journal (one item per
 * account; `jobs cancel` from another terminal stops it). --json prints one
 * document: the per-account report of `sync.run`, with its `jobId`.
 */
export function registerSync(program: Command, io: CliIo): void {
  program
    .command('sync [names...]')
    .description('Read your portfolio from every registrar account (or one, or just some names) into the offline cache')
    .option('--account <label>', 'only this account (label or id)')
    .option('--incremental', 'only what can have changed since the last sync')
    .action(async (names: string[], _o, cmd: Command) =>
      runCommand(io, cmd.optsWithGlobals<SyncOptions>(), async (opts) => {
        const t = cliI18n(io.env).t;
        const { app, rpc } = await openCliApp(opts, io);
        const offs = opts.json
          ? []
          : [
              app.events.subscribe('sync.progress', (p) => {
                const e = p as { phase: string; account: string; done: number };
                if (e.phase === 'listing' || e.phase === 'details') io.stderr(`${t('sync.cli.progress', { account: e.account, done: e.done })}\n`);
              }),
              // After a big load the cache rebuilds its indexes, finished before the command exits: say why it pauses.
              app.events.subscribe('cache.rebuild', (p) => {
                if ((p as CacheRebuild).phase === 'indexes') io.stderr(`${t('sync.cli.indexing')}\n`);
              }),
            ];
        try {
          const input: MethodInput<'sync.run'> = { mode: opts.incremental ? 'incremental' : 'full' };
          if (opts.account) input.accountId = opts.account;
          if (names.length) input.names = names;
          const report = await callRpc(rpc, t, 'sync.run', input);
          if (opts.json) printJson(io, report);
          else {
            if (report.accounts.length === 0) io.stderr(`${t('sync.cli.noAccounts')}\n`);
            for (const a of report.accounts) io.stderr(`${describeAccount(a, t)}\n`);
            if (report.jobId) io.stderr(`${t('sync.cli.job', { id: report.jobId.slice(0, 8) })}\n`);
          }
          return report.ok ? EXIT.ok : EXIT.failed;
        } finally {
          for (const off of offs) off();
          await app.close();
        }
      }),
    );
}

function describeAccount(a: SyncAccountReport, t: I18n['t']): string {
  if (a.state === 'failed') return `✘ ${t('sync.cli.failed', { account: a.account, reason: a.error?.message ?? '' })}`;
  const line = t('sync.cli.done', { account: a.account, seen: a.seen, added: a.added, updated: a.updated, removed: a.removed, requests: a.pages + a.detailReads });
  if (a.state === 'ok') return `✔ ${line}`;
  const problems = a.domainErrors.slice(0, 5).map((e) => `    ${e.name}: ${e.reason}`);
  return [`! ${line} ${t('sync.cli.partial', { failed: a.failed })}`, ...problems].join('\n');
}

