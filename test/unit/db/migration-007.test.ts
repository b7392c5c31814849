import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src-main/db/connection.js';

describe('migration 007 (created and privacy sorts)', () => {
  it('adds an index that a page sorted by created date or privacy walks instead of sorting every row', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dd-m007-'));
    const { db, schemaVersion } = openDatabase(dir);
    try {
      expect(schemaVersion).toBeGreaterThanOrEqual(7);
      for (const [column, index] of [['created_at', 'domains_p_created'], ['privacy', 'domains_p_privacy']]) {
        const plan = (db.prepare(`EXPLAIN QUERY PLAN SELECT d.id FROM domains d WHERE d.removed_at IS NULL ORDER BY d.${column}, d.name LIMIT 64`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
        expect(plan, column).toContain(index);
        expect(plan, column).not.toContain('TEMP B-TREE');
      }
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
