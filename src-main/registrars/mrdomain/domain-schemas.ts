import { z } from 'zod';
import { billingSchema } from './envelope.js';

/**
 * responseData shapes of the domain module (seed 002 §5), as the adapter
 * consumes them. Rows are loose objects: fields the seed documents but we do
 * not read (or fields added later) stay on the row, which is kept as `raw`.
 */
const summary = {
  name: z.string(),
  status: z.string(),
  tld: z.string(),
  /** "" while a registration has not completed (seed §5.3 example). */
  tsExpir: z.string(),
  domainID: z.number().int(),
};
export const domainSummarySchema = z.looseObject(summary);
export type DomainSummary = z.infer<typeof domainSummarySchema>;

/** infoType=status (§5.13); transferBlock, whoisPrivacy and viewWhois exist only where the TLD allows them. */
export const domainStatusRowSchema = z.looseObject({
  ...summary,
  tsCreate: z.string(),
  renewable: z.boolean(),
  renewalMode: z.string(),
  modifyBlock: z.boolean(),
  transferBlock: z.boolean().optional(),
  whoisPrivacy: z.boolean().optional(),
  viewWhois: z.boolean().optional(),
  authcodeCheck: z.boolean().optional(),
  serviceAssociated: z.boolean().optional(),
  tag: z.string().optional(),
  ownerverification: z.string().optional(),
  transferStatus: z.string().optional(),
});
export type DomainStatusRow = z.infer<typeof domainStatusRowSchema>;

/** Nameserver Response (§5.26). */
export const nameserverSchema = z.looseObject({ order: z.number().int(), name: z.string(), ipv4: z.string().optional() });
export const domainNameserversSchema = z.looseObject({ ...summary, defaultNS: z.boolean(), nameservers: z.array(nameserverSchema) });
export type DomainNameservers = z.infer<typeof domainNameserversSchema>;

/** Contact Response (§5.25); orgType prints as a number when set and "" otherwise. */
export const contactSchema = z.looseObject({
  contactID: z.string(),
  contactType: z.enum(['individual', 'organization']),
  firstName: z.string(),
  lastName: z.string(),
  orgName: z.string(),
  orgType: z.union([z.string(), z.number()]).transform(String),
  identNumber: z.string(),
  email: z.string(),
  phone: z.string(),
  fax: z.string(),
  address: z.string(),
  postalCode: z.string(),
  city: z.string(),
  state: z.string(),
  country: z.string(),
  verificationstatus: z.string(),
  daaccepted: z.boolean().optional(),
  esNicHandle: z.string().optional(),
});
export type MrDomainContact = z.infer<typeof contactSchema>;

/** A role with no contact behind it comes back as {} (the seed elides them as { ... }). */
const roleSchema = z.union([contactSchema, z.strictObject({}).transform(() => null)]).optional();
export const domainContactsSchema = z.looseObject({ ...summary, contactOwner: roleSchema, contactAdmin: roleSchema, contactTech: roleSchema, contactBilling: roleSchema });

export const domainAuthcodeSchema = z.looseObject({ ...summary, authcode: z.string() });

/** domain/renew (§5.20): billing plus the renewed domain. renewPeriod prints as a string ("4"). */
export const renewDataSchema = z.object({
  billing: billingSchema,
  domains: z.array(z.looseObject({ ...summary, renewPeriod: z.union([z.string(), z.number()]).optional() })).min(1),
});

/** domain/check (§5.1): one name per call in this adapter. */
export const checkDataSchema = z.object({
  domains: z
    .array(
      z.looseObject({
        name: z.string(),
        punycode: z.string(),
        tld: z.string(),
        available: z.boolean(),
        premium: z.boolean(),
        price: z.number(),
        currency: z.string(),
      }),
    )
    .length(1),
});
