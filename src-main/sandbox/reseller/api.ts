import type { SimHandleContext, SimRequest, SimResponse } from '../core/types.js';
import { fingerprint, readBodyInput, readInput } from './input.js';
import { idempotencyKeyOf, keyProblem, lookup, remember } from './idempotency.js';
import type { OrderLifecycle } from './lifecycle.js';
import { matchRoute } from './routes.js';
import type { AccountState, ResellerStore } from './state.js';
import { message } from './wire.js';
import { jsonResponse } from '../core/http.js';

/** The Bearer token of a request, or null. */
export function bearerToken(req: SimRequest): string | null {
  const raw = req.headers.authorization;
  const m = typeof raw === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(raw) : null;
  return m ? (m[1] as string) : null;
}

/**
 * One API request, in Laravel's middleware order: route (404/405), auth:sanctum
 * (401), ability (403), then the Idempotency-Key middleware, then the action.
 */
export function handleApiRequest(store: ResellerStore, lifecycle: OrderLifecycle, req: SimRequest, ctx: SimHandleContext): SimResponse {
  const res = route(store, lifecycle, req, ctx);
  if (res.status >= 400) ctx.countError();
  return res;
}

function route(store: ResellerStore, lifecycle: OrderLifecycle, req: SimRequest, ctx: SimHandleContext): SimResponse {
  const routePath = req.path.replace(/^\/+/, '');
  const match = matchRoute(req.method, req.path);
  if (match.kind === 'none') return message(404, `The route ${routePath} could not be found.`);
  if (match.kind === 'method') {
    return message(405, `The ${req.method} method is not supported for route ${routePath}. Supported methods: ${match.allowed.join(', ')}.`, {
      allow: match.allowed.join(', '),
    });
  }
  const r = match.route;
  const token = bearerToken(req);
  const account: AccountState | undefined = token ? store.byToken(token) : undefined;
  if (!account) return message(401, 'Unauthenticated.');
  const now = ctx.now();
  account.tokenLastUsedAt = now;
  if (!account.abilities.has(r.ability)) {
    ctx.countViolation();
    return message(403, `This action is unauthorized. The API token is missing the ${r.ability} ability.`);
  }
  const contentType = String(req.headers['content-type'] ?? '').toLowerCase();
  if (contentType.includes('json') && req.rawBody.trim() !== '' && req.json === undefined) {
    return message(400, 'The request body is not valid JSON.');
  }

  lifecycle.refreshAll();

  let key = idempotencyKeyOf(req.headers);
  if (r.idempotency === 'none') key = null;
  if (r.idempotency === 'required' && key === null) {
    ctx.countViolation();
    const text = 'The Idempotency-Key header is required for this endpoint.';
    return jsonResponse(422, { message: text, errors: { idempotency_key: [text] } });
  }
  const print = fingerprint(r.method, r.path, readBodyInput(req));
  if (key !== null) {
    const problem = keyProblem(key);
    if (problem) return jsonResponse(422, { message: problem, errors: { idempotency_key: [problem] } });
    const found = lookup(account, key, print, now, store.options.idempotencyTtlMs);
    if (found.kind === 'replay') {
      ctx.countReplay();
      return found.response;
    }
    if (found.kind === 'conflict') {
      ctx.countViolation();
      return message(409, `The Idempotency-Key "${key}" was already used with a different request payload.`);
    }
  }

  const host = typeof req.headers.host === 'string' ? req.headers.host : '127.0.0.1';
  const res = r.handle({
    store,
    lifecycle,
    account,
    req,
    input: readInput(req),
    now,
    url: `http://${host}/reseller${req.path.replace(/\/+$/, '')}`,
    idempotencyKey: key,
  });
  if (key !== null) remember(account, key, print, res, now);
  return res;
}
