/**
 * Reseller "Developer API" (seed 003): Bearer `drk_` tokens with abilities,
 * idempotent asynchronous orders with invoices, zone-replace DNS with push,
 * signed webhooks. Other code imports from here only.
 */
export { createResellerAdapter, type ResellerAdapter, type ResellerStatus, type RegisterOrderRequest, type TransferOrderRequest } from './adapter.js';
export { resellerAbilities, missingAbilityReason, type ResellerAbility, type AbilityEntry, type AbilityState } from './abilities.js';
export type { OrderFilter, OrderRef, OrderType, CreatedOrder, RenewalReconciliation, WaitOptions } from './orders.js';
export type { OrderState, ResellerOrder, ResellerInvoice, Availability, DnsRecordInput, DnsZone } from './parse.js';
export type { DnsWriteOptions, DnsWriteResult } from './dns.js';
export {
  verifySignature,
  verifyResellerWebhook,
  acceptRelayedWebhook,
  DEFAULT_TOLERANCE_SEC,
  DEFAULT_RELAY_MAX_AGE_SEC,
  type ResellerWebhookEvent,
  type WebhookVerification,
  type WebhookRejection,
} from './webhook-verifier.js';
