import type { Migration } from './index.js';

/**
 * Portfolio cache at 100k names, part two (issue 7): cheap loads, cheap
 * re-syncs, cheap facets. No stored value is changed or reinterpreted.
 *
 * - `domains` and `domain_events` are rebuilt (same columns, same row ids)
 *   with their CHECK constraints written as OR chains instead of IN lists:
 *   SQLite builds an IN list's lookup table anew for every row it checks,
 *   which was ~40% of the cost of inserting a row into either table.
 * - `domains.change_hash`: a 53-bit hash of every registrar field sync
 *   stores (repos/domain-sync-rows.ts). A re-sync compares it with the hash
 *   of the fresh read, so an unchanged name costs no field-by-field compare
 *   and its cached row is never read in full. NULL on rows written before
 *   this migration: sync compares those field by field once and fills it.
 *   A trigger clears it when anything but sync rewrites one of those fields.
 * - `domains_names` gains `removed_at` between name and unicode: "present
 *   rows with this name" (tag facet and filter) and 1-2 character search
 *   are answered from the index alone, without a table read per row.
 * - `domain_facet_counts`: present-row counts per facet value (registrar,
 *   account, TLD, status, folder, expiry month), kept by triggers, so the
 *   unfiltered facets are a 40-row read instead of six 100k-entry scans.
 *   `key` is 'N' for NULL and 'V' || value otherwise (a NULL cannot be part
 *   of a primary key). The month expression must stay the one
 *   portfolio-service.ts groups by. A bulk load
 *   drops these triggers with the search ones and recounts afterwards
 *   (repos/domain-bulk-load.ts), so a load pays one GROUP BY per dimension.
 * - The search trigger on UPDATE re-indexes a row only when its name or
 *   Unicode form really changed (sync rewrites every field of a changed row).
 * - `domains_p_expiry_month` (005) goes: the month facet is now a counter
 *   or part of the one-pass count, and the index cost every load ~0.15 s.
 */
const MONTH_OF = (row: string) => `strftime('%Y-%m', ${row}.expires_at / 1000, 'unixepoch')`;
const MONTH = (row: string) => `coalesce('V' || ${MONTH_OF(row)}, 'N')`;

/** The six (dimension, key) pairs of one row image. */
const keyList = (row: 'new' | 'old'): [string, string][] => [
  ['registrar', `'V' || ${row}.registrar`],
  ['account', `'V' || ${row}.account_id`],
  ['tld', `'V' || ${row}.tld`],
  ['status', `'V' || ${row}.status`],
  ['folder', `coalesce('V' || ${row}.folder, 'N')`],
  ['month', MONTH(row)],
];
const keys = (row: 'new' | 'old') => keyList(row).map(([dim, key]) => `('${dim}', ${key})`).join(', ');

const add = (row: 'new' | 'old', when: string) => `
  INSERT INTO domain_facet_counts (dim, key, n) SELECT column1, column2, 1 FROM (VALUES ${keys(row)}) WHERE ${when}
  ON CONFLICT (dim, key) DO UPDATE SET n = n + 1;`;

// One UPDATE per dimension by primary key: an IN list in a trigger is rebuilt for every row it fires on.
const subtract = (row: 'new' | 'old', when: string) =>
  keyList(row)
    .map(([dim, key]) => `UPDATE domain_facet_counts SET n = n - 1 WHERE ${when} AND dim = '${dim}' AND key = ${key};`)
    .join('\n');

/** Recomputes every counter from the table (also used after a bulk load, see domain-bulk-load.ts). */
export const RECOUNT_FACETS_SQL = `
  DELETE FROM domain_facet_counts;
  INSERT INTO domain_facet_counts (dim, key, n)
    SELECT 'registrar', 'V' || registrar, count(*) FROM domains WHERE removed_at IS NULL GROUP BY registrar
    UNION ALL SELECT 'account', 'V' || account_id, count(*) FROM domains WHERE removed_at IS NULL GROUP BY account_id
    UNION ALL SELECT 'tld', 'V' || tld, count(*) FROM domains WHERE removed_at IS NULL GROUP BY tld
    UNION ALL SELECT 'status', 'V' || status, count(*) FROM domains WHERE removed_at IS NULL GROUP BY status
    UNION ALL SELECT 'folder', coalesce('V' || folder, 'N'), count(*) FROM domains WHERE removed_at IS NULL GROUP BY folder
    -- Per expiry instant first (streams along domains_p_expires), then per month over those few thousand groups.
    UNION ALL SELECT 'month', ${MONTH('e')}, sum(n) FROM (SELECT expires_at, count(*) AS n FROM domains WHERE removed_at IS NULL GROUP BY expires_at) AS e GROUP BY 2;
`;

/** `column IN ('a','b',...)` as an OR chain: SQLite builds an IN list's lookup table anew for every row it checks. */
const oneOf = (column: string, values: readonly string[]) => `(${values.map((v) => `${column} = ${v}`).join(' OR ')})`;
const quoted = (values: readonly string[]) => values.map((v) => `'${v}'`);

const DOMAIN_STATUSES = quoted(['active', 'expired', 'grace', 'redemption', 'pending-delete', 'pending-transfer', 'transferred-away', 'removed', 'unknown']);
const EVENT_KINDS = quoted(['added', 'removed', 'renewed', 'expiry-changed', 'nameservers-changed', 'lock-changed', 'auto-renew-changed', 'folder-changed', 'status-changed', 'moved']);

/** Migrations 004 + 005 + change_hash, with the same constraints written as OR chains. */
const DOMAINS_TABLE = `
  CREATE TABLE domains_rebuilt (
    id                  INTEGER PRIMARY KEY,
    account_id          TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    registrar           TEXT NOT NULL,
    name                TEXT NOT NULL,
    unicode             TEXT NOT NULL,
    tld                 TEXT NOT NULL,
    expires_at          INTEGER,
    registry_expires_at INTEGER,
    created_at          INTEGER,
    status              TEXT NOT NULL CHECK ${oneOf('status', DOMAIN_STATUSES)},
    auto_renew          INTEGER CHECK (auto_renew = 0 OR auto_renew = 1),
    locked              INTEGER CHECK (locked = 0 OR locked = 1),
    privacy             TEXT CHECK ${oneOf('privacy', quoted(['full', 'partial', 'off']))},
    nameservers         TEXT,
    folder              TEXT,
    renewal_price_minor INTEGER,
    renewal_currency    TEXT,
    flags               TEXT NOT NULL DEFAULT '[]',
    first_seen_at       INTEGER NOT NULL,
    last_synced_at      INTEGER NOT NULL,
    detail_synced_at    INTEGER,
    removed_at          INTEGER,
    raw_list            TEXT,
    raw_detail          TEXT,
    account_label       TEXT NOT NULL DEFAULT '' COLLATE NOCASE,
    change_hash         INTEGER,
    UNIQUE (account_id, name)
  ) STRICT`;

/** Migration 004's history table, with the same constraint written as an OR chain. */
const EVENTS_TABLE = `
  CREATE TABLE domain_events_rebuilt (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL,
    account_id    TEXT,
    account_label TEXT,
    kind          TEXT NOT NULL CHECK ${oneOf('kind', EVENT_KINDS)},
    before        TEXT,
    after         TEXT,
    at            INTEGER NOT NULL,
    sync_run_id   INTEGER
  ) STRICT`;

interface SchemaRow {
  type: string;
  name: string;
  sql: string;
}

/**
 * SQLite's table-rebuild procedure: copy into `<table>_rebuilt`, drop, rename,
 * then recreate the table's indexes and triggers from their saved SQL
 * (`replace` swaps or drops some by name, or adds new ones). Row ids are
 * kept, so the contentless search index still points at the right rows.
 */
function rebuild(db: Parameters<Migration['up']>[0], table: string, createSql: string, replace: Record<string, string | null> = {}): void {
  const saved = db.prepare<[string], SchemaRow>("SELECT type, name, sql FROM sqlite_schema WHERE tbl_name = ? AND type IN ('index','trigger') AND sql IS NOT NULL ORDER BY type = 'trigger', name").all(table);
  // A trigger elsewhere that names this table would make the rename fail while the table is gone.
  const elsewhere = db
    .prepare<[string, string], SchemaRow>("SELECT type, name, sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name <> ? AND sql LIKE ?")
    .all(table, `%${table}%`);
  for (const t of elsewhere) db.exec(`DROP TRIGGER "${t.name}"`);
  db.exec(createSql);
  const columns = (name: string) => (db.prepare<[string], { name: string }>('SELECT name FROM pragma_table_info(?)').all(name)).map((c) => c.name);
  const target = new Set(columns(`${table}_rebuilt`));
  const common = columns(table).filter((c) => target.has(c)).map((c) => `"${c}"`).join(', ');
  db.exec(`INSERT INTO ${table}_rebuilt (${common}) SELECT ${common} FROM ${table}; DROP TABLE ${table}; ALTER TABLE ${table}_rebuilt RENAME TO ${table};`);
  for (const d of saved) {
    const sql = d.name in replace ? replace[d.name] : d.sql;
    if (sql) db.exec(sql);
  }
  for (const [name, sql] of Object.entries(replace)) if (sql && !saved.some((d) => d.name === name)) db.exec(sql);
  for (const t of elsewhere) db.exec(t.sql);
}

/** The registrar fields change_hash covers (repos/domain-sync-rows.ts `changeHash`). */
const HASHED_COLUMNS =
  'unicode, tld, expires_at, registry_expires_at, created_at, status, auto_renew, locked, privacy, nameservers, folder, renewal_price_minor, renewal_currency, flags, raw_list, raw_detail';

const NAMES_INDEX = 'CREATE INDEX domains_names ON domains(name, removed_at, unicode)';
const FTS_UPDATE_TRIGGER = `
  CREATE TRIGGER domains_fts_au AFTER UPDATE OF name, unicode ON domains WHEN old.name IS NOT new.name OR old.unicode IS NOT new.unicode BEGIN
    DELETE FROM domains_fts WHERE rowid = old.id;
    INSERT INTO domains_fts(rowid, names) VALUES (new.id, CASE WHEN new.unicode = new.name THEN new.name ELSE new.name || ' ' || new.unicode END);
  END`;

export const m006PortfolioCounts: Migration = {
  version: 6,
  name: 'portfolio-counts',
  up(db) {
    // A load cut short by a crash keeps the SQL of what it dropped, for the next start to recreate: what is
    // replaced here is updated there instead of created now.
    const replace: Record<string, string | null> = {};
    for (const [name, sql] of [['domains_names', NAMES_INDEX], ['domains_fts_au', FTS_UPDATE_TRIGGER]] as const) {
      const waiting = db.prepare('UPDATE domains_deferred_ddl SET sql = ? WHERE name = ?').run(sql, name).changes > 0;
      replace[name] = waiting ? null : sql;
    }
    // The expiry-month facet is counted now (unfiltered) or in one pass with the others (filtered): its index only cost upkeep.
    db.exec("DELETE FROM domains_deferred_ddl WHERE name = 'domains_p_expiry_month'");
    replace['domains_p_expiry_month'] = null;
    rebuild(db, 'domains', DOMAINS_TABLE, replace);
    rebuild(db, 'domain_events', EVENTS_TABLE);
    db.exec(`
      CREATE TABLE domain_facet_counts (
        dim TEXT NOT NULL,
        key TEXT NOT NULL,
        n   INTEGER NOT NULL,
        PRIMARY KEY (dim, key)
      ) STRICT, WITHOUT ROWID;

      CREATE TRIGGER domains_facets_ai AFTER INSERT ON domains WHEN new.removed_at IS NULL BEGIN
        ${add('new', 'true')}
      END;
      CREATE TRIGGER domains_facets_ad AFTER DELETE ON domains WHEN old.removed_at IS NULL BEGIN
        ${subtract('old', 'true')}
      END;
      CREATE TRIGGER domains_facets_au AFTER UPDATE OF registrar, account_id, tld, status, folder, expires_at, removed_at ON domains
        WHEN (old.removed_at IS NULL OR new.removed_at IS NULL) AND (
          (old.removed_at IS NULL) <> (new.removed_at IS NULL) OR old.registrar IS NOT new.registrar OR old.account_id IS NOT new.account_id
          OR old.tld IS NOT new.tld OR old.status IS NOT new.status OR old.folder IS NOT new.folder OR old.expires_at IS NOT new.expires_at)
      BEGIN
        ${subtract('old', 'old.removed_at IS NULL')}
        ${add('new', 'new.removed_at IS NULL')}
      END;
      -- The hash says what sync last stored: any other write of those fields makes it unknown again.
      CREATE TRIGGER domains_hash_stale AFTER UPDATE OF ${HASHED_COLUMNS} ON domains
        WHEN new.change_hash IS NOT NULL AND new.change_hash IS old.change_hash
      BEGIN
        UPDATE domains SET change_hash = NULL WHERE id = new.id;
      END;
      ${RECOUNT_FACETS_SQL}
    `);
  },
};
