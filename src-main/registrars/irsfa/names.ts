import { domainToASCII, domainToUnicode } from 'node:url';
import { RegistrarError } from '../errors.js';

/**
 * Irsfa addresses a domain as `domain_name` (first label) + `domain_extension`
 * (everything after it: "id", "co.id", "com"), as every Domain example in seed 000 does.
 */
export interface IrsfaName {
  /** ASCII (punycode), lower case. */
  ascii: string;
  unicode: string;
  label: string;
  extension: string;
}

export function splitName(name: string): IrsfaName {
  const ascii = domainToASCII(name.trim().toLowerCase().replace(/\.$/, ''));
  const dot = ascii.indexOf('.');
  if (ascii === '' || dot <= 0 || dot === ascii.length - 1) {
    throw new RegistrarError({ kind: 'Invalid', registrar: 'irsfa', field: 'name', message: `"${name}" is not a domain name DomainDeck can send to Irsfa (expected e.g. example.co.id).` });
  }
  return { ascii, unicode: domainToUnicode(ascii) || ascii, label: ascii.slice(0, dot), extension: ascii.slice(dot + 1) };
}

/** The request body fields naming a domain. DNSSEC examples send the extension with a leading dot (".com"). */
export function domainFields(n: IrsfaName, dottedExtension = false): { domain_name: string; domain_extension: string } {
  return { domain_name: n.label, domain_extension: dottedExtension ? `.${n.extension}` : n.extension };
}

/** A host name (child nameserver, SSL host) in ASCII, lower case; throws Invalid when it is none. */
export function asciiHost(host: string, field: string): string {
  const ascii = domainToASCII(host.trim().toLowerCase().replace(/\.$/, ''));
  if (ascii === '' || !ascii.includes('.')) {
    throw new RegistrarError({ kind: 'Invalid', registrar: 'irsfa', field, message: `"${host}" is not a valid host name.` });
  }
  return ascii;
}
