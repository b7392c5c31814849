import { domainToASCII, domainToUnicode } from 'node:url';
import { domainStatuses, type DomainStatus } from '../../src-shared/domain-status.js';
import type { DomainFields, StoredDomain } from '../db/repos/domains.js';
import type { DomainDetailField, NormalizedDomain } from '../registrars/types.js';

/**
 * Turns what an adapter returned into the cache's storage form, without ever
 * trusting it: an unknown status or an unparseable date keeps the raw
 * payload, stores null/'unknown' and adds a flag ("field:problem") that the
 * sync report counts. Only a payload with no usable name is refused.
 */
export const detailFields: readonly DomainDetailField[] = [
  'expiresAt',
  'registryExpiresAt',
  'createdAt',
  'status',
  'autoRenew',
  'locked',
  'privacy',
  'nameservers',
  'folder',
  'renewalPrice',
];

export class DomainPayloadError extends Error {
  constructor(
    readonly domainName: string,
    message: string,
  ) {
    super(message);
    this.name = 'DomainPayloadError';
  }
}

/** Storage values of one source (a list row or a detail read), with the flags each field raised. */
export interface Normalized {
  name: string;
  unicode: string;
  tld: string;
  values: Pick<DomainFields, 'expiresAt' | 'registryExpiresAt' | 'createdAt' | 'status' | 'autoRenew' | 'locked' | 'privacy' | 'nameservers' | 'folder' | 'renewalPriceMinor' | 'renewalCurrency'>;
  flags: Map<DomainDetailField, string>;
  raw: string;
}

const STATUSES = new Set<string>(domainStatuses);

/** Canonical ASCII name, or null when the text is not a domain name at all. */
export function asciiName(input: string): string | null {
  const trimmed = input.trim().replace(/\.$/, '').toLowerCase();
  if (!trimmed || !trimmed.includes('.')) return null;
  const ascii = domainToASCII(trimmed);
  return ascii ? ascii : null;
}

export function normalizeDomain(d: NormalizedDomain): Normalized {
  const rawName = typeof d?.name === 'string' ? d.name : '';
  const name = asciiName(rawName);
  if (!name) throw new DomainPayloadError(rawName || '(no name)', `The registrar returned a domain without a usable name (${JSON.stringify(rawName).slice(0, 80)}).`);
  const flags = new Map<DomainDetailField, string>();
  const date = (field: DomainDetailField, v: unknown): number | null => {
    if (v === null || v === undefined || v === '') return null;
    const ms = typeof v === 'string' ? Date.parse(v) : Number.NaN;
    if (Number.isNaN(ms)) {
      flags.set(field, `${field}:unparseable`);
      return null;
    }
    return ms;
  };
  const boolOrNull = (field: DomainDetailField, v: unknown): boolean | null => {
    if (v === null || v === undefined) return null;
    if (typeof v === 'boolean') return v;
    flags.set(field, `${field}:invalid`);
    return null;
  };

  let status: DomainStatus = 'unknown';
  if (typeof d.status === 'string' && STATUSES.has(d.status)) status = d.status;
  if (status === 'unknown') flags.set('status', 'status:unknown');

  let privacy: Normalized['values']['privacy'] = null;
  if (d.privacy === 'full' || d.privacy === 'partial' || d.privacy === 'off') privacy = d.privacy;
  else if (d.privacy !== null && d.privacy !== undefined) flags.set('privacy', 'privacy:invalid');

  let nameservers: string | null = null;
  if (Array.isArray(d.nameservers) && d.nameservers.every((n) => typeof n === 'string')) {
    nameservers = JSON.stringify(d.nameservers.map((n) => n.trim().toLowerCase().replace(/\.$/, '')).filter(Boolean));
  } else if (d.nameservers !== null && d.nameservers !== undefined) flags.set('nameservers', 'nameservers:invalid');

  let renewalPriceMinor: number | null = null;
  let renewalCurrency: string | null = null;
  const price = d.renewalPrice;
  if (price && Number.isSafeInteger(price.amountMinor) && typeof price.currency === 'string' && /^[A-Z]{3}$/.test(price.currency)) {
    renewalPriceMinor = price.amountMinor;
    renewalCurrency = price.currency;
  } else if (price !== null && price !== undefined) flags.set('renewalPrice', 'renewalPrice:invalid');

  const tld = typeof d.tld === 'string' && d.tld ? d.tld.toLowerCase().replace(/^\./, '') : name.slice(name.indexOf('.') + 1);
  return {
    name,
    unicode: typeof d.unicode === 'string' && d.unicode ? d.unicode : domainToUnicode(name) || name,
    tld,
    values: {
      expiresAt: date('expiresAt', d.expiresAt),
      registryExpiresAt: date('registryExpiresAt', d.registryExpiresAt),
      createdAt: date('createdAt', d.createdAt),
      status,
      autoRenew: boolOrNull('autoRenew', d.autoRenew),
      locked: boolOrNull('locked', d.locked),
      privacy,
      nameservers,
      folder: typeof d.folder === 'string' && d.folder !== '' ? d.folder : null,
      renewalPriceMinor,
      renewalCurrency,
    },
    flags,
    raw: safeJson(d.raw),
  };
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v ?? null) ?? 'null';
  } catch {
    return JSON.stringify(String(v));
  }
}

const VALUE_KEYS: Record<DomainDetailField, (keyof Normalized['values'])[]> = {
  expiresAt: ['expiresAt'],
  registryExpiresAt: ['registryExpiresAt'],
  createdAt: ['createdAt'],
  status: ['status'],
  autoRenew: ['autoRenew'],
  locked: ['locked'],
  privacy: ['privacy'],
  nameservers: ['nameservers'],
  folder: ['folder'],
  renewalPrice: ['renewalPriceMinor', 'renewalCurrency'],
};

export interface MergeSources {
  /** The list row, authoritative for every field it carries. */
  list?: Normalized;
  /** A detail read, authoritative for the fields the list omits (for every field when there is no list row). */
  detail?: Normalized;
  /** Fields the list call does not carry. */
  omits: readonly DomainDetailField[];
  /** What the cache held: used for omitted fields when no detail was read this time. */
  prev?: StoredDomain;
}

/** Combines list row, detail read and the previous row into the fields to store. */
export function mergeFields(src: MergeSources): DomainFields {
  const base = src.list ?? src.detail;
  if (!base) throw new Error('mergeFields needs a list row or a detail read');
  const values = { ...base.values };
  const flags = new Map(base.flags);
  const omitted = src.list ? src.omits : [];
  for (const field of omitted) {
    const keys = VALUE_KEYS[field];
    flags.delete(field);
    if (src.detail) {
      for (const k of keys) (values as Record<string, unknown>)[k] = src.detail.values[k];
      const f = src.detail.flags.get(field);
      if (f) flags.set(field, f);
    } else if (src.prev) {
      for (const k of keys) (values as Record<string, unknown>)[k] = src.prev[k as keyof StoredDomain];
      for (const f of JSON.parse(src.prev.flags) as string[]) if (f.startsWith(`${field}:`)) flags.set(field, f);
    } else {
      for (const k of keys) (values as Record<string, unknown>)[k] = k === 'status' ? 'unknown' : null;
    }
  }
  return {
    name: base.name,
    unicode: base.unicode,
    tld: base.tld,
    ...values,
    flags: JSON.stringify([...flags.values()].sort()),
    rawList: src.list ? src.list.raw : (src.prev?.rawList ?? null),
    rawDetail: src.detail ? src.detail.raw : (src.prev?.rawDetail ?? null),
  };
}

/** Whether the list row says something different from the stored row (fields the list carries only). */
export function listRowChanged(list: Normalized, prev: StoredDomain, omits: readonly DomainDetailField[]): boolean {
  if (prev.removedAt !== null || list.raw !== prev.rawList) return true;
  for (const field of detailFields) {
    if (omits.includes(field)) continue;
    for (const k of VALUE_KEYS[field]) if (list.values[k] !== prev[k as keyof StoredDomain]) return true;
  }
  return false;
}
