import { describe, expect, it } from 'vitest';
import { addMoney, formatMoney, money, parseDecimalMoney, totalsByCurrency } from '../../../src-shared/money.js';

describe('money', () => {
  it('parses registrar decimals into minor units without float error', () => {
    expect(parseDecimalMoney('12.99', 'USD')).toEqual({ amountMinor: 1299, currency: 'USD' });
    expect(parseDecimalMoney('0.1', 'EUR')).toEqual({ amountMinor: 10, currency: 'EUR' });
    expect(parseDecimalMoney('178587', 'IDR')).toEqual({ amountMinor: 17858700, currency: 'IDR' });
    expect(parseDecimalMoney('1,299.00', 'USD').amountMinor).toBe(129900);
    expect(() => parseDecimalMoney('12.999', 'USD')).toThrow(/decimals/);
    expect(() => parseDecimalMoney('abc', 'USD')).toThrow();
  });

  it('never adds different currencies', () => {
    expect(() => addMoney(money(1, 'USD'), money(1, 'EUR'))).toThrow(/Cannot add/);
    expect(totalsByCurrency([money(100, 'USD'), money(50, 'EUR'), money(25, 'USD')])).toEqual([money(50, 'EUR'), money(125, 'USD')]);
  });

  it('formats by locale, IDR without decimals', () => {
    expect(formatMoney(money(1299, 'USD'), 'en')).toBe('$12.99');
    expect(formatMoney(money(17858700, 'IDR'), 'id')).toMatch(/^Rp\s?178\.587$/);
    expect(formatMoney(money(1050, 'EUR'), 'id')).toMatch(/10,50/);
  });

  it('refuses non-integer amounts', () => {
    expect(() => money(1.5, 'USD')).toThrow(RangeError);
  });
});
