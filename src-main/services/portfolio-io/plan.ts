import type { ImportBadRow, ImportChange } from '../../../src-shared/contract/areas/portfolio-io.js';
import type { UserData, UserDataPatch } from '../../../src-shared/contract/areas/portfolio.js';
import type { NameMatch } from '../../db/repos/user-data-import.js';
import { fileError, readHeader, type CsvHeader } from './columns.js';
import { CsvUnclosedQuoteError, parseCsv } from './csv-parse.js';
import { diffUserData, valuesKey } from './diff.js';
import { ioMessage } from './messages.js';
import { readRow, type RowResult } from './row-values.js';

type GoodRow = Extract<RowResult, { kind: 'ok' }>;

export interface ImportPlan {
  header: CsvHeader;
  /** Every field change, in file order. */
  changes: ImportChange[];
  /** One patch per domain that changes, in file order. */
  patches: { name: string; patch: UserDataPatch }[];
  unchangedRows: number;
  badRows: ImportBadRow[];
  /** Data rows, blank lines not counted. */
  rows: number;
}

export interface PlanDeps {
  matchNames(names: readonly string[]): Map<string, NameMatch>;
  userData(name: string): UserData;
}

/**
 * The whole decision of an import, computed the same way for the preview
 * and (inside the write transaction) for the apply: parse, check each row,
 * refuse conflicting duplicates and names not in the cache, then diff each
 * remaining row against the stored user data.
 */
export function planImport(csv: string, deps: PlanDeps): ImportPlan {
  let header: CsvHeader | null = null;
  const bad: ImportBadRow[] = [];
  const good: GoodRow[] = [];
  let rows = 0;
  try {
    for (const record of parseCsv(csv)) {
      if (!header) {
        // Blank lines above the header are skipped (they still count as spreadsheet rows).
        if (record.cells.every((c) => c.trim() === '')) continue;
        header = readHeader(record.cells);
        continue;
      }
      const result = readRow(record, header);
      if (result.kind === 'blank') continue;
      rows++;
      if (result.kind === 'bad') bad.push({ row: result.row, name: result.name, reason: result.reason });
      else good.push(result);
    }
  } catch (err) {
    if (err instanceof CsvUnclosedQuoteError) fileError('unclosedQuote', { line: err.line });
    throw err;
  }
  if (!header) fileError('empty');

  let unchangedRows = 0;
  const byName = new Map<string, GoodRow[]>();
  for (const r of good) byName.set(r.ascii, [...(byName.get(r.ascii) ?? []), r]);
  const kept: GoodRow[] = [];
  for (const r of good) {
    const same = byName.get(r.ascii) as GoodRow[];
    if (same.length === 1) kept.push(r);
    else if (same.every((o) => valuesKey(o.values) === valuesKey(r.values))) {
      // An identical repeat (a name held in two accounts exports twice): apply once, count the rest unchanged.
      if (same[0] === r) kept.push(r);
      else unchangedRows++;
    } else {
      const others = same.filter((o) => o !== r).map((o) => o.row);
      bad.push({ row: r.row, name: r.rawName, reason: ioMessage('bad.duplicate', { name: r.rawName, rows: others.join(', ') }) });
    }
  }

  const matches = deps.matchNames([...new Set(kept.map((r) => r.ascii))]);
  const changes: ImportChange[] = [];
  const patches: ImportPlan['patches'] = [];
  for (const r of kept) {
    const match = matches.get(r.ascii);
    if (!match) {
      bad.push({ row: r.row, name: r.rawName, reason: ioMessage('bad.unknownDomain', { name: r.rawName }) });
      continue;
    }
    const diff = diffUserData(deps.userData(r.ascii), r.values);
    if (diff.changes.length === 0) {
      unchangedRows++;
      continue;
    }
    for (const c of diff.changes) changes.push({ row: r.row, name: r.ascii, unicode: match.unicode, domainId: match.id, ...c } as ImportChange);
    patches.push({ name: r.ascii, patch: diff.patch });
  }
  bad.sort((a, b) => a.row - b.row);
  return { header, changes, patches, unchangedRows, badRows: bad, rows };
}
