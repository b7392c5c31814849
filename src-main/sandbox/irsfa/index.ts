import type { RegistrarSimulator, SimHandleContext, SimIdentity, SimRequest, SimResponse, SimulatorDeps } from '../core/types.js';
import { bearerOf, DEFAULT_TOKEN_LIFETIME_S, handleTokenRequest, tokenRequestAccount, TokenStore } from './auth.js';
import { CONTACT_ROUTES } from './contacts.js';
import type { Handler, IrsfaOptions } from './context.js';
import { runControl } from './control.js';
import { DOMAIN_ROUTES } from './domains.js';
import { Answer, fail, failed, MSG } from './envelope.js';
import { RECORD_ROUTES } from './records.js';
import { SSL_ROUTES } from './ssl.js';
import { DEFAULT_RESTORE_FEE_IDR, IrsfaState } from './state.js';
import { inputOf } from './validate.js';

/**
 * Irsfa (Aksara Data Digital) REST API simulator, written from seed 000.
 * Mounted at /irsfa: POST /api/oauth/token and /api/rest/v3/<service>/<action>.
 * Rule enforced: every REST call needs a live Bearer token (client_credentials
 * grant) and `X-Requested-With: XMLHttpRequest`, as every example in the seed sends.
 */

const TOKEN_PATH = '/api/oauth/token';
const REST_PREFIX = '/api/rest/v3/';

const ROUTES: Record<string, { method: string; handler: Handler }> = { ...CONTACT_ROUTES, ...DOMAIN_ROUTES, ...RECORD_ROUTES, ...SSL_ROUTES };

/** Hosting and VPS endpoints exist in the seed (all answering `data: {}`) but DomainDeck does not use them. */
const UNSIMULATED: Record<string, string> = {
  'hosting/detail': 'POST', 'hosting/product': 'GET', 'hosting/create': 'POST', 'hosting/change-password': 'POST',
  'hosting/suspend': 'POST', 'hosting/unsuspend': 'POST', 'vps/product': 'GET', 'vps/osvps': 'GET', 'vps/create': 'POST',
  'vps/detail': 'POST', 'vps/start': 'POST', 'vps/stop': 'POST', 'vps/restart': 'POST', 'vps/poweroff': 'POST',
  'vps/suspend': 'POST', 'vps/unsuspend': 'POST', 'vps/rebuild': 'POST',
};

function positive(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}

function optionsFrom(raw: Record<string, unknown>): IrsfaOptions {
  return {
    tokenLifetimeSeconds: Math.floor(positive(raw.tokenLifetimeSeconds, DEFAULT_TOKEN_LIFETIME_S)),
    transferDays: positive(raw.transferDays, 5),
    sslIssueMinutes: positive(raw.sslIssueMinutes, 15),
    restoreFeeIdr: Math.floor(positive(raw.restoreFeeIdr, DEFAULT_RESTORE_FEE_IDR)),
  };
}

function restKey(path: string): string {
  return path.slice(REST_PREFIX.length).replace(/\/+$/, '');
}

function routeMethod(key: string): string | undefined {
  return ROUTES[key]?.method ?? UNSIMULATED[key];
}

export function createIrsfaSimulator(deps: SimulatorDeps): RegistrarSimulator {
  const options = optionsFrom(deps.options);
  const state = new IrsfaState(deps);
  const tokens = new TokenStore(deps.rng, options.tokenLifetimeSeconds);
  /** failNext control: command → how many upcoming calls answer the documented 500. */
  const forcedFailures = new Map<string, number>();

  function identify(req: SimRequest): SimIdentity {
    if (req.path === TOKEN_PATH) return { account: tokenRequestAccount(req, state), command: 'oauth/token' };
    const token = bearerOf(req);
    const account = token ? tokens.ownerOf(token) : null;
    if (req.path.startsWith(REST_PREFIX) && routeMethod(restKey(req.path))) return { account, command: restKey(req.path) };
    return { account, command: 'unknown' };
  }

  async function route(req: SimRequest, ctx: SimHandleContext): Promise<SimResponse> {
    const now = ctx.now();
    if (req.path === TOKEN_PATH || req.path === `${TOKEN_PATH}/`) {
      if (req.method !== 'POST') return fail(405, `The ${req.method} method is not supported for route api/oauth/token. Supported methods: POST.`);
      return handleTokenRequest(req, state, tokens, now);
    }
    if (!req.path.startsWith(REST_PREFIX)) return fail(404, `The route ${req.path.replace(/^\//, '')} could not be found.`);
    const key = restKey(req.path);
    const method = routeMethod(key);
    // Laravel routes before it authenticates: unknown paths and wrong verbs are answered first.
    if (!method) return fail(404, `The route ${req.path.replace(/^\//, '')} could not be found.`);
    if (req.method !== method) return fail(405, `The ${req.method} method is not supported for route api/rest/v3/${key}. Supported methods: ${method}.`);

    const auth = tokens.check(req.headers.authorization, now);
    if (!auth.ok) {
      ctx.countViolation();
      return fail(401, MSG.unauthenticated);
    }
    if (String(req.headers['x-requested-with'] ?? '') !== 'XMLHttpRequest') {
      ctx.countViolation();
      return fail(400, 'The X-Requested-With: XMLHttpRequest header is required.');
    }
    const acc = state.account(auth.account)!;
    const forced = forcedFailures.get(key) ?? 0;
    if (forced > 0) {
      forcedFailures.set(key, forced - 1);
      return failed();
    }
    const route = ROUTES[key];
    if (!route) return failed('Hosting and VPS services are not simulated by the DomainDeck sandbox.');
    try {
      return await route.handler({ state, acc, input: inputOf(req), now, req, options });
    } catch (err) {
      if (err instanceof Answer) return err.response;
      throw err;
    }
  }

  return {
    registrar: 'irsfa',
    accounts: () => [...state.accounts.values()].map((a) => ({ label: a.label, credentials: { clientId: a.clientId, clientSecret: a.clientSecret } })),
    identify,
    async handle(req, ctx) {
      let res: SimResponse;
      try {
        res = await route(req, ctx);
      } catch (err) {
        // Never a stack trace on the wire: the documented generic failure.
        process.stderr.write(`sandbox irsfa: ${req.method} ${req.path}: ${String(err)}\n`);
        res = failed();
      }
      if (res.status >= 400) ctx.countError();
      return res;
    },
    limits(account) {
      const now = deps.clock.now();
      const acc = state.account(account);
      return {
        limits: {
          tokenLifetimeSeconds: options.tokenLifetimeSeconds,
          activeTokens: tokens.activeFor(account, now),
          transferDays: options.transferDays,
          sslIssueMinutes: options.sslIssueMinutes,
          restoreFeeIdr: options.restoreFeeIdr,
          portfolioDomains: acc?.portfolioSize ?? 0,
        },
        pausedUntil: null,
      };
    },
    control: (body) =>
      runControl(body, {
        state,
        now: deps.clock.now,
        failNext: (command, count) => {
          forcedFailures.set(command, count);
        },
        expireTokens: () => tokens.expireAll(),
      }),
    expireTokens: () => tokens.expireAll(),
  };
}
