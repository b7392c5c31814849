import { AppError } from '../../src-shared/contract.js';
import { DETAIL_ACTIONS, type BulkAction, type BulkMessage, type BulkPreview, type BulkTarget } from '../../src-shared/contract/areas/bulk.js';
import type { DomainItem, DomainFilter } from '../../src-shared/contract/areas/portfolio.js';
import type { RegistrarAdapter } from '../registrars/types.js';
import type { JobRunner } from '../scheduler/index.js';
import { JOB_KIND, unavailableReason } from './bulk/actions.js';
import { msg } from './bulk/messages.js';
import { allJobKinds, type JobKindDeps, type RenewItemInput, type SettingItemInput } from './bulk/job-kinds.js';
import { buildPreview } from './bulk/preview.js';

export interface BulkServiceDeps {
  jobs: JobRunner;
  adapterFor(accountId: string): Promise<RegistrarAdapter>;
  query(input: { filter: DomainFilter; offset: number; limit: number }): { total: number; items: DomainItem[] };
  byIds(ids: number[]): DomainItem[];
  byNames(names: string[]): DomainItem[];
  refresh: JobKindDeps['refresh'];
  log: JobKindDeps['log'];
}

const PAGE = 1000;

/**
 * Bulk actions: preview (nothing changes), then start (a journal job whose
 * items each run exactly once through the account's lane). Renewals need
 * the confirmation text the preview asked for.
 */
export function createBulkService(deps: BulkServiceDeps) {
  for (const [kind, handler] of allJobKinds(deps)) deps.jobs.registerKind(kind, handler);

  function resolve(target: BulkTarget): DomainItem[] {
    if ('ids' in target) return deps.byIds(target.ids);
    if ('names' in target) {
      const rows = deps.byNames(target.names);
      const found = new Set(rows.map((r) => r.name));
      const missing = target.names.map((n) => n.toLowerCase()).filter((n) => !found.has(n) && !rows.some((r) => r.unicode === n));
      if (missing.length) throw new AppError('NotFound', `Not in your cached portfolio: ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ` and ${missing.length - 10} more` : ''}. Sync first, or check the spelling.`, { messageKey: 'errors.NotFound', params: { what: missing.slice(0, 10).join(', ') } });
      return rows;
    }
    const except = new Set(target.exceptIds);
    const out: DomainItem[] = [];
    for (let offset = 0; ; offset += PAGE) {
      const page = deps.query({ filter: target.filter, offset, limit: PAGE });
      out.push(...page.items.filter((d) => !except.has(d.id)));
      if (page.items.length < PAGE) return out;
    }
  }

  return {
    /** What the detail panel offers for one name: each action, or why it is not available (no network). */
    async actions(id: number): Promise<{ actions: { kind: (typeof DETAIL_ACTIONS)[number]; available: boolean; reason: BulkMessage | null }[] }> {
      const [d] = deps.byIds([id]);
      if (!d) throw new AppError('NotFound', `No domain with id ${id} in the cache.`, { messageKey: 'errors.NotFound', params: { what: String(id) } });
      const adapter = await deps.adapterFor(d.accountId).catch((e: unknown) => (e instanceof Error ? e : new Error(String(e))));
      return {
        actions: DETAIL_ACTIONS.map((kind) => {
          const reason = adapter instanceof Error ? msg('accountUnavailable', { account: d.account, reason: adapter.message }) : unavailableReason(kind, d, adapter);
          return { kind, available: reason === null, reason };
        }),
      };
    },

    async preview(action: BulkAction, target: BulkTarget): Promise<BulkPreview> {
      return buildPreview(action, resolve(target), deps, { live: true });
    },

    async start(action: BulkAction, target: BulkTarget, confirm: string): Promise<{ jobId: string; runnable: number; skipped: number }> {
      // Recomputed from the cache (no live quotes): what runs is decided now, not by a stale preview.
      const preview = await buildPreview(action, resolve(target), deps, { live: false });
      const accepted = action.kind === 'renew' ? [preview.confirmText, String(preview.runnable)] : [preview.confirmText];
      if (!accepted.includes(confirm.trim())) {
        throw new AppError('InvalidInput', `To start, type ${accepted.map((a) => `"${a}"`).join(' or ')} to confirm.`, { messageKey: 'bulk.confirmMismatch', params: { expected: accepted.join(' / ') }, path: ['confirm'] });
      }
      const runnable = preview.items.filter((i) => !i.skipped);
      if (runnable.length === 0) throw new AppError('Conflict', 'None of the selected names can take this action; see the reasons in the preview.', { messageKey: 'bulk.nothingToDo' });
      const items = runnable.map((i) => ({
        key: i.name,
        accountId: i.accountId,
        input: action.kind === 'renew' ? ({ name: i.name, years: action.years, expectedExpiresAt: i.expiresAt!, allowLateFee: action.allowLateFee } satisfies RenewItemInput) : ({ name: i.name, action } satisfies SettingItemInput),
      }));
      const job = deps.jobs.create({ kind: JOB_KIND[action.kind], title: jobTitle(action, runnable.length), items, params: action });
      deps.jobs.start(job.id);
      return { jobId: job.id, runnable: runnable.length, skipped: preview.skipped };
    },
  };
}
export type BulkService = ReturnType<typeof createBulkService>;

function jobTitle(action: BulkAction, n: number): string {
  const names = `${n} name${n === 1 ? '' : 's'}`;
  switch (action.kind) {
    case 'renew':
      return `Renew ${names} for ${action.years} year${action.years === 1 ? '' : 's'}`;
    case 'autoRenew':
      return `Turn auto-renew ${action.on ? 'on' : 'off'} for ${names}`;
    case 'lock':
      return `${action.locked ? 'Lock' : 'Unlock'} ${names}`;
    case 'nameservers':
      return `Set nameservers of ${names} to ${action.nameservers.join(', ')}`;
    case 'privacy':
      return `Set privacy ${action.privacy} for ${names}`;
    case 'folder':
      return action.folder === null ? `Move ${names} out of their folders` : `Move ${names} to folder "${action.folder}"`;
  }
}
