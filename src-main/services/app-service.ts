import { accessSync, constants } from 'node:fs';
import { AppError } from '../../src-shared/contract.js';
import type { AppInfo, DoctorCheck, DoctorReport, Settings } from '../../src-shared/contract/areas/app.js';
import { en } from '../../src-shared/i18n/en.js';
import type { Db } from '../db/connection.js';
import type { SettingsRepo } from '../db/repos/settings.js';
import { LATEST_SCHEMA_VERSION } from '../db/migrations/index.js';
import type { Vault } from '../vault/vault.js';
import type { EventBus } from '../app/events.js';

interface AppServiceDeps {
  version: string;
  dataDir: string;
  db: Db;
  schemaVersion: number;
  recoveredFrom: string | null;
  demo: boolean;
  vault: Vault;
  settings: SettingsRepo;
  events: EventBus;
}

const DEFAULT_SETTINGS: Settings = { theme: 'system', locale: null };
const MAX_PREF_BYTES = 256 * 1024;

export function createAppService(deps: AppServiceDeps) {
  return {
    info(): AppInfo {
      return { name: 'DomainDeck', version: deps.version, dataDir: deps.dataDir, schemaVersion: deps.schemaVersion, demo: deps.demo, recoveredFrom: deps.recoveredFrom };
    },

    async doctor(): Promise<DoctorReport> {
      const checks: DoctorCheck[] = [];
      const dir = deps.dataDir;
      try {
        accessSync(dir, constants.W_OK);
        checks.push(check('dataDir', true, 'dataDirWritable', { dir }));
      } catch (err) {
        checks.push(check('dataDir', false, 'dataDirNotWritable', { dir, reason: (err as Error).message }));
      }
      try {
        const rows = deps.db.pragma('quick_check') as { quick_check: string }[];
        const ok = rows[0]?.quick_check === 'ok';
        checks.push(check('database', ok, ok ? 'dbOk' : 'dbFailed', ok ? {} : { reason: rows.map((r) => r.quick_check).join('; ') }));
      } catch (err) {
        checks.push(check('database', false, 'dbFailed', { reason: (err as Error).message }));
      }
      const version = deps.db.pragma('user_version', { simple: true }) as number;
      checks.push(
        version === LATEST_SCHEMA_VERSION
          ? check('schema', true, 'schemaOk', { version })
          : check('schema', false, 'schemaBehind', { version, expected: LATEST_SCHEMA_VERSION }),
      );
      const vault = await deps.vault.status();
      checks.push(vault.ok ? check('vault', true, 'vaultOk', { kind: deps.vault.kind }) : check('vault', false, 'vaultFailed', { kind: deps.vault.kind, reason: vault.reason ?? 'unknown' }));
      if (deps.recoveredFrom) checks.push(check('recovery', true, 'recovered', { path: deps.recoveredFrom }));
      return { ok: checks.every((c) => c.ok), version: deps.version, dataDir: dir, checks };
    },

    getSettings(): Settings {
      return { ...DEFAULT_SETTINGS, ...deps.settings.get<Partial<Settings>>('preferences') };
    },

    getPref(key: string): unknown {
      return deps.settings.get<unknown>(`pref:${key}`) ?? null;
    },

    setPref(key: string, value: unknown): void {
      const text = JSON.stringify(value ?? null);
      if (text.length > MAX_PREF_BYTES) throw new AppError('InvalidInput', `Preference ${key} is too large`, { messageKey: 'errors.InvalidInput', params: { field: 'value', detail: 'too large' }, path: ['value'] });
      deps.settings.set(`pref:${key}`, value ?? null);
    },

    updateSettings(patch: Partial<Settings>): Settings {
      const next = { ...this.getSettings(), ...patch };
      deps.settings.set('preferences', next);
      deps.events.emit('settings.changed', next);
      return next;
    },
  };
}
export type AppService = ReturnType<typeof createAppService>;

function check(id: string, ok: boolean, key: keyof typeof en.doctor, params: Record<string, string | number>): DoctorCheck {
  return { id, ok, message: interpolate(en.doctor[key], params), messageKey: `doctor.${key}`, params };
}

function interpolate(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(params[k] ?? `{{${k}}}`));
}
