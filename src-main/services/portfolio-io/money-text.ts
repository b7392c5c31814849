import { parseDecimalMoney, type Money } from '../../../src-shared/money.js';

export type MoneyProblem = 'currency' | 'amount' | 'ambiguousComma' | 'decimals' | 'negative' | 'tooLarge';

/**
 * Reads a price cell. Commas are accepted only as thousands separators
 * ("1,234.50"): "12,99" is a European decimal comma that parseDecimalMoney
 * would read as 1299, a hundredfold error, so it is refused with a reason.
 */
export function parseMoneyCell(amountText: string, currencyText: string): { ok: true; money: Money } | { ok: false; problem: MoneyProblem } {
  const currency = currencyText.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) return { ok: false, problem: 'currency' };
  const text = amountText.trim();
  if (text.includes(',') && !/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(text)) return { ok: false, problem: 'ambiguousComma' };
  if (!/^-?\d+(,\d{3})*(\.\d+)?$/.test(text)) return { ok: false, problem: 'amount' };
  if (text.startsWith('-')) return { ok: false, problem: 'negative' };
  let money: Money;
  try {
    money = parseDecimalMoney(text, currency);
  } catch (err) {
    // parseDecimalMoney says "more decimals than X allows" or (past 2^53) refuses an unsafe integer.
    return { ok: false, problem: err instanceof RangeError && /decimals/.test(err.message) ? 'decimals' : 'tooLarge' };
  }
  return { ok: true, money };
}
