import type { Migration } from './index.js';

/**
 * The offline portfolio cache (issue 7).
 *
 * - `domains`: one row per (account, name) as the registrar last reported it.
 *   A name that leaves an account is marked removed (status 'removed',
 *   `removed_at`), never deleted, so its history stays. `registrar` is copied
 *   from the account (it never changes for an account) so filters and facets
 *   need no join. Times are epoch ms UTC; booleans are 0/1/NULL (NULL = the
 *   registrar did not say).
 * - `domain_user_data` and `domain_tags`: what the investor typed. Keyed by
 *   name, not by row, so it follows a name that moves between accounts; sync
 *   never writes to these tables.
 * - `domain_events`: append-only history written by sync (triggers refuse
 *   UPDATE, and DELETE unless the user asked to purge an account's history).
 *   Keyed by name, with the account id and label as plain values: removing
 *   an account keeps its history unless the user says otherwise.
 * - `domains_fts`: trigram index over the ASCII and Unicode names for
 *   substring search (MATCH needs >= 3 characters; shorter terms scan);
 *   `domains_fts_state.deferred` lets sync bulk-load and rebuild it.
 * - `sync_runs`: one row per account sync with counts and the reason it failed.
 */
export const m004Portfolio: Migration = {
  version: 4,
  name: 'portfolio',
  up(db) {
    db.exec(`
      CREATE TABLE domains (
        id                  INTEGER PRIMARY KEY,
        account_id          TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        registrar           TEXT NOT NULL,
        name                TEXT NOT NULL,          -- ASCII (punycode), lower case
        unicode             TEXT NOT NULL,
        tld                 TEXT NOT NULL,
        expires_at          INTEGER,
        registry_expires_at INTEGER,
        created_at          INTEGER,
        status              TEXT NOT NULL CHECK (status IN ('active','expired','grace','redemption','pending-delete','pending-transfer','transferred-away','removed','unknown')),
        auto_renew          INTEGER CHECK (auto_renew IN (0,1)),
        locked              INTEGER CHECK (locked IN (0,1)),
        privacy             TEXT CHECK (privacy IN ('full','partial','off')),
        nameservers         TEXT,                   -- JSON array, lower case, registrar order
        folder              TEXT,
        renewal_price_minor INTEGER,
        renewal_currency    TEXT,
        flags               TEXT NOT NULL DEFAULT '[]', -- JSON array: what could not be understood (unknown-status, bad-expiry, ...)
        first_seen_at       INTEGER NOT NULL,
        last_synced_at      INTEGER NOT NULL,
        detail_synced_at    INTEGER,                -- last per-domain detail read (fields the list call lacks)
        removed_at          INTEGER,
        raw_list            TEXT,                   -- JSON: the list row exactly as received
        raw_detail          TEXT,                   -- JSON: the last per-domain detail payload, when one was read
        UNIQUE (account_id, name)
      ) STRICT;
      -- Sort and filter indexes cover present domains only (the default view); each ends in
      -- name so "ORDER BY col, name, id" walks the index with no sort step at 100k rows.
      -- Every index costs ~7 us per inserted row, so the rarely sorted columns (registry
      -- expiry, created, privacy, last synced) go without: sorting by them is a full sort.
      CREATE INDEX domains_name         ON domains(name);
      CREATE INDEX domains_p_expires    ON domains(expires_at, name) WHERE removed_at IS NULL;
      CREATE INDEX domains_p_tld        ON domains(tld, name) WHERE removed_at IS NULL;
      CREATE INDEX domains_p_registrar  ON domains(registrar, name) WHERE removed_at IS NULL;
      CREATE INDEX domains_p_account    ON domains(account_id, name) WHERE removed_at IS NULL;
      CREATE INDEX domains_p_status     ON domains(status, name) WHERE removed_at IS NULL;
      CREATE INDEX domains_p_auto_renew ON domains(auto_renew, name) WHERE removed_at IS NULL;
      CREATE INDEX domains_p_locked     ON domains(locked, name) WHERE removed_at IS NULL;
      CREATE INDEX domains_p_folder     ON domains(folder, name) WHERE removed_at IS NULL;
      CREATE INDEX domains_p_price      ON domains(renewal_currency, renewal_price_minor, name) WHERE removed_at IS NULL;
      CREATE INDEX domains_removed      ON domains(removed_at) WHERE removed_at IS NOT NULL;

      -- Substring search: a contentless trigram index over "name unicode" (unicode only when it
      -- differs). Sync defers it during bulk loads (deferred = 1) and rebuilds it in one pass,
      -- which is ~10x cheaper than row-by-row trigram inserts; contentless_delete makes a DELETE
      -- by rowid safe whether or not the row was indexed yet.
      CREATE VIRTUAL TABLE domains_fts USING fts5(names, content='', contentless_delete=1, tokenize='trigram');
      CREATE TABLE domains_fts_state (
        id       INTEGER PRIMARY KEY CHECK (id = 1),
        deferred INTEGER NOT NULL CHECK (deferred IN (0,1))
      ) STRICT;
      INSERT INTO domains_fts_state (id, deferred) VALUES (1, 0);
      CREATE TRIGGER domains_fts_ai AFTER INSERT ON domains
        WHEN (SELECT deferred FROM domains_fts_state WHERE id = 1) = 0
      BEGIN
        INSERT INTO domains_fts(rowid, names) VALUES (new.id, CASE WHEN new.unicode = new.name THEN new.name ELSE new.name || ' ' || new.unicode END);
      END;
      CREATE TRIGGER domains_fts_au AFTER UPDATE OF name, unicode ON domains
        WHEN (SELECT deferred FROM domains_fts_state WHERE id = 1) = 0
      BEGIN
        DELETE FROM domains_fts WHERE rowid = old.id;
        INSERT INTO domains_fts(rowid, names) VALUES (new.id, CASE WHEN new.unicode = new.name THEN new.name ELSE new.name || ' ' || new.unicode END);
      END;
      CREATE TRIGGER domains_fts_ad AFTER DELETE ON domains BEGIN
        DELETE FROM domains_fts WHERE rowid = old.id;
      END;

      CREATE TABLE domain_user_data (
        name                  TEXT PRIMARY KEY,     -- ASCII, lower case
        notes                 TEXT NOT NULL DEFAULT '',
        purchase_price_minor  INTEGER,
        purchase_currency     TEXT,
        purchase_date         TEXT,                 -- YYYY-MM-DD
        asking_price_minor    INTEGER,
        asking_currency       TEXT,
        custom_fields         TEXT NOT NULL DEFAULT '{}', -- JSON object
        updated_at            INTEGER NOT NULL,
        CHECK ((purchase_price_minor IS NULL) = (purchase_currency IS NULL)),
        CHECK ((asking_price_minor IS NULL) = (asking_currency IS NULL))
      ) STRICT;
      CREATE INDEX domain_user_data_purchase ON domain_user_data(purchase_currency, purchase_price_minor);
      CREATE INDEX domain_user_data_asking   ON domain_user_data(asking_currency, asking_price_minor);

      CREATE TABLE domain_tags (
        tag  TEXT NOT NULL COLLATE NOCASE,
        name TEXT NOT NULL,
        PRIMARY KEY (tag, name)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX domain_tags_name ON domain_tags(name);

      CREATE TABLE domain_events (
        id            INTEGER PRIMARY KEY,
        name          TEXT NOT NULL,
        account_id    TEXT,                         -- no FK: history outlives a removed account
        account_label TEXT,
        kind          TEXT NOT NULL CHECK (kind IN ('added','removed','renewed','expiry-changed','nameservers-changed','lock-changed','auto-renew-changed','folder-changed','status-changed','moved')),
        before        TEXT,                         -- JSON
        after         TEXT,                         -- JSON
        at            INTEGER NOT NULL,
        sync_run_id   INTEGER
      ) STRICT;
      CREATE INDEX domain_events_name ON domain_events(name, at);
      CREATE INDEX domain_events_at   ON domain_events(at);
      CREATE TRIGGER domain_events_no_update BEFORE UPDATE ON domain_events BEGIN
        SELECT RAISE(ABORT, 'domain_events is append-only');
      END;
      -- The one way to delete history: the user removing an account with "delete its history"
      -- (the purge row is written and removed in the same transaction as the DELETE).
      CREATE TABLE domain_event_purges (account_id TEXT PRIMARY KEY) STRICT;
      CREATE TRIGGER domain_events_no_delete BEFORE DELETE ON domain_events
        WHEN NOT EXISTS (SELECT 1 FROM domain_event_purges p WHERE p.account_id = old.account_id)
      BEGIN
        SELECT RAISE(ABORT, 'domain_events is append-only');
      END;

      CREATE TABLE sync_runs (
        id             INTEGER PRIMARY KEY,
        account_id     TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        mode           TEXT NOT NULL CHECK (mode IN ('full','incremental','names')),
        started_at     INTEGER NOT NULL,
        finished_at    INTEGER,
        state          TEXT NOT NULL CHECK (state IN ('running','ok','partial','failed')), -- 'running' left behind = the process died
        pages          INTEGER NOT NULL DEFAULT 0,
        detail_reads   INTEGER NOT NULL DEFAULT 0,
        seen           INTEGER NOT NULL DEFAULT 0,
        added          INTEGER NOT NULL DEFAULT 0,
        updated        INTEGER NOT NULL DEFAULT 0,
        unchanged      INTEGER NOT NULL DEFAULT 0,
        removed        INTEGER NOT NULL DEFAULT 0,
        flagged        INTEGER NOT NULL DEFAULT 0,
        failed         INTEGER NOT NULL DEFAULT 0,
        error_code     TEXT,
        error          TEXT,                        -- account-level reason, redacted
        domain_errors  TEXT NOT NULL DEFAULT '[]'   -- JSON [{name, reason}] (first 200)
      ) STRICT;
      CREATE INDEX sync_runs_account ON sync_runs(account_id, started_at);
    `);
  },
};
