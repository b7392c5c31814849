import { describe, expect, it, vi } from 'vitest';
import type { TFunction } from 'i18next';
import { memoizedT } from '../../../src-renderer/lib/memoized-t.js';

describe('memoizedT', () => {
  const base = vi.fn((key: string, options?: { count?: number; name?: string }) => `${key}:${options?.count ?? ''}:${options?.name ?? ''}`);
  const t = memoizedT(base as unknown as TFunction);

  it('translates a plain key or a key with only a count once', () => {
    expect(t('portfolio.on')).toBe('portfolio.on::');
    expect(t('portfolio.on')).toBe('portfolio.on::');
    expect(t('portfolio.daysLeft', { count: 3 })).toBe('portfolio.daysLeft:3:');
    expect(t('portfolio.daysLeft', { count: 3 })).toBe('portfolio.daysLeft:3:');
    expect(t('portfolio.daysLeft', { count: 4 })).toBe('portfolio.daysLeft:4:');
    expect(base).toHaveBeenCalledTimes(3);
  });

  it('passes other interpolation straight through, every time', () => {
    base.mockClear();
    expect(t('x', { name: 'a' })).toBe('x::a');
    expect(t('x', { name: 'b' })).toBe('x::b');
    expect(t('x', { count: 1, name: 'c' })).toBe('x:1:c');
    expect(base).toHaveBeenCalledTimes(3);
  });
});
