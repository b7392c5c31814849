import type { i18n as I18n } from 'i18next';
import { createI18n } from './index.js';

let instance: I18n | null = null;

/**
 * The English sentence for a catalog key, for the `message` field of errors
 * and stored explanations (logs, CLI fallbacks). The user's language is
 * rendered from `messageKey` + `params` by each shell.
 */
export function englishText(key: string, params: Record<string, string | number> = {}): string {
  instance ??= createI18n('en');
  const text = instance.t(key, params);
  return typeof text === 'string' ? text : key;
}
