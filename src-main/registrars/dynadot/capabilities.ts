import type { Capabilities } from '../types.js';
import { DNS_LIMITS } from './dns.js';

/**
 * What a Dynadot account can do through API3, with the limits the UI explains.
 * Seed 001 is the source: one request at a time per key, 100 names per bulk
 * setting, set_dns2 with 20 main + 100 sub-domain records and one zone TTL,
 * search of 1 name (regular accounts) or 100 (bulk accounts).
 */
export const DYNADOT_CAPABILITIES: Capabilities = {
  listDomains: 'api',
  renew: true,
  renewPriceCheck: true,
  asyncOrders: false,
  autoRenew: true,
  lock: true,
  privacy: true,
  nameservers: true,
  folders: true,
  dnsZone: 'zone-replace',
  dnssec: true,
  hosts: true,
  auctions: true,
  backorders: true,
  ssl: false,
  balance: true,
  authCode: true,
  limits: {
    maxConcurrentRequests: 1,
    namesPerBulkSetting: 100,
    nameserversPerDomain: DNS_LIMITS.nameservers,
    dnsMainRecordsMax: DNS_LIMITS.mainRecords,
    dnsSubRecordsMax: DNS_LIMITS.subRecords,
    dnsSingleTtl: true,
    dnsRecordTypes: 'A, AAAA, CNAME, TXT, MX, SRV (sub-domains only), forward, stealth, email',
    searchNamesRegularAccount: 1,
    searchNamesBulkAccount: 100,
    renewYearsMax: 10,
    dnssecReadable: false,
    listDomainsPaging: false,
    renewalPriceSource: 'tld_price (standard price; premium names show their own price in the renewal preview)',
  },
  reasons: {
    ssl: 'Dynadot API3 has no SSL certificate commands.',
    asyncOrders: 'Dynadot renewals are paid from the account balance and complete immediately.',
  },
};
