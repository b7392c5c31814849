import type { ImportMessage } from '../../../src-shared/contract/areas/portfolio-io.js';
import { englishText } from '../../../src-shared/i18n/english.js';

type Params = Record<string, string | number>;

/** A sentence under `portfolioIo.` in the catalogs: English text now, the user's language in each shell. */
export function ioMessage(key: string, params: Params = {}): ImportMessage {
  const full = `portfolioIo.${key}`;
  return { key: full, text: englishText(full, params), params };
}
