import type { Db } from '../connection.js';

/**
 * Every present name in memory, for 1-2 character searches typed with no
 * other filter. Such a term has no index to narrow it (trigrams need three
 * characters), so each keystroke's count would test all names in SQL again
 * (20-30 ms at 100k); tested in memory it is 3-10 ms.
 *
 * The list is read in one row: two group_concat strings over the covering
 * name index, split in JS (~80 ms at 100k, a third of what reading 100k rows
 * through the driver costs). The caller keeps it until the next write
 * (domain-query.ts, per write generation).
 *
 * A match is the SQL test of domain-query.ts `buildWhere`, exactly:
 * `instr(name, term) > 0 OR (unicode <> name AND instr(lower(unicode), term) > 0)`;
 * lower() is SQLite's (ASCII only), applied by SQLite here too.
 */
export interface NameList {
  /**
   * Ids of present rows whose name, or lower-cased Unicode form, contains `term` (already trimmed and
   * lower-cased); null for a term holding a tab or a line break (the caller tests it in SQL).
   */
  match(term: string): number[] | null;
}

/** Separates a name from its Unicode form, and one row from the next: neither occurs in a stored name. */
const FORM_SEP = '\t';
const ROW_SEP = '\n';

export function createNameListReader(db: Db): () => NameList | null {
  const read = db.prepare<[], { ids: string | null; names: string | null }>(
    `SELECT group_concat(id, ',') AS ids,
            group_concat(CASE WHEN unicode = name THEN name ELSE name || char(9) || lower(unicode) END, char(10)) AS names
     FROM domains WHERE removed_at IS NULL`,
  );
  /** The list, or null when a stored name holds a separator (then the caller tests in SQL, as before). */
  return () => {
    const row = read.get();
    if (!row?.ids || row.names === null) return { match: (term) => (term.includes(FORM_SEP) || term.includes(ROW_SEP) ? null : []) };
    const texts = row.names.split(ROW_SEP);
    const idTexts = row.ids.split(',');
    if (texts.length !== idTexts.length) return null;
    const ids = new Float64Array(idTexts.length);
    for (let i = 0; i < idTexts.length; i++) ids[i] = Number(idTexts[i]);
    return {
      match(term) {
        // A separator in the term could match across a name and its Unicode form.
        if (term.includes(FORM_SEP) || term.includes(ROW_SEP)) return null;
        const out: number[] = [];
        for (let i = 0; i < texts.length; i++) if (texts[i]!.includes(term)) out.push(ids[i]!);
        return out;
      },
    };
  };
}
