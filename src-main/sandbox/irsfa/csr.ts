import { createPublicKey, generateKeyPair, sign, verify } from 'node:crypto';
import { promisify } from 'node:util';

/**
 * Real PKCS#10 certificate signing requests for /ssl/generate and /ssl/decode:
 * a minimal DER writer/reader, node:crypto for keys and signatures. Clients may
 * decode CSRs made by openssl, so decoding must handle real ones.
 */

const generateKeyPairAsync = promisify(generateKeyPair);

export interface CsrSubject {
  commonName: string | null;
  organization: string | null;
  unit: string | null;
  locality: string | null;
  state: string | null;
  country: string | null;
  email: string | null;
}

const SUBJECT_OIDS: Record<string, keyof CsrSubject> = {
  '2.5.4.3': 'commonName',
  '2.5.4.10': 'organization',
  '2.5.4.11': 'unit',
  '2.5.4.7': 'locality',
  '2.5.4.8': 'state',
  '2.5.4.6': 'country',
  '1.2.840.113549.1.9.1': 'email',
};
const SIGNATURE_ALGORITHMS: Record<string, string> = {
  '1.2.840.113549.1.1.5': 'sha1WithRSAEncryption',
  '1.2.840.113549.1.1.11': 'sha256WithRSAEncryption',
  '1.2.840.113549.1.1.12': 'sha384WithRSAEncryption',
  '1.2.840.113549.1.1.13': 'sha512WithRSAEncryption',
  '1.2.840.10045.4.3.2': 'ecdsa-with-SHA256',
  '1.2.840.10045.4.3.3': 'ecdsa-with-SHA384',
};
const SHA256_WITH_RSA = '1.2.840.113549.1.1.11';
const EXTENSION_REQUEST = '1.2.840.113549.1.9.14';
const SUBJECT_ALT_NAME = '2.5.29.17';

// ---- DER writing ----
function tlv(tag: number, content: Buffer): Buffer {
  const n = content.length;
  let len: Buffer;
  if (n < 0x80) len = Buffer.from([n]);
  else {
    const bytes: number[] = [];
    for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
    len = Buffer.from([0x80 | bytes.length, ...bytes]);
  }
  return Buffer.concat([Buffer.from([tag]), len, content]);
}
const seq = (...items: Buffer[]): Buffer => tlv(0x30, Buffer.concat(items));
const set = (...items: Buffer[]): Buffer => tlv(0x31, Buffer.concat(items));

function oid(text: string): Buffer {
  const arcs = text.split('.').map(Number);
  const out: number[] = [40 * arcs[0]! + arcs[1]!];
  for (const arc of arcs.slice(2)) {
    const chunk: number[] = [arc & 0x7f];
    for (let v = Math.floor(arc / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift((v & 0x7f) | 0x80);
    out.push(...chunk);
  }
  return tlv(0x06, Buffer.from(out));
}

function rdn(oidText: string, value: string): Buffer {
  // PrintableString for the country, IA5String for the email address, UTF8String otherwise.
  const tag = oidText === '2.5.4.6' ? 0x13 : oidText === '1.2.840.113549.1.9.1' ? 0x16 : 0x0c;
  return set(seq(oid(oidText), tlv(tag, Buffer.from(value, 'utf8'))));
}

function pem(label: string, der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

export interface GeneratedCsr {
  csr: string;
  key: string;
}

export async function generateCsr(bits: number, subject: CsrSubject): Promise<GeneratedCsr> {
  const { publicKey, privateKey } = await generateKeyPairAsync('rsa', { modulusLength: bits });
  const names: Buffer[] = [];
  const order: [string, string | null][] = [
    ['2.5.4.6', subject.country],
    ['2.5.4.8', subject.state],
    ['2.5.4.7', subject.locality],
    ['2.5.4.10', subject.organization],
    ['2.5.4.11', subject.unit],
    ['2.5.4.3', subject.commonName],
    ['1.2.840.113549.1.9.1', subject.email],
  ];
  for (const [o, v] of order) if (v) names.push(rdn(o, v));
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const info = seq(tlv(0x02, Buffer.from([0])), seq(...names), spki, tlv(0xa0, Buffer.alloc(0)));
  const signature = sign('sha256', info, privateKey);
  const csr = seq(info, seq(oid(SHA256_WITH_RSA), tlv(0x05, Buffer.alloc(0))), tlv(0x03, Buffer.concat([Buffer.from([0]), signature])));
  return { csr: pem('CERTIFICATE REQUEST', csr), key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
}

// ---- DER reading ----
interface Node {
  tag: number;
  /** Whole element (header + content). */
  raw: Buffer;
  content: Buffer;
}

function read(buf: Buffer, offset: number): Node & { end: number } {
  const tag = buf[offset];
  let lenByte = buf[offset + 1];
  if (tag === undefined || lenByte === undefined) throw new Error('truncated DER');
  let pos = offset + 2;
  let len = lenByte;
  if (lenByte & 0x80) {
    const count = lenByte & 0x7f;
    if (count === 0 || count > 4) throw new Error('unsupported DER length');
    len = 0;
    for (let i = 0; i < count; i++) {
      lenByte = buf[pos++];
      if (lenByte === undefined) throw new Error('truncated DER');
      len = len * 256 + lenByte;
    }
  }
  const end = pos + len;
  if (end > buf.length) throw new Error('truncated DER');
  return { tag, raw: buf.subarray(offset, end), content: buf.subarray(pos, end), end };
}

function children(node: Node): Node[] {
  const out: Node[] = [];
  for (let pos = 0; pos < node.content.length; ) {
    const child = read(node.content, pos);
    out.push(child);
    pos = child.end;
  }
  return out;
}

function oidText(content: Buffer): string {
  const first = content[0] ?? 0;
  const arcs = [Math.floor(first / 40), first % 40];
  let v = 0;
  for (const b of content.subarray(1)) {
    v = v * 128 + (b & 0x7f);
    if (!(b & 0x80)) {
      arcs.push(v);
      v = 0;
    }
  }
  return arcs.join('.');
}

export interface DecodedCsr {
  bits: number;
  publicKeyPem: string;
  subject: CsrSubject;
  signatureAlgorithm: string;
  altNames: string[];
}

export function decodeCsr(text: string): DecodedCsr {
  const m = /-----BEGIN (?:NEW )?CERTIFICATE REQUEST-----([\s\S]+?)-----END (?:NEW )?CERTIFICATE REQUEST-----/.exec(text.replace(/\\n/g, '\n'));
  if (!m) throw new Error('not a PEM certificate request');
  const der = Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64');
  const [info, algorithm, signature] = children(read(der, 0));
  if (!info || !algorithm || !signature) throw new Error('not a certificate request');
  const [, name, spki, attributes] = children(info);
  if (!name || !spki) throw new Error('not a certificate request');
  const subject: CsrSubject = { commonName: null, organization: null, unit: null, locality: null, state: null, country: null, email: null };
  for (const rdnSet of children(name)) {
    for (const atv of children(rdnSet)) {
      const [type, value] = children(atv);
      const key = type ? SUBJECT_OIDS[oidText(type.content)] : undefined;
      if (key && value) subject[key] = value.content.toString('utf8');
    }
  }
  const publicKey = createPublicKey({ key: spki.raw, format: 'der', type: 'spki' });
  const algOid = oidText(children(algorithm)[0]?.content ?? Buffer.alloc(0));
  const signatureAlgorithm = SIGNATURE_ALGORITHMS[algOid] ?? algOid;
  const hash = /sha(1|256|384|512)/i.exec(signatureAlgorithm)?.[1];
  if (hash && !verify(`sha${hash}`, info.raw, publicKey, signature.content.subarray(1))) throw new Error('bad CSR signature');
  return {
    bits: publicKey.asymmetricKeyDetails?.modulusLength ?? 0,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    subject,
    signatureAlgorithm,
    altNames: attributes ? altNamesOf(attributes) : [],
  };
}

function altNamesOf(attributes: Node): string[] {
  const names: string[] = [];
  for (const attr of children(attributes)) {
    const [type, values] = children(attr);
    if (!type || !values || oidText(type.content) !== EXTENSION_REQUEST) continue;
    for (const extensions of children(values)) {
      for (const ext of children(extensions)) {
        const parts = children(ext);
        if (!parts[0] || oidText(parts[0].content) !== SUBJECT_ALT_NAME) continue;
        const octets = parts[parts.length - 1]!;
        for (const general of children(read(octets.content, 0))) if (general.tag === 0x82) names.push(general.content.toString('ascii'));
      }
    }
  }
  return names;
}
