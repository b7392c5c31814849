import { domainToASCII } from 'node:url';
import { ApiError, type ActionResult } from '../envelope.js';
import { money, pageOf, paging, unicodeName, ymdhms } from '../params.js';
import { ZONES, yearsList } from '../zones.js';
import type { ActionContext, ActionHandler } from './context.js';

const YEAR = 365 * 86_400_000;

function hello(c: ActionContext): ActionResult {
  return { data: { ip: c.ip, lang: 'en', version: '1.0.20' } };
}

function idnConverter(c: ActionContext): ActionResult {
  const query = c.p.req('query');
  const punycode = domainToASCII(query.toLowerCase());
  if (punycode === '') throw new ApiError(105, `Invalid value for query: ${query}`);
  return { data: { query, unicode: unicodeName(punycode), punycode } };
}

function info(c: ActionContext): ActionResult {
  const a = c.account;
  return {
    data: { clientName: a.clientName, apiuser: a.apiuser, balance: money(a.balanceMinor), threshold: money(a.thresholdMinor), currency: 'EUR', ip: c.ip },
  };
}

/** Running promotions: the zones flagged createPromo plus one SSL product, over a window around "now". */
function promos(c: ActionContext): ActionResult {
  const tsIni = ymdhms(c.now - YEAR).slice(0, 10) + ' 00:00:00';
  const tsEnd = ymdhms(c.now + YEAR).slice(0, 10) + ' 23:59:00';
  const domainPromos = ZONES.filter((z) => z.createPromo).map((z) => ({
    promo: Buffer.from(`domain/create/${z.tld}`).toString('base64'),
    type: 'domain',
    action: 'create',
    price: money(z.createMinor),
    tsIni,
    tsEnd,
    tld: z.tld,
  }));
  const sslPromo = { promo: Buffer.from('ssl/create/1').toString('base64'), type: 'ssl', action: 'create', price: 4.95, tsIni, tsEnd, productID: '1' };
  return { data: [...domainPromos, sslPromo] };
}

function zones(c: ActionContext): ActionResult {
  const pg = paging(c.p, 100);
  const tld = c.p.opt('tld')?.toLowerCase();
  const tldtop = c.p.opt('tldtop')?.toLowerCase();
  const matching = ZONES.filter((z) => (tld === undefined || z.tld === tld) && (tldtop === undefined || z.tldtop === tldtop));
  const { queryInfo, items } = pageOf(matching, pg);
  return {
    data: {
      queryInfo,
      zones: items.map((z) => ({
        tld: z.tld,
        tldtop: z.tldtop,
        authcodereq: z.authcodereq,
        create: { price: money(z.createMinor), years: yearsList(z.maxYears), ...(z.createPromo ? { inPromo: true } : {}) },
        renew: { price: money(z.renewMinor), years: yearsList(z.maxYears) },
        transfer: { price: money(z.transferMinor), years: '1' },
      })),
    },
  };
}

export const ACCOUNT_ACTIONS: Record<string, ActionHandler> = {
  'tool/hello': hello,
  'tool/idnconverter': idnConverter,
  'account/info': info,
  'account/promos': promos,
  'account/zones': zones,
};
