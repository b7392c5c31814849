import { describe, expect, it } from 'vitest';
import type { UserData } from '../../../src-shared/contract/areas/portfolio.js';
import { diffUserData, valuesKey } from '../../../src-main/services/portfolio-io/diff.js';

const current: UserData = {
  name: 'a.com',
  tags: ['brandable', 'Premium'],
  notes: 'bought at auction',
  purchasePrice: { amountMinor: 12000, currency: 'USD' },
  purchaseDate: '2023-05-01',
  askingPrice: null,
  customFields: { source: 'auction', lot: 12 },
  updatedAt: '2025-01-01T00:00:00.000Z',
};

describe('user data diff', () => {
  it('finds nothing when the row says what is stored (tag order and key order do not matter)', () => {
    const d = diffUserData(current, {
      tags: ['Premium', 'brandable'],
      notes: 'bought at auction',
      purchasePrice: { amountMinor: 12000, currency: 'USD' },
      purchaseDate: '2023-05-01',
      askingPrice: null,
      customFields: { lot: 12, source: 'auction' },
    });
    expect(d).toEqual({ changes: [], patch: {} });
    expect(diffUserData(current, {})).toEqual({ changes: [], patch: {} });
  });

  it('lists each changed field with before and after, and builds the matching patch', () => {
    const d = diffUserData(current, {
      tags: ['premium'],
      notes: '',
      purchasePrice: { amountMinor: 12000, currency: 'EUR' },
      purchaseDate: null,
      askingPrice: { amountMinor: 250000, currency: 'USD' },
    });
    expect(d.changes).toEqual([
      { field: 'tags', before: ['brandable', 'Premium'], after: ['premium'] },
      { field: 'notes', before: 'bought at auction', after: '' },
      { field: 'purchasePrice', before: { amountMinor: 12000, currency: 'USD' }, after: { amountMinor: 12000, currency: 'EUR' } },
      { field: 'purchaseDate', before: '2023-05-01', after: null },
      { field: 'askingPrice', before: null, after: { amountMinor: 250000, currency: 'USD' } },
    ]);
    expect(d.patch).toEqual({ tags: ['premium'], notes: '', purchasePrice: { amountMinor: 12000, currency: 'EUR' }, purchaseDate: null, askingPrice: { amountMinor: 250000, currency: 'USD' } });
  });

  it('replaces custom fields: dropped keys become nulls in the merge patch', () => {
    const d = diffUserData(current, { customFields: { source: 'drop' } });
    expect(d.changes).toEqual([{ field: 'customFields', before: { source: 'auction', lot: 12 }, after: { source: 'drop' } }]);
    expect(d.patch).toEqual({ customFields: { source: 'drop', lot: null } });
  });

  it('tells a cleared value from one left alone when comparing repeated rows', () => {
    expect(valuesKey({ purchasePrice: null })).not.toBe(valuesKey({}));
    expect(valuesKey({ tags: ['b', 'a'] })).toBe(valuesKey({ tags: ['a', 'b'] }));
    expect(valuesKey({ customFields: { a: 1, b: 2 } })).toBe(valuesKey({ customFields: { b: 2, a: 1 } }));
  });
});
