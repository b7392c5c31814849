import { describe, expect, it } from 'vitest';
import { RegistrarError } from '../../../src-main/registrars/errors.js';
import { recordName } from '../../../src-main/registrars/mrdomain/dns.js';
import { contactParams } from '../../../src-main/registrars/mrdomain/domain-writes.js';
import { toAsciiName, toUnicodeName } from '../../../src-main/registrars/mrdomain/names.js';
import { addYearsYmd, curExpDate, isoFromYmd, moneyFromFloat, normalizeStatus } from '../../../src-main/registrars/mrdomain/normalize.js';
import { PageTracker } from '../../../src-main/registrars/mrdomain/paging.js';

describe('MrDomain names', () => {
  it('converts IDN names to punycode and back (the seed example)', () => {
    expect(toAsciiName('españa.com')).toBe('xn--espaa-rta.com');
    expect(toAsciiName('ESPAÑA.com.')).toBe('xn--espaa-rta.com');
    expect(toUnicodeName('xn--espaa-rta.com')).toBe('españa.com');
    expect(toAsciiName('Example.COM')).toBe('example.com');
  });

  it('refuses what is not a domain name', () => {
    for (const bad of ['', 'nodot', 'has space.com', 'a,b.com', '-lead.com', 'http://x.com']) expect(toAsciiName(bad), bad).toBeNull();
  });
});

describe('MrDomain normalization', () => {
  it('maps the seed status table', () => {
    expect(normalizeStatus('active')).toBe('active');
    expect(normalizeStatus('renewed')).toBe('active');
    expect(normalizeStatus('expired-renewgrace')).toBe('grace');
    expect(normalizeStatus('expired-redemption')).toBe('redemption');
    expect(normalizeStatus('expired-pendingdelete')).toBe('pending-delete');
    expect(normalizeStatus('transfer-pending')).toBe('pending-transfer');
    expect(normalizeStatus('something-new')).toBe('unknown');
  });

  it('reads dates and writes curExpDate as YYYYMMDD (UTC)', () => {
    expect(isoFromYmd('2015-05-14')).toBe('2015-05-14T00:00:00.000Z');
    expect(isoFromYmd('')).toBeNull();
    expect(curExpDate('2026-03-09T00:00:00.000Z')).toBe('20260309');
    expect(curExpDate('2026-03-09T23:30:00-02:00')).toBe('20260310');
    expect(addYearsYmd('2025-06-30', 2)).toBe('2027-06-30');
  });

  it('turns the API floats into exact minor units', () => {
    expect(moneyFromFloat(53.25, 'EUR')).toEqual({ amountMinor: 5325, currency: 'EUR' });
    expect(moneyFromFloat(124.0, 'EUR')).toEqual({ amountMinor: 12400, currency: 'EUR' });
    expect(moneyFromFloat(12.04, 'EUR')).toEqual({ amountMinor: 1204, currency: 'EUR' });
    expect(() => moneyFromFloat(0.001, 'EUR')).toThrow();
  });

  it('builds contact parameters by ID or in full', () => {
    expect(contactParams('owner', { contactID: 'JXD-1' })).toEqual({ ownerContactID: 'JXD-1' });
    const full = contactParams('admin', {
      type: 'individual',
      firstName: 'Ana',
      lastName: 'Ruiz',
      identNumber: 'X1',
      email: 'a@example.com',
      phone: '+34.600000000',
      address: 'Calle 1',
      postalCode: '28001',
      city: 'Madrid',
      state: 'Madrid',
      country: 'ES',
    });
    expect(full).toMatchObject({ adminContactType: 'individual', adminContactFirstName: 'Ana', adminContactCountry: 'ES' });
  });

  it('qualifies DNS record names inside the zone', () => {
    expect(recordName('example.com', '@')).toBe('example.com');
    expect(recordName('example.com', 'www')).toBe('www.example.com');
    expect(recordName('example.com', 'WWW.example.com.')).toBe('www.example.com');
    expect(recordName('example.com', '_dmarc')).toBe('_dmarc.example.com');
    expect(recordName('xn--espaa-rta.com', 'mañana')).toBe('xn--maana-pta.xn--espaa-rta.com');
  });
});

describe('PageTracker', () => {
  const q = (page: number, results: number, total: number) => ({ page, pageLength: 2, results, total });

  it('accepts a consistent list', () => {
    const t = new PageTracker('test list');
    t.accept(1, q(1, 2, 3), ['a', 'b']);
    expect(t.done(2)).toBe(false);
    t.accept(2, q(2, 1, 3), ['c']);
    expect(t.done(1)).toBe(true);
    expect(() => t.finish()).not.toThrow();
  });

  it.each([
    ['a changed total', (t: PageTracker) => t.accept(2, q(2, 2, 4), ['c', 'd'])],
    ['a duplicate row', (t: PageTracker) => t.accept(2, q(2, 1, 3), ['b'])],
    ['results that disagree with the rows', (t: PageTracker) => t.accept(2, q(2, 2, 3), ['c'])],
    ['the wrong page', (t: PageTracker) => t.accept(2, q(3, 1, 3), ['c'])],
    ['too few rows in the end', (t: PageTracker) => {
      t.accept(2, q(2, 0, 3), []);
      t.finish();
    }],
  ])('throws a Transient error on %s', (_what, step) => {
    const t = new PageTracker('test list');
    t.accept(1, q(1, 2, 3), ['a', 'b']);
    let caught: unknown;
    try {
      step(t);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(RegistrarError);
    expect((caught as RegistrarError).kind).toBe('Transient');
  });
});
