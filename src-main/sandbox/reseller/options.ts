/** Simulator options from startSandbox({ registrars: { reseller: {...} } }), with defaults. */
export interface ResellerOptions {
  domains: number;
  /** Pay new invoices from the wallet at once when the balance covers them. */
  autoPayFromWallet: boolean;
  /** Time from payment to provisioning outcome (sandbox clock, so POST /__sandbox/clock shortens it). */
  provisionMs: number;
  /** Unpaid invoices expire after this long; the order then fails. */
  invoiceTtlMs: number;
  /** Idempotency keys are remembered this long. */
  idempotencyTtlMs: number;
  /** Starting wallet balance of every account, IDR minor units (sen): default Rp 50.000.000. */
  walletBalance: number;
  webhookUrl: string | null;
  /** Shared webhook secret; by default each account gets a seeded `whsec_...` secret. */
  webhookSecret: string | null;
  webhookTimeoutMs: number;
}

export function readResellerOptions(raw: Record<string, unknown>): ResellerOptions {
  return {
    domains: nonNegativeInt(raw.domains, 250),
    autoPayFromWallet: raw.autoPayFromWallet === true,
    provisionMs: nonNegativeInt(raw.provisionMs, 2000),
    invoiceTtlMs: nonNegativeInt(raw.invoiceTtlMs, 24 * 3_600_000),
    idempotencyTtlMs: nonNegativeInt(raw.idempotencyTtlMs, 24 * 3_600_000),
    walletBalance: nonNegativeInt(raw.walletBalance, 5_000_000_000),
    webhookUrl: typeof raw.webhookUrl === 'string' && raw.webhookUrl !== '' ? raw.webhookUrl : null,
    webhookSecret: typeof raw.webhookSecret === 'string' && raw.webhookSecret !== '' ? raw.webhookSecret : null,
    webhookTimeoutMs: nonNegativeInt(raw.webhookTimeoutMs, 5000),
  };
}

function nonNegativeInt(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : fallback;
}
