import type { Migration } from './index.js';

/**
 * Portfolio cache speed at 100k names (issues 7 and 12). No data is lost or
 * reinterpreted; only derived structures change.
 *
 * - Search triggers lose their per-row "deferred?" subquery: a bulk load now
 *   drops the triggers (and the secondary indexes) outright and recreates them
 *   afterwards (repos/domain-bulk-load.ts), so the flag is only read at start-up.
 * - `domains.account_label` copies the account label (NOCASE, like
 *   accounts.label) so "sort by account" walks an index instead of sorting
 *   100k joined rows. A trigger on accounts keeps it current on rename.
 * - `domains_name(name)` becomes `domains_names(name, unicode)`: the same
 *   lookups, and a covering index that 1-2 character searches scan (trigram
 *   MATCH needs 3) without reading the wide rows.
 * - `domains_p_expires` also carries status and renewal price, so the
 *   12-month cost aggregate reads the index only. `id` is listed explicitly
 *   before them: "ORDER BY expires_at, name, id" must still walk the index
 *   with no sort step (the implicit trailing rowid no longer follows name).
 * - `domains_p_registrar_status`: the "registrar + status" filter (and its
 *   count) from one index range.
 * - `domains_p_expiry_month`: the expiry-month facet groups along this
 *   expression index instead of computing and sorting 100k months.
 * - `domains_deferred_ddl` holds the SQL of what a bulk load dropped, so a
 *   crash mid-load is repaired at the next start from the database itself.
 */
export const m005PortfolioSpeed: Migration = {
  version: 5,
  name: 'portfolio-speed',
  up(db) {
    db.exec(`
      DROP TRIGGER domains_fts_ai;
      DROP TRIGGER domains_fts_au;
      CREATE TRIGGER domains_fts_ai AFTER INSERT ON domains BEGIN
        INSERT INTO domains_fts(rowid, names) VALUES (new.id, CASE WHEN new.unicode = new.name THEN new.name ELSE new.name || ' ' || new.unicode END);
      END;
      CREATE TRIGGER domains_fts_au AFTER UPDATE OF name, unicode ON domains BEGIN
        DELETE FROM domains_fts WHERE rowid = old.id;
        INSERT INTO domains_fts(rowid, names) VALUES (new.id, CASE WHEN new.unicode = new.name THEN new.name ELSE new.name || ' ' || new.unicode END);
      END;

      ALTER TABLE domains ADD COLUMN account_label TEXT NOT NULL DEFAULT '' COLLATE NOCASE;
      UPDATE domains SET account_label = COALESCE((SELECT a.label FROM accounts a WHERE a.id = domains.account_id), '');
      CREATE TRIGGER accounts_label_to_domains AFTER UPDATE OF label ON accounts
        WHEN old.label IS NOT new.label COLLATE BINARY
      BEGIN
        UPDATE domains SET account_label = new.label WHERE account_id = new.id;
      END;
      CREATE INDEX domains_p_account_label ON domains(account_label, name) WHERE removed_at IS NULL;

      DROP INDEX domains_name;
      CREATE INDEX domains_names ON domains(name, unicode);
      DROP INDEX domains_p_expires;
      CREATE INDEX domains_p_expires ON domains(expires_at, name, id, status, renewal_currency, renewal_price_minor) WHERE removed_at IS NULL;
      CREATE INDEX domains_p_registrar_status ON domains(registrar, status, expires_at) WHERE removed_at IS NULL;
      -- Must stay the expression portfolio-service.ts groups the expiry facet by, or SQLite will not use it.
      CREATE INDEX domains_p_expiry_month ON domains(strftime('%Y-%m', expires_at / 1000, 'unixepoch')) WHERE removed_at IS NULL;

      CREATE TABLE domains_deferred_ddl (
        name TEXT PRIMARY KEY,
        type TEXT NOT NULL CHECK (type IN ('index','trigger')),
        sql  TEXT NOT NULL
      ) STRICT;
    `);
  },
};
