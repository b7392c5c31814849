import type { RegistrarSimulator, SimHandleContext, SimIdentity, SimRequest, SimResponse, SimulatorDeps } from '../core/types.js';
import { ACCOUNT_ACTIONS } from './commands/account.js';
import { CONTACT_ACTIONS } from './commands/contact.js';
import { BlockNow, type ActionContext, type ActionHandler } from './commands/context.js';
import { DOMAIN_CHECK_ACTIONS } from './commands/domain-check.js';
import { DOMAIN_READ_ACTIONS } from './commands/domain-read.js';
import { DOMAIN_WRITE_ACTIONS } from './commands/domain-write.js';
import { SERVICE_ACTIONS } from './commands/service.js';
import { SSL_TOOL_ACTIONS } from './commands/ssl-tools.js';
import { SSL_ACTIONS } from './commands/ssl.js';
import { runControl } from './control.js';
import { ApiError, errorEnvelope, okEnvelope, renderEnvelope, type Envelope, type OutputOptions } from './envelope.js';
import { Params } from './params.js';
import { IP_FILTERED_CODE, normalizeIp, RuleBook, ruleOptions } from './rules.js';
import { MrDomainState, numberOption } from './state.js';
import { UNSIMULATED_ACTIONS } from './unsimulated.js';

const ACTIONS: Record<string, ActionHandler> = {
  ...ACCOUNT_ACTIONS,
  ...DOMAIN_READ_ACTIONS,
  ...DOMAIN_WRITE_ACTIONS,
  ...DOMAIN_CHECK_ACTIONS,
  ...CONTACT_ACTIONS,
  ...SERVICE_ACTIONS,
  ...SSL_ACTIONS,
  ...SSL_TOOL_ACTIONS,
};

/** `/domain/list/` -> `domain/list`; anything else keeps its segments so the 102 answer names it. */
function actionOf(path: string): string {
  return path.split('/').filter(Boolean).join('/').toLowerCase();
}

/** Seed §2: parameters only count when POSTed; GET parameters are ignored. */
function formOf(req: SimRequest): URLSearchParams {
  return req.method === 'POST' ? req.form : new URLSearchParams();
}

/**
 * MrDomain / DonDominio Simple-POST API 1.0.20 (seed 002), mounted at /mrdomain.
 * Pipeline per call: output options, login (200/1003/1004), block in force,
 * registered IP (1007), simultaneous requests (block 1010), action (102/104),
 * handler. Every error answered is counted, and errors feed the per-account
 * error budget (block 1011). See rules.ts for the codes the seed leaves open.
 */
export function createMrDomainSimulator(deps: SimulatorDeps): RegistrarSimulator {
  const state = new MrDomainState(deps);
  const rules = new RuleBook(ruleOptions(deps.options));
  const sslIssueMs = numberOption(deps.options.sslIssueMs, 300_000);

  function identify(req: SimRequest): SimIdentity {
    const apiuser = formOf(req).get('apiuser');
    const account = apiuser ? (state.byApiUser(apiuser)?.label ?? null) : null;
    return { account, command: actionOf(req.path) || '(none)' };
  }

  function handle(req: SimRequest, ctx: SimHandleContext): SimResponse {
    const now = ctx.now();
    const action = actionOf(req.path);
    const p = new Params(formOf(req));
    const ip = normalizeIp(req.remoteAddress);
    const account = ctx.identity.account ? state.byLabel(ctx.identity.account) : undefined;
    let out: OutputOptions = { format: 'json', pretty: false };

    const send = (env: Envelope): SimResponse => renderEnvelope(env, out);
    const blocked = (code: number, message: string): SimResponse => {
      ctx.countError();
      return send(errorEnvelope(action, code, message));
    };
    const fail = (code: number, message: string): SimResponse => {
      ctx.countError();
      if (account && rules.recordError(account.label, now)) {
        const block = rules.block(account.label, 'errors', now);
        ctx.countViolation();
        ctx.countBlock();
        return send(errorEnvelope(action, block.code, block.message));
      }
      return send(errorEnvelope(action, code, message));
    };

    try {
      const format = p.oneOf('output-format', ['json', 'xml'] as const, 'json')!;
      out = { format, pretty: p.bool('output-pretty', false)! };
    } catch (err) {
      return fail(105, err instanceof Error ? err.message : 'Invalid output options');
    }

    const apiuser = p.opt('apiuser');
    const apipasswd = p.opt('apipasswd');
    if (apiuser === undefined || apipasswd === undefined) {
      return fail(200, req.method === 'POST' ? 'apiuser and apipasswd are required' : 'Parameters must be sent using POST (GET parameters are ignored)');
    }
    if (!account) return fail(1003, `Account not exists: ${apiuser}`);

    const block = rules.activeBlock(account.label, now);
    if (block) return blocked(block.code, block.message);
    if (apipasswd !== account.apipasswd) return fail(1004, 'Invalid apipasswd');
    if (!rules.ipAllowed(account.label, ip)) return fail(IP_FILTERED_CODE, `IP address ${ip} is not registered for this API account`);
    if (rules.tooConcurrent(ctx.concurrent)) {
      const b = rules.block(account.label, 'concurrency', now);
      ctx.countViolation();
      ctx.countBlock();
      return blocked(b.code, b.message);
    }

    const handler = ACTIONS[action];
    if (!handler) {
      if (UNSIMULATED_ACTIONS.has(action)) return fail(104, `${action} is not available in the DomainDeck sandbox`);
      return fail(102, 'invalid object/action');
    }

    const actx: ActionContext = {
      state,
      account: state.load(account),
      p,
      now,
      ip,
      sslIssueMs,
      countCheck: () => {
        if (rules.recordCheck(account.label, now)) throw new BlockNow('massCheck');
      },
    };
    try {
      return send(okEnvelope(action, handler(actx)));
    } catch (err) {
      if (err instanceof ApiError) return fail(err.code, err.message);
      if (err instanceof BlockNow) {
        const b = rules.block(account.label, err.blockCause, now);
        ctx.countViolation();
        ctx.countBlock();
        return blocked(b.code, b.message);
      }
      // Never a stack trace on the wire: the API's own "Undefined error".
      process.stderr.write(`sandbox mrdomain: ${action} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      return fail(1, 'Undefined error');
    }
  }

  return {
    registrar: 'mrdomain',
    accounts: () => state.accounts.map((a) => ({ label: a.label, credentials: { apiuser: a.apiuser, apipasswd: a.apipasswd } })),
    identify,
    handle,
    limits(label) {
      const now = deps.clock.now();
      const o = rules.options;
      const block = rules.activeBlock(label, now);
      return {
        limits: {
          maxConcurrent: o.maxConcurrent,
          errorBudget: o.errorBudget,
          errorWindowMs: o.errorWindowMs,
          checkBudget: o.checkBudget,
          checkWindowMs: o.checkWindowMs,
          blockMs: o.blockMs,
          allowedIps: rules.allowedIps(label).join(','),
          ...(block ? { blockCode: block.code } : {}),
        },
        pausedUntil: block ? new Date(block.until).toISOString() : null,
      };
    },
    control: (body) => runControl(body, { state, rules, now: deps.clock.now }),
  };
}
