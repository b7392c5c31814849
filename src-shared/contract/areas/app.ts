import { z } from 'zod';
import { event, method } from '../define.js';

export const doctorCheckSchema = z.object({
  id: z.string(),
  ok: z.boolean(),
  /** English summary; `messageKey` + `params` render it in the user's language. */
  message: z.string(),
  messageKey: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).default({}),
});
export type DoctorCheck = z.infer<typeof doctorCheckSchema>;

export const doctorReportSchema = z.object({
  ok: z.boolean(),
  version: z.string(),
  dataDir: z.string(),
  checks: z.array(doctorCheckSchema),
});
export type DoctorReport = z.infer<typeof doctorReportSchema>;

export const appInfoSchema = z.object({
  name: z.literal('DomainDeck'),
  version: z.string(),
  dataDir: z.string(),
  schemaVersion: z.number().int(),
  demo: z.boolean(),
  /** Set when start-up moved a corrupt database aside: where the old file now is. */
  recoveredFrom: z.string().nullable(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

export const themeSchema = z.enum(['system', 'light', 'dark']);
export const localeSchema = z.enum(['en', 'id']);

export const settingsSchema = z.object({
  theme: themeSchema,
  /** null follows the operating system's language. */
  locale: localeSchema.nullable(),
});
export type Settings = z.infer<typeof settingsSchema>;

/** UI preferences live in the data folder (the web shell's origin changes every launch, so browser storage would forget them). */
const prefKey = z.string().regex(/^[a-z0-9][a-z0-9.:_-]{0,99}$/, 'lower-case key like portfolio.columns');

export const appMethods = {
  'app.info': method('read', z.object({}).strict(), appInfoSchema, 'Version, data dir and schema of the running core.'),
  'app.doctor': method('read', z.object({}).strict(), doctorReportSchema, 'Health checks: data dir, database, schema version, vault.'),
  'settings.get': method('read', z.object({}).strict(), settingsSchema, 'User preferences.'),
  'settings.update': method('write', settingsSchema.partial().strict(), settingsSchema, 'Change user preferences.'),
  'prefs.get': method('read', z.object({ key: prefKey }).strict(), z.object({ value: z.unknown() }), 'A stored UI preference (column layout, saved views…); null when unset.'),
  'prefs.set': method('write', z.object({ key: prefKey, value: z.unknown() }).strict(), z.object({ ok: z.literal(true) }), 'Store a UI preference in the data folder, so it survives restarts and shells.'),
} as const;

export const appEvents = {
  connectivity: event(z.object({ online: z.boolean(), detail: z.string().optional() }), 'Registrar reachability as the core sees it.'),
  'settings.changed': event(settingsSchema, 'Preferences changed in another window or shell.'),
} as const;
