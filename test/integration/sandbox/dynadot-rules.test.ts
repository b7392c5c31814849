import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../../src-main/sandbox/server.js';

/**
 * Seed 001: "Only one request can be processed at a time, so please wait for the
 * current request to finish before sending another request." The simulator rejects
 * an overlapping request, bans the key for banMs and counts the violation.
 */
const BAN_MS = 400;
let sb: RunningSandbox;
let endpoint: string;
let keyA: string;
let keyB: string;

async function get(key: string, query: string, format: 'json' | 'xml' = 'json', init?: RequestInit): Promise<{ status: number; body: string }> {
  const res = await fetch(`${endpoint}/api3.${format}?key=${encodeURIComponent(key)}&${query}`, init);
  return { status: res.status, body: await res.text() };
}

beforeAll(async () => {
  sb = await startSandbox({ seed: 'test', domains: 50, registrars: { dynadot: { banMs: BAN_MS, processingMs: 150 } } });
  endpoint = sb.descriptor.registrars.dynadot.endpoint;
  const accounts = sb.descriptor.registrars.dynadot.accounts;
  expect(accounts.map((a) => a.label)).toEqual(['dyn-a', 'dyn-b']);
  keyA = accounts[0]!.credentials.key!;
  keyB = accounts[1]!.credentials.key!;
});

afterAll(async () => {
  await sb?.close();
});

describe('dynadot single-flight rule', () => {
  it('rejects the second of two concurrent requests, bans the key and counts one violation', async () => {
    const [first, second] = await Promise.all([get(keyA, 'command=get_account_balance'), get(keyA, 'command=get_account_balance')]);
    const bodies = [JSON.parse(first.body), JSON.parse(second.body)] as Record<string, { ResponseCode: string | number; Error?: string }>[];
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    const ok = bodies.filter((b) => b.GetAccountBalanceResponse?.ResponseCode === 0);
    const rejected = bodies.filter((b) => b.Response?.ResponseCode === '-1');
    expect(ok).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.Response!.Error).toMatch(/^Only one request can be processed at a time/);

    const stats = sb.stats().dynadot!['dyn-a']!;
    expect(stats.violations).toBe(1);
    expect(stats.bans).toBe(1);
    expect(stats.maxConcurrent).toBe(2);
    expect(stats.limits).toEqual({ maxInFlight: 1, banMs: BAN_MS, processingMs: 150 });
    expect(stats.pausedUntil).toMatch(/^\d{4}-\d\d-\d\dT/);

    // While banned every request with that key gets the ban error (XML too), the other account is unaffected.
    const banned = await get(keyA, 'command=get_account_balance', 'xml');
    expect(banned.status).toBe(200);
    expect(banned.body).toMatch(/<Response><ResponseHeader><ResponseCode>-1<\/ResponseCode><Error>This API key is suspended/);
    const other = await get(keyB, 'command=get_account_balance');
    expect(JSON.parse(other.body).GetAccountBalanceResponse.Status).toBe('success');
    expect(sb.stats().dynadot!['dyn-a']!.violations).toBe(1);
  });

  it('lifts the ban after banMs of sandbox time', async () => {
    sb.clock.advance(BAN_MS);
    const after = await get(keyA, 'command=get_account_balance');
    expect(JSON.parse(after.body).GetAccountBalanceResponse.Status).toBe('success');
    expect(sb.stats().dynadot!['dyn-a']!.pausedUntil).toBeNull();
  });

  it('unbans through the control action', async () => {
    await Promise.all([get(keyB, 'command=account_info'), get(keyB, 'command=account_info')]);
    expect(sb.stats().dynadot!['dyn-b']!.pausedUntil).not.toBeNull();
    const res = await fetch(`${sb.origin}/__sandbox/registrars/dynadot/control`, { method: 'POST', body: JSON.stringify({ action: 'unban', account: 'dyn-b' }) });
    expect(await res.json()).toEqual({ ok: true, account: 'dyn-b' });
    expect(sb.stats().dynadot!['dyn-b']!.pausedUntil).toBeNull();
    const ok = await get(keyB, 'command=account_info');
    expect(JSON.parse(ok.body).AccountInfoResponse.Status).toBe('success');
  });

  it('lets is_processing ask while a request runs, without a violation', async () => {
    const before = sb.stats().dynadot!['dyn-a']!.violations;
    const slow = get(keyA, 'command=list_domain');
    await new Promise((r) => setTimeout(r, 40));
    const busy = await get(keyA, 'command=is_processing', 'xml');
    await slow;
    expect(busy.body).toContain('<ResponseMsg>yes</ResponseMsg>');
    const idle = await get(keyA, 'command=is_processing');
    expect(JSON.parse(idle.body)).toEqual({ Response: { ResponseCode: '0', ResponseMsg: 'no' } });
    expect(sb.stats().dynadot!['dyn-a']!.violations).toBe(before);
  });

  it('answers bad keys, commands and methods with errors, never a stack trace', async () => {
    const bad = await get('not-a-key', 'command=list_domain');
    expect(bad.status).toBe(200);
    expect(JSON.parse(bad.body)).toEqual({ Response: { ResponseCode: '-1', Error: 'invalid key' } });
    const badXml = await get('', 'command=list_domain', 'xml');
    expect(badXml.body).toContain('<Response><ResponseHeader><ResponseCode>-1</ResponseCode><Error>invalid key</Error></ResponseHeader></Response>');
    expect(JSON.parse((await get(keyA, 'command=fly_to_the_moon')).body)).toEqual({ Response: { ResponseCode: '-1', Error: 'invalid command fly_to_the_moon' } });
    expect(JSON.parse((await get(keyA, 'x=1')).body)).toEqual({ Response: { ResponseCode: '-1', Error: 'missing parameter command' } });
    const post = await get(keyA, 'command=list_domain', 'json', { method: 'POST' });
    expect(post.status).toBe(405);
    expect(JSON.parse(post.body).Response.ResponseCode).toBe('-1');
    const missingParam = JSON.parse((await get(keyA, 'command=domain_info')).body);
    expect(missingParam).toEqual({ DomainInfoResponse: { ResponseCode: -1, Status: 'error', Error: 'missing parameter domain' } });
    const csv = await fetch(`${endpoint}/api3.html?key=${keyA}&command=list_domain`);
    expect(csv.status).toBe(404);
  });

  it('uses a ten-minute ban by default', async () => {
    const other = await startSandbox({ seed: 'test', domains: 10, registrars: { dynadot: { processingMs: 100 } } });
    try {
      const ep = other.descriptor.registrars.dynadot.endpoint;
      const key = other.descriptor.registrars.dynadot.accounts[0]!.credentials.key!;
      const hit = (): Promise<Response> => fetch(`${ep}/api3.json?key=${key}&command=get_account_balance`);
      await Promise.all([hit(), hit()]);
      const s = other.stats().dynadot!['dyn-a']!;
      expect(s.limits?.banMs).toBe(600_000);
      expect(Date.parse(s.pausedUntil!) - other.clock.now()).toBeGreaterThan(590_000);
      other.clock.advance(600_000);
      expect((await (await hit()).json()).GetAccountBalanceResponse.Status).toBe('success');
    } finally {
      await other.close();
    }
  });
});
