import type { Db } from '../connection.js';

export interface NameMatch {
  id: number;
  unicode: string;
  removed: boolean;
}

/** json_each takes one parameter however many names; chunks keep each statement's JSON small. */
const CHUNK = 5000;

/**
 * Lookups for a user-data import of up to 100k rows: which names are in the
 * cache, in a handful of statements instead of one query per row, and
 * without reading the raw registrar payloads the full domain rows carry.
 */
export function createUserDataImportRepo(db: Db) {
  const matchStmt = db.prepare<[string], { name: string; id: number; unicode: string; removed_at: number | null }>(
    `SELECT name, id, unicode, removed_at FROM domains
     WHERE name IN (SELECT value FROM json_each(?))
     ORDER BY removed_at IS NOT NULL, last_synced_at DESC, id DESC`,
  );
  return {
    /** The cache row per name: the present one when a name is held twice (or held before), as the detail view picks it. */
    matchNames(names: readonly string[]): Map<string, NameMatch> {
      const out = new Map<string, NameMatch>();
      for (let i = 0; i < names.length; i += CHUNK) {
        for (const r of matchStmt.iterate(JSON.stringify(names.slice(i, i + CHUNK)))) {
          if (!out.has(r.name)) out.set(r.name, { id: r.id, unicode: r.unicode, removed: r.removed_at !== null });
        }
      }
      return out;
    },
  };
}
export type UserDataImportRepo = ReturnType<typeof createUserDataImportRepo>;
