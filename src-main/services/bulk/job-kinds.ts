import type { BulkAction } from '../../../src-shared/contract/areas/bulk.js';
import type { RegistrarAdapter, RenewRequest } from '../../registrars/types.js';
import { SkipItem, type JobKindHandler } from '../../scheduler/index.js';
import { JOB_KIND, applySetting, stateMatches } from './actions.js';
import { createFolderSetup, type FolderSetup } from './folders.js';

export interface RenewItemInput {
  name: string;
  years: number;
  expectedExpiresAt: string;
  allowLateFee: boolean;
}

export interface SettingItemInput {
  name: string;
  action: Exclude<BulkAction, { kind: 'renew' }>;
}

export interface JobKindDeps {
  adapterFor(accountId: string): Promise<RegistrarAdapter>;
  /** Re-reads the names into the cache so the portfolio shows the new state (and the sync engine records events). */
  refresh(accountId: string, names: string[]): Promise<void>;
  log(level: 'info' | 'warn', message: string): void;
}

function accountOf(accountId: string | null): string {
  if (!accountId) throw new Error('Job item has no account');
  return accountId;
}

/**
 * Renewal: the idempotency key comes from the journal (stored before the
 * first send); an expiry that already moved is "already renewed", skipped,
 * never charged again. An unknown outcome is reconciled by reading the
 * domain back (the adapter's reconcileRenewal), never by re-sending.
 */
export function renewKind(deps: JobKindDeps): JobKindHandler<RenewItemInput> {
  const request = (item: { input: RenewItemInput; idempotencyKey: string }): RenewRequest => ({ ...item.input, idempotencyKey: item.idempotencyKey });
  return {
    isWrite: true,
    async run(item) {
      const accountId = accountOf(item.accountId);
      const adapter = await deps.adapterFor(accountId);
      const result = await adapter.renew(request(item));
      await deps.refresh(accountId, [item.input.name]).catch((e: Error) => deps.log('warn', `Renewed ${item.input.name} but could not refresh the cache: ${e.message}`));
      if (result.state === 'already-renewed') throw new SkipItem(`Already renewed elsewhere (expiry now ${result.currentExpiresAt ?? 'unknown'}); nothing was charged.`, result);
      return result;
    },
    async reconcile(item) {
      const accountId = accountOf(item.accountId);
      const adapter = await deps.adapterFor(accountId);
      const outcome = await adapter.reconcileRenewal(request(item));
      if (outcome === 'applied') await deps.refresh(accountId, [item.input.name]).catch(() => undefined);
      return outcome;
    },
  };
}

/**
 * Auto-renew, lock, nameservers, privacy, folder: idempotent settings,
 * reconciled by comparing the registrar's current state. A folder move
 * first makes sure the folder exists at registrars that need that (once
 * per job and account, see folders.ts).
 */
export function settingKind(deps: JobKindDeps, folders: FolderSetup = createFolderSetup()): JobKindHandler<SettingItemInput> {
  return {
    isWrite: true,
    async run(item) {
      const accountId = accountOf(item.accountId);
      const adapter = await deps.adapterFor(accountId);
      const { action } = item.input;
      if (action.kind === 'folder' && action.folder !== null) await folders.ensure(item.jobId, accountId, adapter, action.folder);
      await applySetting(action, adapter, item.input.name);
      await deps.refresh(accountId, [item.input.name]).catch((e: Error) => deps.log('warn', `Changed ${item.input.name} but could not refresh the cache: ${e.message}`));
      return { applied: item.input.action };
    },
    async reconcile(item) {
      const accountId = accountOf(item.accountId);
      const adapter = await deps.adapterFor(accountId);
      const current = await adapter.getDomain(item.input.name, { priority: 'bulk' });
      const match = stateMatches(item.input.action, current);
      // Applied without a confirmed answer: the cache still shows the old state until it is read again.
      if (match === true) await deps.refresh(accountId, [item.input.name]).catch(() => undefined);
      return match === null ? 'unknown' : match ? 'applied' : 'not-applied';
    },
  };
}

export function allJobKinds(deps: JobKindDeps): [string, JobKindHandler<never>][] {
  const setting = settingKind(deps) as JobKindHandler<never>;
  return [
    [JOB_KIND.renew, renewKind(deps) as JobKindHandler<never>],
    [JOB_KIND.autoRenew, setting],
    [JOB_KIND.lock, setting],
    [JOB_KIND.nameservers, setting],
    [JOB_KIND.privacy, setting],
    [JOB_KIND.folder, setting],
  ];
}
