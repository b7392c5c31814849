import { z } from 'zod';

/**
 * Lifecycle states every registrar's answer is normalized to. Grace,
 * redemption and pending delete matter to investors: each changes what a
 * renewal costs or whether it is possible at all.
 */
export const domainStatuses = ['active', 'expired', 'grace', 'redemption', 'pending-delete', 'pending-transfer', 'transferred-away', 'removed', 'unknown'] as const;
export const domainStatusSchema = z.enum(domainStatuses);
export type DomainStatus = z.infer<typeof domainStatusSchema>;
