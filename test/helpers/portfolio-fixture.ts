import type { DomainStatus } from '../../src-shared/domain-status.js';
import type { NormalizedDomain } from '../../src-main/registrars/types.js';

/**
 * A deterministic synthetic portfolio for large-scale tests and benchmarks:
 * mixed TLDs, statuses, expiries over three years, prices in three
 * currencies (some unknown), folders, locks and auto-renew flags.
 */
const WORDS = ['alpha', 'bravo', 'cloud', 'delta', 'echo', 'fox', 'gold', 'harbor', 'iron', 'jade', 'kilo', 'lime', 'metro', 'nova', 'orbit', 'pixel', 'quart', 'river', 'solar', 'tango'];
const TLDS = ['com', 'net', 'org', 'io', 'id', 'co.id', 'es', 'xyz'];
const STATUSES: DomainStatus[] = ['active', 'active', 'active', 'active', 'active', 'active', 'expired', 'grace', 'redemption', 'pending-delete'];
const PRICES = [
  { amountMinor: 1299, currency: 'USD' },
  { amountMinor: 1099, currency: 'EUR' },
  { amountMinor: 17858700, currency: 'IDR' },
  null,
] as const;
const FOLDERS = [null, null, 'For sale', 'Keep', 'Parked'];

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generatePortfolio(count: number, options: { seed?: number; start?: number; prefix?: string } = {}): NormalizedDomain[] {
  const rand = mulberry32(options.seed ?? 7);
  const start = options.start ?? Date.parse('2025-03-01T00:00:00Z');
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const out: NormalizedDomain[] = [];
  for (let i = 0; i < count; i++) {
    const tld = pick(TLDS);
    const name = `${options.prefix ?? ''}${pick(WORDS)}${pick(WORDS)}${i}.${tld}`;
    const expires = start + Math.floor(rand() * 3 * 365) * 24 * 3600 * 1000;
    const price = pick(PRICES);
    out.push({
      name,
      unicode: name,
      tld,
      expiresAt: new Date(expires).toISOString(),
      registryExpiresAt: null,
      createdAt: new Date(expires - 5 * 365 * 24 * 3600 * 1000).toISOString(),
      status: pick(STATUSES),
      autoRenew: rand() < 0.4,
      locked: rand() < 0.8,
      privacy: rand() < 0.5 ? 'full' : 'off',
      nameservers: ['ns1.parking.example', 'ns2.parking.example'],
      folder: pick(FOLDERS),
      renewalPrice: price ? { ...price } : null,
      raw: { Name: name, Expiration: expires, Status: 'x', Folder: 'f', Nameservers: ['ns1.parking.example', 'ns2.parking.example'] },
    });
  }
  return out;
}
