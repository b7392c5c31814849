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

/**
 * Lowercase LDH labels, none empty, no "xn--" label, a last label starting
 * with a letter (so the URL parser's IPv4 reading cannot apply): for these
 * `domainToASCII` is the identity, and skipping it (and `domainToUnicode`)
 * saves ~3 µs per name at 100k names.
 */
const PLAIN_ASCII = /^(?:(?!xn--)[a-z0-9_-]+\.)+(?!xn--|0x)[a-z][a-z0-9_-]*$/;

/** Canonical ASCII name, or null when the text is not a domain name at all. */
export function asciiName(input: string): string | null {
  let trimmed = input.trim().toLowerCase();
  if (trimmed.endsWith('.')) trimmed = trimmed.slice(0, -1);
  if (!trimmed || !trimmed.includes('.')) return null;
  if (PLAIN_ASCII.test(trimmed)) return trimmed;
  const ascii = domainToASCII(trimmed);
  return ascii ? ascii : null;
}

type Flags = Map<DomainDetailField, string>;

// Module functions, not closures per call: a closure per payload field is an allocation (and, under tsx, a
// `__name` property write) per name.
function dateMs(flags: Flags, field: DomainDetailField, v: unknown): number | null {
  if (v === null || v === undefined || v === '') return null;
  const ms = typeof v === 'string' ? Date.parse(v) : Number.NaN;
  if (Number.isNaN(ms)) {
    flags.set(field, `${field}:unparseable`);
    return null;
  }
  return ms;
}

function boolOrNull(flags: Flags, field: DomainDetailField, v: unknown): boolean | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean') return v;
  flags.set(field, `${field}:invalid`);
  return null;
}

const CURRENCY = /^[A-Z]{3}$/;

/** Trimmed, lowercased, without the root dot, empties dropped. */
function nameserverList(list: readonly string[]): string {
  const out: string[] = [];
  for (const n of list) {
    let v = n.trim().toLowerCase();
    if (v.endsWith('.')) v = v.slice(0, -1);
    if (v) out.push(v);
  }
  return JSON.stringify(out);
}

export function normalizeDomain(d: NormalizedDomain): Normalized {
  const rawName = typeof d?.name === 'string' ? d.name : '';
  const name = asciiName(rawName);
  if (!name) throw new DomainPayloadError(rawName || '(no name)', `The registrar returned a domain without a usable name (${JSON.stringify(rawName).slice(0, 80)}).`);
  const flags: Flags = new Map();
  let status: DomainStatus = 'unknown';
  if (typeof d.status === 'string' && STATUSES.has(d.status)) status = d.status;
  if (status === 'unknown') flags.set('status', 'status:unknown');

  let privacy: Normalized['values']['privacy'] = null;
  if (d.privacy === 'full' || d.privacy === 'partial' || d.privacy === 'off') privacy = d.privacy;
  else if (d.privacy !== null && d.privacy !== undefined) flags.set('privacy', 'privacy:invalid');

  let nameservers: string | null = null;
  if (Array.isArray(d.nameservers) && d.nameservers.every((n) => typeof n === 'string')) {
    nameservers = nameserverList(d.nameservers);
  } else if (d.nameservers !== null && d.nameservers !== undefined) flags.set('nameservers', 'nameservers:invalid');

  let renewalPriceMinor: number | null = null;
  let renewalCurrency: string | null = null;
  const price = d.renewalPrice;
  if (price && Number.isSafeInteger(price.amountMinor) && typeof price.currency === 'string' && CURRENCY.test(price.currency)) {
    renewalPriceMinor = price.amountMinor;
    renewalCurrency = price.currency;
  } else if (price !== null && price !== undefined) flags.set('renewalPrice', 'renewalPrice:invalid');

  const tld = typeof d.tld === 'string' && d.tld ? d.tld.toLowerCase().replace(/^\./, '') : name.slice(name.indexOf('.') + 1);
  return {
    name,
    unicode: typeof d.unicode === 'string' && d.unicode ? d.unicode : name.includes('xn--') ? domainToUnicode(name) || name : name,
    tld,
    values: {
      expiresAt: dateMs(flags, 'expiresAt', d.expiresAt),
      registryExpiresAt: dateMs(flags, 'registryExpiresAt', d.registryExpiresAt),
      createdAt: dateMs(flags, 'createdAt', d.createdAt),
      status,
      autoRenew: boolOrNull(flags, 'autoRenew', d.autoRenew),
      locked: boolOrNull(flags, 'locked', d.locked),
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
  const omitted = src.list ? src.omits : [];
  // Nothing to fill from another source (a full list, or a detail read alone): the one source's values as they are.
  if (omitted.length === 0) return fieldsOf(base, base.values, flagsText(base.flags), src);
  const values = { ...base.values };
  const flags = new Map(base.flags);
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
  return fieldsOf(base, values, flagsText(flags), src);
}

function flagsText(flags: Flags): string {
  return flags.size === 0 ? '[]' : JSON.stringify([...flags.values()].sort());
}

/** The stored form, as a literal (100k of these per load: no spread). */
function fieldsOf(base: Normalized, v: Normalized['values'], flags: string, src: MergeSources): DomainFields {
  return {
    name: base.name,
    unicode: base.unicode,
    tld: base.tld,
    expiresAt: v.expiresAt,
    registryExpiresAt: v.registryExpiresAt,
    createdAt: v.createdAt,
    status: v.status,
    autoRenew: v.autoRenew,
    locked: v.locked,
    privacy: v.privacy,
    nameservers: v.nameservers,
    folder: v.folder,
    renewalPriceMinor: v.renewalPriceMinor,
    renewalCurrency: v.renewalCurrency,
    flags,
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
