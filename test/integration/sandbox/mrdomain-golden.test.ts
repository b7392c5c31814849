import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../../src-main/sandbox/server.js';
import { shapeDifferences } from '../../helpers/shape.js';

/**
 * Golden tests: each fixture in test/fixtures/sandbox/mrdomain is one of the
 * seed's example responses (seed 002) with the request that produces it.
 * They run in file order against one sandbox (so the glue record created in
 * 046 exists for 049). {{placeholders}} stand for values that depend on the
 * generated portfolio; form values that are not strings are sent as
 * base64(JSON) (service/dnssetzone). `extraKeys` lists documented fields an
 * example happens to omit.
 */
interface Step {
  path?: string;
  form?: Record<string, unknown>;
  clockAdvanceMs?: number;
}
interface Fixture {
  source: string;
  request: { path: string; form: Record<string, unknown> };
  setup?: Step[];
  extraKeys?: string[];
  capture?: Record<string, string>;
  response: { success: boolean; errorCode: number } & Record<string, unknown>;
}
type Json = { success: boolean; errorCode: number; responseData: Record<string, unknown> } & Record<string, unknown>;

const dir = join(import.meta.dirname, '../../fixtures/sandbox/mrdomain');
const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
const SAFE_TLDS = ['com', 'net', 'org', 'io', 'xyz', 'app', 'dev', 'shop', 'store', 'info', 'me', 'co', 'ai', 'id', 'co.id', 'my.id', 'web.id'];

describe('mrdomain golden fixtures', () => {
  let sandbox: RunningSandbox;
  let endpoint: string;
  let creds: Record<string, string>;
  const values = new Map<string, string>();

  async function post(path: string, form: Record<string, unknown>): Promise<Json> {
    const body = new URLSearchParams(creds);
    for (const [k, v] of Object.entries(form)) body.set(k, typeof v === 'string' ? v : Buffer.from(JSON.stringify(v)).toString('base64'));
    const res = await fetch(`${endpoint}${path}`, { method: 'POST', body });
    expect(res.status).toBe(200);
    return (await res.json()) as Json;
  }

  async function control(body: Record<string, unknown>): Promise<Record<string, unknown>> {
    return (await sandbox.control('mrdomain', body)) as Record<string, unknown>;
  }

  /** Values that change as fixtures run are looked up when used. */
  async function resolve(key: string): Promise<string> {
    if (key === 'curExpDate') {
      const r = await control({ action: 'domain', account: 'mrd-a', name: values.get('domain') });
      return String((r.domain as { expiresAt: string }).expiresAt).slice(0, 10);
    }
    if (key === 'entityID') {
      const r = await post('/service/dnslist/', { serviceName: values.get('domain') });
      return String((r.responseData.dns as { entityID: string }[])[0]?.entityID);
    }
    const v = values.get(key);
    if (v === undefined) throw new Error(`no value for {{${key}}}`);
    return v;
  }

  async function fill<T>(value: T): Promise<T> {
    const keys = new Set<string>();
    JSON.stringify(value).replace(/\{\{(\w+)\}\}/g, (_, k: string) => (keys.add(k), ''));
    const resolved = new Map<string, string>();
    for (const k of keys) resolved.set(k, await resolve(k));
    const sub = (s: string): string => s.replace(/\{\{(\w+)\}\}/g, (_, k: string) => resolved.get(k)!);
    const walk = (v: unknown): unknown => {
      if (typeof v === 'string') return sub(v);
      if (Array.isArray(v)) return v.map(walk);
      if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [sub(k), walk(x)]));
      return v;
    };
    return walk(value) as T;
  }

  beforeAll(async () => {
    sandbox = await startSandbox({ seed: 'test', domains: 50 });
    const info = sandbox.descriptor.registrars.mrdomain;
    endpoint = info.endpoint;
    creds = info.accounts.find((a) => a.label === 'mrd-a')!.credentials;
    const list = await control({ action: 'domains', account: 'mrd-a', service: true, limit: 50 });
    const domain = (list.domains as { name: string; domainID: number; tld: string }[]).find((d) => SAFE_TLDS.includes(d.tld))!;
    values.set('domain', domain.name);
    values.set('domainID', String(domain.domainID));
    // The authcode and update examples need a domain without locks.
    await control({ action: 'setDomain', account: 'mrd-a', name: domain.name, transferBlock: false, modifyBlock: false });
    const state = await control({ action: 'state', account: 'mrd-a' });
    const contacts = state.contacts as string[];
    values.set('contactID', contacts.find((c) => c.startsWith('JSM-'))!);
    values.set('contactOrgES', contacts.find((c) => c.startsWith('GSL-'))!);
    values.set('contactInprocess', contacts.find((c) => c.startsWith('BWI-'))!);
    const certs = (await post('/ssl/list/', {})).responseData.ssl as { certificateID: number; productID: number; commonName: string }[];
    const multi = certs.find((c) => c.productID === 57)!;
    values.set('certMulti', String(multi.certificateID));
    values.set('multiBase', multi.commonName.replace(/^www\./, ''));
    const csr = async (commonName: string): Promise<string> => {
      const r = await post('/ssl/csrcreate/', {
        commonName,
        organizationName: 'DomainDeck',
        organizationalUnitName: 'QA',
        countryName: 'ES',
        stateOrProvinceName: 'Madrid',
        localityName: 'Madrid',
        emailAddress: 'qa@example.com',
      });
      return String(r.responseData.csrData);
    };
    values.set('csrMulti', await csr(multi.commonName));
    values.set('newBase', 'newsite-example.com');
    values.set('pendingCN', 'www.newsite-example.com');
    values.set('csrNew', await csr('www.newsite-example.com'));
  });

  afterAll(async () => {
    await sandbox.close();
  });

  it('covers the examples of every simulated module', () => {
    for (const prefix of ['tool-', 'account-', 'domain-', 'contact-', 'service-dns', 'ssl-']) {
      expect(files.some((f) => f.includes(prefix)), prefix).toBe(true);
    }
  });

  for (const file of files) {
    it(file, async () => {
      const fx = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Fixture;
      for (const step of fx.setup ?? []) {
        if (step.clockAdvanceMs) sandbox.clock.advance(step.clockAdvanceMs);
        if (step.path) {
          const r = await post(step.path, await fill(step.form ?? {}));
          expect(r.success, `setup ${step.path}: ${JSON.stringify(r.messages)}`).toBe(true);
        }
      }
      const actual = await post(fx.request.path, await fill(fx.request.form));
      expect(actual.success, JSON.stringify(actual.messages)).toBe(fx.response.success);
      expect(actual.errorCode).toBe(fx.response.errorCode);
      const expected = await fill(fx.response);
      const allowed = new Set((fx.extraKeys ?? []).map((k) => `${k}: unexpected key`));
      expect(shapeDifferences(actual, expected).filter((p) => !allowed.has(p))).toEqual([]);
      for (const [name, path] of Object.entries(fx.capture ?? {})) {
        values.set(name, String(path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], actual)));
      }
    });
  }

  it('decodes the seed example CSR to the seed example values', async () => {
    const fx = JSON.parse(readFileSync(join(dir, '090-ssl-csrdecode.json'), 'utf8')) as Fixture;
    const actual = await post(fx.request.path, fx.request.form);
    expect(actual.responseData).toEqual(fx.response.responseData);
  });

  it('escapes like the real API (PHP json_encode): "\\/" and \\uXXXX', async () => {
    const body = new URLSearchParams({ ...creds, query: 'españa.com' });
    const text = await (await fetch(`${endpoint}/tool/idnconverter/`, { method: 'POST', body })).text();
    expect(text).toContain('"action":"tool\\/idnconverter"');
    expect(text).toContain('"espa\\u00f1a.com"');
  });
});
