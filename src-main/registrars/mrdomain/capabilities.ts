import type { Capabilities } from '../types.js';

/** What a MrDomain account can do in DomainDeck, and why the rest is off. */
export const MRDOMAIN_CAPABILITIES: Capabilities = {
  listDomains: 'api',
  renew: true,
  renewPriceCheck: false,
  asyncOrders: false,
  autoRenew: true,
  lock: true,
  privacy: true,
  nameservers: true,
  folders: false,
  // Each DNS record is its own entity (service/dnscreate, dnsupdate, dnsdelete); set-zone and restore also exist.
  dnsZone: 'per-record',
  dnssec: false,
  hosts: false,
  auctions: false,
  backorders: false,
  ssl: true,
  balance: true,
  authCode: true,
  limits: {
    minNameservers: 2,
    maxNameservers: 7,
    renewMaxYears: 10,
    /** domain/check takes one name per call and mass checks get the account blocked (seed 002 §1.2). */
    availabilityCheck: 'single-name',
    /** The DNS zone exists only while the domain uses MrDomain's default nameservers (its DNS service). */
    dnsNeedsDefaultNameservers: true,
  },
  reasons: {
    renewPriceCheck: 'MrDomain has no per-domain renewal quote; the price is taken from its TLD price list and the exact charge is shown after the renewal.',
    folders: 'MrDomain has tags but no folders; DomainDeck shows the tag as the folder and does not change it.',
    dnssec: 'DomainDeck does not manage DNSSEC on MrDomain yet; use the MrDomain panel.',
    hosts: 'DomainDeck does not manage glue records on MrDomain yet; use the MrDomain panel.',
    auctions: 'MrDomain has no auctions.',
    backorders: 'MrDomain has no backorders.',
  },
};
