import { describe, expect, it } from 'vitest';
import { effectiveEndpoint } from '../../../src-shared/accounts/registrars.js';
import { normalizeEndpoint, validateColor, validateCredentials, validateEndpoint, validateLabel, validateRegistrar } from '../../../src-shared/accounts/validate.js';

const keys = (r: ReturnType<typeof validateCredentials>) => (r.ok ? [] : r.problems.map((p) => `${p.field}:${p.key}`));

describe('credential schemas', () => {
  it('accepts each registrar in the sandbox descriptor shape and splits secrets from settings', () => {
    expect(validateCredentials('dynadot', { key: ' K3yValue123 ' })).toEqual({ ok: true, value: { secret: { key: 'K3yValue123' }, environment: null } });
    expect(validateCredentials('mrdomain', { apiuser: 'dd9m4', apipasswd: 'pw-123' })).toEqual({ ok: true, value: { secret: { apiuser: 'dd9m4', apipasswd: 'pw-123' }, environment: null } });
    expect(validateCredentials('irsfa', { clientId: 'id-1', clientSecret: 'sec' })).toEqual({ ok: true, value: { secret: { clientId: 'id-1', clientSecret: 'sec' }, environment: 'production' } });
    expect(validateCredentials('irsfa', { clientId: 'id-1', clientSecret: 'sec', environment: 'sandbox' })).toMatchObject({ ok: true, value: { environment: 'sandbox' } });
    expect(validateCredentials('reseller', { token: 'drk_abcDEF123' })).toMatchObject({ ok: true, value: { secret: { token: 'drk_abcDEF123' } } });
  });

  it('rejects empty, malformed and unknown fields with field-level keys', () => {
    expect(keys(validateCredentials('dynadot', { key: '' }))).toEqual(['credentials.key:required']);
    expect(keys(validateCredentials('dynadot', {}))).toEqual(['credentials.key:required']);
    expect(keys(validateCredentials('dynadot', { key: 'has space' }))).toEqual(['credentials.key:noSpaces']);
    expect(keys(validateCredentials('dynadot', { key: 'x'.repeat(600) }))).toEqual(['credentials.key:tooLong']);
    expect(keys(validateCredentials('dynadot', { key: 42 }))).toEqual(['credentials.key:notText']);
    expect(keys(validateCredentials('mrdomain', { apiuser: 'u' }))).toEqual(['credentials.apipasswd:required']);
    expect(keys(validateCredentials('irsfa', { clientId: 'a', clientSecret: 'b', environment: 'staging' }))).toEqual(['credentials.environment:environment']);
    expect(keys(validateCredentials('reseller', { token: 'abc123' }))).toEqual(['credentials.token:resellerToken']);
    expect(keys(validateCredentials('reseller', { token: 'drk_' }))).toEqual(['credentials.token:resellerToken']);
    expect(keys(validateCredentials('dynadot', { key: 'abc', apipasswd: 'x' }))).toEqual(['credentials:unknownField']);
    expect(keys(validateCredentials('dynadot', 'just-a-string'))).toEqual(['credentials:required']);
  });

  it('names the unexpected and expected fields', () => {
    const r = validateCredentials('mrdomain', { apiuser: 'u', apipasswd: 'p', key: 'k' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]!.params).toMatchObject({ fields: 'key', expected: 'apiuser, apipasswd' });
  });
});

describe('account fields', () => {
  it('accepts http(s) endpoints only, without user info, and requires one for resellers', () => {
    expect(validateEndpoint('dynadot', null)).toEqual([]);
    expect(validateEndpoint('dynadot', 'http://127.0.0.1:4000/dynadot')).toEqual([]);
    expect(validateEndpoint('dynadot', 'ftp://example.com')[0]?.key).toBe('endpointScheme');
    expect(validateEndpoint('dynadot', 'not a url')[0]?.key).toBe('endpointUrl');
    expect(validateEndpoint('dynadot', 'https://u:p@example.com')[0]?.key).toBe('endpointUserinfo');
    expect(validateEndpoint('reseller', '')[0]?.key).toBe('endpointRequired');
  });

  it('normalizes endpoints to origin + path without trailing slash or query', () => {
    expect(normalizeEndpoint('http://127.0.0.1:4000/dynadot/?key=abc')).toBe('http://127.0.0.1:4000/dynadot');
    expect(normalizeEndpoint('  ')).toBeNull();
  });

  it('refuses empty and duplicate labels (case-insensitive)', () => {
    expect(validateLabel('  ', [])[0]?.key).toBe('labelRequired');
    expect(validateLabel('Main', ['main'])[0]).toMatchObject({ key: 'labelTaken', params: { label: 'Main' } });
    expect(validateLabel('Main 2', ['main'])).toEqual([]);
    expect(validateLabel('x'.repeat(61), [])[0]?.key).toBe('tooLong');
  });

  it('checks colours and registrar ids', () => {
    expect(validateColor('#1f5eff')).toEqual([]);
    expect(validateColor('blue')[0]?.key).toBe('color');
    expect(validateRegistrar('godaddy')[0]).toMatchObject({ key: 'registrar', params: { registrar: 'godaddy' } });
    expect(validateRegistrar('irsfa')).toEqual([]);
  });

  it('resolves the real origins, by environment for Irsfa', () => {
    expect(effectiveEndpoint('dynadot', null, null)).toBe('https://api.dynadot.com');
    expect(effectiveEndpoint('irsfa', null, 'sandbox')).toBe('http://api2.sandbox.irsfa.id');
    expect(effectiveEndpoint('irsfa', 'http://127.0.0.1:1/irsfa', 'production')).toBe('http://127.0.0.1:1/irsfa');
    expect(effectiveEndpoint('reseller', null, null)).toBeNull();
  });
});
