import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { money } from '../../../src-shared/money.js';
import { domainItemSchema, normalizeItem, PriceBook } from '../../../src-main/registrars/dynadot/domains.js';
import { unwrapJson, unwrapXml } from '../../../src-main/registrars/dynadot/envelope.js';
import { errorFromMessage, untilFromMessage } from '../../../src-main/registrars/dynadot/errors.js';
import { JsonArrayStream } from '../../../src-main/registrars/dynadot/json-array-stream.js';
import { price, priceInfo, privacy, renewOption, zonedTime } from '../../../src-main/registrars/dynadot/parse.js';
import type { RegistrarError } from '../../../src-main/registrars/errors.js';

/** Seed 001's own example answers, as the adapter reads them. */

const site = { command: 'test', kind: 'read' as const };
const LIST_DOMAIN = `{"ListDomainInfoResponse":{"ResponseCode":0,"Status":"success","MainDomains":[{"Name":"domain-exp140.com","Expiration":"1361430589062","Registration":"1234567890123","NameServerSettings":{"Type":"Dynadot Parking","WithAds":"Yes"},"Whois":{"Registrant":{"ContactId":"0"}},"Locked":"yes","Disabled":"no","UdrpLocked":"no","RegistrantUnverified":"no","Hold":"no","Privacy":"none","isForSale":"no","RenewOption":"no renew option","Note":"","Folder":{"FolderId":"-1","FolderName":"(no folder)"}},{"Name":"domain-exp141.com","Expiration":"1361430589062","Registration":"1234567890123","NameServerSettings":{"Type":"Dynadot Parking","WithAds":"Yes"},"Locked":"yes","Privacy":"none","RenewOption":"no renew option","Note":"a \\"quoted\\" {brace}","Folder":{"FolderId":"-1","FolderName":"(no folder)"}}]}}`;

function split(text: string, size: number): { items: unknown[]; envelope: string | null } {
  const items: unknown[] = [];
  const s = new JsonArrayStream('MainDomains', (b) => items.push(JSON.parse(b.toString('utf8'))));
  const buf = Buffer.from(text);
  for (let i = 0; i < buf.length; i += size) s.push(buf.subarray(i, i + size));
  return { items, envelope: s.envelope() };
}

describe('list_domain streaming', () => {
  it('splits the seed example into its items at every chunk size and keeps the envelope', () => {
    for (const size of [1, 2, 7, 64, 10_000]) {
      const { items, envelope } = split(LIST_DOMAIN, size);
      expect(items).toHaveLength(2);
      expect((items[1] as { Note: string }).Note).toBe('a "quoted" {brace}');
      const env = unwrapJson(JSON.parse(envelope!), { roots: ['ListDomainInfoResponse'] }, site, '');
      expect(env.body.MainDomains).toEqual([]);
    }
  });

  it('reports a cut-off body as truncated', () => {
    expect(split(LIST_DOMAIN.slice(0, 300), 50).envelope).toBeNull();
  });

  it('normalizes the seed items: ms dates, "none" privacy, "no renew option", (no folder)', () => {
    const item = domainItemSchema.parse(split(LIST_DOMAIN, 1000).items[0]);
    const book = new PriceBook([{ tld: 'com', register: null, renew: money(1099, 'USD'), transfer: null, privacy: true, graceRenewDays: 40, restrictions: null }]);
    const d = normalizeItem(item, item, book, Date.UTC(2013, 2, 1));
    expect(d).toMatchObject({ name: 'domain-exp140.com', tld: 'com', expiresAt: '2013-02-21T07:09:49.062Z', createdAt: '2009-02-13T23:31:30.123Z', status: 'grace', autoRenew: false, locked: true, privacy: 'off', folder: null, nameservers: ['ns1.dynadot.com', 'ns2.dynadot.com'], renewalPrice: money(1099, 'USD') });
  });
});

describe('envelopes', () => {
  it('reads success with string or number codes, SuccessCode or ResponseCode, and the snake auction style', () => {
    expect(unwrapJson({ RenewResponse: { ResponseCode: '0', Status: 'success', Expiration: '73984579834' } }, { roots: ['RenewResponse'] }, site, '').status).toBe('success');
    expect(unwrapJson({ TldPriceResponse: { ResponseCode: 0, Status: 'success' } }, { roots: ['TldPriceResponse'] }, site, '').status).toBe('success');
    expect(unwrapJson({ status: 'success', auction_list: [] }, { snake: true }, site, '').body.auction_list).toEqual([]);
    const xml = new XMLParser({ parseTagValue: false, isArray: (n) => n === 'Host' });
    const ns = unwrapXml(xml.parse('<GetNsResponse><GetNsHeader><SuccessCode>0</SuccessCode><Status>success</Status></GetNsHeader><NsContent><Host>ns1.mydomain.com</Host><Host>ns2.mydomain.com</Host></NsContent></GetNsResponse>'), { roots: ['GetNsResponse'] }, site, '');
    expect(ns.body.NsContent).toEqual({ Host: ['ns1.mydomain.com', 'ns2.mydomain.com'] });
    const lock = unwrapXml(xml.parse('<LockDomainResponse><LockDomainferHeader><SuccessCode>0</SuccessCode><Status>success</Status></LockDomainferHeader></LockDomainResponse>'), { roots: ['LockDomainResponse'] }, site, '');
    expect(lock.status).toBe('success');
  });

  it('turns error envelopes into normalized errors and unknown shapes into loud Transient errors', () => {
    const thrown = (fn: () => unknown): RegistrarError => {
      try {
        fn();
      } catch (e) {
        return e as RegistrarError;
      }
      throw new Error('no error');
    };
    expect(thrown(() => unwrapJson({ Response: { ResponseCode: '-1', Error: 'invalid key' } }, { roots: ['X'] }, site, '')).kind).toBe('AuthFailed');
    const xml = new XMLParser({ parseTagValue: false });
    const del = thrown(() => unwrapXml(xml.parse('<DeleteContactResponse><DeleteContactHeader><SuccessCode>-1</SuccessCode><Status>error</Status><Error>cannot delete these contacts (Jack Slater). Because they are in use.</Error></DeleteContactHeader></DeleteContactResponse>'), { roots: ['DeleteContactResponse'] }, site, ''));
    expect(del.kind).toBe('Invalid');
    expect(thrown(() => unwrapJson({ status: 'error', error: 'your bid must be at least 45.99 USD' }, { snake: true }, site, '')).field).toBe('bid_amount');
    const odd = thrown(() => unwrapJson({ Something: { ResponseCode: 7 } }, { roots: ['RenewResponse'] }, site, '{"Something":{}}'));
    expect(odd.kind).toBe('Transient');
    expect(odd.raw).toBe('{"Something":{}}');
    expect(thrown(() => unwrapJson({ RenewResponse: { ResponseCode: '3', Status: 'odd' } }, { roots: ['RenewResponse'] }, { command: 'renew', kind: 'write' }, '')).kind).toBe('OutcomeUnknown');
  });
});

describe('error sentences', () => {
  const kind = (m: string): [string, string | undefined] => {
    const e = errorFromMessage(m, site, '');
    return [e.kind, e.field];
  };
  it('maps every sentence the simulator and seed use', () => {
    expect(kind('invalid key')).toEqual(['AuthFailed', undefined]);
    expect(kind('could not find example.com in your account')).toEqual(['NotFound', undefined]);
    expect(kind('could not find folder 9')).toEqual(['NotFound', undefined]);
    expect(kind('insufficient account balance: this order costs 10.99 USD, your balance is 1.00 USD')[0]).toBe('InsufficientFunds');
    expect(kind('missing parameter duration')).toEqual(['Invalid', 'duration']);
    expect(kind('invalid command frobnicate')).toEqual(['Invalid', 'command']);
    expect(kind('invalid IPv4 address 1.2.3 in main_record0')).toEqual(['Invalid', 'main_record0']);
    expect(kind('the year 2030 does not match the current expiration year of x.com (2031)')).toEqual(['Invalid', 'expectedExpiresAt']);
    expect(kind('x.com needs a late renew fee of 15.00 USD to renew, it was not renewed')).toEqual(['Invalid', 'allowLateFee']);
    expect(kind('ns9.x.net is not in your name server list, add it with add_ns first')).toEqual(['Invalid', 'ns']);
    expect(kind('customer_id is only available to reseller accounts')[0]).toBe('NotAllowed');
    const ban = errorFromMessage('Only one request can be processed at a time. Please wait for the current request to finish before sending another request. This key is now suspended until 2030-01-02T03:04:05.000Z', site, '');
    expect([ban.kind, ban.until]).toEqual(['Banned', Date.UTC(2030, 0, 2, 3, 4, 5)]);
    expect(untilFromMessage('This API key is suspended because more than one request was sent at a time. Try again after 2030-01-02T03:04:05.000Z')).toBe(Date.UTC(2030, 0, 2, 3, 4, 5));
  });
});

describe('values', () => {
  it('reads back settings written in other words, and refuses words it does not know', () => {
    expect(renewOption('auto-renew').autoRenew).toBe(true);
    expect(renewOption('do not renew').option).toBe('donot');
    expect(privacy('none')).toBe('off');
    expect(() => privacy('sometimes')).toThrow(/unknown privacy/);
    expect(price('$124.00', 'USD')).toEqual(money(12400, 'USD'));
    expect(price('77.00 in USD', 'EUR')).toEqual(money(7700, 'USD'));
    expect(price('-1', 'USD')).toBeNull();
    expect(zonedTime('2022/04/04 02:20 PST')).toBe('2022-04-04T10:20:00.000Z');
    expect(zonedTime('2015/04/28 05:46 UTC')).toBe('2015-04-28T05:46:00.000Z');
    expect(priceInfo('Currency=USD, RenewPrice=10.99, LateRenewFee=0.00, TotalPrice=10.99, Duration=1')).toEqual({ currency: 'USD', renewprice: '10.99', laterenewfee: '0.00', totalprice: '10.99', duration: '1' });
  });
});
