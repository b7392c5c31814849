import type { BulkMessage } from '../../../src-shared/contract/areas/bulk.js';
import { en } from '../../../src-shared/i18n/en.js';

type BulkKey = keyof typeof en.bulk.msg;

/** A warning or skip reason: English text for the CLI and logs, key + params for the renderer's language. */
export function msg(key: BulkKey, params: Record<string, string | number> = {}): BulkMessage {
  const text = en.bulk.msg[key].replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(params[k] ?? ''));
  return { key: `bulk.msg.${key}`, text, params };
}
