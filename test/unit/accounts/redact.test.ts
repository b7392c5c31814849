import { describe, expect, it } from 'vitest';
import { redactPatterns, redactUrl, SecretRegistry } from '../../../src-main/vault/redact.js';

// One sample of each credential shape, as it appears on the wire of each registrar.
const DYN = 'Dyn4KeyValue0987654321';
const MRD_USER = 'ddapiuser77';
const MRD_PASS = 'MrdPa55word!x';
const IRS_ID = '725e0be2-2765-471c-aa86-03275b6777fc';
const IRS_SECRET = 'IrsfaClientSecret0042';
const RSL = 'drk_JbdN9EghLJaGynUuehlc';
const BEARER = 'eyJhbGciOiJIUzI1NiJ9.payload.sig';

describe('redaction of every secret shape', () => {
  it('masks known values wherever they appear', () => {
    const reg = new SecretRegistry();
    reg.addCredential({ key: DYN });
    reg.addCredential({ apiuser: MRD_USER, apipasswd: MRD_PASS });
    reg.addCredential({ clientId: IRS_ID, clientSecret: IRS_SECRET });
    const text = `failed for ${DYN} / ${MRD_USER}:${MRD_PASS} / ${IRS_ID} ${IRS_SECRET}`;
    const out = reg.redact(text);
    for (const s of [DYN, MRD_USER, MRD_PASS, IRS_ID, IRS_SECRET]) expect(out).not.toContain(s);
  });

  it('masks credential-shaped text it was never told about', () => {
    const samples = [
      `GET https://api.dynadot.com/api3.json?key=${DYN}&command=list_domain`,
      `apiuser=${MRD_USER}&apipasswd=${MRD_PASS}&domain=example.com`,
      `{"grant_type":"client_credentials","client_id":"x","client_secret":"${IRS_SECRET}"}`,
      `{"clientSecret": "${IRS_SECRET}"}`,
      `Authorization: Bearer ${BEARER}`,
      `token ${RSL} lacks ability domains.write`,
    ];
    for (const s of samples) {
      const out = redactPatterns(s);
      for (const secret of [DYN, MRD_USER, MRD_PASS, IRS_SECRET, BEARER, RSL]) expect(out, s).not.toContain(secret);
    }
  });

  it('redactUrl masks secret query parameters and keeps the rest readable', () => {
    const out = redactUrl(`http://127.0.0.1:4000/dynadot/api3.json?key=${DYN}&command=account_info`);
    expect(out).not.toContain(DYN);
    expect(out).toContain('command=account_info');
  });

  it('ignores very short values so ordinary words are not masked', () => {
    const reg = new SecretRegistry();
    reg.addCredential({ environment: 'prod' });
    expect(reg.redact('production')).toBe('production');
  });
});
