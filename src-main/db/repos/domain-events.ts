import type { DomainEvent } from '../../../src-shared/contract/areas/portfolio.js';
import type { Db } from '../connection.js';

export type DomainEventKind = DomainEvent['kind'];

export interface NewDomainEvent {
  name: string;
  accountId: string | null;
  accountLabel: string | null;
  kind: DomainEventKind;
  before: unknown;
  after: unknown;
  at: number;
  syncRunId: number | null;
}

interface Row {
  id: number;
  name: string;
  account_id: string | null;
  account_label: string | null;
  kind: DomainEventKind;
  before: string | null;
  after: string | null;
  at: number;
}

/** Domain history: append and read, nothing else (the table's triggers refuse updates and deletes). */
export function createDomainEventsRepo(db: Db) {
  const insert = db.prepare(
    'INSERT INTO domain_events (name, account_id, account_label, kind, before, after, at, sync_run_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  // The 'added' event of rows just inserted, built from the rows in one statement (see appendAdded).
  const addedFromRows = db.prepare(
    `INSERT INTO domain_events (name, account_id, account_label, kind, before, after, at, sync_run_id)
     SELECT d.name, d.account_id, ?, 'added', NULL,
       json_object('expiresAt', strftime('%Y-%m-%dT%H:%M:%fZ', d.expires_at / 1000.0, 'unixepoch'), 'status', d.status,
         'autoRenew', CASE d.auto_renew WHEN 1 THEN json('true') WHEN 0 THEN json('false') END,
         'locked', CASE d.locked WHEN 1 THEN json('true') WHEN 0 THEN json('false') END),
       ?, ?
     FROM json_each(?) j CROSS JOIN domains d ON d.id = j.value ORDER BY j.key`,
  );
  const forName = db.prepare<[string, number], Row>('SELECT id, name, account_id, account_label, kind, before, after, at FROM domain_events WHERE name = ? ORDER BY at DESC, id DESC LIMIT ?');
  const forRun = db.prepare<[number], Row>('SELECT id, name, account_id, account_label, kind, before, after, at FROM domain_events WHERE sync_run_id = ? ORDER BY id');
  const purgeOn = db.prepare('INSERT OR IGNORE INTO domain_event_purges (account_id) VALUES (?)');
  const purgeOff = db.prepare('DELETE FROM domain_event_purges WHERE account_id = ?');
  const purgeRows = db.prepare('DELETE FROM domain_events WHERE account_id = ?');
  const purge = db.transaction((accountId: string) => {
    purgeOn.run(accountId);
    const n = purgeRows.run(accountId).changes;
    purgeOff.run(accountId);
    return n;
  });
  return {
    /** Callers run this inside their own transaction (one per sync page). */
    append(events: readonly NewDomainEvent[]): void {
      for (const e of events) {
        insert.run(e.name, e.accountId, e.accountLabel, e.kind, json(e.before), json(e.after), e.at, e.syncRunId);
      }
    },
    /**
     * 'added' events for rows just inserted (same transaction), in the order given: the
     * `summary` of each row (expiry, status, auto-renew, lock) built by SQLite from the row,
     * not a JS object per row and eight bound values. The caller keeps to expiries
     * `isoExpiryInSql` accepts, where strftime and toISOString agree to the character.
     */
    appendAdded(ids: readonly number[], accountLabel: string | null, at: number, syncRunId: number | null): void {
      if (ids.length > 0) addedFromRows.run(accountLabel, at, syncRunId, JSON.stringify(ids));
    },
    /** Only for the user's explicit "remove the account and delete its history". */
    purgeAccount(accountId: string): number {
      return purge(accountId);
    },
    forName(name: string, limit = 500): DomainEvent[] {
      return forName.all(name, limit).map(toEvent);
    },
    forRun(runId: number): DomainEvent[] {
      return forRun.all(runId).map(toEvent);
    },
  };
}
export type DomainEventsRepo = ReturnType<typeof createDomainEventsRepo>;

/** Years 0000-9999 with whole milliseconds: where strftime('%Y-%m-%dT%H:%M:%fZ') matches Date#toISOString. */
export function isoExpiryInSql(ms: number | null): boolean {
  return ms === null || (Number.isInteger(ms) && ms >= -62_167_219_200_000 && ms <= 253_402_300_799_999);
}

function json(v: unknown): string | null {
  return v === undefined || v === null ? null : JSON.stringify(v);
}

function toEvent(r: Row): DomainEvent {
  return {
    id: r.id,
    name: r.name,
    accountId: r.account_id,
    account: r.account_label,
    kind: r.kind,
    before: r.before === null ? null : (JSON.parse(r.before) as unknown),
    after: r.after === null ? null : (JSON.parse(r.after) as unknown),
    at: new Date(r.at).toISOString(),
  };
}
