import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DB_FILE, openDatabase } from '../../../src-main/db/connection.js';
import { LATEST_SCHEMA_VERSION, type Migration } from '../../../src-main/db/migrations/index.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'dd-db-'));

describe('openDatabase', () => {
  it('applies all migrations once and is idempotent on restart', () => {
    const dir = tmp();
    const first = openDatabase(dir);
    expect(first.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(first.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(first.db.pragma('foreign_keys', { simple: true })).toBe(1);
    first.db.prepare("INSERT INTO settings(key, value) VALUES ('k', '1')").run();
    first.db.close();
    const second = openDatabase(dir);
    expect(second.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(second.backupPath).toBeNull();
    expect(second.db.prepare("SELECT value FROM settings WHERE key = 'k'").get()).toEqual({ value: '1' });
    second.db.close();
  });

  it('migrates N-1 to N inside a transaction after backing the file up', () => {
    const dir = tmp();
    const v1: Migration = { version: 1, name: 'one', up: (db) => db.exec('CREATE TABLE t (a INTEGER) STRICT') };
    const v2: Migration = { version: 2, name: 'two', up: (db) => db.exec('ALTER TABLE t ADD COLUMN b TEXT') };
    const a = openDatabase(dir, { migrations: [v1] });
    a.db.prepare('INSERT INTO t(a) VALUES (7)').run();
    a.db.close();
    const b = openDatabase(dir, { migrations: [v1, v2] });
    expect(b.schemaVersion).toBe(2);
    expect(b.backupPath && existsSync(b.backupPath)).toBeTruthy();
    expect(b.db.prepare('SELECT a, b FROM t').get()).toEqual({ a: 7, b: null });
    b.db.close();
  });

  it('rolls back every step when a migration fails', () => {
    const dir = tmp();
    const ok: Migration = { version: 1, name: 'ok', up: (db) => db.exec('CREATE TABLE t (a INTEGER)') };
    const bad: Migration = { version: 2, name: 'bad', up: () => { throw new Error('broken step'); } };
    expect(() => openDatabase(dir, { migrations: [ok, bad] })).toThrow('broken step');
    const db = new Database(join(dir, DB_FILE));
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 't'").get()).toBeUndefined();
    db.close();
  });

  it('refuses a database written by a newer version, leaving it untouched', () => {
    const dir = tmp();
    const db = new Database(join(dir, DB_FILE));
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    db.close();
    expect(() => openDatabase(dir)).toThrow(/newer DomainDeck/);
    const again = new Database(join(dir, DB_FILE));
    expect(again.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION + 5);
    again.close();
  });

  it('moves a foreign or corrupt file aside with a timestamp and starts fresh', () => {
    const dir = tmp();
    writeFileSync(join(dir, DB_FILE), 'this is not a database at all, just some text that is long enough');
    const opened = openDatabase(dir);
    expect(opened.recoveredFrom).toMatch(/domaindeck\.db\.corrupt-\d{4}-/);
    expect(existsSync(opened.recoveredFrom!)).toBe(true);
    expect(opened.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(readdirSync(dir).filter((f) => f.includes('.corrupt-'))).toHaveLength(1);
    opened.db.close();
  });
});
