import { hashString } from '../core/rng.js';

/**
 * The reseller's price list and the deterministic "rest of the registry" used
 * by availability search. Prices are written in whole rupiah for reading and
 * served in ISO 4217 minor units (IDR exponent 2: sen), like the portfolio's
 * renewal prices, so Rp 178.588 is 17_858_800.
 */
export interface TldPrice {
  register: number;
  renew: number;
  transfer: number;
}

const RUPIAH: Record<string, TldPrice> = {
  com: { register: 178_588, renew: 178_588, transfer: 178_588 },
  net: { register: 211_088, renew: 211_088, transfer: 211_088 },
  org: { register: 194_838, renew: 194_838, transfer: 194_838 },
  io: { register: 649_838, renew: 649_838, transfer: 649_838 },
  co: { register: 422_338, renew: 422_338, transfer: 422_338 },
  ai: { register: 1_299_838, renew: 1_299_838, transfer: 1_299_838 },
  xyz: { register: 32_500, renew: 227_338, transfer: 227_338 },
  app: { register: 259_838, renew: 259_838, transfer: 259_838 },
  dev: { register: 243_588, renew: 243_588, transfer: 243_588 },
  shop: { register: 48_750, renew: 536_088, transfer: 536_088 },
  store: { register: 65_000, renew: 731_088, transfer: 731_088 },
  info: { register: 48_750, renew: 308_588, transfer: 308_588 },
  me: { register: 292_338, renew: 292_338, transfer: 292_338 },
  es: { register: 146_088, renew: 146_088, transfer: 146_088 },
  de: { register: 129_838, renew: 129_838, transfer: 129_838 },
  eu: { register: 162_338, renew: 162_338, transfer: 162_338 },
  id: { register: 243_588, renew: 243_588, transfer: 243_588 },
  'co.id': { register: 194_838, renew: 194_838, transfer: 0 },
  'my.id': { register: 48_588, renew: 48_588, transfer: 0 },
  'web.id': { register: 97_338, renew: 97_338, transfer: 0 },
};

const SEN_PER_RUPIAH = 100;
const PRICES = new Map<string, TldPrice>(
  Object.entries(RUPIAH).map(([tld, p]) => [
    tld,
    { register: p.register * SEN_PER_RUPIAH, renew: p.renew * SEN_PER_RUPIAH, transfer: p.transfer * SEN_PER_RUPIAH },
  ]),
);

/** Longest matching suffix among the TLDs sold (so `co.id` wins over `id`). */
export function tldOf(name: string): string | null {
  const labels = name.split('.');
  for (let i = 1; i < labels.length; i++) {
    const suffix = labels.slice(i).join('.');
    if (PRICES.has(suffix)) return suffix;
  }
  return null;
}

export function priceFor(tld: string): TldPrice | undefined {
  return PRICES.get(tld);
}

/** `.id` second-level zones are transferred by PANDI moving the registrant, not via EPP: not offered. */
export function transferable(tld: string): boolean {
  return (PRICES.get(tld)?.transfer ?? 0) > 0;
}

export type RegistryState = 'available' | 'premium' | 'registered';

/**
 * Names outside every sandbox account are taken or free by a hash of the
 * name, so searches are stable for a seed-independent name. Short labels are
 * mostly taken, like in the real registries.
 */
export function registryState(name: string): RegistryState {
  const label = name.split('.')[0] ?? name;
  const h = hashString(`registry/${name}`) % 100;
  if (label.length <= 3) return h < 85 ? 'registered' : 'premium';
  if (h < 35) return 'registered';
  if (h < 39) return 'premium';
  return 'available';
}

export function premiumMultiplier(name: string): number {
  return 5 + (hashString(`premium/${name}`) % 36);
}
