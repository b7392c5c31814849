export { createMrDomainAdapter, type MrDomainAdapter } from './adapter.js';
export type { MrDomainAccountInfo } from './account.js';
export { MRDOMAIN_CAPABILITIES } from './capabilities.js';
export { DEFAULT_MRDOMAIN_OPTIONS, type MrDomainOptions } from './client.js';
export type { DomainContacts } from './domains.js';
export type { AvailabilityResult, ContactRef, RenewalMode } from './domain-writes.js';
export { DNS_TYPES, type DnsRecordInput, type DnsType, type MrDomainDnsRecord, MrDomainDns } from './dns.js';
export { MRDOMAIN_ERROR_CODES, type ErrorCodeEntry } from './error-codes.js';
export { MrDomainSsl, type CsrSubject, type SslCertificate, type SslInfoType, type SslOrderInput } from './ssl.js';
