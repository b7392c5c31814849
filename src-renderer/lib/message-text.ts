import type { TFunction } from 'i18next';

/** A message the core sends as key + params, with its English text as the fallback. */
export interface CoreMessage {
  key: string;
  params: Record<string, string | number>;
  text: string;
}

/** The message in the user's language (the English text when the key is missing from the catalog). */
export function messageText(t: TFunction, m: CoreMessage): string {
  return t(m.key, { ...m.params, defaultValue: m.text });
}
