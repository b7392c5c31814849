import type { SimRequest, SimResponse } from '../core/types.js';
import { Answer, domainNotFound } from './envelope.js';
import { asciiName } from './format.js';
import type { AccountState, IrsfaDomain, IrsfaState } from './state.js';
import { str, validate, type Fields, type Schema } from './validate.js';

export interface IrsfaOptions {
  tokenLifetimeSeconds: number;
  /** Simulated days until a transfer-in completes. */
  transferDays: number;
  /** Simulated minutes until a new or renewed SSL order is issued. */
  sslIssueMinutes: number;
  restoreFeeIdr: number;
}

/** What every REST handler gets: the caller's account, its input and the simulated time. */
export interface Ctx {
  state: IrsfaState;
  acc: AccountState;
  input: Fields;
  now: number;
  req: SimRequest;
  options: IrsfaOptions;
}

export type Handler = (c: Ctx) => SimResponse | Promise<SimResponse>;

export const DOMAIN_FIELDS: Schema = {
  domain_name: { required: true, rule: { type: 'string', max: 253 } },
  domain_extension: { required: true, rule: { type: 'string', max: 63 } },
};

/** "yourdomain" + "id" (or ".id", as the DNSSEC examples send it) → "yourdomain.id" in ASCII, or null. */
export function fullName(input: Fields): string | null {
  const label = str(input, 'domain_name').replace(/\.$/, '');
  const ext = str(input, 'domain_extension').replace(/^\./, '');
  return asciiName(`${label}.${ext}`);
}

export function extensionOf(input: Fields): string {
  return str(input, 'domain_extension').replace(/^\./, '').toLowerCase();
}

/** Validates domain_name/domain_extension (+ extra rules) and returns the account's domain or answers 404. */
export function accountDomain(c: Ctx, extra: Schema = {}): IrsfaDomain {
  validate(c.input, { ...DOMAIN_FIELDS, ...extra });
  c.state.settleTransfers(c.now);
  const name = fullName(c.input);
  const d = name ? c.state.domainsOf(c.acc).get(name) : undefined;
  if (!d) throw new Answer(domainNotFound());
  return d;
}
