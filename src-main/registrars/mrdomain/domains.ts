import { z } from 'zod';
import type { CallPriority } from '../../scheduler/lane-types.js';
import { RegistrarError } from '../errors.js';
import type { NormalizedDomain } from '../types.js';
import type { MrDomainClient } from './client.js';
import {
  domainAuthcodeSchema,
  domainContactsSchema,
  domainNameserversSchema,
  domainStatusRowSchema,
  type DomainNameservers,
  type DomainStatusRow,
  type MrDomainContact,
} from './domain-schemas.js';
import { queryInfoSchema } from './envelope.js';
import { toAsciiName, toUnicodeName } from './names.js';
import { isoFromYmd, normalizeStatus } from './normalize.js';
import { PageTracker } from './paging.js';

/** The wire (ASCII/punycode) form of a name the user typed, or Invalid before any request is spent on it. */
export function wireName(name: string): string {
  const ascii = toAsciiName(name);
  if (ascii === null) throw new RegistrarError({ kind: 'Invalid', registrar: 'mrdomain', field: 'domain', message: `"${name}" is not a valid domain name.` });
  return ascii;
}

export function normalizeDomain(row: DomainStatusRow, ns: DomainNameservers | null): NormalizedDomain {
  const name = toAsciiName(row.name) ?? row.name.toLowerCase();
  return {
    name,
    unicode: toUnicodeName(name),
    tld: row.tld,
    expiresAt: isoFromYmd(row.tsExpir),
    registryExpiresAt: null,
    createdAt: isoFromYmd(row.tsCreate),
    status: normalizeStatus(row.status),
    autoRenew: row.renewalMode === 'autorenew',
    locked: row.transferBlock ?? null,
    privacy: row.whoisPrivacy === undefined ? null : row.whoisPrivacy ? 'full' : 'off',
    nameservers: ns ? [...ns.nameservers].sort((a, b) => a.order - b.order).map((n) => n.name.toLowerCase()) : null,
    folder: row.tag ? row.tag : null,
    renewalPrice: null,
    raw: ns ? { ...row, defaultNS: ns.defaultNS, nameservers: ns.nameservers } : row,
  };
}

export interface DomainContacts {
  owner: MrDomainContact | null;
  admin: MrDomainContact | null;
  tech: MrDomainContact | null;
  billing: MrDomainContact | null;
}

/** The read side of the domain module: list (every page, checked), getinfo per infoType. */
export class MrDomainDomainReads {
  constructor(private readonly client: MrDomainClient) {}

  /**
   * Every domain, a page at a time. Each page is read twice, with
   * infoType=status (expiry, renewal mode, locks) and infoType=nameservers,
   * and merged: two list requests per 1,000 names instead of one getinfo per
   * name, which is what keeps a 5,000-name sync far from MrDomain's limits.
   * Both passes are checked against their queryInfo totals.
   */
  async *list(options: { signal?: AbortSignal } = {}): AsyncGenerator<NormalizedDomain[]> {
    const statusData = z.object({ queryInfo: queryInfoSchema, domains: z.array(domainStatusRowSchema) });
    const nsData = z.object({ queryInfo: queryInfoSchema, domains: z.array(domainNameserversSchema) });
    const statusPages = new PageTracker('domain list');
    const nsPages = new PageTracker('domain list (nameservers)');
    const pageLength = String(this.client.options.pageLength);
    const signal = options.signal ? { signal: options.signal } : {};
    for (let page = 1; ; page++) {
      const params = { page: String(page), pageLength };
      const st = await this.client.call({ action: 'domain/list', kind: 'read', params: { ...params, infoType: 'status' }, data: statusData, ...signal });
      statusPages.accept(page, st.queryInfo, st.domains.map((d) => d.name));
      const ns = await this.client.call({ action: 'domain/list', kind: 'read', params: { ...params, infoType: 'nameservers' }, data: nsData, ...signal });
      nsPages.accept(page, ns.queryInfo, ns.domains.map((d) => d.name));
      const nsByName = new Map(ns.domains.map((d) => [d.name, d]));
      if (st.domains.length) yield st.domains.map((row) => normalizeDomain(row, nsByName.get(row.name) ?? null));
      if (ns.queryInfo.total !== st.queryInfo.total || ns.domains.length !== st.domains.length) {
        nsPages.fail(`page ${page} has ${st.domains.length} of ${st.queryInfo.total} names with status but ${ns.domains.length} of ${ns.queryInfo.total} with nameservers`);
      }
      if (statusPages.done(st.domains.length)) break;
    }
    statusPages.finish();
    nsPages.finish();
  }

  status(name: string, priority: CallPriority = 'interactive'): Promise<DomainStatusRow> {
    const domain = wireName(name);
    return this.client.call({ action: 'domain/getinfo', kind: 'read', params: { domain, infoType: 'status' }, data: domainStatusRowSchema, priority, subject: domain });
  }

  nameservers(name: string, priority: CallPriority = 'interactive'): Promise<DomainNameservers> {
    const domain = wireName(name);
    return this.client.call({ action: 'domain/getinfo', kind: 'read', params: { domain, infoType: 'nameservers' }, data: domainNameserversSchema, priority, subject: domain });
  }

  async contacts(name: string, priority: CallPriority = 'interactive'): Promise<DomainContacts> {
    const domain = wireName(name);
    const r = await this.client.call({ action: 'domain/getinfo', kind: 'read', params: { domain, infoType: 'contact' }, data: domainContactsSchema, priority, subject: domain });
    return { owner: r.contactOwner ?? null, admin: r.contactAdmin ?? null, tech: r.contactTech ?? null, billing: r.contactBilling ?? null };
  }

  /**
   * The EPP auth code, only when the user asks for it. Returned to the caller
   * and nowhere else: the call is marked sensitive so the answer never lands
   * in an error's raw body or a log, and nothing here stores it.
   */
  async authCode(name: string): Promise<string> {
    const domain = wireName(name);
    const r = await this.client.call({
      action: 'domain/getinfo',
      kind: 'read',
      params: { domain, infoType: 'authcode' },
      data: domainAuthcodeSchema,
      priority: 'interactive',
      subject: domain,
      sensitive: true,
    });
    return r.authcode;
  }

  async domain(name: string, priority: CallPriority = 'interactive'): Promise<NormalizedDomain> {
    const row = await this.status(name, priority);
    const ns = await this.nameservers(name, priority);
    return normalizeDomain(row, ns);
  }
}
