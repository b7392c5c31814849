import { z } from 'zod';
import { irsfaEnvironments, registrarIds } from '../../accounts/registrars.js';
import { event, method } from '../define.js';

/**
 * Registrar accounts. Secrets go IN on add/update and never come out: the
 * list says which credential fields are stored, never their values.
 */
export const registrarIdSchema = z.enum(registrarIds);

export const accountStatusSchema = z.enum(['unknown', 'ok', 'auth-failed', 'not-allowed', 'banned', 'blocked', 'rate-limited', 'unreachable', 'unsupported', 'error']);
export type AccountStatus = z.infer<typeof accountStatusSchema>;

const isoTime = z.string().datetime();
const messageSchema = z.object({ key: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])) });

/** The lane's live state and policy as the scheduler reports them (null before the first call). */
export const laneInfoSchema = z.object({
  inFlight: z.number().int(),
  queued: z.number().int(),
  pausedUntil: isoTime.nullable(),
  pauseReason: z.string().nullable(),
  pauseDetail: z.string().nullable(),
  policy: z.record(z.string(), z.union([z.number(), z.string(), z.boolean(), z.null()])).nullable(),
});
export type LaneInfo = z.infer<typeof laneInfoSchema>;

export const accountSummarySchema = z.object({
  id: z.string(),
  registrar: registrarIdSchema,
  label: z.string(),
  color: z.string(),
  /** The override as entered (null = the registrar's real API). */
  endpoint: z.string().nullable(),
  /** Where calls actually go. */
  effectiveEndpoint: z.string().nullable(),
  environment: z.enum(irsfaEnvironments).nullable(),
  /** Names of the stored secret fields, e.g. ["apiuser", "apipasswd"]. Never values. */
  credentialFields: z.array(z.string()),
  demo: z.boolean(),
  status: accountStatusSchema,
  /** English, secret-free; `statusMessage` renders it in the user's language. */
  statusDetail: z.string().nullable(),
  statusMessage: messageSchema.nullable(),
  pausedUntil: isoTime.nullable(),
  lastTestAt: isoTime.nullable(),
  lastSyncAt: isoTime.nullable(),
  createdAt: isoTime,
  updatedAt: isoTime,
  lane: laneInfoSchema.nullable(),
});
export type AccountSummary = z.infer<typeof accountSummarySchema>;

/** Credential objects are checked per registrar by the service (field-level messages), so the contract only asks for strings. */
const credentialsInput = z.record(z.string(), z.string());

export const addAccountSchema = z
  .object({
    registrar: registrarIdSchema,
    label: z.string(),
    endpoint: z.string().nullable().optional(),
    color: z.string().optional(),
    credentials: credentialsInput,
  })
  .strict();
export type AddAccountInput = z.infer<typeof addAccountSchema>;

export const updateAccountSchema = z
  .object({
    id: z.string(),
    label: z.string().optional(),
    endpoint: z.string().nullable().optional(),
    color: z.string().optional(),
    /** Fields given replace the stored ones; fields left out are kept. */
    credentials: credentialsInput.optional(),
  })
  .strict();
export type UpdateAccountInput = z.infer<typeof updateAccountSchema>;

export const testResultSchema = z.object({
  ok: z.boolean(),
  status: accountStatusSchema,
  /** English plain-words explanation; `message` renders it in the user's language. */
  detail: z.string(),
  message: messageSchema,
  account: accountSummarySchema,
});
export type TestResult = z.infer<typeof testResultSchema>;

export const accountsMethods = {
  'accounts.list': method('read', z.object({}).strict(), z.object({ items: z.array(accountSummarySchema) }), 'Registrar accounts with status and stored credential field names (never values).'),
  'accounts.add': method('write', addAccountSchema, accountSummarySchema, 'Add a registrar account; its secrets go to the vault.'),
  'accounts.update': method('write', updateAccountSchema, accountSummarySchema, 'Change label, colour, endpoint or credentials of an account.'),
  'accounts.remove': method(
    'write',
    z.object({ id: z.string(), deleteHistory: z.boolean().default(false) }).strict(),
    z.object({ removed: z.literal(true), id: z.string() }),
    "Remove an account and its vault entry; cached domains' history is kept unless deleteHistory.",
  ),
  'accounts.test': method('read', z.object({ id: z.string() }).strict(), testResultSchema, 'Run a cheap read through the account lane and explain the outcome in plain words.'),
} as const;

export const accountsEvents = {
  'accounts.changed': event(z.object({ id: z.string().nullable() }), 'An account was added, changed, tested, synced or removed (null: several).'),
} as const;
