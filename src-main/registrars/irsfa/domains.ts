import type { NormalizedDomain } from '../types.js';
import type { IrsfaClient } from './client.js';
import { domainFields, splitName } from './names.js';
import { domainInfoSchema, lockFromWire, statusFromIrsfa, wireDateToIso, type DomainInfo } from './parse.js';
import { isRegistrarError } from '../errors.js';
import type { CallPriority } from '../../scheduler/lane-types.js';
import { domainToASCII, domainToUnicode } from 'node:url';

/** Reading domains: domain/info is the only per-domain read the seed offers. */

/** Names refreshed per listDomains page (IRSFA_CAPABILITIES.limits.infoCallsPerPage). */
export const NAMES_PER_PAGE = 50;

/** The registrar's own field names vary; the sandbox and the SSL records use these. */
function first(info: DomainInfo, keys: string[]): string | null {
  for (const k of keys) {
    const v = (info as Record<string, unknown>)[k];
    if (typeof v === 'string' && v.trim() !== '') return v;
  }
  return null;
}

export function normalizeDomain(info: DomainInfo, requested: string): NormalizedDomain {
  const fromWire = domainToASCII(info.domain.trim().toLowerCase().replace(/\.$/, ''));
  const name = fromWire || requested;
  const dot = name.indexOf('.');
  return {
    name,
    unicode: domainToUnicode(name) || name,
    tld: dot > 0 ? name.slice(dot + 1) : name,
    expiresAt: wireDateToIso(first(info, ['expiration_date', 'expired_date', 'exp_date', 'expiry_date'])),
    registryExpiresAt: null,
    createdAt: wireDateToIso(first(info, ['registration_date', 'reg_date', 'created_date'])),
    status: statusFromIrsfa(info.status_domain),
    autoRenew: null,
    locked: lockFromWire(info.lock_status),
    privacy: null,
    nameservers: info.nameserver ? info.nameserver.map((n) => domainToASCII(n.trim().toLowerCase().replace(/\.$/, '')) || n) : null,
    folder: null,
    renewalPrice: null,
    raw: info,
  };
}

export async function getDomain(client: IrsfaClient, name: string, priority: CallPriority = 'interactive', signal?: AbortSignal): Promise<NormalizedDomain> {
  const n = splitName(name);
  const { data } = await client.call({
    command: 'domain/info',
    method: 'POST',
    kind: 'read',
    priority,
    signal,
    body: domainFields(n),
    data: domainInfoSchema,
    action: `reading ${n.unicode}`,
  });
  return normalizeDomain(data, n.ascii);
}

/**
 * Refreshes user-supplied names, one page per NAMES_PER_PAGE names. A name Irsfa
 * says is not in the account ("Domain not found in your account!") is left out
 * of its page: absence is how the sync engine learns a domain has gone.
 */
export async function* listDomains(client: IrsfaClient, names: readonly string[], signal?: AbortSignal): AsyncIterable<NormalizedDomain[]> {
  for (let i = 0; i < names.length; i += NAMES_PER_PAGE) {
    signal?.throwIfAborted();
    const chunk = names.slice(i, i + NAMES_PER_PAGE);
    // All at once: the lane decides how many actually go out together.
    const page = await Promise.all(
      chunk.map(async (name) => {
        try {
          return await getDomain(client, name, 'bulk', signal);
        } catch (e) {
          if (isRegistrarError(e) && e.kind === 'NotFound') return null;
          if (isRegistrarError(e) && e.kind === 'Invalid' && e.field === 'name') {
            // A mistyped name in the user's list must not stop the refresh of the others.
            client.ctx.log('warn', e.message);
            return null;
          }
          throw e;
        }
      }),
    );
    yield page.filter((d): d is NormalizedDomain => d !== null);
  }
}
