/** Wire formats shared by the Irsfa handlers. */

const DAY_MS = 86_400_000;
export { DAY_MS };

/** "2023-06-28 14:31:29", the seed's date format (rendered in UTC by the sandbox). */
export function wireDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

/** "2024-08-27T09:10:49.990Z", used inside the SSL verificationState block. */
export function isoDate(ms: number): string {
  return new Date(ms).toISOString();
}

/** Calendar-year arithmetic in UTC, the way registries move expiry dates. */
export function addYears(ms: number, years: number): number {
  const d = new Date(ms);
  const month = d.getUTCMonth();
  d.setUTCFullYear(d.getUTCFullYear() + years);
  // 29 Feb + 1 year rolls over to 1 Mar in JS; registries keep 28 Feb.
  if (d.getUTCMonth() !== month) d.setUTCDate(0);
  return d.getTime();
}

/** Whole rupiah on the wire (the seed's prices: 65000); DomainDeck stores sen (ISO 4217 exponent 2). */
export function rupiah(minor: number): number {
  return Math.round(minor / 100);
}

/** ASCII (punycode) form of a host name, or null when it is not a valid name. */
export function asciiName(name: string): string | null {
  const trimmed = name.trim().toLowerCase().replace(/\.$/, '');
  if (trimmed === '' || /[\s/:@?#]/.test(trimmed)) return null;
  try {
    const host = new URL(`http://${trimmed}`).hostname;
    return /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(host) ? host : null;
  } catch {
    return null;
  }
}
