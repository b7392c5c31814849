import { z } from 'zod';
import type { Money } from '../../../src-shared/money.js';
import { RegistrarError } from '../errors.js';
import type { MrDomainClient } from './client.js';
import { moneyFromFloat } from './normalize.js';

/** account/info (seed 002 §4.1). apiuser is echoed back; it is a credential, so it is not passed on. */
export const accountInfoSchema = z.looseObject({
  clientName: z.string(),
  apiuser: z.string(),
  balance: z.number(),
  threshold: z.number(),
  currency: z.string().regex(/^[A-Z]{3}$/),
  ip: z.string(),
});

export interface MrDomainAccountInfo {
  clientName: string;
  balance: Money;
  /** MrDomain e-mails a low-balance warning below this. */
  threshold: Money;
  /** The public IP MrDomain saw: the one that must be registered in its panel. */
  ip: string;
}

export async function readAccountInfo(client: MrDomainClient): Promise<MrDomainAccountInfo> {
  const r = await client.call({ action: 'account/info', kind: 'read', data: accountInfoSchema, priority: 'interactive' });
  try {
    return { clientName: r.clientName, balance: moneyFromFloat(r.balance, r.currency), threshold: moneyFromFloat(r.threshold, r.currency), ip: r.ip };
  } catch {
    throw new RegistrarError({ kind: 'Transient', registrar: 'mrdomain', message: `MrDomain reported a balance DomainDeck cannot read exactly (${r.balance} ${r.currency}).` });
  }
}
