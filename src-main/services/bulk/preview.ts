import type { BulkAction, BulkPreview, BulkPreviewItem } from '../../../src-shared/contract/areas/bulk.js';
import type { DomainItem } from '../../../src-shared/contract/areas/portfolio.js';
import { money, totalsByCurrency, type Money } from '../../../src-shared/money.js';
import { isRegistrarError } from '../../registrars/errors.js';
import type { RegistrarAdapter } from '../../registrars/types.js';
import { cacheWarnings, skipReason } from './actions.js';
import { folderDirectory, folderNotes } from './folders.js';
import { msg } from './messages.js';

/** Live registrar price checks cost one request each through the lane; beyond this many names the cached prices are used. */
export const LIVE_QUOTE_LIMIT = 100;

export interface PreviewDeps {
  /** The account's adapter, or an Error saying why it cannot be used (vault locked, unsupported…). */
  adapterFor(accountId: string): Promise<RegistrarAdapter>;
}

/**
 * Builds the preview of a bulk action: per name the price (live where the
 * registrar can quote and the selection is small enough), warnings, and the
 * skip reason if any; per account the balance against what is needed.
 * Nothing is written anywhere.
 */
export async function buildPreview(action: BulkAction, rows: DomainItem[], deps: PreviewDeps, options: { live: boolean }): Promise<BulkPreview> {
  const adapters = new Map<string, RegistrarAdapter | Error>();
  for (const accountId of new Set(rows.map((r) => r.accountId))) {
    adapters.set(accountId, await deps.adapterFor(accountId).catch((e: unknown) => (e instanceof Error ? e : new Error(String(e)))));
  }
  const runnableCount = rows.filter((r) => {
    const a = adapters.get(r.accountId);
    return a && !(a instanceof Error) && !skipReason(action, r, a);
  }).length;
  const live = options.live && action.kind === 'renew' && runnableCount <= LIVE_QUOTE_LIMIT;

  const items: BulkPreviewItem[] = [];
  for (const d of rows) {
    const adapter = adapters.get(d.accountId)!;
    const base: BulkPreviewItem = {
      id: d.id,
      name: d.name,
      unicode: d.unicode,
      accountId: d.accountId,
      account: d.account,
      registrar: d.registrar,
      status: d.status,
      expiresAt: d.expiresAt,
      price: null,
      priceSource: 'none',
      lateFee: null,
      premium: false,
      warnings: cacheWarnings(action, d),
      skipped: null,
    };
    if (adapter instanceof Error) {
      items.push({ ...base, skipped: msg('accountUnavailable', { account: d.account, reason: adapter.message }) });
      continue;
    }
    const skip = skipReason(action, d, adapter);
    if (skip) {
      items.push({ ...base, skipped: skip });
      continue;
    }
    if (action.kind !== 'renew') {
      items.push(base);
      continue;
    }
    items.push(await priceRenewal(base, d, adapter, action, live));
  }

  const runnable = items.filter((i) => !i.skipped);
  const costs = runnable.flatMap((i) => [i.price, i.lateFee].filter((m): m is Money => m !== null));
  const totals = totalsByCurrency(costs).map((m) => ({ ...m, count: runnable.filter((i) => i.price?.currency === m.currency).length }));
  const accounts = await accountBalances(runnable, adapters, action.kind === 'renew');
  if (action.kind === 'folder' && action.folder !== null && options.live) {
    for (const a of accounts) {
      const adapter = adapters.get(a.accountId);
      const dir = adapter && !(adapter instanceof Error) ? folderDirectory(adapter) : null;
      if (dir) a.notes.push(...(await folderNotes(action.folder, a.account, dir)));
    }
  }
  return {
    action,
    items,
    runnable: runnable.length,
    skipped: items.length - runnable.length,
    totals,
    accounts,
    confirmText: action.kind === 'renew' ? 'RENEW' : String(runnable.length),
    moneyMoving: action.kind === 'renew',
  };
}

async function priceRenewal(base: BulkPreviewItem, d: DomainItem, adapter: RegistrarAdapter, action: Extract<BulkAction, { kind: 'renew' }>, live: boolean): Promise<BulkPreviewItem> {
  const item = { ...base, warnings: [...base.warnings] };
  if (live && adapter.capabilities.renewPriceCheck && adapter.quoteRenewal) {
    try {
      const q = await adapter.quoteRenewal(d.name, action.years);
      item.price = q.price;
      item.priceSource = 'live';
      item.lateFee = q.lateFee;
      item.premium = q.premium;
      for (const w of q.warnings) item.warnings.push(msg('registrarSays', { text: w }));
      if (q.premium) item.warnings.push(msg('premium'));
      if (q.lateFee && !action.allowLateFee) item.skipped = msg('lateFeeNotAllowed');
      return item;
    } catch (err) {
      if (isRegistrarError(err) && err.kind === 'NotFound') return { ...item, skipped: msg('notAtRegistrar', { account: d.account }) };
      item.warnings.push(msg('livePriceFailed', { reason: err instanceof Error ? err.message : String(err) }));
    }
  }
  if (d.renewalPrice) {
    item.price = money(d.renewalPrice.amountMinor * action.years, d.renewalPrice.currency);
    item.priceSource = 'cached';
  } else item.warnings.push(msg('priceUnknown'));
  return item;
}

async function accountBalances(runnable: BulkPreviewItem[], adapters: Map<string, RegistrarAdapter | Error>, moneyMoving: boolean): Promise<BulkPreview['accounts']> {
  const byAccount = new Map<string, BulkPreviewItem[]>();
  for (const i of runnable) byAccount.set(i.accountId, [...(byAccount.get(i.accountId) ?? []), i]);
  const out: BulkPreview['accounts'] = [];
  for (const [accountId, list] of byAccount) {
    const first = list[0]!;
    const needed = totalsByCurrency(list.flatMap((i) => [i.price, i.lateFee].filter((m): m is Money => m !== null)));
    const adapter = adapters.get(accountId);
    let balance: Money | null = null;
    let balanceNote = null;
    if (moneyMoving && adapter && !(adapter instanceof Error)) {
      if (adapter.capabilities.balance && adapter.getBalance) {
        try {
          balance = await adapter.getBalance();
        } catch (err) {
          balanceNote = msg('balanceFailed', { reason: err instanceof Error ? err.message : String(err) });
        }
      } else if (adapter.capabilities.asyncOrders) balanceNote = msg('paysByInvoice');
      else balanceNote = msg('balanceUnknown');
    }
    const shortBy = balance ? needed.filter((n) => n.currency === balance.currency && n.amountMinor > balance.amountMinor).map((n) => money(n.amountMinor - balance.amountMinor, n.currency)) : [];
    out.push({ accountId, account: first.account, registrar: first.registrar, items: list.length, needed, balance, shortBy, balanceNote, notes: [] });
  }
  return out;
}
