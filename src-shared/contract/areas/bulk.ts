import { z } from 'zod';
import { registrarIds } from '../../accounts/registrars.js';
import { domainStatusSchema } from '../../domain-status.js';
import { moneySchema } from '../../money.js';
import { method } from '../define.js';
import { domainFilterSchema } from './portfolio.js';

/**
 * Bulk actions on portfolio names: a preview that changes nothing (prices,
 * warnings, balances, skipped rows with reasons), then a start that needs the
 * preview's confirmation text and runs as a journal job.
 */
const hostname = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/, 'a host name like ns1.example.com');

/**
 * A folder name as registrars take it: trimmed, case kept (Dynadot folder
 * names are case-sensitive), no control characters. "Default" is Dynadot's
 * word for "no folder", which the action spells as null.
 */
export const FOLDER_NAME_MAX = 100;
const folderName = z
  .string()
  .trim()
  .min(1, 'a folder name (or null for no folder)')
  .max(FOLDER_NAME_MAX, `at most ${FOLDER_NAME_MAX} characters`)
  .refine((s) => ![...s].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f), 'no control characters or line breaks')
  .refine((s) => s !== 'Default', '"Default" means no folder: choose "No folder" instead');

export const bulkActionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('renew'), years: z.number().int().min(1).max(10), allowLateFee: z.boolean().default(false) }).strict(),
  z.object({ kind: z.literal('autoRenew'), on: z.boolean() }).strict(),
  z.object({ kind: z.literal('lock'), locked: z.boolean() }).strict(),
  z.object({ kind: z.literal('nameservers'), nameservers: z.array(hostname).min(2).max(13) }).strict(),
  z.object({ kind: z.literal('privacy'), privacy: z.enum(['full', 'partial', 'off']) }).strict(),
  /** Move into a folder (created first where the registrar needs that); null = out of every folder. */
  z.object({ kind: z.literal('folder'), folder: folderName.nullable() }).strict(),
]);
export type BulkAction = z.infer<typeof bulkActionSchema>;

/** Which names: explicit cache row ids, names (the CLI), or every row matching a filter minus exceptions. */
export const bulkTargetSchema = z.union([
  z.object({ ids: z.array(z.number().int()).min(1).max(100_000) }).strict(),
  z.object({ names: z.array(z.string().trim().min(1)).min(1).max(100_000) }).strict(),
  z.object({ filter: domainFilterSchema, exceptIds: z.array(z.number().int()).default([]) }).strict(),
]);
export type BulkTarget = z.infer<typeof bulkTargetSchema>;

const messageSchema = z.object({ key: z.string(), text: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])).default({}) });
export type BulkMessage = z.infer<typeof messageSchema>;

export const bulkPreviewItemSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  unicode: z.string(),
  accountId: z.string(),
  account: z.string(),
  registrar: z.enum(registrarIds),
  status: domainStatusSchema,
  expiresAt: z.string().nullable(),
  /** What the action costs for this name (renewals), null when free or unknown. */
  price: moneySchema.nullable(),
  /** Where the price came from: a live check at the registrar, or the cache from the last sync. */
  priceSource: z.enum(['live', 'cached', 'none']),
  lateFee: moneySchema.nullable(),
  premium: z.boolean(),
  warnings: z.array(messageSchema),
  /** Set when the name will not be part of the job, with the reason. */
  skipped: messageSchema.nullable(),
});
export type BulkPreviewItem = z.infer<typeof bulkPreviewItemSchema>;

export const bulkPreviewSchema = z.object({
  action: bulkActionSchema,
  items: z.array(bulkPreviewItemSchema),
  /** Items that will run. */
  runnable: z.number().int(),
  skipped: z.number().int(),
  totals: z.array(z.object({ currency: z.string(), amountMinor: z.number().int(), count: z.number().int() })),
  accounts: z.array(
    z.object({
      accountId: z.string(),
      account: z.string(),
      registrar: z.enum(registrarIds),
      items: z.number().int(),
      needed: z.array(moneySchema),
      balance: moneySchema.nullable(),
      /** Per currency, how much is missing (empty when the balance covers it or is unknown). */
      shortBy: z.array(moneySchema),
      balanceNote: messageSchema.nullable(),
      /** What the job will do for this account before the names (e.g. create the folder), or could not check. */
      notes: z.array(messageSchema).default([]),
    }),
  ),
  /** What the user must type to start: the number of names, or RENEW for renewals. */
  confirmText: z.string(),
  moneyMoving: z.boolean(),
});
export type BulkPreview = z.infer<typeof bulkPreviewSchema>;

/** The actions a domain's detail panel offers (the bulk bar's, for one name). */
export const DETAIL_ACTIONS = ['renew', 'autoRenew', 'lock', 'nameservers', 'folder'] as const;

export const bulkMethods = {
  'bulk.actions': method(
    'read',
    z.object({ id: z.number().int() }).strict(),
    z.object({ actions: z.array(z.object({ kind: z.enum(DETAIL_ACTIONS), available: z.boolean(), reason: messageSchema.nullable() })) }),
    "Which actions one cached domain can take, from its account's capabilities and its status (no network); each unavailable one says why.",
  ),
  'bulk.preview': method('read', z.object({ action: bulkActionSchema, target: bulkTargetSchema }).strict(), bulkPreviewSchema, 'What a bulk action would do, cost and skip. Changes nothing.'),
  'bulk.start': method(
    'write',
    z.object({ action: bulkActionSchema, target: bulkTargetSchema, confirm: z.string() }).strict(),
    z.object({ jobId: z.string(), runnable: z.number().int(), skipped: z.number().int() }),
    'Start the bulk action as a journal job. `confirm` must equal the preview\'s confirmText.',
  ),
} as const;
