import { z } from 'zod';
import { moneySchema } from '../../money.js';
import { method } from '../define.js';

/**
 * Import of the investor's own data (tags, notes, prices, purchase date,
 * custom fields) from a CSV file: a preview that changes nothing and lists
 * every change and every bad row, then an apply in one transaction. The
 * apply recomputes from the same file, so applying a file twice changes
 * nothing the second time. Registrar fields are never imported. The export
 * is CLI-only (it streams to a file); see src-main/services/portfolio-io.
 */

/**
 * Largest CSV accepted, in characters: a full 100k-name export with every
 * registrar column fits. Shells check the file size first to say so in the
 * user's language before sending it.
 */
export const IMPORT_CSV_MAX_CHARS = 32 * 1024 * 1024;

/** Columns the import writes (CSV header names, case-insensitive). */
export const importColumns = ['tags', 'notes', 'purchase_price', 'purchase_currency', 'purchase_date', 'asking_price', 'asking_currency', 'custom_fields'] as const;

/** A cell holding exactly this (any case) clears the field; an empty cell leaves it as it is. */
export const IMPORT_CLEAR_MARKER = '(clear)';

const customValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const customFields = z.record(z.string(), customValue);
const dateOnly = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

/** A sentence for people: English `text`, plus `key` + `params` for the user's language. */
export const importMessageSchema = z.object({ key: z.string(), text: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])).default({}) });
export type ImportMessage = z.infer<typeof importMessageSchema>;

const changeBase = {
  /** Spreadsheet row number: the header is row 1, the first name row 2 (a quoted multi-line cell stays one row). */
  row: z.number().int(),
  name: z.string(),
  unicode: z.string(),
  /** The cache row the name matched (the present one when the name was held twice). */
  domainId: z.number().int(),
};
export const importChangeSchema = z.discriminatedUnion('field', [
  z.object({ ...changeBase, field: z.literal('tags'), before: z.array(z.string()), after: z.array(z.string()) }),
  z.object({ ...changeBase, field: z.literal('notes'), before: z.string(), after: z.string() }),
  z.object({ ...changeBase, field: z.literal('purchasePrice'), before: moneySchema.nullable(), after: moneySchema.nullable() }),
  z.object({ ...changeBase, field: z.literal('purchaseDate'), before: dateOnly.nullable(), after: dateOnly.nullable() }),
  z.object({ ...changeBase, field: z.literal('askingPrice'), before: moneySchema.nullable(), after: moneySchema.nullable() }),
  z.object({ ...changeBase, field: z.literal('customFields'), before: customFields, after: customFields }),
]);
export type ImportChange = z.infer<typeof importChangeSchema>;
export type ImportField = ImportChange['field'];

export const importBadRowSchema = z.object({
  row: z.number().int(),
  /** The name cell as written, when there was one. */
  name: z.string().nullable(),
  reason: importMessageSchema,
});
export type ImportBadRow = z.infer<typeof importBadRowSchema>;

export const importPreviewSchema = z.object({
  /** Field changes in file order (one row's changes together), at most `maxItems`. */
  changes: z.array(importChangeSchema),
  /** Rows naming a known domain whose cells match what is stored (or only repeat an earlier identical row). */
  unchangedRows: z.number().int(),
  /** Rows that will not be applied, with the reason; at most `maxItems`. */
  badRows: z.array(importBadRowSchema),
  /** Header columns the import does not write (registrar fields from an export, or unknown names), with why. */
  ignoredColumns: z.array(z.object({ column: z.string(), reason: importMessageSchema })),
  totals: z.object({
    rows: z.number().int(),
    /** Domains with at least one change. */
    domains: z.number().int(),
    changes: z.number().int(),
    unchangedRows: z.number().int(),
    badRows: z.number().int(),
  }),
  /** True when `changes` or `badRows` were cut at `maxItems` (the totals still count everything). */
  truncated: z.boolean(),
});
export type ImportPreview = z.infer<typeof importPreviewSchema>;

export const importApplyResultSchema = z.object({
  /** Field changes written. */
  applied: z.number().int(),
  /** Domains whose user data changed. */
  domains: z.number().int(),
  unchangedRows: z.number().int(),
  skippedBadRows: z.number().int(),
});
export type ImportApplyResult = z.infer<typeof importApplyResultSchema>;

const csvInput = z.string().max(IMPORT_CSV_MAX_CHARS, `The file is larger than ${IMPORT_CSV_MAX_CHARS / 1024 / 1024} MB`);

export const portfolioIoMethods = {
  'portfolio.importPreview': method(
    'read',
    z.object({ csv: csvInput, maxItems: z.number().int().min(1).max(1_000_000).default(2000) }).strict(),
    importPreviewSchema,
    'Reads a user-data CSV and lists every change it would make and every bad row, changing nothing.',
  ),
  'portfolio.importApply': method(
    'write',
    z.object({ csv: csvInput, acceptGoodRows: z.boolean().default(false) }).strict(),
    importApplyResultSchema,
    'Applies a user-data CSV in one transaction; refused when it has bad rows unless acceptGoodRows.',
  ),
} as const;
