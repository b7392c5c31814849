import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { accountInfoSchema } from '../../../src-main/registrars/mrdomain/account.js';
import { dnsRecordDataSchema, dnsRecordSchema, emptyDataSchema } from '../../../src-main/registrars/mrdomain/dns.js';
import {
  checkDataSchema,
  domainAuthcodeSchema,
  domainContactsSchema,
  domainNameserversSchema,
  domainStatusRowSchema,
  domainSummarySchema,
  renewDataSchema,
} from '../../../src-main/registrars/mrdomain/domain-schemas.js';
import { envelopeSchema, parseEnvelope, queryInfoSchema } from '../../../src-main/registrars/mrdomain/envelope.js';
import {
  csrCreateSchema,
  csrDecodeSchema,
  sslCertSchema,
  sslInfoSchema,
  sslOrderSchema,
  sslProductSchema,
  validationEmailsSchema,
} from '../../../src-main/registrars/mrdomain/ssl-schemas.js';

/**
 * Every example response of seed 002 that the adapter consumes (kept as the
 * sandbox's golden fixtures) must pass the adapter's own schemas: the strict
 * envelope and the responseData shape of its action.
 */
const dir = join(import.meta.dirname, '../../fixtures/sandbox/mrdomain');
const page = (key: string, item: z.ZodType) => z.object({ queryInfo: queryInfoSchema, [key]: z.array(item) });

const CONSUMED: Record<string, z.ZodType> = {
  '020-account-info.json': accountInfoSchema,
  '030-domain-check.json': checkDataSchema,
  '040-domain-list.json': page('domains', domainSummarySchema),
  '041-domain-getinfo-status.json': domainStatusRowSchema,
  '042-domain-getinfo-contact.json': domainContactsSchema,
  '043-domain-getinfo-nameservers.json': domainNameserversSchema,
  '044-domain-getinfo-authcode.json': domainAuthcodeSchema,
  '054-domain-getauthcode.json': domainAuthcodeSchema,
  '055-domain-getnameservers.json': domainNameserversSchema,
  '060-domain-update.json': domainSummarySchema,
  '061-domain-updatenameservers.json': domainSummarySchema,
  '062-domain-updatecontacts.json': domainSummarySchema,
  '063-domain-renew.json': renewDataSchema,
  '082-service-dnslist.json': page('dns', dnsRecordSchema),
  '083-service-dnsgetinfo.json': dnsRecordDataSchema,
  '084-service-dnscreate.json': dnsRecordDataSchema,
  '085-service-dnsupdate.json': dnsRecordDataSchema,
  '086-service-dnsdelete.json': emptyDataSchema,
  '087-service-dnssetzone.json': emptyDataSchema,
  '088-service-dnsrestore.json': emptyDataSchema,
  '090-ssl-csrdecode.json': csrDecodeSchema,
  '091-ssl-csrcreate.json': csrCreateSchema,
  '092-ssl-productlist.json': page('products', sslProductSchema),
  '094-ssl-list.json': page('ssl', sslCertSchema),
  '095-ssl-getinfo-status.json': sslInfoSchema,
  '096-ssl-getinfo-ssldata.json': sslInfoSchema,
  '097-ssl-getinfo-pfx.json': sslInfoSchema,
  '098-ssl-create.json': sslOrderSchema,
  '099-ssl-getinfo-validationstatus.json': sslInfoSchema,
  '100-ssl-resendvalidationmail.json': sslInfoSchema,
  '101-ssl-changevalidationmethod.json': sslInfoSchema,
  '102-ssl-getvalidationemails.json': validationEmailsSchema,
  '103-ssl-getvalidationemails-alternatives.json': validationEmailsSchema,
  '105-ssl-reissue.json': sslCertSchema,
  '106-ssl-renew.json': sslOrderSchema,
};

describe('seed 002 example responses parse with the adapter schemas', () => {
  it.each(Object.entries(CONSUMED))('%s', (file, schema) => {
    const fixture = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { response: unknown };
    const text = JSON.stringify(fixture.response);
    const env = parseEnvelope(text);
    expect(env.ok, env.ok ? '' : env.reason).toBe(true);
    const data = schema.safeParse(envelopeSchema.parse(fixture.response).responseData);
    expect(data.success, data.success ? '' : JSON.stringify(data.error.issues[0])).toBe(true);
  });

  it('the seed error example parses as an error envelope', () => {
    const fixture = JSON.parse(readFileSync(join(dir, '012-tool-requestinvalid.json'), 'utf8')) as { response: unknown };
    const env = parseEnvelope(JSON.stringify(fixture.response));
    expect(env.ok && env.envelope.success === false && env.envelope.errorCode === 102).toBe(true);
  });
});
