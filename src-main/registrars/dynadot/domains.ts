import { domainToUnicode } from 'node:url';
import { z } from 'zod';
import type { DomainStatus } from '../../../src-shared/domain-status.js';
import { money } from '../../../src-shared/money.js';
import type { CallPriority } from '../../scheduler/lane-types.js';
import type { NormalizedDomain } from '../types.js';
import type { TldPrice } from './account.js';
import type { DynadotClient } from './client.js';
import type { CallSite } from './errors.js';
import { msToIso, normalize, optText, privacy, read, renewOption, text, yesNo } from './parse.js';
import { domainName } from './validate.js';

/**
 * The portfolio view of Dynadot: list_domain (the whole account in one answer,
 * no paging) and domain_info (one name). Both carry the same item shape, so
 * one normalizer serves both. Renewal prices come from tld_price (one call),
 * never from a per-name request.
 */

const DAY = 86_400_000;
/** Dynadot serves parked, forwarded, hosted and Dynadot-DNS names from its own name servers. */
const DYNADOT_NS = ['ns1.dynadot.com', 'ns2.dynadot.com'];
const DYNADOT_HOSTED = /^(dynadot (parking|dns|hosting)|parking|forward(ing)?|stealth( forwarding)?|email forwarding|hosting|dynadot dns)$/i;

export const domainItemSchema = z.looseObject({
  Name: z.string().min(1),
  Expiration: optText,
  Registration: optText,
  NameServerSettings: z
    .looseObject({
      Type: z.string(),
      NameServers: z.array(z.looseObject({ ServerName: z.string() })).optional(),
    })
    .optional(),
  Locked: optText,
  Hold: optText,
  Disabled: optText,
  Privacy: optText,
  RenewOption: optText,
  Folder: z.looseObject({ FolderId: text, FolderName: z.string() }).optional(),
});
export type DomainItem = z.infer<typeof domainItemSchema>;

/** TLD -> price row, looked up by the longest matching suffix ("shop.co.id" -> "co.id"). */
export class PriceBook {
  private readonly byTld: Map<string, TldPrice>;

  constructor(rows: readonly TldPrice[]) {
    this.byTld = new Map(rows.map((r) => [r.tld, r]));
  }

  find(name: string): TldPrice | undefined {
    const labels = name.split('.');
    for (let i = 1; i < labels.length; i++) {
      const hit = this.byTld.get(labels.slice(i).join('.'));
      if (hit) return hit;
    }
    return undefined;
  }
}

function nameservers(s: DomainItem['NameServerSettings']): string[] | null {
  if (!s) return null;
  if (s.NameServers) return s.NameServers.map((n) => n.ServerName.toLowerCase());
  if (DYNADOT_HOSTED.test(s.Type.trim())) return [...DYNADOT_NS];
  // A setting we have not seen: say "unknown" rather than guess; the raw item keeps it.
  return null;
}

/** Dynadot reports only the expiry: the lifecycle is derived from it and the TLD's renewal grace days. */
function lifecycle(expiresAt: string | null, graceDays: number | null | undefined, now: number): DomainStatus {
  if (!expiresAt) return 'unknown';
  const past = now - Date.parse(expiresAt);
  if (past <= 0) return 'active';
  if (graceDays !== null && graceDays !== undefined && past <= graceDays * DAY) return 'grace';
  return 'expired';
}

export function normalizeItem(item: DomainItem, raw: unknown, book: PriceBook | null, now: number): NormalizedDomain {
  const name = item.Name.trim().toLowerCase();
  const tldRow = book?.find(name);
  const tld = tldRow?.tld ?? name.slice(name.lastIndexOf('.') + 1);
  const expiresAt = msToIso(item.Expiration);
  const folderId = item.Folder?.FolderId;
  return {
    name,
    unicode: domainToUnicode(name) || name,
    tld,
    expiresAt,
    registryExpiresAt: null,
    createdAt: msToIso(item.Registration),
    status: lifecycle(expiresAt, tldRow?.graceRenewDays, now),
    autoRenew: item.RenewOption === undefined ? null : renewOption(item.RenewOption).autoRenew,
    locked: yesNo(item.Locked, 'lock state'),
    privacy: item.Privacy === undefined ? null : privacy(item.Privacy),
    nameservers: nameservers(item.NameServerSettings),
    folder: folderId === undefined || folderId === '-1' ? null : item.Folder!.FolderName,
    // The TLD's standard renewal price; a premium name's own price shows in quoteRenewal.
    renewalPrice: tldRow?.renew ? money(tldRow.renew.amountMinor, tldRow.renew.currency) : null,
    raw,
  };
}

export interface ListOptions {
  book: PriceBook | null;
  now: number;
  signal?: AbortSignal;
  priority?: CallPriority;
}

/** list_domain: every name of the account in one request, parsed item by item as the body streams in. */
export async function listAll(client: DynadotClient, o: ListOptions): Promise<NormalizedDomain[]> {
  const site: CallSite = { command: 'list_domain', kind: 'read' };
  const out: NormalizedDomain[] = [];
  await client.streamList(
    { ...site, shape: { roots: ['ListDomainInfoResponse'] }, member: 'MainDomains', priority: o.priority ?? 'bulk', signal: o.signal, timeoutMs: 10 * 60_000 },
    (item, raw) => {
      const scrubbed = client.scrub(raw);
      const parsed = read(domainItemSchema, item, site, scrubbed);
      out.push(normalize(() => normalizeItem(parsed, item, o.book, o.now), site, scrubbed));
    },
  );
  return out;
}

/** domain_info for one name. */
export async function info(client: DynadotClient, input: string, o: ListOptions): Promise<NormalizedDomain> {
  const name = domainName(input);
  const site: CallSite = { command: 'domain_info', kind: 'read' };
  const { body } = await client.call({ ...site, shape: { roots: ['DomainInfoResponse'] }, params: { domain: name }, priority: o.priority ?? 'interactive', signal: o.signal });
  const raw = client.scrub(JSON.stringify(body));
  const item = read(z.looseObject({ DomainInfo: domainItemSchema }), body, site, raw).DomainInfo;
  return normalize(() => normalizeItem(item, body.DomainInfo, o.book, o.now), site, raw);
}
