import { AppError } from '../../../src-shared/contract.js';
import { importColumns, type ImportMessage } from '../../../src-shared/contract/areas/portfolio-io.js';
import { englishText } from '../../../src-shared/i18n/english.js';
import { ioMessage } from './messages.js';

export type ImportColumn = (typeof importColumns)[number];

/** The export's CSV columns: the name, the importable user data, then what the registrar said. */
export const userDataColumns = ['name', ...importColumns] as const;
export const registrarColumns = [
  'unicode',
  'registrar',
  'account',
  'account_id',
  'tld',
  'status',
  'expires_at',
  'registry_expires_at',
  'created_at',
  'auto_renew',
  'locked',
  'privacy',
  'nameservers',
  'folder',
  'renewal_price',
  'renewal_currency',
  'flags',
  'first_seen_at',
  'last_synced_at',
  'removed_at',
  'user_data_updated_at',
] as const;
/** Only with --include-raw: what the registrar returned, as JSON text (may hold contact data). */
export const rawColumns = ['raw_list', 'raw_detail'] as const;

const IMPORTABLE = new Set<string>(importColumns);
const REGISTRAR = new Set<string>([...registrarColumns, ...rawColumns]);

export interface CsvHeader {
  /** Index of the name column. */
  name: number;
  columns: Map<ImportColumn, number>;
  width: number;
  ignored: { column: string; reason: ImportMessage }[];
}

/** "Purchase Price" and "purchase-price" both mean purchase_price. */
export function normalizeColumn(cell: string): string {
  return cell.trim().toLowerCase().replace(/[\s-]+/g, '_');
}

/**
 * Reads the header row. Problems that make the whole file unreadable (no
 * name column, a column twice, nothing importable) refuse the file; columns
 * the import does not write are listed with the reason, never silently dropped.
 */
export function readHeader(cells: readonly string[]): CsvHeader {
  let name = -1;
  const columns = new Map<ImportColumn, number>();
  const ignored: CsvHeader['ignored'] = [];
  const seen = new Set<string>();
  cells.forEach((cell, index) => {
    const column = normalizeColumn(cell);
    if (column === '') return;
    const canonical = column === 'domain' ? 'name' : column;
    if (seen.has(canonical)) fileError('duplicateColumn', { column: cell.trim() });
    seen.add(canonical);
    if (canonical === 'name') name = index;
    else if (IMPORTABLE.has(canonical)) columns.set(canonical as ImportColumn, index);
    else ignored.push({ column: cell.trim(), reason: ioMessage(REGISTRAR.has(canonical) ? 'ignored.registrar' : 'ignored.unknown') });
  });
  if (name < 0) fileError('noName');
  if (columns.size === 0) fileError('nothingToImport', { columns: importColumns.join(', ') });
  return { name, columns, width: cells.length, ignored };
}

/** A problem with the file as a whole: InvalidInput, in the user's language through messageKey. */
export function fileError(key: string, params: Record<string, string | number> = {}): never {
  const messageKey = `portfolioIo.file.${key}`;
  throw new AppError('InvalidInput', englishText(messageKey, params), { messageKey, params });
}
