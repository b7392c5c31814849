import { domainToASCII, domainToUnicode } from 'node:url';

/**
 * Domain names on the wire are ASCII (punycode): the seed's own tool shows
 * "españa.com" <-> "xn--espaa-rta.com", and domain/whois asks for punycode
 * explicitly. We convert locally with Node's IDNA (UTS #46) instead of calling
 * tool/idnconverter, which would cost one API request per name.
 */
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** Lower-case ASCII form of a domain or host name, or null when it is not a valid name. */
export function toAsciiName(input: string): string | null {
  const trimmed = input.trim().replace(/\.$/, '');
  if (trimmed === '' || /[\s,/:@?#]/.test(trimmed)) return null;
  const ascii = domainToASCII(trimmed.toLowerCase());
  if (ascii === '') return null;
  const labels = ascii.split('.');
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l))) return null;
  return ascii;
}

/** Unicode form of an ASCII name, for display. */
export function toUnicodeName(ascii: string): string {
  return domainToUnicode(ascii) || ascii;
}

/** The TLD as MrDomain's tables know it: the last label (callers use the API's own `tld` when it is given). */
export function lastLabel(ascii: string): string {
  return ascii.slice(ascii.lastIndexOf('.') + 1);
}
