import type { Command } from 'commander';
import type { i18n as I18n } from 'i18next';
import { credentialFields, isRegistrarId, registrarIds, type RegistrarId } from '../../../../src-shared/accounts/registrars.js';
import { AppError } from '../../../../src-shared/contract.js';
import type { AccountSummary } from '../../../../src-shared/contract/areas/accounts.js';
import type { Dispatcher } from '../../../rpc/dispatcher.js';
import type { GlobalOptions } from '../context.js';
import { cliI18n, EXIT, printJson, type CliIo } from '../output.js';
import { promptHidden, promptLine } from '../prompt.js';
import { runCommand } from '../run.js';
import { callRpc, withCliApp } from '../call.js';

interface AddOptions extends GlobalOptions {
  registrar: string;
  label: string;
  endpoint?: string;
  color?: string;
}

/**
 * `domaindeck accounts list|add|remove|test`. Credentials are read as a JSON
 * object on stdin (DESIGN.md: the sandbox descriptor's `credentials` shape)
 * or typed at a hidden prompt, never taken from argv where shell history and
 * `ps` would keep them.
 */
export function registerAccounts(program: Command, io: CliIo): void {
  const accounts = program.command('accounts').description('List, add, remove and test registrar accounts');

  accounts
    .command('list')
    .description('List accounts with their status (never their secrets)')
    .action(async (_o, cmd: Command) =>
      runCommand(io, cmd.optsWithGlobals<GlobalOptions>(), async (opts) =>
        withCliApp(opts, io, async (rpc, t) => {
          const { items } = await callRpc(rpc, t, 'accounts.list', {});
          if (opts.json) printJson(io, { items });
          else if (items.length === 0) io.stderr(`${t('accounts.noAccounts')}\n`);
          else io.stdout(formatTable(items, t));
          return EXIT.ok;
        }),
      ),
    );

  accounts
    .command('add')
    .description('Add an account; the credentials JSON object is read from stdin (or prompted for on a terminal)')
    .requiredOption('--registrar <id>', `one of ${registrarIds.join(', ')}`)
    .requiredOption('--label <label>', 'a name for the account, unique')
    .option('--endpoint <url>', "API origin (default: the registrar's real API; the sandbox prints its own)")
    .option('--color <#rrggbb>', 'colour of the account chip')
    .action(async (_o, cmd: Command) =>
      runCommand(io, cmd.optsWithGlobals<AddOptions>(), async (opts) => {
        const t = cliI18n(io.env).t;
        if (!isRegistrarId(opts.registrar)) {
          const params = { registrar: opts.registrar };
          throw new AppError('InvalidInput', t('accounts.validation.registrar', params), { path: ['registrar'] });
        }
        const registrar = opts.registrar;
        // Read the secrets before opening the app, so a passphrase prompt never competes with stdin.
        const credentials = io.stdinIsTTY ? await promptCredentials(registrar, t) : parseCredentials(await io.readStdin(), registrar, t);
        return withCliApp(opts, io, async (rpc) => {
          const added = await callRpc(rpc, t, 'accounts.add', { registrar, label: opts.label, endpoint: opts.endpoint ?? null, credentials, ...(opts.color ? { color: opts.color } : {}) });
          if (opts.json) printJson(io, added);
          else io.stderr(`${t('accounts.added', { label: added.label, registrar: t(`accounts.registrar.${added.registrar}`) })}\n`);
          return EXIT.ok;
        });
      }),
    );

  accounts
    .command('remove <account>')
    .description('Remove an account (by label or id) and delete its credentials from the vault')
    .option('--delete-history', "also delete the account's cached domains and their history")
    .option('--yes', 'do not ask for confirmation')
    .action(async (ref: string, _o, cmd: Command) =>
      runCommand(io, cmd.optsWithGlobals<GlobalOptions & { deleteHistory?: boolean; yes?: boolean }>(), async (opts) =>
        withCliApp(opts, io, async (rpc, t) => {
          const account = await resolveAccount(rpc, t, ref);
          if (!opts.yes) {
            if (!io.stdinIsTTY) throw new AppError('InvalidInput', `${t('accounts.action.confirmRemove', { label: account.label })} (--yes)`);
            const answer = await promptLine(`${t('accounts.action.confirmRemove', { label: account.label })} [y/N] `);
            if (!/^(y|yes|ya)$/i.test(answer.trim())) return EXIT.failed;
          }
          const result = await callRpc(rpc, t, 'accounts.remove', { id: account.id, deleteHistory: opts.deleteHistory ?? false });
          if (opts.json) printJson(io, result);
          else io.stderr(`${t('accounts.removed', { label: account.label })}\n`);
          return EXIT.ok;
        }),
      ),
    );

  accounts
    .command('test <account>')
    .description('Test the connection of an account (by label or id) and explain any failure')
    .action(async (ref: string, _o, cmd: Command) =>
      runCommand(io, cmd.optsWithGlobals<GlobalOptions>(), async (opts) =>
        withCliApp(opts, io, async (rpc, t) => {
          const account = await resolveAccount(rpc, t, ref);
          const result = await callRpc(rpc, t, 'accounts.test', { id: account.id });
          if (opts.json) printJson(io, result);
          else io.stderr(`${result.ok ? '✔' : '✘'} ${account.label}: ${t(result.message.key, { ...result.message.params, defaultValue: result.detail })}\n`);
          return result.ok ? EXIT.ok : EXIT.failed;
        }),
      ),
    );
}



async function resolveAccount(rpc: Dispatcher, t: I18n['t'], ref: string): Promise<AccountSummary> {
  const { items } = await callRpc(rpc, t, 'accounts.list', {});
  const found = items.find((a) => a.id === ref) ?? items.find((a) => a.label.toLowerCase() === ref.toLowerCase());
  if (!found) throw new AppError('NotFound', t('accounts.notFound', { what: ref }));
  return found;
}

export function parseCredentials(text: string, registrar: RegistrarId, t: I18n['t']): Record<string, string> {
  const fields = credentialFields[registrar].map((f) => f.name).join(', ');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.values(value).every((v) => typeof v === 'string')) {
    // Never echo what was read: it may be a secret with a typo.
    throw new AppError('InvalidInput', t('accounts.stdinInvalid', { registrar, fields }));
  }
  return value as Record<string, string>;
}

async function promptCredentials(registrar: RegistrarId, t: I18n['t']): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const f of credentialFields[registrar]) {
    const question = t('accounts.stdinPrompt', { field: t(`accounts.field.${f.name}`) });
    const answer = f.secret ? await promptHidden(question) : await promptLine(question);
    if (answer.trim() !== '' || !f.optional) out[f.name] = answer;
  }
  return out;
}

function formatTable(items: AccountSummary[], t: I18n['t']): string {
  const rows = items.map((a) => [
    a.label,
    t(`accounts.registrar.${a.registrar}`),
    t(`accounts.status.${a.status}`, { until: a.pausedUntil ?? '?' }),
    a.lastSyncAt ?? '-',
    a.effectiveEndpoint ?? '-',
    a.id,
  ]);
  const head = [t('accounts.list.columns.label'), t('accounts.list.columns.registrar'), t('accounts.list.columns.status'), t('accounts.list.columns.synced'), t('accounts.field.endpoint'), 'id'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => `${r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()}\n`;
  return [head, ...rows].map(line).join('');
}
