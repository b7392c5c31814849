import { z } from 'zod';
import { isRegistrarError, RegistrarError } from '../errors.js';
import type { ReconcileResult, RenewRequest, RenewResult } from '../types.js';
import type { IrsfaClient } from './client.js';
import { getDomain } from './domains.js';
import { domainFields, splitName } from './names.js';

/**
 * Renew and restore. Irsfa's renew call has no expiry guard: every accepted call
 * adds `period` years. So the adapter reads the domain first and renews only if
 * its expiry is still the one the user saw; a repeated or concurrent renewal
 * then finds the expiry moved and stops ('already-renewed'). After an unknown
 * outcome, reconcileRenewal reads the expiry back and compares it with
 * expectedExpiresAt + years.
 */

const MAX_YEARS = 10;

function requireYears(years: number): void {
  if (!Number.isInteger(years) || years < 1 || years > MAX_YEARS) {
    throw new RegistrarError({ kind: 'Invalid', registrar: 'irsfa', field: 'years', message: `A renewal period must be a whole number of years from 1 to ${MAX_YEARS}, not ${years}.` });
  }
}

/** Compared to the second: the wire carries seconds, never milliseconds. */
export function sameInstant(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return false;
  const x = Date.parse(a);
  const y = Date.parse(b);
  return Number.isFinite(x) && Number.isFinite(y) && Math.floor(x / 1000) === Math.floor(y / 1000);
}

/** Calendar years in UTC, the way registries move expiry dates (29 Feb + 1 year = 28 Feb). */
export function addYearsIso(iso: string, years: number): string {
  const d = new Date(Date.parse(iso));
  const month = d.getUTCMonth();
  d.setUTCFullYear(d.getUTCFullYear() + years);
  if (d.getUTCMonth() !== month) d.setUTCDate(0);
  return d.toISOString();
}

export async function renew(client: IrsfaClient, req: RenewRequest): Promise<RenewResult> {
  requireYears(req.years);
  const n = splitName(req.name);
  if (!Number.isFinite(Date.parse(req.expectedExpiresAt))) {
    throw new RegistrarError({ kind: 'Invalid', registrar: 'irsfa', field: 'expectedExpiresAt', message: `The expected expiry "${req.expectedExpiresAt}" of ${n.unicode} is not a date; refresh the domain before renewing.` });
  }
  const current = await getDomain(client, n.ascii, 'bulk');
  if (current.expiresAt === null) {
    throw new RegistrarError({ kind: 'Invalid', registrar: 'irsfa', field: 'expiresAt', message: `Irsfa did not report an expiry date for ${n.unicode}, so DomainDeck cannot check that it is not already renewed. Renew it in the Irsfa panel.` });
  }
  if (!sameInstant(current.expiresAt, req.expectedExpiresAt)) return { state: 'already-renewed', currentExpiresAt: current.expiresAt };
  if (current.status === 'redemption') {
    throw new RegistrarError({ kind: 'Invalid', registrar: 'irsfa', field: 'status', message: `${n.unicode} is in its redemption period: Irsfa brings it back only with a restore, which costs a restore fee on top of the renewal. Use Restore instead.` });
  }
  if (current.status === 'pending-delete' || current.status === 'pending-transfer') {
    throw new RegistrarError({ kind: 'Invalid', registrar: 'irsfa', field: 'status', message: `${n.unicode} cannot be renewed while it is ${current.status === 'pending-delete' ? 'pending delete' : 'being transferred'}.` });
  }
  await client.call({
    command: 'domain/renew',
    method: 'POST',
    kind: 'write',
    // The job's key in the description lets a person match the registrar's invoice to the job.
    body: { ...domainFields(n), period: req.years, description: `DomainDeck renewal ${req.idempotencyKey}`.slice(0, 255) },
    data: z.unknown(),
    action: `renewing ${n.unicode} for ${req.years} year(s)`,
  });
  return { state: 'renewed', newExpiresAt: await expiryAfterWrite(client, n.ascii), charged: null };
}

export async function reconcileRenewal(client: IrsfaClient, req: RenewRequest): Promise<ReconcileResult> {
  let expiresAt: string | null;
  try {
    expiresAt = (await getDomain(client, req.name, 'bulk')).expiresAt;
  } catch (e) {
    // Gone from the account: the renewal can no longer be judged from here.
    if (isRegistrarError(e) && e.kind === 'NotFound') return 'unknown';
    throw e;
  }
  if (expiresAt === null || !Number.isFinite(Date.parse(req.expectedExpiresAt))) return 'unknown';
  if (sameInstant(expiresAt, addYearsIso(req.expectedExpiresAt, req.years))) return 'applied';
  if (sameInstant(expiresAt, req.expectedExpiresAt)) return 'not-applied';
  return 'unknown';
}

/** Restore from redemption (seed: domain/restore with period and description); the new expiry is read back. */
export async function restore(client: IrsfaClient, name: string, years: number): Promise<{ newExpiresAt: string | null }> {
  requireYears(years);
  const n = splitName(name);
  await client.call({
    command: 'domain/restore',
    method: 'POST',
    kind: 'write',
    body: { ...domainFields(n), period: years, description: 'DomainDeck restore' },
    data: z.unknown(),
    action: `restoring ${n.unicode}`,
  });
  return { newExpiresAt: await expiryAfterWrite(client, n.ascii) };
}

/** The write succeeded; failing to read the new expiry must not turn it into a failure. */
async function expiryAfterWrite(client: IrsfaClient, name: string): Promise<string | null> {
  try {
    return (await getDomain(client, name, 'bulk')).expiresAt;
  } catch (e) {
    client.ctx.log('warn', `Irsfa applied the change to ${name} but reading it back failed (${isRegistrarError(e) ? e.kind : 'error'}); the next sync shows the new expiry.`);
    return null;
  }
}
