import { generateKeyPairSync, sign } from 'node:crypto';

/**
 * Just enough DER to read and write PKCS#10 certificate requests, so
 * ssl/csrdecode decodes real CSRs (the seed's example included) and
 * ssl/csrcreate returns a CSR any tool can decode.
 */
export interface CsrSubject {
  commonName: string;
  organizationName: string;
  organizationalUnitName: string;
  countryName: string;
  stateOrProvinceName: string;
  localityName: string;
  emailAddress: string;
}

const OIDS: Record<keyof CsrSubject, string> = {
  countryName: '550406',
  stateOrProvinceName: '550408',
  localityName: '550407',
  organizationName: '55040a',
  organizationalUnitName: '55040b',
  commonName: '550403',
  emailAddress: '2a864886f70d010901',
};
const FIELD_BY_OID = new Map(Object.entries(OIDS).map(([k, v]) => [v, k as keyof CsrSubject]));
const SUBJECT_ORDER: (keyof CsrSubject)[] = ['countryName', 'stateOrProvinceName', 'localityName', 'organizationName', 'organizationalUnitName', 'commonName', 'emailAddress'];

interface Tlv {
  tag: number;
  start: number;
  end: number;
}

function readTlv(buf: Buffer, offset: number): Tlv {
  if (offset + 2 > buf.length) throw new Error('truncated DER');
  const tag = buf[offset]!;
  let len = buf[offset + 1]!;
  let start = offset + 2;
  if (len & 0x80) {
    const bytes = len & 0x7f;
    if (bytes === 0 || bytes > 4) throw new Error('bad DER length');
    len = 0;
    for (let i = 0; i < bytes; i++) len = len * 256 + buf[start + i]!;
    start += bytes;
  }
  if (start + len > buf.length) throw new Error('truncated DER');
  return { tag, start, end: start + len };
}

function children(buf: Buffer, parent: Tlv): Tlv[] {
  const out: Tlv[] = [];
  for (let off = parent.start; off < parent.end; ) {
    const t = readTlv(buf, off);
    out.push(t);
    off = t.end;
  }
  return out;
}

/** Subject of a PEM CSR, or null when the text is not a decodable certificate request. */
export function decodeCsr(pem: string): CsrSubject | null {
  const m = /-----BEGIN (NEW )?CERTIFICATE REQUEST-----([\s\S]+?)-----END (NEW )?CERTIFICATE REQUEST-----/.exec(pem);
  if (!m) return null;
  try {
    const der = Buffer.from(m[2]!.replace(/\s+/g, ''), 'base64');
    const top = readTlv(der, 0);
    const info = children(der, top)[0];
    if (top.tag !== 0x30 || !info || info.tag !== 0x30) return null;
    const [version, name] = children(der, info);
    if (!version || version.tag !== 0x02 || !name || name.tag !== 0x30) return null;
    const subject: CsrSubject = { commonName: '', organizationName: '', organizationalUnitName: '', countryName: '', stateOrProvinceName: '', localityName: '', emailAddress: '' };
    for (const set of children(der, name)) {
      for (const atv of children(der, set)) {
        const [oid, value] = children(der, atv);
        if (!oid || !value) continue;
        const field = FIELD_BY_OID.get(der.subarray(oid.start, oid.end).toString('hex'));
        if (field) subject[field] = der.subarray(value.start, value.end).toString('utf8');
      }
    }
    return subject.commonName ? subject : null;
  } catch {
    return null;
  }
}

function tlv(tag: number, content: Buffer): Buffer {
  const len = content.length;
  let header: Buffer;
  if (len < 0x80) header = Buffer.from([tag, len]);
  else {
    const bytes: number[] = [];
    for (let n = len; n > 0; n = Math.floor(n / 256)) bytes.unshift(n & 0xff);
    header = Buffer.from([tag, 0x80 | bytes.length, ...bytes]);
  }
  return Buffer.concat([header, content]);
}

/** A fresh RSA-2048 key and a SHA-256 signed CSR for the subject. */
export function createCsr(subject: CsrSubject): { csrData: string; csrKey: string } {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const rdns = SUBJECT_ORDER.filter((f) => subject[f] !== '').map((f) => {
    const stringTag = f === 'countryName' ? 0x13 : f === 'emailAddress' ? 0x16 : 0x0c;
    const atv = tlv(0x30, Buffer.concat([tlv(0x06, Buffer.from(OIDS[f], 'hex')), tlv(stringTag, Buffer.from(subject[f], 'utf8'))]));
    return tlv(0x31, atv);
  });
  const info = tlv(
    0x30,
    Buffer.concat([Buffer.from([0x02, 0x01, 0x00]), tlv(0x30, Buffer.concat(rdns)), publicKey.export({ type: 'spki', format: 'der' }), Buffer.from([0xa0, 0x00])]),
  );
  const signature = sign('sha256', info, privateKey);
  const sha256WithRsa = tlv(0x30, Buffer.concat([tlv(0x06, Buffer.from('2a864886f70d01010b', 'hex')), Buffer.from([0x05, 0x00])]));
  const csr = tlv(0x30, Buffer.concat([info, sha256WithRsa, tlv(0x03, Buffer.concat([Buffer.from([0]), signature]))]));
  return { csrData: pem('CERTIFICATE REQUEST', csr), csrKey: String(privateKey.export({ type: 'pkcs8', format: 'pem' })).trim() };
}

export function pem(label: string, der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----`;
}
