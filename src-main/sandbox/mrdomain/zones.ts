/**
 * The TLDs this sandbox account can register/renew/transfer, with EUR prices
 * in minor units. Covers every TLD the shared portfolio generator uses plus a
 * few from the seed's examples. A TLD outside this table is error 2002
 * "TLD not supported".
 */
export interface Zone {
  tld: string;
  tldtop: string;
  authcodereq: boolean;
  createMinor: number;
  renewMinor: number;
  transferMinor: number;
  /** Longest registration the registry allows, in years. */
  maxYears: number;
  /** Whether the registry supports a transfer lock (getinfo omits transferBlock otherwise, as the seed says). */
  transferLock: boolean;
  /** A create promotion runs for this TLD (inPromo appears only when true). */
  createPromo?: boolean;
}

const z = (tld: string, create: number, renew: number, extra: Partial<Zone> = {}): Zone => ({
  tld,
  tldtop: tld.includes('.') ? tld.slice(tld.lastIndexOf('.') + 1) : tld,
  authcodereq: true,
  createMinor: create,
  renewMinor: renew,
  transferMinor: renew,
  maxYears: 10,
  transferLock: true,
  ...extra,
});

export const ZONES: Zone[] = [
  z('com', 1095, 1195),
  z('net', 1295, 1295),
  z('org', 1195, 1195),
  z('io', 3995, 3995),
  z('co', 2595, 2595),
  z('ai', 7995, 7995),
  z('xyz', 195, 1395, { createPromo: true }),
  z('app', 1595, 1595),
  z('dev', 1495, 1495),
  z('shop', 3295, 3295),
  z('store', 4495, 4495),
  z('info', 1895, 1895),
  z('me', 1795, 1795),
  z('es', 695, 895, { authcodereq: false, transferLock: false }),
  z('de', 795, 795, { authcodereq: true, transferLock: false }),
  z('eu', 995, 995, { transferLock: false }),
  z('id', 1495, 1495),
  z('co.id', 1195, 1195),
  z('my.id', 295, 295),
  z('web.id', 595, 595),
  z('tv', 2995, 2995),
  z('tel', 1295, 1331),
  z('cat', 1995, 1995, { transferLock: false }),
  z('pro', 495, 1695, { createPromo: true }),
  z('green', 1295, 5295),
];

const BY_TLD = new Map(ZONES.map((zone) => [zone.tld, zone]));

/** The zone of a domain whose TLD is already known (every portfolio record): one map lookup. */
export function zoneByTld(tld: string): Zone | undefined {
  return BY_TLD.get(tld);
}

/** The zone of a domain name: the longest matching suffix ("web.id" before "id"). */
export function zoneOf(name: string): Zone | undefined {
  const labels = name.split('.');
  for (let i = 1; i < labels.length; i++) {
    const zone = BY_TLD.get(labels.slice(i).join('.'));
    if (zone) return zone;
  }
  return undefined;
}

export function yearsList(max: number): string {
  return Array.from({ length: max }, (_, i) => String(i + 1)).join(',');
}
