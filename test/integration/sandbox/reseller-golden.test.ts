import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../../src-main/sandbox/server.js';
import { expectSameShape } from '../../helpers/shape.js';

/**
 * Golden tests: every fixture in test/fixtures/sandbox/reseller is a request
 * (the seed's curl examples, plus the designed shapes README.md documents)
 * and the response it must get, compared by shape. Fixtures run in file
 * order against one sandbox, so 03 replays the order 02 created.
 */
interface Fixture {
  description: string;
  request: {
    method: string;
    path: string;
    query?: Record<string, string>;
    headers: Record<string, string>;
    form?: [string, string][];
    json?: unknown;
  };
  expected: { status: number; headers?: Record<string, string>; body: unknown };
}

const dir = join(import.meta.dirname, '../../fixtures/sandbox/reseller');
const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();

describe('reseller golden fixtures', () => {
  let sandbox: RunningSandbox;
  let endpoint: string;
  const values = new Map<string, string>();

  beforeAll(async () => {
    sandbox = await startSandbox({ seed: 'test', domains: 50 });
    const info = sandbox.descriptor.registrars.reseller;
    endpoint = info.endpoint;
    for (const account of info.accounts) {
      const token = account.credentials.token ?? '';
      values.set(`token:${account.label}`, token);
      const res = await fetch(`${endpoint}/api/reseller/v1/domains?status=active&per_page=1`, {
        headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
      });
      const body = (await res.json()) as { data: { name: string }[] };
      values.set(`domain:${account.label}`, body.data[0]?.name ?? '');
    }
  });

  afterAll(async () => {
    await sandbox.close();
  });

  it('has fixtures for both seed examples', () => {
    expect(files.filter((f) => f.includes('seed')).length).toBeGreaterThanOrEqual(2);
  });

  for (const file of files) {
    it(file, async () => {
      const raw = readFileSync(join(dir, file), 'utf8').replace(/\{\{([a-z]+:[a-z-]+)\}\}/g, (_, k: string) => values.get(k) ?? `missing-${k}`);
      const fx = JSON.parse(raw) as Fixture;
      const headers: Record<string, string> = { ...fx.request.headers };
      let body: string | undefined;
      if (fx.request.form) {
        headers['content-type'] = 'application/x-www-form-urlencoded';
        body = new URLSearchParams(fx.request.form).toString();
      } else if (fx.request.json !== undefined) {
        headers['content-type'] = 'application/json';
        body = JSON.stringify(fx.request.json);
      }
      const query = fx.request.query ? `?${new URLSearchParams(fx.request.query).toString()}` : '';
      const res = await fetch(`${endpoint}${fx.request.path}${query}`, { method: fx.request.method, headers, body });
      const text = await res.text();
      expect(res.status, text).toBe(fx.expected.status);
      expect(res.headers.get('content-type')).toContain('application/json');
      for (const [name, value] of Object.entries(fx.expected.headers ?? {})) expect(res.headers.get(name)).toBe(value);
      expectSameShape(JSON.parse(text), fx.expected.body);
    });
  }
});
