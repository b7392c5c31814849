import { z } from 'zod';
import { formatMoney, money } from '../../../src-shared/money.js';
import { RegistrarError } from '../errors.js';
import type { NormalizedDomain, ReconcileResult, RenewQuote, RenewRequest, RenewResult } from '../types.js';
import type { DynadotClient } from './client.js';
import type { PriceBook } from './domains.js';
import { errorFromUnreadable, invalidInput, type CallSite } from './errors.js';
import { msToIso, normalize, optText, price, priceInfo, read, UnknownValue } from './parse.js';
import { domainName, intIn } from './validate.js';

/**
 * Renewals. Dynadot's guards: `year` (the year the name currently expires: a
 * stale request cannot renew twice), `price_check` (a preview that changes
 * nothing) and `no_renew_if_late_renew_fee_needed`. A renewal is never sent
 * twice by us: after an unknown outcome, reconcile() reads the expiry back.
 */

const QUOTE_TTL_MS = 5 * 60_000;
const MAX_YEARS = 10;

const priceCheckSchema = z.looseObject({ PriceInfo: z.string().min(1) });
const renewedSchema = z.looseObject({ Expiration: optText });

export interface RenewDeps {
  client: DynadotClient;
  now(): number;
  book(): PriceBook | null;
  /** domain_info, interactive. */
  info(name: string): Promise<NormalizedDomain>;
}

export class Renewals {
  /** The preview the user saw, reused by renew() so the confirmed price is the previewed one. */
  private readonly quotes = new Map<string, { quote: RenewQuote; at: number }>();

  constructor(private readonly d: RenewDeps) {}

  /** A price check; interactive when a person is looking at a preview, bulk inside a renewal job. */
  async quote(input: string, years: number, year?: number, priority: 'interactive' | 'bulk' = 'interactive'): Promise<RenewQuote> {
    const name = domainName(input);
    intIn(years, 1, MAX_YEARS, 'years', 'Renewal years');
    const site: CallSite = { command: 'renew', kind: 'read' };
    const answer = await this.d.client.call({
      ...site,
      shape: { roots: ['RenewResponse'] },
      params: { domain: name, duration: years, price_check: 1, year },
      priority,
    });
    const raw = this.d.client.scrub(JSON.stringify(answer.body));
    if (answer.status !== 'price_check_success') throw errorFromUnreadable(site, raw, `status "${answer.status ?? ''}" instead of a price check`);
    const info = priceInfo(read(priceCheckSchema, answer.body, site, raw).PriceInfo);
    const quote = normalize(() => this.toQuote(name, years, info), site, raw);
    this.quotes.set(`${name}|${years}`, { quote, at: this.d.now() });
    return quote;
  }

  private toQuote(name: string, years: number, info: Record<string, string>): RenewQuote {
    const currency = info.currency?.toUpperCase();
    const total = currency ? price(info.totalprice ?? info.renewprice, currency) : null;
    if (!currency || !total) throw new UnknownValue(`price check without currency and total for ${name}`);
    const late = price(info.laterenewfee, currency);
    const lateFee = late && late.amountMinor > 0 ? late : null;
    const base = price(info.renewprice, currency);
    const standard = this.d.book()?.find(name)?.renew;
    const premium = Boolean(base && standard && standard.currency === currency && base.amountMinor > standard.amountMinor * years);
    const warnings: string[] = [];
    if (lateFee) warnings.push(`${name} has expired: renewing now adds a late fee of ${formatMoney(lateFee, 'en')}.`);
    if (premium) warnings.push(`${name} renews at a premium price.`);
    return { name, years, price: total, lateFee, premium, warnings };
  }

  async renew(r: RenewRequest): Promise<RenewResult> {
    const name = domainName(r.name, 'name');
    const years = intIn(r.years, 1, MAX_YEARS, 'years', 'Renewal years');
    const expected = Date.parse(r.expectedExpiresAt);
    if (Number.isNaN(expected)) throw invalidInput('expectedExpiresAt', `"${r.expectedExpiresAt}" is not a date.`);
    const year = new Date(expected).getUTCFullYear();

    let quote: RenewQuote;
    try {
      quote = this.freshQuote(name, years) ?? (await this.quote(name, years, year, 'bulk'));
    } catch (err) {
      if (isYearMismatch(err)) return this.alreadyRenewed(name);
      throw err;
    }
    if (quote.lateFee && !r.allowLateFee) {
      throw invalidInput('allowLateFee', `${name} has expired: renewing it now costs an extra late fee of ${formatMoney(quote.lateFee, 'en')} (total ${formatMoney(quote.price, 'en')}). Allow late-renewal fees to renew it anyway.`);
    }
    const site: CallSite = { command: 'renew', kind: 'write' };
    let answer;
    try {
      answer = await this.d.client.call({
        ...site,
        shape: { roots: ['RenewResponse'] },
        params: { domain: name, duration: years, year, currency: quote.price.currency, no_renew_if_late_renew_fee_needed: r.allowLateFee ? undefined : 1 },
        // Renewals run inside journal jobs: they yield to a person's clicks.
        priority: 'bulk',
      });
    } catch (err) {
      if (isYearMismatch(err)) return this.alreadyRenewed(name);
      throw err;
    } finally {
      this.quotes.delete(`${name}|${years}`);
    }
    const raw = this.d.client.scrub(JSON.stringify(answer.body));
    const renewed = read(renewedSchema, answer.body, site, raw);
    const newExpiresAt = normalize(() => msToIso(renewed.Expiration), site, raw);
    return { state: 'renewed', newExpiresAt, charged: money(quote.price.amountMinor, quote.price.currency) };
  }

  /** Reads the expiry back: moved by exactly `years` -> applied; unchanged -> not applied; anything else -> unknown. */
  async reconcile(r: RenewRequest): Promise<ReconcileResult> {
    const expected = Date.parse(r.expectedExpiresAt);
    if (Number.isNaN(expected)) return 'unknown';
    let current: NormalizedDomain;
    try {
      current = await this.d.info(r.name);
    } catch (err) {
      if (err instanceof RegistrarError && err.kind === 'NotFound') return 'unknown';
      throw err;
    }
    if (!current.expiresAt) return 'unknown';
    const diff = new Date(current.expiresAt).getUTCFullYear() - new Date(expected).getUTCFullYear();
    if (diff === r.years) return 'applied';
    if (diff === 0) return 'not-applied';
    return 'unknown';
  }

  private freshQuote(name: string, years: number): RenewQuote | null {
    const hit = this.quotes.get(`${name}|${years}`);
    return hit && this.d.now() - hit.at < QUOTE_TTL_MS ? hit.quote : null;
  }

  private async alreadyRenewed(name: string): Promise<RenewResult> {
    const current = await this.d.info(name);
    return { state: 'already-renewed', currentExpiresAt: current.expiresAt };
  }
}

function isYearMismatch(err: unknown): boolean {
  return err instanceof RegistrarError && err.kind === 'Invalid' && err.field === 'expectedExpiresAt';
}
