import type { Db } from '../../db/connection.js';
import { createExportWriter } from './export-writer.js';
import { createImportService } from './import-service.js';

/**
 * The portfolio's user-data export and import. The import (preview, apply)
 * is on the contract; the export streams, so the CLI calls it directly.
 */
export function createPortfolioIoService(deps: { db: Db; now(): number }) {
  const importer = createImportService(deps);
  const writer = createExportWriter(deps);
  return {
    importPreview: importer.preview,
    importApply: importer.apply,
    exportTo: writer.exportTo,
  };
}
export type PortfolioIoService = ReturnType<typeof createPortfolioIoService>;
export type { ExportFormat, ExportOptions } from './export-writer.js';
