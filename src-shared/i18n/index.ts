import i18next, { type i18n as I18n } from 'i18next';
import { en } from './en.js';
import { id } from './id.js';

/**
 * One i18n layer for every shell: the renderer (through react-i18next), the
 * CLI's human output and error messages all read these catalogs.
 */
export const supportedLocales = ['en', 'id'] as const;
export type SupportedLocale = (typeof supportedLocales)[number];

export function pickLocale(candidates: readonly (string | undefined | null)[]): SupportedLocale {
  for (const c of candidates) {
    const base = c?.toLowerCase().split(/[-_.]/)[0];
    if (base === 'id' || base === 'in') return 'id';
    if (base === 'en') return 'en';
  }
  return 'en';
}

export function createI18n(locale: SupportedLocale): I18n {
  const instance = i18next.createInstance();
  void instance.init({
    lng: locale,
    fallbackLng: 'en',
    resources: { en: { translation: en }, id: { translation: id } },
    interpolation: { escapeValue: false },
    initImmediate: false,
    returnNull: false,
    showSupportNotice: false,
  });
  return instance;
}

export type Catalog = typeof en;
export { en, id };
