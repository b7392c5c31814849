import { z } from 'zod';
import { registrarIdSchema } from './accounts.js';
import { domainStatusSchema } from '../../domain-status.js';
import { moneySchema } from '../../money.js';
import { event, method } from '../define.js';

/**
 * The portfolio cache and the sync engine, as the UI and the CLI see them.
 * Everything here reads the local cache, so it answers offline; only
 * `sync.run` talks to registrars. Times are ISO-8601 UTC strings.
 */
const iso = z.iso.datetime({ offset: true });
const registrarSchema = registrarIdSchema;

export const domainSortColumns = [
  'name',
  'tld',
  'registrar',
  'account',
  'expiresAt',
  'registryExpiresAt',
  'createdAt',
  'status',
  'autoRenew',
  'locked',
  'privacy',
  'folder',
  'renewalPrice',
  'lastSyncedAt',
  'purchasePrice',
  'askingPrice',
] as const;
export const domainSortColumnSchema = z.enum(domainSortColumns);
export type DomainSortColumn = z.infer<typeof domainSortColumnSchema>;

export const domainFilterSchema = z
  .object({
    /** Substring of the ASCII or Unicode name (case-insensitive). */
    search: z.string().trim().max(253).optional(),
    registrars: z.array(registrarSchema).optional(),
    /** Account ids or labels (labels compare case-insensitively). */
    accounts: z.array(z.string().min(1)).optional(),
    tlds: z.array(z.string().min(1)).optional(),
    statuses: z.array(domainStatusSchema).optional(),
    /** Expiry window, inclusive start, exclusive end. */
    expiresFrom: iso.optional(),
    expiresBefore: iso.optional(),
    /** Any of these tags. */
    tags: z.array(z.string().min(1)).optional(),
    /** Any of these folders; null matches "no folder". */
    folders: z.array(z.string().nullable()).optional(),
    autoRenew: z.boolean().optional(),
    locked: z.boolean().optional(),
    /** Only domains whose payload had something sync could not understand. */
    flagged: z.boolean().optional(),
    /** Removed domains are hidden unless asked for (or filtered by status 'removed'). */
    includeRemoved: z.boolean().optional(),
  })
  .strict();
export type DomainFilter = z.infer<typeof domainFilterSchema>;

export const domainSortSchema = z.object({ column: domainSortColumnSchema, desc: z.boolean().default(false) }).strict();
export type DomainSort = z.infer<typeof domainSortSchema>;

export const domainItemSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  unicode: z.string(),
  tld: z.string(),
  registrar: registrarSchema,
  accountId: z.string(),
  account: z.string(),
  expiresAt: iso.nullable(),
  registryExpiresAt: iso.nullable(),
  createdAt: iso.nullable(),
  status: domainStatusSchema,
  autoRenew: z.boolean().nullable(),
  locked: z.boolean().nullable(),
  privacy: z.enum(['full', 'partial', 'off']).nullable(),
  nameservers: z.array(z.string()).nullable(),
  folder: z.string().nullable(),
  renewalPrice: moneySchema.nullable(),
  flags: z.array(z.string()),
  tags: z.array(z.string()),
  /** The investor's own prices (user data), joined in for the table. */
  purchasePrice: moneySchema.nullable(),
  askingPrice: moneySchema.nullable(),
  lastSyncedAt: iso,
  removedAt: iso.nullable(),
});
export type DomainItem = z.infer<typeof domainItemSchema>;

const customValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const dateOnly = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

export const userDataSchema = z.object({
  name: z.string(),
  tags: z.array(z.string()),
  notes: z.string(),
  purchasePrice: moneySchema.nullable(),
  purchaseDate: dateOnly.nullable(),
  askingPrice: moneySchema.nullable(),
  customFields: z.record(z.string(), customValue),
  updatedAt: iso.nullable(),
});
export type UserData = z.infer<typeof userDataSchema>;

export const userDataPatchSchema = z
  .object({
    /** Replaces the tag list; use addTags/removeTags to edit many names at once. */
    tags: z.array(z.string().trim().min(1).max(64)).max(100).optional(),
    addTags: z.array(z.string().trim().min(1).max(64)).max(100).optional(),
    removeTags: z.array(z.string().trim().min(1).max(64)).max(100).optional(),
    notes: z.string().max(20_000).optional(),
    purchasePrice: moneySchema.nullable().optional(),
    purchaseDate: dateOnly.nullable().optional(),
    askingPrice: moneySchema.nullable().optional(),
    /** Merged into the existing fields; a null value deletes that field. */
    customFields: z.record(z.string().min(1).max(64), customValue).optional(),
  })
  .strict();
export type UserDataPatch = z.infer<typeof userDataPatchSchema>;

export const domainEventKinds = ['added', 'removed', 'renewed', 'expiry-changed', 'nameservers-changed', 'lock-changed', 'auto-renew-changed', 'folder-changed', 'status-changed', 'moved'] as const;
export const domainEventSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  accountId: z.string().nullable(),
  account: z.string().nullable(),
  kind: z.enum(domainEventKinds),
  before: z.unknown(),
  after: z.unknown(),
  at: iso,
});
export type DomainEvent = z.infer<typeof domainEventSchema>;

const facetValue = z.object({ value: z.string().nullable(), label: z.string().optional(), count: z.number().int() });
export const facetsSchema = z.object({
  total: z.number().int(),
  registrars: z.array(facetValue),
  accounts: z.array(facetValue),
  tlds: z.array(facetValue),
  statuses: z.array(facetValue),
  /** YYYY-MM (UTC); null = no expiry known. */
  expiryMonths: z.array(facetValue),
  tags: z.array(facetValue),
  folders: z.array(facetValue),
});
export type Facets = z.infer<typeof facetsSchema>;

const currencyTotal = z.object({ currency: z.string(), amountMinor: z.number().int(), count: z.number().int() });
export const aggregatesSchema = z.object({
  from: iso,
  to: iso,
  /** One entry per calendar month (UTC), empty months included; never mixes currencies. */
  months: z.array(z.object({ month: z.string(), totals: z.array(currencyTotal), unpriced: z.number().int() })),
  totals: z.array(currencyTotal),
  unpriced: z.number().int(),
});
export type Aggregates = z.infer<typeof aggregatesSchema>;

export const syncModeSchema = z.enum(['full', 'incremental', 'names']);
export const syncAccountReportSchema = z.object({
  runId: z.number().int().nullable(),
  accountId: z.string(),
  account: z.string(),
  registrar: registrarSchema,
  mode: syncModeSchema,
  state: z.enum(['ok', 'partial', 'failed']),
  startedAt: iso,
  finishedAt: iso,
  /** Registrar calls made: list pages plus per-domain detail reads. */
  pages: z.number().int(),
  detailReads: z.number().int(),
  seen: z.number().int(),
  added: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  removed: z.number().int(),
  /** Domains kept with a flag because part of the payload was not understood. */
  flagged: z.number().int(),
  /** Domains that could not be stored or read; the rest of the account went on. */
  failed: z.number().int(),
  domainErrors: z.array(z.object({ name: z.string(), reason: z.string() })),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export type SyncAccountReport = z.infer<typeof syncAccountReportSchema>;

export const syncReportSchema = z.object({
  ok: z.boolean(),
  /** The journal job this sync ran as (`jobs.get`); null when there was nothing to sync. */
  jobId: z.string().nullable(),
  startedAt: iso,
  finishedAt: iso,
  accounts: z.array(syncAccountReportSchema),
});
export type SyncReport = z.infer<typeof syncReportSchema>;

export const syncStatusSchema = z.object({
  running: z.array(z.string()),
  /** Sync jobs running in this DomainDeck process, oldest first. */
  jobIds: z.array(z.string()),
  intervalMinutes: z.number().int(),
  nextRunAt: iso.nullable(),
  accounts: z.array(
    z.object({
      accountId: z.string(),
      account: z.string(),
      registrar: registrarSchema,
      domains: z.number().int(),
      lastSyncedAt: iso.nullable(),
      lastRun: syncAccountReportSchema.nullable(),
    }),
  ),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;

export const syncProgressSchema = z.object({
  accountId: z.string(),
  account: z.string(),
  phase: z.enum(['started', 'listing', 'details', 'finished', 'failed']),
  pages: z.number().int(),
  done: z.number().int(),
  /** Unknown while a paged list is still being read. */
  total: z.number().int().nullable(),
  accountsDone: z.number().int(),
  accountsTotal: z.number().int(),
  /** The journal job of this sync (null outside the journal). */
  jobId: z.string().nullable(),
});
export type SyncProgress = z.infer<typeof syncProgressSchema>;

export const portfolioMethods = {
  'domains.query': method(
    'read',
    z
      .object({
        filter: domainFilterSchema.default({}),
        sort: z.array(domainSortSchema).max(3).default([]),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(1000).default(100),
      })
      .strict(),
    z.object({ total: z.number().int(), items: z.array(domainItemSchema) }),
    'One page of the cached portfolio: filtered, sorted, with the total count.',
  ),
  'domains.facets': method('read', z.object({ filter: domainFilterSchema.default({}) }).strict(), facetsSchema, 'Counts by registrar, account, TLD, status, expiry month, tag and folder (each ignoring its own filter).'),
  'domains.aggregates': method(
    'read',
    z.object({ filter: domainFilterSchema.default({}), months: z.number().int().min(1).max(36).default(12) }).strict(),
    aggregatesSchema,
    'Renewal cost of the coming months, by month and currency.',
  ),
  'domains.get': method(
    'read',
    z
      .object({ id: z.number().int().optional(), name: z.string().min(1).optional() })
      .strict()
      .refine((v) => v.id !== undefined || v.name !== undefined, 'id or name is required'),
    z.object({
      domain: domainItemSchema,
      /** Other accounts that hold (or held) the same name. */
      otherRows: z.array(domainItemSchema),
      raw: z.object({ list: z.unknown(), detail: z.unknown() }),
      userData: userDataSchema,
      events: z.array(domainEventSchema),
    }),
    'One domain with what the registrar said, the user data and the history.',
  ),
  'domains.updateUserData': method(
    'write',
    z.object({ names: z.array(z.string().min(1)).min(1).max(10_000), patch: userDataPatchSchema }).strict(),
    z.object({ updated: z.number().int(), items: z.array(userDataSchema) }),
    'Edit tags, notes and prices of one or many names. Sync never overwrites these.',
  ),
  'sync.run': method(
    'write',
    z
      .object({
        accountId: z.string().optional(),
        /** Refresh just these names (per-domain reads). */
        names: z.array(z.string().min(1)).max(10_000).optional(),
        /** full: re-read everything and mark missing names removed; incremental: only what can have changed. */
        mode: z.enum(['full', 'incremental']).default('full'),
      })
      .strict(),
    syncReportSchema,
    'Sync now: all accounts, one account or selected names, as a journal job (one item per account; jobs.cancel stops it). Resolves when done; progress arrives as sync.progress and job.progress.',
  ),
  'sync.status': method('read', z.object({}).strict(), syncStatusSchema, 'Last sync of each account, what is running, and the background schedule.'),
  'sync.configure': method(
    'write',
    z.object({ intervalMinutes: z.number().int().min(0).max(10_080) }).strict(),
    syncStatusSchema,
    'Background refresh interval in minutes (0 turns it off).',
  ),
} as const;

/** After a sync that loaded many names: the cache rebuilding its indexes, then its search index, then done. */
export const cacheRebuildSchema = z.object({ phase: z.enum(['indexes', 'search', 'done']) });
export type CacheRebuild = z.infer<typeof cacheRebuildSchema>;

export const portfolioEvents = {
  'sync.progress': event(syncProgressSchema, 'Per-account sync progress: pages, domains done/total.'),
  'cache.rebuild': event(
    cacheRebuildSchema,
    'After a sync loaded many names: indexes are rebuilt in the background, then the search index ("done" when finished). Reads stay right meanwhile, sorting and search are slower.',
  ),
} as const;
