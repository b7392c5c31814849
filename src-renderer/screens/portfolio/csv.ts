import type { DomainFilter, DomainItem, DomainSort } from '../../../src-shared/contract/areas/portfolio.js';
import type { ContractClient } from '../../../src-shared/contract/client.js';
import { csvCell } from '../../../src-shared/csv-cell.js';
import { decimalMoney } from '../../../src-shared/money.js';

const HEADER = ['name', 'unicode', 'tld', 'registrar', 'account', 'expires_at', 'status', 'auto_renew', 'locked', 'privacy', 'nameservers', 'folder', 'tags', 'renewal_price', 'renewal_currency', 'last_synced_at'];

export function domainsToCsv(items: DomainItem[]): string {
  const lines = [HEADER.join(',')];
  for (const d of items) {
    lines.push(
      [d.name, d.unicode, d.tld, d.registrar, d.account, d.expiresAt ?? '', d.status, d.autoRenew ?? '', d.locked ?? '', d.privacy ?? '', (d.nameservers ?? []).join(' '), d.folder ?? '', d.tags.join(', '), d.renewalPrice ? decimalMoney(d.renewalPrice) : '', d.renewalPrice?.currency ?? '', d.lastSyncedAt]
        .map(csvCell)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** Every row of the current view, page by page (the core caps a page at 1000). */
export async function fetchAll(client: ContractClient, filter: DomainFilter, sort: DomainSort[], onProgress?: (done: number, total: number) => void): Promise<DomainItem[]> {
  const out: DomainItem[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await client.call('domains.query', { filter, sort, offset, limit: 1000 });
    out.push(...page.items);
    onProgress?.(out.length, page.total);
    if (out.length >= page.total || page.items.length === 0) return out;
  }
}

export function download(filename: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
