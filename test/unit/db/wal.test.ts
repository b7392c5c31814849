import { describe, expect, it } from 'vitest';
import { openWal, type WalDatabase } from '../../../src-main/db/wal.js';

/** A connection whose switch to WAL meets another process: `answers` says what each attempt gets. */
function contended(answers: ('busy' | 'delete' | 'wal')[]) {
  const calls: string[] = [];
  const db = {
    name: '/data/lane-leases.db',
    memory: false,
    pragma(source: string) {
      calls.push(source);
      if (source !== 'journal_mode = WAL') return undefined;
      const next = answers.shift() ?? 'busy';
      if (next === 'busy') throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
      return next;
    },
  } as unknown as WalDatabase;
  return { db, calls };
}

describe('openWal (two processes opening one file: the app and a CLI command)', () => {
  it('sets the busy timeout first, then retries a switch that failed with SQLITE_BUSY', () => {
    const { db, calls } = contended(['busy', 'busy', 'wal']);
    openWal(db);
    expect(calls).toEqual(['busy_timeout = 5000', 'journal_mode = WAL', 'journal_mode = WAL', 'journal_mode = WAL']);
  });

  it('retries a switch that quietly kept the old journal mode', () => {
    const { db, calls } = contended(['delete', 'wal']);
    openWal(db);
    expect(calls.filter((c) => c === 'journal_mode = WAL')).toHaveLength(2);
  });

  it('gives up with a clear error when the file stays locked', () => {
    const { db } = contended([]);
    expect(() => openWal(db, 100)).toThrow('/data/lane-leases.db stayed locked by another process for 0.1 s');
  });

  it('passes other errors through at once', () => {
    const db = { name: 'x', memory: false, pragma: (s: string) => (s.startsWith('journal') ? (() => { throw Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR' }); })() : undefined) } as unknown as WalDatabase;
    expect(() => openWal(db)).toThrow('disk I/O error');
  });
});
