import type { Capabilities } from '../types.js';

/** What an Irsfa account can do through seed 000's API, and why the rest is off. */
export const IRSFA_CAPABILITIES: Capabilities = {
  listDomains: 'user-supplied',
  renew: true,
  renewPriceCheck: false,
  asyncOrders: false,
  autoRenew: false,
  lock: true,
  privacy: false,
  nameservers: true,
  folders: false,
  dnsZone: false,
  dnssec: true,
  hosts: true,
  auctions: false,
  backorders: false,
  ssl: true,
  balance: false,
  authCode: true,
  limits: { infoCallsPerPage: 50 },
  reasons: {
    listDomains:
      "Irsfa's API has no call that lists an account's domains. Add your Irsfa names (type them or import a list); DomainDeck then keeps each one up to date by asking Irsfa about it by name.",
    renewPriceCheck: "Irsfa's API does not quote renewal prices; check the price list in the Irsfa panel before a large renewal.",
    autoRenew: "Irsfa's API has no auto-renew setting; renew from DomainDeck or change it in the Irsfa panel.",
    privacy: "Irsfa's API has no WHOIS privacy setting; change it in the Irsfa panel.",
    folders: 'Irsfa has no folders for domains.',
    dnsZone: "Irsfa's API manages nameservers, child nameservers and DNSSEC but not DNS records; edit the zone where your nameservers are hosted.",
    auctions: 'Irsfa does not run domain auctions.',
    backorders: 'Irsfa does not offer backorders through its API.',
    balance: "Irsfa's API does not show the account balance; renewals and orders are invoiced in the Irsfa panel.",
  },
};
