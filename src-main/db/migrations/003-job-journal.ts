import type { Migration } from './index.js';

/**
 * The persistent job journal (DESIGN.md, "Scheduler and job journal"). Every
 * bulk operation is a job with one row per item; an item's idempotency key is
 * written here before its first send, and a write item left `running` by a
 * crash becomes `unconfirmed` and is reconciled, never re-sent blindly.
 * Times are epoch ms UTC. No secrets: inputs, results and errors are redacted
 * before they are stored.
 */
export const m003JobJournal: Migration = {
  version: 3,
  name: 'job-journal',
  up(db) {
    db.exec(`
      CREATE TABLE jobs (
        id            TEXT PRIMARY KEY,                 -- uuid
        kind          TEXT NOT NULL,                    -- e.g. renew, bid, nameservers, sync
        title         TEXT NOT NULL,
        state         TEXT NOT NULL CHECK (state IN ('queued','running','paused','cancelled','done','failed')),
        is_write      INTEGER NOT NULL CHECK (is_write IN (0,1)),
        params        TEXT NOT NULL DEFAULT '{}',       -- JSON, job-wide input
        note          TEXT,                             -- why it is paused/failed, English, secret-free
        total         INTEGER NOT NULL,
        owner_id      TEXT,                             -- the process running it (null = nobody)
        owner_pid     INTEGER,
        owner_host    TEXT,
        heartbeat_at  INTEGER,
        created_at    INTEGER NOT NULL,
        updated_at    INTEGER NOT NULL,
        started_at    INTEGER,
        finished_at   INTEGER
      ) STRICT;
      CREATE INDEX jobs_created ON jobs(created_at);
      CREATE INDEX jobs_state ON jobs(state);

      CREATE TABLE job_items (
        job_id          TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
        seq             INTEGER NOT NULL,
        key             TEXT NOT NULL,                  -- e.g. the domain name
        account_id      TEXT,                           -- no FK: a deleted account must fail the item, not vanish it
        input           TEXT NOT NULL DEFAULT '{}',     -- JSON
        state           TEXT NOT NULL CHECK (state IN ('pending','running','done','failed','unconfirmed','skipped','cancelled')),
        attempt         INTEGER NOT NULL DEFAULT 0,
        idempotency_key TEXT NOT NULL UNIQUE,           -- generated at creation, before any send
        result          TEXT,                           -- JSON
        error           TEXT,                           -- JSON {kind, code, message}, redacted
        updated_at      INTEGER NOT NULL,
        PRIMARY KEY (job_id, seq)
      ) STRICT;
      CREATE INDEX job_items_state ON job_items(job_id, state);

      -- What each attempt sent and got back, summarized and redacted.
      CREATE TABLE job_item_attempts (
        job_id      TEXT NOT NULL,
        seq         INTEGER NOT NULL,
        attempt     INTEGER NOT NULL,
        action      TEXT NOT NULL CHECK (action IN ('run','reconcile')),
        started_at  INTEGER NOT NULL,
        finished_at INTEGER,
        outcome     TEXT,                               -- done | failed | unconfirmed | skipped | applied | not-applied | unknown
        summary     TEXT,                               -- JSON, redacted
        PRIMARY KEY (job_id, seq, attempt, action),
        FOREIGN KEY (job_id, seq) REFERENCES job_items(job_id, seq) ON DELETE CASCADE
      ) STRICT;
    `);
  },
};
