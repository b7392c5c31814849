import type { Migration } from './index.js';

/** Registrar accounts. Secrets are NOT here: the vault holds them under `vault_id`. */
export const m002Accounts: Migration = {
  version: 2,
  name: 'accounts',
  up(db) {
    db.exec(`
      CREATE TABLE accounts (
        id            TEXT PRIMARY KEY,               -- uuid
        registrar     TEXT NOT NULL CHECK (registrar IN ('dynadot','mrdomain','irsfa','reseller')),
        label         TEXT NOT NULL UNIQUE COLLATE NOCASE,
        endpoint      TEXT,                           -- null = the registrar's real origin
        color         TEXT NOT NULL DEFAULT '#1f5eff',
        vault_id      TEXT NOT NULL,                  -- key of the credentials in the vault
        settings      TEXT NOT NULL DEFAULT '{}',     -- JSON: lane policy overrides, environment, ...
        status        TEXT NOT NULL DEFAULT 'unknown',-- ok | auth-failed | banned | blocked | error | unknown
        status_detail TEXT,                           -- secret-free English explanation
        paused_until  INTEGER,                        -- epoch ms, while banned/blocked
        last_test_at  INTEGER,
        last_sync_at  INTEGER,
        created_at    INTEGER NOT NULL,
        updated_at    INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
