import type { Command } from 'commander';
import { AppError, type MethodInput, type MethodOutput } from '../../../../src-shared/contract.js';
import { domainSortColumns, type DomainFilter, type DomainItem, type DomainSort, type DomainSortColumn } from '../../../../src-shared/contract/areas/portfolio.js';
import { domainStatuses, type DomainStatus } from '../../../../src-shared/domain-status.js';
import { openCliApp, type GlobalOptions } from '../context.js';
import { cliI18n, EXIT, printJson, type CliIo } from '../output.js';
import { runCommand } from '../run.js';
import { callRpc, wholeNumber } from '../call.js';

interface ListOptions extends GlobalOptions {
  search?: string;
  query?: string;
  registrar?: string[];
  account?: string[];
  status?: string[];
  tld?: string[];
  tag?: string[];
  expiringDays?: string;
  sort?: string;
  limit?: string;
  offset?: string;
  includeRemoved?: boolean;
}

const collect = (v: string, prev: string[] = []) => [...prev, ...v.split(',').map((s) => s.trim()).filter(Boolean)];

/**
 * `domaindeck domains list`: the cached portfolio, offline. --json prints
 * {"total": n, "items": [...]} (DESIGN.md), each item with name, registrar,
 * account, expiresAt, status, autoRenew and locked among its fields.
 */
export function registerDomains(program: Command, io: CliIo): void {
  const domains = program.command('domains').description('Browse the cached portfolio (works offline)');
  domains
    .command('list')
    .description('List cached domains with filters and sorting')
    .option('--search <text>', 'names containing this text')
    .option('--query <text>', 'same as --search')
    .option('--registrar <id>', 'only these registrars (repeat or comma-separate)', collect)
    .option('--account <label>', 'only these accounts (label or id; repeatable)', collect)
    .option('--status <status>', `only these statuses: ${domainStatuses.join(', ')}`, collect)
    .option('--tld <tld>', 'only these TLDs (repeatable)', collect)
    .option('--tag <tag>', 'only names with one of these tags (repeatable)', collect)
    .option('--expiring-days <n>', 'expiring within the next N days')
    .option('--include-removed', 'also list names no longer at their registrar')
    .option('--sort <col[:desc]>', `sort by ${domainSortColumns.join(', ')} (comma-separate up to 3)`, 'name')
    .option('--limit <n>', 'at most this many items', '100')
    .option('--offset <n>', 'skip this many items', '0')
    .action(async (_o, cmd: Command) =>
      runCommand(io, cmd.optsWithGlobals<ListOptions>(), async (opts) => {
        const t = cliI18n(io.env).t;
        const input: MethodInput<'domains.query'> = {
          filter: buildFilter(opts, Date.now()),
          sort: parseSort(opts.sort ?? 'name'),
          limit: wholeNumber('--limit', opts.limit ?? '100', 1, 1000),
          offset: wholeNumber('--offset', opts.offset ?? '0', 0, Number.MAX_SAFE_INTEGER),
        };
        const { app, rpc } = await openCliApp(opts, io);
        try {
          const page = await callRpc(rpc, t, 'domains.query', input);
          if (opts.json) printJson(io, page);
          else {
            io.stdout(page.items.map(formatRow).join(''));
            io.stderr(`${t('sync.cli.listed', { shown: page.items.length, total: page.total })}\n`);
          }
          return EXIT.ok;
        } finally {
          await app.close();
        }
      }),
    );
  domains
    .command('show')
    .description("One cached domain: its fields, the actions its registrar allows (or why not), its history")
    .argument('<name>', 'the domain (ASCII or Unicode)')
    .option('--include-raw', "also print what the registrar said (raw payloads can hold contact data)")
    .action(async (name: string, _o, cmd: Command) =>
      runCommand(io, cmd.optsWithGlobals<GlobalOptions & { includeRaw?: boolean }>(), async (opts) => {
        const t = cliI18n(io.env).t;
        const { app, rpc } = await openCliApp(opts, io);
        try {
          const { raw, ...detail } = await callRpc(rpc, t, 'domains.get', { name });
          const { actions } = await callRpc(rpc, t, 'bulk.actions', { id: detail.domain.id });
          const shown = { ...detail, actions, ...(opts.includeRaw ? { raw } : {}) };
          if (opts.json) printJson(io, shown);
          else io.stdout(formatDetail(shown, opts.includeRaw ? raw : undefined));
          return EXIT.ok;
        } finally {
          await app.close();
        }
      }),
    );
}

/** The human form of `domains show`: fields, actions (unavailable ones with the reason), history. */
function formatDetail(d: Omit<MethodOutput<'domains.get'>, 'raw'> & { actions: MethodOutput<'bulk.actions'>['actions'] }, raw: unknown): string {
  const x = d.domain;
  const lines = [
    x.unicode === x.name ? x.name : `${x.unicode} (${x.name})`,
    `  account      ${x.account} (${x.registrar})`,
    `  expires      ${x.expiresAt?.slice(0, 10) ?? '-'}${x.registryExpiresAt ? ` (registry ${x.registryExpiresAt.slice(0, 10)})` : ''}`,
    `  status       ${x.status}`,
    `  auto-renew   ${x.autoRenew === null ? '-' : x.autoRenew ? 'on' : 'off'}    lock ${x.locked === null ? '-' : x.locked ? 'on' : 'off'}    privacy ${x.privacy ?? '-'}`,
    `  nameservers  ${x.nameservers?.join(', ') ?? '-'}`,
    `  folder       ${x.folder ?? '-'}`,
    `  tags         ${d.userData.tags.join(', ') || '-'}`,
    `  synced       ${x.lastSyncedAt}`,
    'actions',
    ...d.actions.map((a) => `  ${a.available ? '✓' : '✗'} ${a.kind}${a.reason ? `: ${a.reason.text}` : ''}`),
    'history',
    ...(d.events.length ? d.events.slice(0, 20).map((e) => `  ${e.at.slice(0, 16).replace('T', ' ')}  ${e.kind}`) : ['  (none)']),
  ];
  if (raw !== undefined) lines.push('raw', JSON.stringify(raw, null, 2));
  return `${lines.join('\n')}\n`;
}

export function buildFilter(opts: ListOptions, now: number): DomainFilter {
  const filter: DomainFilter = {};
  const search = opts.search ?? opts.query;
  if (search) filter.search = search;
  if (opts.registrar?.length) filter.registrars = opts.registrar as DomainFilter['registrars'];
  if (opts.account?.length) filter.accounts = opts.account;
  if (opts.status?.length) {
    const bad = opts.status.filter((s) => !(domainStatuses as readonly string[]).includes(s));
    if (bad.length) throw new AppError('InvalidInput', `--status: unknown status ${bad.join(', ')} (one of ${domainStatuses.join(', ')})`);
    filter.statuses = opts.status as DomainStatus[];
  }
  if (opts.tld?.length) filter.tlds = opts.tld;
  if (opts.tag?.length) filter.tags = opts.tag;
  if (opts.includeRemoved) filter.includeRemoved = true;
  if (opts.expiringDays !== undefined) {
    const days = wholeNumber('--expiring-days', opts.expiringDays, 0, 36_500);
    filter.expiresFrom = new Date(now).toISOString();
    filter.expiresBefore = new Date(now + days * 86_400_000).toISOString();
  }
  return filter;
}

export function parseSort(spec: string): DomainSort[] {
  return spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((part) => {
      const [column, dir] = part.split(':');
      if (!(domainSortColumns as readonly string[]).includes(column ?? '')) throw new AppError('InvalidInput', `--sort: unknown column "${column}" (one of ${domainSortColumns.join(', ')})`);
      if (dir !== undefined && dir !== 'asc' && dir !== 'desc') throw new AppError('InvalidInput', `--sort: "${dir}" is not asc or desc`);
      return { column: column as DomainSortColumn, desc: dir === 'desc' };
    });
}


function formatRow(d: DomainItem): string {
  const flags = [d.autoRenew ? 'auto-renew' : null, d.locked ? 'locked' : null].filter(Boolean).join(',');
  return `${d.name}\t${d.registrar}\t${d.account}\t${d.expiresAt?.slice(0, 10) ?? '-'}\t${d.status}\t${flags}\n`;
}
