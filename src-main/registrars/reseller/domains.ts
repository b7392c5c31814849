import { z } from 'zod';
import { RegistrarError } from '../errors.js';
import type { NormalizedDomain } from '../types.js';
import type { CallPriority } from '../../scheduler/lane-types.js';
import { ROUTES, type ResellerClient } from './client.js';
import { domainWire, normalizeDomain, normalizeSearchItem, pageMetaWire, searchItemWire, type Availability } from './parse.js';

/** Domain reads of the reseller API: the paged list, one domain, availability search. */

const PER_PAGE = 100;
/** The API's cap per search call. */
export const SEARCH_BATCH = 50;

export interface DomainPageOptions {
  search?: string;
  status?: 'active' | 'grace' | 'redemption' | 'pending_delete';
  perPage?: number;
  priority?: CallPriority;
  signal?: AbortSignal;
}

/** Every page in stable id order until the last one. */
export async function* listDomainPages(client: ResellerClient, options: DomainPageOptions = {}): AsyncGenerator<NormalizedDomain[]> {
  for (let page = 1; ; page++) {
    options.signal?.throwIfAborted();
    const answer = await client.call(ROUTES.domains, {
      query: { page, per_page: options.perPage ?? PER_PAGE, search: options.search, status: options.status },
      priority: options.priority,
      signal: options.signal,
    });
    const items = client.data(ROUTES.domains, answer, z.array(domainWire)).map(normalizeDomain);
    if (items.length > 0) yield items;
    const meta = pageMetaWire.safeParse((answer.json as { meta?: unknown }).meta);
    if (items.length === 0 || !meta.success || meta.data.current_page >= meta.data.last_page) return;
  }
}

/** The list has no by-name call: `search` is a substring filter, so the exact name is picked from its pages. */
export async function getDomain(client: ResellerClient, name: string, priority: CallPriority = 'interactive'): Promise<NormalizedDomain> {
  const wanted = name.trim().toLowerCase();
  for await (const page of listDomainPages(client, { search: wanted, priority })) {
    const hit = page.find((d) => d.name === wanted || d.unicode === wanted);
    if (hit) return hit;
  }
  throw new RegistrarError({ registrar: 'reseller', kind: 'NotFound', message: `${wanted} is not in this reseller account.` });
}

/** Availability and prices, in batches of the API's maximum. */
export async function searchDomains(client: ResellerClient, names: readonly string[], priority: CallPriority = 'interactive'): Promise<Availability[]> {
  const unique = [...new Set(names.map((n) => n.trim().toLowerCase()).filter(Boolean))];
  const out: Availability[] = [];
  for (let i = 0; i < unique.length; i += SEARCH_BATCH) {
    const answer = await client.call(ROUTES.search, { json: { domains: unique.slice(i, i + SEARCH_BATCH) }, priority });
    out.push(...client.data(ROUTES.search, answer, z.array(searchItemWire)).map(normalizeSearchItem));
  }
  return out;
}
