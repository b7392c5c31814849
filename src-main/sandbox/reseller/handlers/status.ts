import type { SimResponse } from '../../core/types.js';
import type { RouteContext } from '../routes.js';
import { ALL_ABILITIES, CURRENCY, domainStatus } from '../state.js';
import { isoTime, ok } from '../wire.js';

const DAY = 86_400_000;

/** GET /status: account, token, wallet and a portfolio/order summary. */
export function handleStatus(rc: RouteContext): SimResponse {
  const { account, store, now } = rc;
  const domains = { total: 0, active: 0, expiring_30_days: 0, grace: 0, redemption: 0, pending_delete: 0 };
  for (const d of store.domains(account)) {
    domains.total++;
    const status = domainStatus(d.expiresAt, now);
    domains[status]++;
    if (status === 'active' && d.expiresAt - now <= 30 * DAY) domains.expiring_30_days++;
  }
  const orders = { awaiting_payment: 0, processing: 0, completed: 0, failed: 0 };
  let unpaidCount = 0;
  let unpaidAmount = 0;
  for (const o of account.orders) {
    orders[o.status]++;
    if (o.invoice.status === 'unpaid') {
      unpaidCount++;
      unpaidAmount += o.invoice.amount;
    }
  }
  return ok(200, {
    data: {
      account: { id: account.accountId, name: account.name, email: account.email, status: 'active' },
      token: {
        name: account.tokenName,
        abilities: ALL_ABILITIES.filter((a) => account.abilities.has(a)),
        last_used_at: account.tokenLastUsedAt === null ? null : isoTime(account.tokenLastUsedAt),
      },
      wallet: { balance: account.walletBalance, currency: CURRENCY },
      summary: {
        domains,
        orders,
        invoices: { unpaid: unpaidCount, unpaid_amount: unpaidAmount, currency: CURRENCY },
      },
      server_time: isoTime(now),
    },
  });
}
