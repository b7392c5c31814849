import type { TFunction } from 'i18next';
import { dateTimeFormat } from '../../../src-shared/intl-cache.js';
import type { RpcError } from '../../../src-shared/contract.js';

/** Local date-time for an ISO string in the UI language. */
export function formatWhen(iso: string | null, locale: string): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return dateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

/** A stored message (key + params) in the user's language; ISO `until` params are shown as local times. */
export function renderMessage(t: TFunction, message: { key: string; params: Record<string, string | number> }, fallback: string, locale: string): string {
  const params: Record<string, string | number> = { ...message.params };
  if (typeof params.until === 'string' && /^\d{4}-\d\d-\d\dT/.test(params.until)) params.until = formatWhen(params.until, locale);
  return t(message.key, { ...params, defaultValue: fallback });
}

export function renderRpcError(t: TFunction, error: RpcError): string {
  if (!error.messageKey) return error.message;
  return t(error.messageKey, { ...error.params, defaultValue: error.message });
}
