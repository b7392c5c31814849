import type { IrsfaEnvironment, RegistrarId } from '../../../src-shared/accounts/registrars.js';
import type { AccountStatus } from '../../../src-shared/contract/areas/accounts.js';
import type { Db } from '../connection.js';

/** Non-secret per-account settings kept as JSON in `accounts.settings`. */
export interface AccountSettings {
  environment?: IrsfaEnvironment;
  /** Names of the secret fields stored in the vault (shown in lists instead of values). */
  credentialFields?: string[];
  /** Lane policy overrides handed to the scheduler. */
  lanePolicy?: Record<string, unknown>;
  demo?: boolean;
  /** The last test's explanation as a catalog key + params, so each shell words it in its language. */
  statusMessage?: { key: string; params: Record<string, string | number> };
}

export interface AccountRecord {
  id: string;
  registrar: RegistrarId;
  label: string;
  endpoint: string | null;
  color: string;
  vaultId: string;
  settings: AccountSettings;
  status: AccountStatus;
  statusDetail: string | null;
  pausedUntil: number | null;
  lastTestAt: number | null;
  lastSyncAt: number | null;
  createdAt: number;
  updatedAt: number;
}

interface AccountRow {
  id: string;
  registrar: string;
  label: string;
  endpoint: string | null;
  color: string;
  vault_id: string;
  settings: string;
  status: string;
  status_detail: string | null;
  paused_until: number | null;
  last_test_at: number | null;
  last_sync_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface AccountStatusUpdate {
  status: AccountStatus;
  statusDetail: string | null;
  pausedUntil: number | null;
  lastTestAt: number;
  statusMessage: AccountSettings['statusMessage'] | null;
}

/** The accounts table. Secrets are never here: `vault_id` points into the vault. */
export function createAccountsRepo(db: Db) {
  const listStmt = db.prepare<[], AccountRow>('SELECT * FROM accounts ORDER BY label COLLATE NOCASE');
  const getStmt = db.prepare<[string], AccountRow>('SELECT * FROM accounts WHERE id = ?');
  const byLabelStmt = db.prepare<[string], AccountRow>('SELECT * FROM accounts WHERE label = ? COLLATE NOCASE');
  const countStmt = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM accounts');
  const insertStmt = db.prepare(
    `INSERT INTO accounts (id, registrar, label, endpoint, color, vault_id, settings, status, created_at, updated_at)
     VALUES (@id, @registrar, @label, @endpoint, @color, @vaultId, @settings, 'unknown', @now, @now)`,
  );
  const updateStmt = db.prepare('UPDATE accounts SET label = @label, endpoint = @endpoint, color = @color, settings = @settings, updated_at = @now WHERE id = @id');
  const statusStmt = db.prepare(
    'UPDATE accounts SET status = @status, status_detail = @statusDetail, paused_until = @pausedUntil, last_test_at = @lastTestAt, settings = @settings WHERE id = @id',
  );
  const syncedStmt = db.prepare('UPDATE accounts SET last_sync_at = ? WHERE id = ?');
  const deleteStmt = db.prepare('DELETE FROM accounts WHERE id = ?');

  const get = (id: string): AccountRecord | null => {
    const row = getStmt.get(id);
    return row ? fromRow(row) : null;
  };

  return {
    list: (): AccountRecord[] => listStmt.all().map(fromRow),
    get,
    getByLabel(label: string): AccountRecord | null {
      const row = byLabelStmt.get(label);
      return row ? fromRow(row) : null;
    },
    count: (): number => countStmt.get()?.n ?? 0,
    insert(a: { id: string; registrar: RegistrarId; label: string; endpoint: string | null; color: string; vaultId: string; settings: AccountSettings }, now: number): void {
      insertStmt.run({ ...a, settings: JSON.stringify(a.settings), now });
    },
    update(id: string, a: { label: string; endpoint: string | null; color: string; settings: AccountSettings }, now: number): void {
      updateStmt.run({ id, ...a, settings: JSON.stringify(a.settings), now });
    },
    setStatus(id: string, u: AccountStatusUpdate): void {
      const current = get(id);
      if (!current) return;
      const { statusMessage: _old, ...rest } = current.settings;
      const settings: AccountSettings = u.statusMessage ? { ...rest, statusMessage: u.statusMessage } : rest;
      statusStmt.run({ id, status: u.status, statusDetail: u.statusDetail, pausedUntil: u.pausedUntil, lastTestAt: u.lastTestAt, settings: JSON.stringify(settings) });
    },
    setLastSync(id: string, at: number): void {
      syncedStmt.run(at, id);
    },
    remove(id: string): boolean {
      return deleteStmt.run(id).changes > 0;
    },
  };
}
export type AccountsRepo = ReturnType<typeof createAccountsRepo>;

function fromRow(r: AccountRow): AccountRecord {
  return {
    id: r.id,
    registrar: r.registrar as RegistrarId,
    label: r.label,
    endpoint: r.endpoint,
    color: r.color,
    vaultId: r.vault_id,
    settings: parseSettings(r.settings),
    status: r.status as AccountStatus,
    statusDetail: r.status_detail,
    pausedUntil: r.paused_until,
    lastTestAt: r.last_test_at,
    lastSyncAt: r.last_sync_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function parseSettings(text: string): AccountSettings {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as AccountSettings) : {};
  } catch {
    return {};
  }
}
