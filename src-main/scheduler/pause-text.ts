import type { RegistrarId } from '../registrars/types.js';
import type { LaneState } from './lane-types.js';

export type PauseReason = NonNullable<LaneState['pauseReason']>;

const NAMES: Record<RegistrarId, string> = { dynadot: 'Dynadot', mrdomain: 'MrDomain', irsfa: 'Irsfa', reseller: 'the reseller' };

/**
 * Why a lane is paused, in one plain English sentence for LaneState.pauseDetail
 * (the UI and CLI translate by `pauseReason`; this is the secret-free fallback).
 */
export function pauseSentence(reason: PauseReason, registrar: RegistrarId, label: string, until: number | null, extra: { count?: number } = {}): string {
  const name = NAMES[registrar];
  const account = `account "${label}"`;
  const when = until === null ? 'until you resume it' : `until ${new Date(until).toISOString()}`;
  switch (reason) {
    case 'banned':
      return `${name} suspended the API key of ${account}; DomainDeck sends nothing to it ${when}.`;
    case 'blocked':
      return `${name} blocked API access for ${account}; DomainDeck sends nothing to it ${when}.`;
    case 'rate-limited':
      return `${name} asked DomainDeck to slow down; calls for ${account} wait ${when}.`;
    case 'error-budget':
      return `${extra.count ?? 'Too many'} errors from ${name} ${account} within the error budget's window; DomainDeck pauses ${when} so the registrar does not block the account.`;
    case 'manual':
      return `Calls for ${name} ${account} are paused ${when}.`;
  }
}
