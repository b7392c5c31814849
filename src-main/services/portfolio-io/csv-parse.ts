/**
 * RFC 4180 CSV reading, written here because no CSV library is installed:
 * quoted cells with doubled quotes and line breaks, CRLF / LF / CR line ends,
 * a UTF-8 byte-order mark. Records are yielded one at a time so a 100k-row
 * file never becomes one big array of arrays.
 *
 * Spreadsheets in Indonesian and Spanish locales save with `;` (their decimal
 * separator is the comma), so the delimiter is taken from the header line.
 */
export type CsvDelimiter = ',' | ';' | '\t';

export interface CsvRecord {
  cells: string[];
  /** Spreadsheet row number: the first record is row 1; a multi-line quoted cell keeps one row. */
  row: number;
  /** Line in the file where the record starts (1-based). */
  line: number;
  /** A closing quote followed by more text (`"ab"c`): the cell is kept as read, the row is suspect. */
  strayQuote: boolean;
}

/** A quote opened and never closed: everything after it would be swallowed into one cell. */
export class CsvUnclosedQuoteError extends Error {
  constructor(readonly line: number) {
    super(`A quoted cell opened on line ${line} is never closed`);
    this.name = 'CsvUnclosedQuoteError';
  }
}

const QUOTE = 34;
const CR = 13;
const LF = 10;

/** The delimiter the header line uses most outside quotes; a comma when it has none. */
export function detectDelimiter(text: string): CsvDelimiter {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && (c === ',' || c === ';' || c === '\t')) counts[c]++;
  }
  if (counts[';'] > counts[','] && counts[';'] >= counts['\t']) return ';';
  if (counts['\t'] > counts[','] && counts['\t'] > counts[';']) return '\t';
  return ',';
}

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function* parseCsv(input: string, delimiter: CsvDelimiter = detectDelimiter(stripBom(input))): Generator<CsvRecord> {
  const text = stripBom(input);
  const delim = delimiter.charCodeAt(0);
  const n = text.length;
  let i = 0;
  let line = 1;
  let row = 0;
  while (i < n) {
    const cells: string[] = [];
    const startLine = line;
    let strayQuote = false;
    row++;
    // One record: cells until an unquoted line end or the end of the text.
    for (;;) {
      let cell = '';
      if (text.charCodeAt(i) === QUOTE) {
        const openLine = line;
        i++;
        for (;;) {
          const q = text.indexOf('"', i);
          if (q < 0) throw new CsvUnclosedQuoteError(openLine);
          const part = text.slice(i, q);
          line += countLineBreaks(part);
          cell += part;
          if (text.charCodeAt(q + 1) === QUOTE) {
            cell += '"';
            i = q + 2;
          } else {
            i = q + 1;
            break;
          }
        }
        // Text after the closing quote is not RFC 4180; keep it, but say the row is suspect.
        const rest = i;
        while (i < n && !isEnd(text.charCodeAt(i), delim)) i++;
        if (i > rest) {
          strayQuote = true;
          cell += text.slice(rest, i);
        }
      } else {
        const start = i;
        while (i < n && !isEnd(text.charCodeAt(i), delim)) i++;
        cell = text.slice(start, i);
      }
      cells.push(cell);
      if (i >= n) break;
      const c = text.charCodeAt(i);
      if (c === delim) {
        i++;
        continue;
      }
      // Line end: CRLF, LF or a lone CR.
      i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      line++;
      break;
    }
    yield { cells, row, line: startLine, strayQuote };
  }
}

function isEnd(c: number, delim: number): boolean {
  return c === delim || c === LF || c === CR;
}

function countLineBreaks(s: string): number {
  let count = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === LF) count++;
    else if (c === CR && s.charCodeAt(i + 1) !== LF) count++;
  }
  return count;
}
