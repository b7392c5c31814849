/**
 * Writing CSV cells, and the one rule the reader must undo. A cell starting
 * with = + - @ (or a tab / CR) is a formula to a spreadsheet, so the export
 * puts a `'` in front (OWASP "CSV injection"). To make that reversible, a
 * cell that already starts with `'` before such a character gets one more;
 * the import removes exactly one. Export → import therefore returns every
 * value unchanged, whatever it starts with.
 */
const NEEDS_GUARD = /^'*[=+\-@\t\r]/;
const GUARDED = /^'+[=+\-@\t\r]/;

export function guardFormula(value: string): string {
  return NEEDS_GUARD.test(value) ? `'${value}` : value;
}

export function unguardFormula(value: string): string {
  return GUARDED.test(value) ? value.slice(1) : value;
}

/** One RFC 4180 cell: formula-guarded, quoted when it holds a quote, the delimiter or a line break. */
export function csvCell(value: string | number | boolean | null | undefined): string {
  const text = guardFormula(value === null || value === undefined ? '' : String(value));
  return /[",;\t\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line with the RFC's CRLF ending. */
export function csvLine(cells: readonly (string | number | boolean | null | undefined)[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}
