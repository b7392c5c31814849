import { initReactI18next } from 'react-i18next';
import { createI18n, pickLocale, type SupportedLocale } from '../src-shared/i18n/index.js';

/** The renderer's i18n instance: same catalogs as the CLI and error messages. */
export const i18n = createI18n(pickLocale([navigator.language]));
void i18n.use(initReactI18next).init();

export function applyLocale(locale: SupportedLocale | null): void {
  const next = locale ?? pickLocale([navigator.language]);
  if (i18n.language !== next) void i18n.changeLanguage(next);
  document.documentElement.lang = next;
}
