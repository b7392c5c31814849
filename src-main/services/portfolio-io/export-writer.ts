import type { DomainFilter } from '../../../src-shared/contract/areas/portfolio.js';
import type { Money } from '../../../src-shared/money.js';
import type { Db } from '../../db/connection.js';
import { createPortfolioExportRepo, type ExportRow } from '../../db/repos/portfolio-export.js';
import { rawColumns, registrarColumns, userDataColumns } from './columns.js';
import { csvLine } from '../../../src-shared/csv-cell.js';
import { decimalMoney } from '../../../src-shared/money.js';

export type ExportFormat = 'csv' | 'json';

export interface ExportOptions {
  format: ExportFormat;
  filter: DomainFilter;
  /** Raw registrar payloads can hold contact data: only when the user asks (--include-raw). */
  includeRaw: boolean;
  /** A UTF-8 byte-order mark, so spreadsheets read accented names (CSV files only). */
  bom: boolean;
}

/** Flushed to the sink in pieces of about this many characters. */
const CHUNK = 64 * 1024;

/**
 * Streams the cached portfolio with the investor's data as CSV (RFC 4180,
 * CRLF, money as decimal strings beside a currency column) or as one JSON
 * document. Rows come from one read snapshot through an iterator, so 100k
 * names never sit in memory as one array; `write` is called with ~64 KB pieces.
 */
export function createExportWriter(deps: { db: Db; now(): number }) {
  const repo = createPortfolioExportRepo(deps.db);

  const run = deps.db.transaction((options: ExportOptions, write: (chunk: string) => void): { count: number } => {
    let buffer = '';
    const emit = (text: string) => {
      buffer += text;
      if (buffer.length >= CHUNK) {
        write(buffer);
        buffer = '';
      }
    };
    let count = 0;
    if (options.format === 'csv') {
      emit(`${options.bom ? '\ufeff' : ''}${csvLine([...userDataColumns, ...registrarColumns, ...(options.includeRaw ? rawColumns : [])])}`);
      for (const r of repo.rows(options.filter, options.includeRaw)) {
        emit(csvLine(csvCells(r, options.includeRaw)));
        count++;
      }
    } else {
      const total = repo.count(options.filter);
      const head = { format: 'domaindeck-portfolio', version: 1, exportedAt: new Date(deps.now()).toISOString(), filter: options.filter, total };
      emit(`${JSON.stringify(head, null, 2).slice(0, -2)},\n  "items": [`);
      for (const r of repo.rows(options.filter, options.includeRaw)) {
        emit(`${count === 0 ? '\n' : ',\n'}    ${JSON.stringify(jsonItem(r, options.includeRaw))}`);
        count++;
      }
      emit(`${count === 0 ? '' : '\n  '}]\n}\n`);
    }
    if (buffer) write(buffer);
    return { count };
  });

  return {
    /** Writes the whole document through `write`; returns how many domain rows it holds. */
    exportTo(options: ExportOptions, write: (chunk: string) => void): { count: number } {
      return run.deferred(options, write);
    },
  };
}
export type ExportWriter = ReturnType<typeof createExportWriter>;

function csvCells(r: ExportRow, includeRaw: boolean): (string | number | null)[] {
  const purchase = money(r.purchase_price_minor, r.purchase_currency);
  const asking = money(r.asking_price_minor, r.asking_currency);
  const renewal = money(r.renewal_price_minor, r.renewal_currency);
  const custom = r.custom_fields && r.custom_fields !== '{}' ? r.custom_fields : '';
  const cells: (string | number | null)[] = [
    r.name,
    list(r.tags).join(', '),
    r.notes ?? '',
    purchase ? decimalMoney(purchase) : '',
    purchase?.currency ?? '',
    r.purchase_date ?? '',
    asking ? decimalMoney(asking) : '',
    asking?.currency ?? '',
    custom,
    r.unicode,
    r.registrar,
    r.account ?? '',
    r.account_id,
    r.tld,
    r.status,
    iso(r.expires_at),
    iso(r.registry_expires_at),
    iso(r.created_at),
    bool(r.auto_renew),
    bool(r.locked),
    r.privacy ?? '',
    r.nameservers ? list(r.nameservers).join(' ') : '',
    r.folder ?? '',
    renewal ? decimalMoney(renewal) : '',
    renewal?.currency ?? '',
    list(r.flags).join(' '),
    iso(r.first_seen_at),
    iso(r.last_synced_at),
    iso(r.removed_at),
    iso(r.user_updated_at),
  ];
  if (includeRaw) cells.push(r.raw_list ?? '', r.raw_detail ?? '');
  return cells;
}

function jsonItem(r: ExportRow, includeRaw: boolean) {
  return {
    name: r.name,
    unicode: r.unicode,
    tld: r.tld,
    registrar: r.registrar,
    accountId: r.account_id,
    account: r.account,
    status: r.status,
    expiresAt: isoOrNull(r.expires_at),
    registryExpiresAt: isoOrNull(r.registry_expires_at),
    createdAt: isoOrNull(r.created_at),
    autoRenew: r.auto_renew === null ? null : r.auto_renew === 1,
    locked: r.locked === null ? null : r.locked === 1,
    privacy: r.privacy,
    nameservers: r.nameservers ? list(r.nameservers) : null,
    folder: r.folder,
    renewalPrice: jsonMoney(money(r.renewal_price_minor, r.renewal_currency)),
    flags: list(r.flags),
    firstSeenAt: isoOrNull(r.first_seen_at),
    lastSyncedAt: isoOrNull(r.last_synced_at),
    removedAt: isoOrNull(r.removed_at),
    userData: {
      tags: list(r.tags),
      notes: r.notes ?? '',
      purchasePrice: jsonMoney(money(r.purchase_price_minor, r.purchase_currency)),
      purchaseDate: r.purchase_date,
      askingPrice: jsonMoney(money(r.asking_price_minor, r.asking_currency)),
      customFields: r.custom_fields ? (JSON.parse(r.custom_fields) as Record<string, unknown>) : {},
      updatedAt: isoOrNull(r.user_updated_at),
    },
    ...(includeRaw ? { raw: { list: parseRaw(r.raw_list), detail: parseRaw(r.raw_detail) } } : {}),
  };
}

/** A JSON array column; most rows hold "[]", which needs no parse. */
function list(text: string): string[] {
  return text === '[]' ? [] : (JSON.parse(text) as string[]);
}

function money(amountMinor: number | null, currency: string | null): Money | null {
  return amountMinor === null || currency === null ? null : { amountMinor, currency };
}

/** Integer minor units for programs, the decimal string for people reading the file: never a float. */
function jsonMoney(m: Money | null): { amount: string; amountMinor: number; currency: string } | null {
  return m ? { amount: decimalMoney(m), amountMinor: m.amountMinor, currency: m.currency } : null;
}

/**
 * Expiry dates fall on a few thousand distinct instants and one sync stamps
 * every row alike, so formatting each distinct value once saves most of the
 * Date work at 100k rows.
 */
const isoCache = new Map<number, string>();
function isoOrNull(ms: number | null): string | null {
  if (ms === null) return null;
  let text = isoCache.get(ms);
  if (text === undefined) {
    if (isoCache.size > 50_000) isoCache.clear();
    text = new Date(ms).toISOString();
    isoCache.set(ms, text);
  }
  return text;
}

function iso(ms: number | null): string {
  return isoOrNull(ms) ?? '';
}

function bool(v: number | null): string {
  return v === null ? '' : v === 1 ? 'true' : 'false';
}

function parseRaw(text: string | null | undefined): unknown {
  if (text === null || text === undefined) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
