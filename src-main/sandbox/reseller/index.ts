import type { RegistrarSimulator, SimulatorDeps } from '../core/types.js';
import { bearerToken, handleApiRequest } from './api.js';
import { runControl } from './control.js';
import { OrderLifecycle } from './lifecycle.js';
import { matchRoute } from './routes.js';
import { ALL_ABILITIES, ResellerStore } from './state.js';
import { WebhookDispatcher } from './webhooks.js';

export { signWebhook, verifyWebhook } from './webhook-signing.js';

/**
 * The generic reseller "Developer API" (seed 003): a Laravel app with Sanctum
 * `drk_` tokens and abilities, orders that create unpaid invoices, paid
 * invoices that provision after a delay, Idempotency-Key on order endpoints
 * and signed outbound webhooks. Wire shapes: README.md in this folder.
 */
export function createResellerSimulator(deps: SimulatorDeps): RegistrarSimulator {
  const store = new ResellerStore(deps);
  const now = (): number => deps.clock.now();
  const webhooks = new WebhookDispatcher(store, now);
  const lifecycle = new OrderLifecycle(store, webhooks, now);

  return {
    registrar: 'reseller',
    accounts: () => store.accounts.map((a) => ({ label: a.label, credentials: { token: a.token } })),
    identify(req) {
      const token = bearerToken(req);
      const account = token ? (store.byToken(token)?.label ?? null) : null;
      const match = matchRoute(req.method, req.path);
      return { account, command: match.kind === 'route' ? match.route.command : 'unknown' };
    },
    handle: (req, ctx) => handleApiRequest(store, lifecycle, req, ctx),
    limits(label) {
      const a = store.byLabel(label);
      return {
        limits: {
          abilities: a ? ALL_ABILITIES.filter((x) => a.abilities.has(x)).join(',') : '',
          walletBalance: a?.walletBalance ?? 0,
          autoPayFromWallet: store.options.autoPayFromWallet,
          provisionMs: store.options.provisionMs,
          invoiceTtlMs: store.options.invoiceTtlMs,
          idempotencyTtlMs: store.options.idempotencyTtlMs,
          webhookUrl: a?.webhook.url ?? '',
        },
        pausedUntil: null,
      };
    },
    control: (body) => runControl(store, lifecycle, webhooks, body),
    close() {
      lifecycle.close();
      webhooks.close();
    },
  };
}
