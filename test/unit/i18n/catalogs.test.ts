import { describe, expect, it } from 'vitest';
import { en, id } from '../../../src-shared/i18n/index.js';
import { createI18n, pickLocale } from '../../../src-shared/i18n/index.js';

function keys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!).sort();
}

describe('i18n catalogs', () => {
  it('Indonesian mirrors every English key', () => {
    expect(keys(id).sort()).toEqual(keys(en).sort());
  });

  it('keeps the same placeholders in both languages', () => {
    const flat = (o: object) => Object.fromEntries(keys(o).map((k) => [k, k.split('.').reduce<unknown>((a, p) => (a as Record<string, unknown>)[p], o) as string]));
    const e = flat(en);
    const i = flat(id);
    for (const k of Object.keys(e)) expect(placeholders(i[k]!), k).toEqual(placeholders(e[k]!));
  });

  it('has no empty strings', () => {
    const values = keys(id).map((k) => k.split('.').reduce<unknown>((a, p) => (a as Record<string, unknown>)[p], id) as string);
    expect(values.filter((v) => v.trim() === '')).toEqual([]);
  });

  it('picks Indonesian from id-ID / in / id_ID.UTF-8 and falls back to English', () => {
    expect(pickLocale(['id-ID'])).toBe('id');
    expect(pickLocale([undefined, 'id_ID.UTF-8'])).toBe('id');
    expect(pickLocale(['fr-FR'])).toBe('en');
    expect(createI18n('id').t('nav.accounts')).toBe('Akun');
  });
});
