import { z } from 'zod';
import { billingSchema } from './envelope.js';

/** responseData shapes of the ssl module (seed 002 §8), as the adapter consumes them. */
const price = z.looseObject({ create: z.number(), years: z.number().int(), isPromo: z.boolean().optional() });

export const sslProductSchema = z.looseObject({
  productID: z.number().int(),
  productName: z.string(),
  brandName: z.string(),
  validationType: z.string(),
  isMultiDomain: z.boolean(),
  isWildcard: z.boolean(),
  isTrial: z.boolean(),
  numDomains: z.number().int(),
  keyLength: z.number().int().optional(),
  encryption: z.number().int().optional(),
  create: price.optional(),
  renew: price.optional(),
  trialPeriod: z.string().optional(),
  sanMaxDomains: z.number().int().optional(),
  sanPrice: z.number().optional(),
});
export type SslProductRow = z.infer<typeof sslProductSchema>;

const certShape = {
  certificateID: z.number().int(),
  commonName: z.string(),
  status: z.string(),
  renewable: z.boolean(),
  productID: z.number().int(),
  tsCreate: z.string(),
  tsExpir: z.string(),
  alternativeNames: z.array(z.string()),
  numDomains: z.number().int().optional(),
  sanMaxDomains: z.number().int().optional(),
};
export const sslCertSchema = z.looseObject(certShape);
export type SslCertRow = z.infer<typeof sslCertSchema>;

/** checkvalue is an e-mail or DNS record as text, or the file to publish for http/https. */
const dcvSchema = z.looseObject({
  validated: z.boolean(),
  domainName: z.string(),
  method: z.string(),
  checkvalue: z.union([z.string(), z.looseObject({ link: z.string(), file: z.string(), contents: z.string() })]),
});
export const validationDataSchema = z.looseObject({
  dcv: z.record(z.string(), dcvSchema),
  organizationValidationStatus: z.string(),
  brandValidationStatus: z.string(),
  message: z.string(),
  externalValidation: z.boolean(),
});

export const sslInfoSchema = z.looseObject({
  ...certShape,
  validationData: validationDataSchema.optional(),
  sslCert: z.string().optional(),
  sslKey: z.string().optional(),
  sslCertChain: z.union([z.string(), z.array(z.string())]).optional(),
  fingerprint: z.record(z.string(), z.string()).optional(),
  content: z.looseObject({ type: z.string(), name: z.string(), base64encoded: z.boolean(), data: z.string() }).optional(),
});
export type SslInfoRow = z.infer<typeof sslInfoSchema>;

/** ssl/create and ssl/renew: billing plus the certificate. */
export const sslOrderSchema = z.object({ billing: billingSchema, ssl: sslCertSchema });

export const validationEmailsSchema = z.object({ commonName: z.string(), valMethods: z.array(z.string()) });

export const csrSubjectShape = {
  commonName: z.string(),
  organizationName: z.string(),
  organizationalUnitName: z.string(),
  countryName: z.string(),
  stateOrProvinceName: z.string(),
  localityName: z.string(),
  emailAddress: z.string(),
};
export const csrDecodeSchema = z.looseObject({ csrData: z.string(), ...csrSubjectShape });
export const csrCreateSchema = z.looseObject({ csrData: z.string(), csrKey: z.string(), ...csrSubjectShape });
