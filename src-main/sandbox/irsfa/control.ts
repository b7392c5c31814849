import { z } from 'zod';
import { contactView } from './contacts.js';
import { asciiName, rupiah } from './format.js';
import { statusOf, type AccountState, type IrsfaState } from './state.js';

/**
 * Test and demo controls: POST /__sandbox/registrars/irsfa/control.
 * The seed has no domain-list endpoint, so `listDomains` is how demo mode and
 * tests learn an account's names.
 */
const account = z.string();
export const controlSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('listDomains'), account, offset: z.number().int().min(0).optional(), limit: z.number().int().min(1).optional() }),
  z.object({ action: z.literal('domain'), account, name: z.string() }),
  z.object({
    action: z.literal('setDomain'),
    account,
    name: z.string(),
    expiresAt: z.string().datetime().optional(),
    locked: z.boolean().optional(),
    nameservers: z.array(z.string()).optional(),
  }),
  z.object({ action: z.literal('contacts'), account }),
  z.object({ action: z.literal('hosts'), account }),
  z.object({ action: z.literal('invoices'), account }),
  z.object({ action: z.literal('sslOrders'), account }),
  z.object({ action: z.literal('eppFor'), name: z.string() }),
  z.object({ action: z.literal('failNext'), command: z.string(), count: z.number().int().min(0).optional() }),
  z.object({ action: z.literal('expireTokens') }),
]);
export type ControlBody = z.infer<typeof controlSchema>;

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

export interface ControlHooks {
  state: IrsfaState;
  now(): number;
  failNext(command: string, count: number): void;
  expireTokens(): void;
}

export function runControl(body: unknown, hooks: ControlHooks): unknown {
  const parsed = controlSchema.safeParse(body);
  if (!parsed.success) {
    return { error: `Invalid control body: ${parsed.error.issues[0]?.message ?? 'unknown'}`, actions: controlSchema.options.map((o) => o.shape.action.value) };
  }
  const b = parsed.data;
  const { state } = hooks;
  const now = hooks.now();
  state.settleTransfers(now);
  const acc = 'account' in b ? state.account(b.account) : undefined;
  if ('account' in b && !acc) return { error: `Unknown account ${b.account}; use ${[...state.accounts.keys()].join(' or ')}` };
  const a = acc as AccountState;
  switch (b.action) {
    case 'listDomains': {
      const names = [...state.domainsOf(a).keys()];
      const offset = b.offset ?? 0;
      return { account: a.label, total: names.length, names: names.slice(offset, b.limit === undefined ? undefined : offset + b.limit) };
    }
    case 'domain':
    case 'setDomain': {
      const name = asciiName(b.name);
      const d = name ? state.domainsOf(a).get(name) : undefined;
      if (!d) return { error: `${b.name} is not in ${a.label}` };
      // setDomain: put a domain into the state a test or demo needs (e.g. redemption, unlocked).
      if (b.action === 'setDomain') {
        if (b.expiresAt !== undefined) d.expiresAt = Date.parse(b.expiresAt);
        if (b.locked !== undefined) d.locked = b.locked;
        if (b.nameservers !== undefined) d.nameservers = b.nameservers.map((n) => asciiName(n) ?? n);
        d.updatedAt = now;
      }
      return {
        ...d,
        status: statusOf(d, now),
        eppCode: state.eppCode(d),
        createdAt: iso(d.createdAt),
        expiresAt: iso(d.expiresAt),
        updatedAt: iso(d.updatedAt),
        transferUntil: iso(d.transferUntil),
        renewPriceIdr: rupiah(d.renewPriceMinor),
        currency: 'IDR',
      };
    }
    case 'contacts':
      return { account: a.label, contacts: [...a.contacts.values()].map(contactView) };
    case 'hosts':
      return { account: a.label, hosts: [...a.hosts.values()] };
    case 'invoices':
      return { account: a.label, invoices: a.invoices.map((i) => ({ ...i, amountIdr: rupiah(i.amountMinor), createdAt: iso(i.createdAt) })) };
    case 'sslOrders':
      return { account: a.label, orders: [...state.sslOrders.values()].filter((o) => o.account === a.label) };
    case 'eppFor': {
      const name = asciiName(b.name);
      if (!name) return { error: `${b.name} is not a domain name` };
      const owner = state.ownerOf(name);
      return { name, account: owner?.account.label ?? null, epp: owner ? state.eppCode(owner.domain) : state.externalEpp(name), registered: owner !== null || state.registeredElsewhere(name) };
    }
    case 'failNext':
      hooks.failNext(b.command, b.count ?? 1);
      return { ok: true, command: b.command, count: b.count ?? 1 };
    case 'expireTokens':
      hooks.expireTokens();
      return { ok: true };
  }
}
