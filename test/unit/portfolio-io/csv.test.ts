import { describe, expect, it } from 'vitest';
import { csvCell, csvLine, guardFormula, unguardFormula } from '../../../src-shared/csv-cell.js';
import { CsvUnclosedQuoteError, detectDelimiter, parseCsv } from '../../../src-main/services/portfolio-io/csv-parse.js';

const cells = (text: string) => [...parseCsv(text)].map((r) => r.cells);

describe('CSV reading (RFC 4180)', () => {
  it('reads plain and quoted cells, doubled quotes, and every line ending', () => {
    expect(cells('a,b,c\r\n1,2,3\r\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
    ]);
    expect(cells('a,b\n"x, y","say ""hi"""\rlast,')).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"'],
      ['last', ''],
    ]);
    expect(cells('"",""\n')).toEqual([['', '']]);
  });

  it('keeps a multi-line quoted cell in one row and counts file lines separately', () => {
    const records = [...parseCsv('name,notes\r\na.com,"line one\r\nline two\nline three"\r\nb.com,x\r\n')];
    expect(records.map((r) => [r.row, r.line])).toEqual([
      [1, 1],
      [2, 2],
      [3, 5],
    ]);
    expect(records[1]!.cells[1]).toBe('line one\r\nline two\nline three');
  });

  it('yields blank lines as rows (spreadsheet numbering stays right) and no row for the final line break', () => {
    const records = [...parseCsv('h\n\nx\n')];
    expect(records.map((r) => r.cells)).toEqual([['h'], [''], ['x']]);
    expect(records.map((r) => r.row)).toEqual([1, 2, 3]);
  });

  it('strips a byte-order mark', () => {
    expect(cells('\ufeffname,tags\na.com,x')[0]).toEqual(['name', 'tags']);
  });

  it('takes ; or tab as the delimiter when the header uses it (spreadsheets in Indonesian or Spanish locales)', () => {
    expect(detectDelimiter('name;tags;notes\n')).toBe(';');
    expect(detectDelimiter('name\ttags\n')).toBe('\t');
    expect(detectDelimiter('name,"a;b;c"\n')).toBe(',');
    expect(detectDelimiter('name\n')).toBe(',');
    expect(cells('name;purchase_price\na.com;"1,5"\n')).toEqual([
      ['name', 'purchase_price'],
      ['a.com', '1,5'],
    ]);
  });

  it('refuses a quote that is never closed, naming the line where it opened', () => {
    const read = () => cells('name,notes\na.com,ok\nb.com,"never closed\nc.com,x\n');
    expect(read).toThrow(CsvUnclosedQuoteError);
    try {
      read();
    } catch (e) {
      expect((e as CsvUnclosedQuoteError).line).toBe(3);
    }
  });

  it('flags text after a closing quote but keeps reading', () => {
    const records = [...parseCsv('a,b\n"x"y,z\n')];
    expect(records[1]).toMatchObject({ cells: ['xy', 'z'], strayQuote: true });
    expect(records[0]!.strayQuote).toBe(false);
  });
});

describe('CSV writing', () => {
  it('quotes only when needed and ends lines with CRLF', () => {
    expect(csvLine(['a.com', 'x, y', 'say "hi"', null, 3, true])).toBe('a.com,"x, y","say ""hi""",,3,true\r\n');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('semi;colon')).toBe('"semi;colon"');
  });

  it('guards spreadsheet formulas, reversibly', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(guardFormula('-5')).toBe("'-5");
    expect(guardFormula("'=x")).toBe("''=x");
    expect(guardFormula("it's")).toBe("it's");
    for (const s of ['=1+1', '+x', '-', '@sum', "'=x", "''-y", "'plain", 'plain', '', '\tx']) expect(unguardFormula(guardFormula(s))).toBe(s);
  });

  it('reads back exactly what it wrote, whatever the text', () => {
    const values = ['plain', 'comma, inside', 'quote " inside', 'multi\r\nline\nnote', '=SUM(A1)', "'=already", '-12', '', ' spaced ', 'ünïcödé 名前', 'tab\tinside', 'semi;colon'];
    const text = csvLine(['h', ...values.map((_, i) => `c${i}`)]) + csvLine(['v', ...values]);
    const [, row] = [...parseCsv(text)];
    expect(row!.cells.slice(1).map(unguardFormula)).toEqual(values);
  });
});
