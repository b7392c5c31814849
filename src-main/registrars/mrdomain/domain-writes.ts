import type { Money } from '../../../src-shared/money.js';
import { isRegistrarError, RegistrarError } from '../errors.js';
import type { ReconcileResult, RenewRequest, RenewResult } from '../types.js';
import type { FormParams, MrDomainClient } from './client.js';
import { checkDataSchema, domainSummarySchema, renewDataSchema, type DomainSummary } from './domain-schemas.js';
import { wireName, type MrDomainDomainReads } from './domains.js';
import { formBool } from './envelope.js';
import { toAsciiName, toUnicodeName } from './names.js';
import { addYearsYmd, curExpDate, daysBetween, isoFromYmd, moneyFromFloat, ymdOf } from './normalize.js';

export type RenewalMode = 'autorenew' | 'manual' | 'letexpire';

/** A contact given by its MrDomain ID, or in full (seed §5.3.1). */
export type ContactRef =
  | { contactID: string }
  | {
      type: 'individual' | 'organization';
      firstName: string;
      lastName: string;
      orgName?: string;
      orgType?: string;
      identNumber: string;
      email: string;
      phone: string;
      fax?: string;
      address: string;
      postalCode: string;
      city: string;
      state: string;
      country: string;
    };
export type ContactRole = 'owner' | 'admin' | 'tech' | 'billing' | 'org';

/** ownerContactID=..., or ownerContactType/ownerContactFirstName/... (other roles switch the prefix). */
export function contactParams(role: ContactRole, ref: ContactRef): FormParams {
  if ('contactID' in ref) return { [`${role}ContactID`]: ref.contactID };
  const out: FormParams = {};
  for (const [k, v] of Object.entries(ref)) if (v !== undefined) out[`${role}Contact${k[0]!.toUpperCase()}${k.slice(1)}`] = v;
  return out;
}

export interface AvailabilityResult {
  name: string;
  unicode: string;
  available: boolean;
  premium: boolean;
  price: Money | null;
}

function invalid(field: string, message: string): RegistrarError {
  return new RegistrarError({ kind: 'Invalid', registrar: 'mrdomain', field, message });
}

/** Renewals (guarded by curExpDate), domain/update in its update types, and the single-name check. */
export class MrDomainDomainWrites {
  constructor(
    private readonly client: MrDomainClient,
    private readonly reads: MrDomainDomainReads,
    private readonly log: (level: 'warn', message: string) => void,
  ) {}

  /**
   * curExpDate is the API's guard that makes a renewal safe: MrDomain refuses
   * (2100) when the expiry is no longer the one we saw, e.g. because the
   * domain was renewed elsewhere. 2100 is also the generic "Domain renew
   * error", so the domain is read back: a moved expiry is "already renewed"
   * (nothing charged, nothing to retry); otherwise the error stands.
   * RenewRequest.idempotencyKey has no place on this API's wire.
   */
  async renew(req: RenewRequest): Promise<RenewResult> {
    const domain = wireName(req.name);
    if (!Number.isInteger(req.years) || req.years < 1 || req.years > 10) throw invalid('years', `${domain}: a renewal is 1 to 10 years, not ${req.years}.`);
    const expected = this.expectedYmd(domain, req.expectedExpiresAt);
    try {
      const r = await this.client.call({
        action: 'domain/renew',
        kind: 'write',
        params: { domain, curExpDate: curExpDate(req.expectedExpiresAt), period: String(req.years) },
        data: renewDataSchema,
        subject: domain,
      });
      const row = r.domains.find((d) => toAsciiName(d.name) === domain) ?? r.domains[0]!;
      return { state: 'renewed', newExpiresAt: isoFromYmd(row.tsExpir), charged: this.charged(domain, r.billing) };
    } catch (err) {
      if (!isRegistrarError(err) || err.code !== '2100') throw err;
      const now = await this.reads.status(domain);
      if (now.tsExpir && now.tsExpir !== expected) return { state: 'already-renewed', currentExpiresAt: isoFromYmd(now.tsExpir) };
      throw err;
    }
  }

  /**
   * After a renewal whose answer was lost: the expiry moved by the years we
   * asked for means it was applied; unchanged means it was not, unless the
   * domain reads "renewed" (renewal in process, expiry not yet moved); any
   * other expiry is for a person to look at.
   */
  async reconcileRenewal(req: RenewRequest): Promise<ReconcileResult> {
    const domain = wireName(req.name);
    const expected = this.expectedYmd(domain, req.expectedExpiresAt);
    const row = await this.reads.status(domain);
    if (!row.tsExpir) return 'unknown';
    if (Math.abs(daysBetween(addYearsYmd(expected, req.years), row.tsExpir)) <= 1) return 'applied';
    if (row.tsExpir === expected) return row.status === 'renewed' ? 'unknown' : 'not-applied';
    return 'unknown';
  }

  /** domain/update for one updateType (seed §5.6). */
  update(name: string, updateType: string, params: FormParams): Promise<DomainSummary> {
    const domain = wireName(name);
    return this.client.call({ action: 'domain/update', kind: 'write', params: { domain, updateType, ...params }, data: domainSummarySchema, subject: domain, priority: 'interactive' });
  }

  /** 2 to 7 servers, or 'default' for MrDomain's own (which also attaches the DNS service the zone lives in). */
  async setNameservers(name: string, nameservers: readonly string[] | 'default'): Promise<void> {
    if (nameservers === 'default') {
      await this.update(name, 'nameservers', { nameservers: 'default' });
      return;
    }
    if (nameservers.length < 2 || nameservers.length > 7) throw invalid('nameservers', `MrDomain needs 2 to 7 nameservers, not ${nameservers.length}.`);
    const ascii = nameservers.map((ns) => {
      const a = toAsciiName(ns);
      if (a === null) throw invalid('nameservers', `"${ns}" is not a valid nameserver host name.`);
      return a;
    });
    await this.update(name, 'nameservers', { nameservers: ascii.join(',') });
  }

  /** Transfer lock (transferBlock). */
  async setLock(name: string, locked: boolean): Promise<void> {
    await this.update(name, 'transferBlock', { transferBlock: formBool(locked) });
  }

  /** Modifications lock (block): while on, MrDomain refuses updates (2202) and renewals (2102). */
  async setModifyBlock(name: string, on: boolean): Promise<void> {
    await this.update(name, 'block', { block: formBool(on) });
  }

  async setRenewalMode(name: string, mode: RenewalMode): Promise<void> {
    await this.update(name, 'renewalMode', { renewalMode: mode });
  }

  /** Auto-renew off means "manual" (renew by hand), not "letexpire", which the user must choose explicitly. */
  async setAutoRenew(name: string, on: boolean): Promise<void> {
    await this.setRenewalMode(name, on ? 'autorenew' : 'manual');
  }

  async setPrivacy(name: string, privacy: 'full' | 'partial' | 'off'): Promise<void> {
    if (privacy === 'partial') throw invalid('privacy', 'MrDomain Whois privacy is either on or off; there is no partial setting.');
    await this.update(name, 'whoisPrivacy', { whoisPrivacy: formBool(privacy === 'full') });
  }

  /** Roles left out follow the API's fallback (admin <- owner, tech and billing <- admin). */
  async setContacts(name: string, contacts: Partial<Record<'owner' | 'admin' | 'tech' | 'billing', ContactRef>>): Promise<void> {
    const params: FormParams = {};
    for (const [role, ref] of Object.entries(contacts)) if (ref) Object.assign(params, contactParams(role as ContactRole, ref));
    if (Object.keys(params).length === 0) throw invalid('contacts', 'Name at least one contact to change.');
    await this.update(name, 'contact', params);
  }

  /**
   * domain/check for ONE name. There is deliberately no bulk variant: seed
   * 002 §1.2 forbids mass availability checks and MrDomain blocks accounts
   * that make them, so callers check a name the user typed, one at a time.
   */
  async checkAvailability(name: string): Promise<AvailabilityResult> {
    const domain = wireName(name);
    const r = await this.client.call({ action: 'domain/check', kind: 'read', params: { domain }, data: checkDataSchema, subject: domain, priority: 'interactive' });
    const row = r.domains[0]!;
    const ascii = toAsciiName(row.punycode) ?? domain;
    let price: Money | null = null;
    try {
      price = moneyFromFloat(row.price, row.currency);
    } catch {
      price = null;
    }
    return { name: ascii, unicode: toUnicodeName(ascii), available: row.available, premium: row.premium, price };
  }

  private expectedYmd(domain: string, iso: string): string {
    try {
      return ymdOf(iso);
    } catch {
      throw invalid('expectedExpiresAt', `${domain}: the expected expiry "${iso}" is not a date.`);
    }
  }

  /** The renewal went through: an unreadable bill must not turn it into a failure. */
  private charged(domain: string, billing: { total: number; currency: string }): Money | null {
    try {
      return moneyFromFloat(billing.total, billing.currency);
    } catch {
      this.log('warn', `mrdomain domain/renew ${domain}: billing total ${billing.total} ${billing.currency} could not be read as money`);
      return null;
    }
  }
}
