import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src-shared/contract.js';
import { readHeader } from '../../../src-main/services/portfolio-io/columns.js';
import type { CsvRecord } from '../../../src-main/services/portfolio-io/csv-parse.js';
import { parseMoneyCell } from '../../../src-main/services/portfolio-io/money-text.js';
import { decimalMoney } from '../../../src-shared/money.js';
import { readRow, type RowResult } from '../../../src-main/services/portfolio-io/row-values.js';

const HEADER = ['name', 'tags', 'notes', 'purchase_price', 'purchase_currency', 'purchase_date', 'asking_price', 'asking_currency', 'custom_fields'];
const header = readHeader(HEADER);

function row(values: Partial<Record<(typeof HEADER)[number], string>>, extra: Partial<CsvRecord> = {}): RowResult {
  return readRow({ cells: HEADER.map((h) => values[h] ?? ''), row: 7, line: 7, strayQuote: false, ...extra }, header);
}
function reason(r: RowResult): string {
  if (r.kind !== 'bad') throw new Error(`expected a bad row, got ${r.kind}`);
  return r.reason.text;
}
function values(r: RowResult) {
  if (r.kind !== 'ok') throw new Error(`expected a good row, got ${r.kind}: ${r.kind === 'bad' ? r.reason.text : ''}`);
  return r.values;
}

describe('money in files', () => {
  it('writes minor units as exact decimal strings in each currency', () => {
    expect(decimalMoney({ amountMinor: 1299, currency: 'USD' })).toBe('12.99');
    expect(decimalMoney({ amountMinor: 5, currency: 'EUR' })).toBe('0.05');
    expect(decimalMoney({ amountMinor: 0, currency: 'USD' })).toBe('0.00');
    expect(decimalMoney({ amountMinor: 17858700, currency: 'IDR' })).toBe('178587.00');
    expect(decimalMoney({ amountMinor: 1500, currency: 'JPY' })).toBe('1500');
    expect(decimalMoney({ amountMinor: -5, currency: 'USD' })).toBe('-0.05');
    expect(decimalMoney({ amountMinor: 900719925474099, currency: 'USD' })).toBe('9007199254740.99');
  });

  it('reads dots as decimals and commas only as thousands separators', () => {
    expect(parseMoneyCell('12.99', 'usd')).toEqual({ ok: true, money: { amountMinor: 1299, currency: 'USD' } });
    expect(parseMoneyCell(' 1,234.50 ', 'EUR')).toEqual({ ok: true, money: { amountMinor: 123450, currency: 'EUR' } });
    expect(parseMoneyCell('1500000', 'IDR')).toEqual({ ok: true, money: { amountMinor: 150000000, currency: 'IDR' } });
    expect(parseMoneyCell('12,99', 'EUR')).toEqual({ ok: false, problem: 'ambiguousComma' });
    expect(parseMoneyCell('1.500.000', 'IDR')).toEqual({ ok: false, problem: 'amount' });
    expect(parseMoneyCell('$12', 'USD')).toEqual({ ok: false, problem: 'amount' });
    expect(parseMoneyCell('-5.00', 'USD')).toEqual({ ok: false, problem: 'negative' });
    expect(parseMoneyCell('12.999', 'USD')).toEqual({ ok: false, problem: 'decimals' });
    expect(parseMoneyCell('12.5', 'JPY')).toEqual({ ok: false, problem: 'decimals' });
    expect(parseMoneyCell('12', 'US$')).toEqual({ ok: false, problem: 'currency' });
    expect(parseMoneyCell('99999999999999999999', 'USD')).toEqual({ ok: false, problem: 'tooLarge' });
  });
});

describe('the header row', () => {
  const fileError = (cells: string[]) => {
    try {
      readHeader(cells);
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      return (e as AppError).extra.messageKey;
    }
    return null;
  };

  it('maps column names loosely and lists every column it will not write, with why', () => {
    const h = readHeader([' Domain ', 'Purchase Price', 'purchase-currency', 'status', 'colour']);
    expect(h.name).toBe(0);
    expect([...h.columns]).toEqual([
      ['purchase_price', 1],
      ['purchase_currency', 2],
    ]);
    expect(h.ignored.map((i) => [i.column, i.reason.key])).toEqual([
      ['status', 'portfolioIo.ignored.registrar'],
      ['colour', 'portfolioIo.ignored.unknown'],
    ]);
  });

  it('refuses a file without a name column, with a column twice, or with nothing to import', () => {
    expect(fileError(['domain_name', 'tags'])).toBe('portfolioIo.file.noName');
    expect(fileError(['name', 'tags', 'Tags'])).toBe('portfolioIo.file.duplicateColumn');
    expect(fileError(['name', 'domain', 'tags'])).toBe('portfolioIo.file.duplicateColumn');
    expect(fileError(['name', 'status', 'expires_at'])).toBe('portfolioIo.file.nothingToImport');
  });
});

describe('one data row', () => {
  it('leaves empty cells alone and clears with the (clear) marker', () => {
    expect(values(row({ name: 'a.com', notes: 'hello' }))).toEqual({ notes: 'hello' });
    expect(values(row({ name: 'a.com', tags: '(clear)', notes: ' (CLEAR) ', purchase_price: '(clear)', purchase_date: '(clear)', asking_price: '(clear)', custom_fields: '(clear)' }))).toEqual({
      tags: [],
      notes: '',
      purchasePrice: null,
      purchaseDate: null,
      askingPrice: null,
      customFields: {},
    });
    expect(row({})).toEqual({ kind: 'blank', row: 7 });
  });

  it('accepts Unicode or punycode names and matches them as one', () => {
    const u = row({ name: 'Bücher.com', notes: 'x' });
    const p = row({ name: 'xn--bcher-kva.com.', notes: 'x' });
    expect(u).toMatchObject({ kind: 'ok', ascii: 'xn--bcher-kva.com', rawName: 'Bücher.com' });
    expect(p).toMatchObject({ kind: 'ok', ascii: 'xn--bcher-kva.com' });
  });

  it('splits tags on commas, trims them and drops repeats whatever their case', () => {
    expect(values(row({ name: 'a.com', tags: ' premium, Brand able ,,premium, PREMIUM ' })).tags).toEqual(['premium', 'Brand able']);
    expect(values(row({ name: 'a.com', tags: 'a;b' })).tags).toEqual(['a;b']);
  });

  it('reads prices with their currency, and a date as a real calendar day', () => {
    expect(values(row({ name: 'a.com', purchase_price: '1,200.00', purchase_currency: 'usd', purchase_date: '2024-02-29', asking_price: '25000000', asking_currency: 'IDR' }))).toEqual({
      purchasePrice: { amountMinor: 120000, currency: 'USD' },
      purchaseDate: '2024-02-29',
      askingPrice: { amountMinor: 2500000000, currency: 'IDR' },
    });
    // A currency alone changes nothing.
    expect(values(row({ name: 'a.com', purchase_currency: 'USD', notes: 'n' }))).toEqual({ notes: 'n' });
  });

  it('keeps notes exactly as written, line ends and surrounding spaces included', () => {
    expect(values(row({ name: 'a.com', notes: ' one\r\ntwo ' })).notes).toBe(' one\r\ntwo ');
  });

  it('says in plain words what is wrong with a bad row', () => {
    expect(reason(row({ notes: 'x' }))).toBe('The name cell is empty.');
    expect(reason(row({ name: 'not a domain', notes: 'x' }))).toBe('"not a domain" is not a domain name.');
    expect(reason(row({ name: 'a.com', purchase_price: '12.00' }))).toBe('purchase_price needs a currency: fill in purchase_currency (e.g. USD).');
    expect(reason(row({ name: 'a.com', purchase_price: '12,99', purchase_currency: 'EUR' }))).toBe('purchase_price: "12,99" uses a comma for decimals. Write 12.99, not 12,99.');
    expect(reason(row({ name: 'a.com', asking_price: '10', asking_currency: 'dollars' }))).toBe('asking_currency: "dollars" is not a currency code like USD, EUR or IDR.');
    expect(reason(row({ name: 'a.com', purchase_date: '2024-02-30' }))).toMatch(/"2024-02-30" is not a date. Write it as YYYY-MM-DD/);
    expect(reason(row({ name: 'a.com', purchase_date: '31/01/2024' }))).toMatch(/is not a date/);
    expect(reason(row({ name: 'a.com', tags: 'x'.repeat(65) }))).toMatch(/longer than 64 characters/);
    expect(reason(row({ name: 'a.com', tags: Array.from({ length: 101 }, (_, i) => `t${i}`).join(',') }))).toMatch(/101 tags given, at most 100/);
    expect(reason(row({ name: 'a.com', notes: 'n'.repeat(20_001) }))).toMatch(/longer than 20000 characters/);
    expect(reason(row({ name: 'a.com', custom_fields: '[1,2]' }))).toMatch(/not a JSON object/);
    expect(reason(row({ name: 'a.com', custom_fields: '{"a": {"b": 1}}' }))).toMatch(/value of "a" must be text, a number, true or false/);
    expect(reason(row({ name: 'a.com', notes: 'x' }, { strayQuote: true }))).toMatch(/after its closing quote/);
    expect(reason(readRow({ cells: ['a.com', 'x'], row: 3, line: 3, strayQuote: false }, header))).toBe('This row has 2 cells but the header has 9 columns (a missing or extra comma?).');
  });

  it('reads custom fields as a JSON object; a null value means the field goes away', () => {
    expect(values(row({ name: 'a.com', custom_fields: '{"source":"auction","lot":12,"hot":true,"old":null}' })).customFields).toEqual({ source: 'auction', lot: 12, hot: true });
  });

  it('undoes the export’s formula guard before reading a cell', () => {
    expect(values(row({ name: 'a.com', notes: "'=not a formula" })).notes).toBe('=not a formula');
  });
});
