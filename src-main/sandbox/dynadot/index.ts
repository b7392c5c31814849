import { z } from 'zod';
import { jsonResponse, textResponse } from '../core/http.js';
import { randomToken } from '../core/rng.js';
import type { RegistrarSimulator, SimHandleContext, SimRequest, SimResponse, SimulatorDeps } from '../core/types.js';
import { COMMANDS } from './commands/index.js';
import { Params, recordOrder, type Ctx, type DynadotOptions, type SimState } from './context.js';
import { buildXml } from './xml.js';
import { CommandError, failure, genericError, RawJson, type Format, type Reply } from './envelope.js';
import { createMarket, settle } from './market.js';
import { BANNED_MESSAGE, CONCURRENT_MESSAGE, SingleFlight } from './rules.js';
import { createAccount, normalizeDomain, type DynAccount, type DynDomain } from './state.js';

const optionsSchema = z.object({
  domains: z.number().int().min(0).default(250),
  banMs: z.number().int().min(0).default(10 * 60_000),
  processingMs: z.number().int().min(0).default(20),
  lateRenewFeeMinor: z.number().int().min(0).default(1500),
  redemptionFeeMinor: z.number().int().min(0).default(8000),
  /** Starting balances in USD cents per account label. */
  balances: z.record(z.string(), z.number().int()).default({}),
});

const controlSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('setBalance'), account: z.string(), amountMinor: z.number().int() }),
  z.object({ action: z.literal('unban'), account: z.string() }),
  z.object({ action: z.literal('domain'), account: z.string(), name: z.string() }),
]);

const FORMATS: Record<string, Format> = { '/api3.json': 'json', '/api3.xml': 'xml' };

export function createDynadotSimulator(deps: SimulatorDeps): RegistrarSimulator {
  const options = optionsSchema.parse(deps.options);
  const dynOptions: DynadotOptions = {
    banMs: options.banMs,
    processingMs: options.processingMs,
    lateRenewFeeMinor: options.lateRenewFeeMinor,
    redemptionFeeMinor: options.redemptionFeeMinor,
  };
  // Credentials come from the seeded RNG so a given --seed always prints the same keys.
  const keyA = randomToken(deps.rng, 40);
  const keyB = randomToken(deps.rng, 40);
  const accounts: DynAccount[] = [
    // dyn-a is a "bulk" account (search takes up to 100 names), dyn-b a regular one (1 name).
    { label: 'dyn-a', key: keyA, username: 'deck_investor', count: options.domains, balanceMinor: options.balances['dyn-a'] ?? 500_000, searchLimit: 100 },
    { label: 'dyn-b', key: keyB, username: 'deck_small', count: Math.max(5, Math.floor(options.domains / 20)), balanceMinor: options.balances['dyn-b'] ?? 1_500, searchLimit: 1 },
  ].map((spec) => createAccount(spec, deps.portfolio, deps.clock.now));
  const byKey = new Map(accounts.map((a) => [a.key, a]));
  const byLabel = new Map(accounts.map((a) => [a.label, a]));
  const sim: SimState = { accounts, market: createMarket(deps.rng, deps.clock.now()), options: dynOptions, nextOrderId: 1_000_001 };
  const guard = new SingleFlight(options.banMs);

  /** Hands a won auction's domain to the winner and bills the final price. */
  const deliver = (account: DynAccount, domain: DynDomain, costMinor: number, type: string): void => {
    account.balanceMinor -= costMinor;
    account.spentMinor += costMinor;
    account.domains().set(domain.name, domain);
    const ctx: Ctx = { account, q: new Params(new URLSearchParams()), now: domain.registeredAt, sim };
    recordOrder(ctx, [{ type, name: domain.name, duration: 1, costMinor }]);
  };

  function render(reply: Reply, format: Format, status = 200): SimResponse {
    if (format === 'xml') return textResponse(status, reply.xml(), 'text/xml; charset=utf-8');
    const body = reply.json();
    if (body instanceof RawJson) return { status, headers: { 'content-type': 'application/json' }, body: body.text };
    return jsonResponse(status, body);
  }

  function isProcessing(busy: boolean): Reply {
    const msg = busy ? 'yes' : 'no';
    return {
      error: false,
      xml: () => buildXml({ Response: { ResponseHeader: { ResponseCode: '0', ResponseMsg: msg } } }),
      json: () => ({ Response: { ResponseCode: '0', ResponseMsg: msg } }),
    };
  }

  async function handle(req: SimRequest, hctx: SimHandleContext): Promise<SimResponse> {
    const format = FORMATS[req.path];
    if (!format) {
      const csv = req.path === '/api3.html' || req.path === '/api3.csv';
      return textResponse(404, csv ? 'The CSV output (api3.html, api3.csv) is not simulated; use /api3.xml or /api3.json.' : 'Not Found');
    }
    const answer = (reply: Reply, status = 200): SimResponse => {
      if (reply.error) hctx.countError();
      return render(reply, format, status);
    };
    // Every documented call is a GET with a query string; nothing else is part of API3.
    if (req.method !== 'GET') {
      const r = answer(genericError(`${req.method} is not supported, send a GET request`), 405);
      return { ...r, headers: { ...r.headers, allow: 'GET' } };
    }
    const account = byKey.get(req.query.get('key') ?? '');
    if (!account) return answer(genericError('invalid key'));
    const until = guard.bannedAt(account.label, hctx.now());
    if (until !== null) return answer(genericError(`${BANNED_MESSAGE} ${new Date(until).toISOString()}`));
    const command = req.query.get('command');
    // is_processing exists to ask "is something still running?" while unsure, so it is exempt.
    if (command === 'is_processing') return answer(isProcessing(hctx.concurrent > 1));
    if (hctx.concurrent > 1) {
      const bannedUntil = guard.ban(account.label, hctx.now());
      hctx.countViolation();
      hctx.countBan();
      return answer(genericError(`${CONCURRENT_MESSAGE} ${new Date(bannedUntil).toISOString()}`));
    }
    if (options.processingMs > 0) await new Promise((r) => setTimeout(r, options.processingMs));
    if (!command) return answer(genericError('missing parameter command'));
    const spec = COMMANDS[command];
    if (!spec) return answer(genericError(`invalid command ${command}`));
    const now = hctx.now();
    settle(sim.market, accounts, now, deliver);
    try {
      return answer(spec.run({ account, q: new Params(req.query), now, sim }));
    } catch (err) {
      if (err instanceof CommandError) return answer(failure(spec.env, err.message));
      throw err;
    }
  }

  return {
    registrar: 'dynadot',
    accounts: () => accounts.map((a) => ({ label: a.label, credentials: { key: a.key } })),
    identify(req) {
      const account = FORMATS[req.path] ? (byKey.get(req.query.get('key') ?? '')?.label ?? null) : null;
      return { account, command: req.query.get('command') ?? '(none)' };
    },
    handle,
    limits(label) {
      const until = guard.bannedAt(label, deps.clock.now());
      return {
        limits: { maxInFlight: 1, banMs: options.banMs, processingMs: options.processingMs },
        pausedUntil: until === null ? null : new Date(until).toISOString(),
      };
    },
    control(body) {
      const parsed = controlSchema.safeParse(body);
      if (!parsed.success) return { ok: false, error: `invalid control body: ${parsed.error.issues[0]?.message ?? ''}; actions: setBalance, unban, domain` };
      const c = parsed.data;
      const account = byLabel.get(c.account);
      if (!account) return { ok: false, error: `unknown account ${c.account}; accounts: ${[...byLabel.keys()].join(', ')}` };
      if (c.action === 'setBalance') {
        account.balanceMinor = c.amountMinor;
        return { ok: true, account: account.label, balanceMinor: account.balanceMinor };
      }
      if (c.action === 'unban') {
        guard.unban(account.label);
        return { ok: true, account: account.label };
      }
      const name = normalizeDomain(c.name);
      const d = name ? account.domains().get(name) : undefined;
      return { ok: true, account: account.label, domain: d ? structuredClone(d) : null };
    },
  };
}
