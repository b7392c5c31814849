import type { ImportChange } from '../../../src-shared/contract/areas/portfolio-io.js';
import type { UserData, UserDataPatch } from '../../../src-shared/contract/areas/portfolio.js';
import type { Money } from '../../../src-shared/money.js';
import type { CustomValue, ImportValues } from './row-values.js';

type Distribute<T> = T extends unknown ? Omit<T, 'row' | 'name' | 'unicode' | 'domainId'> : never;
/** A change without the row and domain it belongs to. */
export type FieldChange = Distribute<ImportChange>;

/**
 * What a row would change in one domain's user data, as a list for the
 * preview and as the patch domains.updateUserData's path applies. Only real
 * differences count, so re-importing the same file yields nothing.
 */
export function diffUserData(current: UserData, values: ImportValues): { changes: FieldChange[]; patch: UserDataPatch } {
  const changes: FieldChange[] = [];
  const patch: UserDataPatch = {};
  if (values.tags !== undefined) {
    const before = sortTags(current.tags);
    const after = sortTags(values.tags);
    if (!sameList(before, after)) {
      changes.push({ field: 'tags', before, after });
      patch.tags = values.tags;
    }
  }
  if (values.notes !== undefined && values.notes !== current.notes) {
    changes.push({ field: 'notes', before: current.notes, after: values.notes });
    patch.notes = values.notes;
  }
  if (values.purchasePrice !== undefined && !sameMoney(current.purchasePrice, values.purchasePrice)) {
    changes.push({ field: 'purchasePrice', before: current.purchasePrice, after: values.purchasePrice });
    patch.purchasePrice = values.purchasePrice;
  }
  if (values.purchaseDate !== undefined && values.purchaseDate !== current.purchaseDate) {
    changes.push({ field: 'purchaseDate', before: current.purchaseDate, after: values.purchaseDate });
    patch.purchaseDate = values.purchaseDate;
  }
  if (values.askingPrice !== undefined && !sameMoney(current.askingPrice, values.askingPrice)) {
    changes.push({ field: 'askingPrice', before: current.askingPrice, after: values.askingPrice });
    patch.askingPrice = values.askingPrice;
  }
  if (values.customFields !== undefined) {
    const before = current.customFields;
    const after = values.customFields;
    if (canonicalJson(before) !== canonicalJson(after)) {
      changes.push({ field: 'customFields', before, after });
      // The edit path merges; replacing means setting every new key and nulling every dropped one.
      const merged: Record<string, CustomValue | null> = { ...after };
      for (const key of Object.keys(before)) if (!(key in after)) merged[key] = null;
      patch.customFields = merged;
    }
  }
  return { changes, patch };
}

/** Case-insensitive order (as the tag list shows), exact spelling breaks ties. */
export function sortTags(tags: readonly string[]): string[] {
  return [...tags].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()) || (a < b ? -1 : a > b ? 1 : 0));
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

function sameMoney(a: Money | null, b: Money | null): boolean {
  return a === null || b === null ? a === b : a.amountMinor === b.amountMinor && a.currency === b.currency;
}

/** JSON with sorted keys, so {"a":1,"b":2} equals {"b":2,"a":1}. */
export function canonicalJson(value: Record<string, unknown>): string {
  return JSON.stringify(Object.keys(value).sort().map((k) => [k, value[k]]));
}

/** The importable part of a row, for telling an identical repeated row from a conflicting one. */
export function valuesKey(values: ImportValues): string {
  // "Left alone" and "cleared" must differ: undefined gets its own marker.
  const v = (x: unknown) => (x === undefined ? '~unset' : x);
  return JSON.stringify([v(values.tags && sortTags(values.tags)), v(values.notes), v(values.purchasePrice), v(values.purchaseDate), v(values.askingPrice), v(values.customFields && canonicalJson(values.customFields))]);
}
