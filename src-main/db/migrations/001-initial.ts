import type { Migration } from './index.js';

export const m001Initial: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL           -- JSON
      ) STRICT;

      -- Audit of what the app did, for diagnosis; never holds secrets (redacted before insert).
      CREATE TABLE app_log (
        id      INTEGER PRIMARY KEY,
        at      INTEGER NOT NULL,     -- epoch ms UTC
        level   TEXT NOT NULL CHECK (level IN ('debug','info','warn','error')),
        source  TEXT NOT NULL,
        message TEXT NOT NULL
      ) STRICT;
      CREATE INDEX app_log_at ON app_log(at);
    `);
  },
};
