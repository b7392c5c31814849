import { hashString } from '../../core/rng.js';
import { ApiError, type ActionResult } from '../envelope.js';
import { asciiName, money, unicodeName } from '../params.js';
import { zoneOf, type Zone } from '../zones.js';
import type { ActionContext, ActionHandler } from './context.js';

/**
 * domain/check and domain/checkfortransfer: one name per call, and every call
 * counts toward the account's availability-check budget (seed §1.2: mass
 * availability checks are prohibited and temporarily block the apiuser).
 */
function checkTarget(c: ActionContext): { name: string; zone: Zone } {
  // Counted before anything else: every attempt is a query, valid or not (seed §1.2).
  c.countCheck();
  const raw = c.p.req('domain');
  const name = asciiName(raw.toLowerCase());
  if (name === null) throw new ApiError(2001, `Invalid domain name: ${raw}`);
  const zone = zoneOf(name);
  if (!zone) throw new ApiError(2002, `TLD not supported: ${name}`);
  return { name, zone };
}

/** Names nobody in the sandbox holds are still taken elsewhere about a third of the time (stable per name). */
function takenElsewhere(name: string): boolean {
  return hashString(`taken/${name}`) % 3 === 0;
}

function check(c: ActionContext): ActionResult {
  const { name, zone } = checkTarget(c);
  const premium = hashString(`premium/${name}`) % 29 === 0;
  const available = !c.state.isRegistered(name) && !takenElsewhere(name);
  return {
    data: {
      domains: [
        { name: unicodeName(name), punycode: name, tld: zone.tld, available, premium, price: money(premium ? zone.createMinor * 20 : zone.createMinor), currency: 'EUR' },
      ],
    },
  };
}

function checkForTransfer(c: ActionContext): ActionResult {
  const { name, zone } = checkTarget(c);
  const transfermsg: string[] = [];
  if (c.account.byName.has(name)) transfermsg.push('The domain is already in your account');
  else if (!c.state.isRegistered(name) && !takenElsewhere(name)) transfermsg.push('The domain is not registered');
  else if (hashString(`xferlock/${name}`) % 5 === 0) transfermsg.push('The domain has the transfer lock enabled at its current registrar');
  return {
    data: { domains: [{ name: unicodeName(name), punycode: name, tld: zone.tld, transferavail: transfermsg.length === 0, transfermsg, price: money(zone.transferMinor), currency: 'EUR' }] },
  };
}

export const DOMAIN_CHECK_ACTIONS: Record<string, ActionHandler> = {
  'domain/check': check,
  'domain/checkfortransfer': checkForTransfer,
};
