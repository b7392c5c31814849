import { z } from 'zod';
import { domainStatus, isRenewable } from './domain-views.js';
import { authcodeOf, type AccountState, type MrDomainState, type MrdDomain } from './state.js';
import type { RuleBook } from './rules.js';

/**
 * Test controls, POST /__sandbox/registrars/mrdomain/control. Every body
 * names an action and an account label. Errors come back as
 * { ok: false, error } so a test sees what it got wrong.
 */
const account = z.string();
const controlSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('allowIps'), account, ips: z.array(z.string()).nullable() }),
  z.object({ action: z.literal('setBalance'), account, amountMinor: z.number().int().min(0) }),
  z.object({ action: z.literal('unblock'), account }),
  z.object({ action: z.literal('block'), account, ms: z.number().int().min(1).optional() }),
  z.object({ action: z.literal('state'), account }),
  z.object({ action: z.literal('domain'), account, name: z.string() }),
  z.object({
    action: z.literal('domains'),
    account,
    limit: z.number().int().min(1).max(1000).optional(),
    service: z.boolean().optional(),
    tld: z.string().optional(),
    status: z.string().optional(),
  }),
  z.object({
    action: z.literal('setDomain'),
    account,
    name: z.string(),
    expiresAt: z.string().datetime().optional(),
    modifyBlock: z.boolean().optional(),
    transferBlock: z.boolean().optional(),
    renewalMode: z.enum(['autorenew', 'manual', 'letexpire']).optional(),
    nameservers: z.array(z.string()).min(2).max(7).optional(),
  }),
]);

export interface ControlDeps {
  state: MrDomainState;
  rules: RuleBook;
  now(): number;
}

export function runControl(body: unknown, deps: ControlDeps): unknown {
  const parsed = controlSchema.safeParse(body);
  if (!parsed.success) {
    return { ok: false, error: `Invalid control body: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}` };
  }
  const cmd = parsed.data;
  const acc = deps.state.byLabel(cmd.account);
  if (!acc) return { ok: false, error: `Unknown account ${cmd.account}; use ${deps.state.accounts.map((a) => a.label).join(' or ')}` };
  const now = deps.now();
  switch (cmd.action) {
    case 'allowIps':
      return { ok: true, account: acc.label, allowedIps: deps.rules.setAllowedIps(acc.label, cmd.ips) };
    case 'setBalance':
      acc.balanceMinor = cmd.amountMinor;
      return { ok: true, account: acc.label, balanceMinor: acc.balanceMinor };
    case 'unblock':
      deps.rules.unblock(acc.label);
      return { ok: true, ...accountState(acc, deps) };
    case 'block':
      deps.rules.block(acc.label, 'manual', now, cmd.ms);
      return { ok: true, ...accountState(acc, deps) };
    case 'state':
      return { ok: true, ...accountState(acc, deps) };
    case 'domain': {
      const d = deps.state.findDomain(acc, cmd.name.toLowerCase());
      return d ? { ok: true, domain: domainRecord(d, now) } : { ok: false, error: `No domain ${cmd.name} in ${acc.label}` };
    }
    case 'domains': {
      const rows = deps.state
        .load(acc)
        .domains.filter(
          (d) =>
            (cmd.service === undefined || (d.service !== null) === cmd.service) &&
            (cmd.tld === undefined || d.tld === cmd.tld) &&
            (cmd.status === undefined || domainStatus(d, now) === cmd.status),
        )
        .slice(0, cmd.limit ?? 20);
      return { ok: true, domains: rows.map((d) => domainRecord(d, now)) };
    }
    case 'setDomain': {
      const d = deps.state.findDomain(acc, cmd.name.toLowerCase());
      if (!d) return { ok: false, error: `No domain ${cmd.name} in ${acc.label}` };
      if (cmd.expiresAt !== undefined) d.expiresAt = Date.parse(cmd.expiresAt);
      if (cmd.modifyBlock !== undefined) d.modifyBlock = cmd.modifyBlock;
      if (cmd.transferBlock !== undefined) d.transferBlock = cmd.transferBlock;
      if (cmd.renewalMode !== undefined) d.renewalMode = cmd.renewalMode;
      if (cmd.nameservers !== undefined) d.nameservers = cmd.nameservers.map((n) => n.toLowerCase());
      return { ok: true, domain: domainRecord(d, now) };
    }
  }
}

function accountState(acc: AccountState, deps: ControlDeps): Record<string, unknown> {
  const now = deps.now();
  return {
    account: acc.label,
    apiuser: acc.apiuser,
    balanceMinor: acc.balanceMinor,
    currency: 'EUR',
    domains: acc.domainCount,
    contacts: [...deps.state.load(acc).contacts.keys()],
    certificates: [...acc.certificates.keys()],
    allowedIps: deps.rules.allowedIps(acc.label),
    ...deps.rules.snapshot(acc.label, now),
  };
}

/** The internal record with times as ISO strings, plus what the API would derive from it. */
function domainRecord(d: MrdDomain, now: number): Record<string, unknown> {
  return {
    ...d,
    createdAt: new Date(d.createdAt).toISOString(),
    expiresAt: new Date(d.expiresAt).toISOString(),
    renewedAt: d.renewedAt === null ? null : new Date(d.renewedAt).toISOString(),
    service: d.service ? { createdAt: new Date(d.service.createdAt).toISOString() } : null,
    history: d.history.map((h) => ({ ...h, ts: new Date(h.ts).toISOString() })),
    status: domainStatus(d, now),
    renewable: isRenewable(d, now),
    authcode: authcodeOf(d),
  };
}
