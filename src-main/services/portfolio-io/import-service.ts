import { AppError } from '../../../src-shared/contract.js';
import type { ImportApplyResult, ImportPreview } from '../../../src-shared/contract/areas/portfolio-io.js';
import { englishText } from '../../../src-shared/i18n/english.js';
import type { Db } from '../../db/connection.js';
import { createUserDataRepo } from '../../db/repos/domain-user-data.js';
import { createUserDataImportRepo } from '../../db/repos/user-data-import.js';
import { planImport, type ImportPlan } from './plan.js';

export interface ImportServiceDeps {
  db: Db;
  now(): number;
}

/**
 * Preview and apply of a user-data CSV. The apply plans again inside its
 * transaction, so what it writes is exactly the difference between the file
 * and the stored data at that moment, and a second apply writes nothing.
 * Writes go through the same repo function as domains.updateUserData.
 */
export function createImportService(deps: ImportServiceDeps) {
  const userData = createUserDataRepo(deps.db);
  const lookups = createUserDataImportRepo(deps.db);
  const plan = (csv: string): ImportPlan => planImport(csv, { matchNames: (names) => lookups.matchNames(names), userData: (name) => userData.get(name) });

  const applyTx = deps.db.transaction((csv: string, acceptGoodRows: boolean): ImportApplyResult => {
    const p = plan(csv);
    if (p.badRows.length > 0 && !acceptGoodRows) {
      const params = { count: p.badRows.length };
      throw new AppError('InvalidInput', englishText('portfolioIo.file.refusedBadRows', params), { messageKey: 'portfolioIo.file.refusedBadRows', params });
    }
    const at = deps.now();
    for (const { name, patch } of p.patches) userData.update([name], patch, at);
    return { applied: p.changes.length, domains: p.patches.length, unchangedRows: p.unchangedRows, skippedBadRows: p.badRows.length };
  });

  return {
    preview(input: { csv: string; maxItems: number }): ImportPreview {
      const p = plan(input.csv);
      return {
        changes: p.changes.slice(0, input.maxItems),
        unchangedRows: p.unchangedRows,
        badRows: p.badRows.slice(0, input.maxItems),
        ignoredColumns: p.header.ignored,
        totals: { rows: p.rows, domains: p.patches.length, changes: p.changes.length, unchangedRows: p.unchangedRows, badRows: p.badRows.length },
        truncated: p.changes.length > input.maxItems || p.badRows.length > input.maxItems,
      };
    },

    /** All or nothing: one SQLite transaction; with bad rows only when acceptGoodRows says so. */
    apply(input: { csv: string; acceptGoodRows: boolean }): ImportApplyResult {
      return applyTx.immediate(input.csv, input.acceptGoodRows);
    },
  };
}
export type ImportService = ReturnType<typeof createImportService>;
