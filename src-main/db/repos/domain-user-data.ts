import type { UserData, UserDataPatch } from '../../../src-shared/contract/areas/portfolio.js';
import type { Money } from '../../../src-shared/money.js';
import type { Db } from '../connection.js';

interface Row {
  name: string;
  notes: string;
  purchase_price_minor: number | null;
  purchase_currency: string | null;
  purchase_date: string | null;
  asking_price_minor: number | null;
  asking_currency: string | null;
  custom_fields: string;
  updated_at: number;
}

/**
 * What the investor typed about a name: tags, notes, prices, custom fields.
 * Keyed by name so it follows a domain across accounts. Only this repo writes
 * these tables; sync never touches them.
 */
export function createUserDataRepo(db: Db) {
  const getStmt = db.prepare<[string], Row>('SELECT * FROM domain_user_data WHERE name = ?');
  const tagsStmt = db.prepare<[string], { tag: string }>('SELECT tag FROM domain_tags WHERE name = ? ORDER BY tag');
  const upsertStmt = db.prepare(
    `INSERT INTO domain_user_data (name, notes, purchase_price_minor, purchase_currency, purchase_date, asking_price_minor, asking_currency, custom_fields, updated_at)
     VALUES (@name, @notes, @purchase_price_minor, @purchase_currency, @purchase_date, @asking_price_minor, @asking_currency, @custom_fields, @updated_at)
     ON CONFLICT(name) DO UPDATE SET notes = excluded.notes, purchase_price_minor = excluded.purchase_price_minor, purchase_currency = excluded.purchase_currency,
       purchase_date = excluded.purchase_date, asking_price_minor = excluded.asking_price_minor, asking_currency = excluded.asking_currency,
       custom_fields = excluded.custom_fields, updated_at = excluded.updated_at`,
  );
  const addTag = db.prepare('INSERT OR IGNORE INTO domain_tags (tag, name) VALUES (?, ?)');
  const removeTag = db.prepare('DELETE FROM domain_tags WHERE tag = ? AND name = ?');
  const clearTags = db.prepare('DELETE FROM domain_tags WHERE name = ?');

  function get(name: string): UserData {
    const row = getStmt.get(name);
    const tags = tagsStmt.all(name).map((t) => t.tag);
    if (!row) return { name, tags, notes: '', purchasePrice: null, purchaseDate: null, askingPrice: null, customFields: {}, updatedAt: null };
    return {
      name,
      tags,
      notes: row.notes,
      purchasePrice: money(row.purchase_price_minor, row.purchase_currency),
      purchaseDate: row.purchase_date,
      askingPrice: money(row.asking_price_minor, row.asking_currency),
      customFields: JSON.parse(row.custom_fields) as UserData['customFields'],
      updatedAt: new Date(row.updated_at).toISOString(),
    };
  }

  const applyMany = db.transaction((names: readonly string[], patch: UserDataPatch, at: number) => {
    for (const name of names) {
      if (patch.tags) {
        clearTags.run(name);
        for (const t of patch.tags) addTag.run(t, name);
      }
      for (const t of patch.addTags ?? []) addTag.run(t, name);
      for (const t of patch.removeTags ?? []) removeTag.run(t, name);
      if (!touchesRow(patch)) continue;
      const cur = get(name);
      const custom = { ...cur.customFields };
      for (const [k, v] of Object.entries(patch.customFields ?? {})) {
        if (v === null) delete custom[k];
        else custom[k] = v;
      }
      const purchase = patch.purchasePrice === undefined ? cur.purchasePrice : patch.purchasePrice;
      const asking = patch.askingPrice === undefined ? cur.askingPrice : patch.askingPrice;
      upsertStmt.run({
        name,
        notes: patch.notes ?? cur.notes,
        purchase_price_minor: purchase?.amountMinor ?? null,
        purchase_currency: purchase?.currency ?? null,
        purchase_date: patch.purchaseDate === undefined ? cur.purchaseDate : patch.purchaseDate,
        asking_price_minor: asking?.amountMinor ?? null,
        asking_currency: asking?.currency ?? null,
        custom_fields: JSON.stringify(custom),
        updated_at: at,
      });
    }
  });

  return {
    get,
    /** Applies one patch to many names in one transaction. */
    update(names: readonly string[], patch: UserDataPatch, at: number): void {
      applyMany.immediate(names, patch, at);
    },
  };
}
export type UserDataRepo = ReturnType<typeof createUserDataRepo>;

function touchesRow(p: UserDataPatch): boolean {
  return p.notes !== undefined || p.purchasePrice !== undefined || p.purchaseDate !== undefined || p.askingPrice !== undefined || p.customFields !== undefined;
}

function money(amountMinor: number | null, currency: string | null): Money | null {
  return amountMinor === null || currency === null ? null : { amountMinor, currency };
}
