import { IMPORT_CLEAR_MARKER, type ImportMessage } from '../../../src-shared/contract/areas/portfolio-io.js';
import type { Money } from '../../../src-shared/money.js';
import { asciiName } from '../../sync/normalize.js';
import type { CsvHeader, ImportColumn } from './columns.js';
import type { CsvRecord } from './csv-parse.js';
import { unguardFormula } from '../../../src-shared/csv-cell.js';
import { ioMessage } from './messages.js';
import { parseMoneyCell } from './money-text.js';

export type CustomValue = string | number | boolean;

/** What one row asks for; a field left out means "leave it as it is". */
export interface ImportValues {
  tags?: string[];
  notes?: string;
  purchasePrice?: Money | null;
  purchaseDate?: string | null;
  askingPrice?: Money | null;
  customFields?: Record<string, CustomValue>;
}

export type RowResult =
  | { kind: 'blank'; row: number }
  | { kind: 'bad'; row: number; name: string | null; reason: ImportMessage }
  | { kind: 'ok'; row: number; rawName: string; ascii: string; values: ImportValues };

/** The limits of domains.updateUserData, so an imported value is one the editor could have saved. */
export const LIMITS = { tag: 64, tags: 100, notes: 20_000, customKey: 64 } as const;

class RowProblem extends Error {
  constructor(readonly reason: ImportMessage) {
    super(reason.text);
  }
}
function problem(key: string, params: Record<string, string | number> = {}): never {
  throw new RowProblem(ioMessage(`bad.${key}`, params));
}

/**
 * Checks one data row against the header: cell count, name, then each
 * importable cell. An empty cell leaves the field alone; IMPORT_CLEAR_MARKER
 * clears it. Tags are comma-separated (like the tag fields in the app) and
 * replace the current tags.
 */
export function readRow(record: CsvRecord, header: CsvHeader): RowResult {
  const { row } = record;
  const cells = record.cells.map(unguardFormula);
  if (cells.every((c) => c.trim() === '')) return { kind: 'blank', row };
  const rawName = (cells[header.name] ?? '').trim();
  const name = rawName === '' ? null : rawName;
  try {
    if (record.cells.length !== header.width) problem('cellCount', { found: record.cells.length, expected: header.width });
    if (record.strayQuote) problem('strayQuote');
    if (!name) problem('noName');
    const ascii = asciiName(rawName);
    if (!ascii) problem('notADomain', { name: rawName });
    const cell = (column: ImportColumn): string | undefined => {
      const index = header.columns.get(column);
      return index === undefined ? undefined : cells[index];
    };
    return { kind: 'ok', row, rawName, ascii, values: readValues(cell) };
  } catch (err) {
    if (err instanceof RowProblem) return { kind: 'bad', row, name, reason: err.reason };
    throw err;
  }
}

function readValues(cell: (column: ImportColumn) => string | undefined): ImportValues {
  const values: ImportValues = {};
  // undefined = column absent or empty cell (leave alone); null = the clear marker.
  const read = (column: ImportColumn): string | null | undefined => {
    const text = cell(column);
    if (text === undefined || text.trim() === '') return undefined;
    return text.trim().toLowerCase() === IMPORT_CLEAR_MARKER ? null : text;
  };

  const tags = read('tags');
  if (tags !== undefined) values.tags = tags === null ? [] : readTags(tags);
  const notes = read('notes');
  if (notes !== undefined) {
    const text = notes ?? '';
    if (text.length > LIMITS.notes) problem('notesTooLong', { max: LIMITS.notes });
    values.notes = text;
  }
  const purchase = readMoney(read('purchase_price'), cell('purchase_currency'), 'purchase_price', 'purchase_currency');
  if (purchase !== undefined) values.purchasePrice = purchase;
  const date = read('purchase_date');
  if (date !== undefined) values.purchaseDate = date === null ? null : readDate(date.trim());
  const asking = readMoney(read('asking_price'), cell('asking_currency'), 'asking_price', 'asking_currency');
  if (asking !== undefined) values.askingPrice = asking;
  const custom = read('custom_fields');
  if (custom !== undefined) values.customFields = custom === null ? {} : readCustomFields(custom);
  return values;
}

function readTags(text: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const part of text.split(',')) {
    const tag = part.trim();
    if (tag === '' || seen.has(tag.toLowerCase())) continue;
    if (tag.length > LIMITS.tag) problem('tagTooLong', { tag: tag.slice(0, 80), max: LIMITS.tag });
    seen.add(tag.toLowerCase());
    out.push(tag);
  }
  if (out.length > LIMITS.tags) problem('tooManyTags', { count: out.length, max: LIMITS.tags });
  return out;
}

/** A price needs its currency cell; a currency alone (price cell empty) changes nothing. */
function readMoney(amount: string | null | undefined, currency: string | undefined, column: string, currencyColumn: string): Money | null | undefined {
  if (amount === undefined || amount === null) return amount;
  if (currency === undefined || currency.trim() === '') problem('money.noCurrency', { column, currencyColumn });
  const parsed = parseMoneyCell(amount, currency as string);
  if (!parsed.ok) {
    const value = parsed.problem === 'currency' ? (currency as string).trim() : amount.trim();
    problem(`money.${parsed.problem}`, { column: parsed.problem === 'currency' ? currencyColumn : column, value: value.slice(0, 40), currency: (currency as string).trim().toUpperCase() });
  }
  return (parsed as { money: Money }).money;
}

/** YYYY-MM-DD and a real calendar day (2024-02-30 is refused, not rolled over to March). */
export function readDate(text: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (!d || d.toISOString().slice(0, 10) !== text || Number(m?.[1]) < 1900) problem('date', { column: 'purchase_date', value: text.slice(0, 40) });
  return text;
}

function readCustomFields(text: string): Record<string, CustomValue> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    problem('customJson');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) problem('customJson');
  const out: Record<string, CustomValue> = {};
  for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
    if (key.trim() === '' || key.length > LIMITS.customKey) problem('customKey', { key: key.slice(0, 80), max: LIMITS.customKey });
    // null deletes a field in the app's edit path, so it means "no such field" here too.
    if (value === null) continue;
    if (typeof value !== 'string' && typeof value !== 'boolean' && !(typeof value === 'number' && Number.isFinite(value))) problem('customValue', { key });
    out[key] = value as CustomValue;
  }
  return out;
}
