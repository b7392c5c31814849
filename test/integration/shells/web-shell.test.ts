import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainDeckApp } from '../../../src-main/app/open-app.js';
import { createAppDispatcher } from '../../../src-main/rpc/index.js';
import { startWebShell, type RunningWebShell } from '../../../src-main/shells/web/server.js';
import { openTestApp } from '../../helpers/open-test-app.js';

/** Raw HTTP so the Host header can be forged (fetch forbids setting it). */
function raw(port: number, path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method: init.method ?? 'GET', headers: init.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

describe('web shell', () => {
  let app: DomainDeckApp;
  let shell: RunningWebShell;
  let host: string;

  beforeAll(async () => {
    app = await openTestApp();
    const staticDir = mkdtempSync(join(tmpdir(), 'dd-static-'));
    mkdirSync(join(staticDir, 'assets'));
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>DomainDeck</title>');
    shell = await startWebShell({ dispatcher: createAppDispatcher(app), events: app.events, staticDir });
    host = `127.0.0.1:${shell.port}`;
  });
  afterAll(async () => {
    await shell.close();
    await app.close();
  });

  const rpc = (method: string, body: unknown, headers: Record<string, string> = {}) =>
    raw(shell.port, `/rpc/${method}`, { method: 'POST', headers: { host, 'content-type': 'application/json', 'x-domaindeck-token': shell.token, ...headers }, body: JSON.stringify(body) });

  it('binds to loopback only and prints a tokenized URL', () => {
    expect(shell.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/);
  });

  it('refuses requests without the token (401) and with a wrong one (403)', async () => {
    expect((await raw(shell.port, '/rpc/app.info', { method: 'POST', headers: { host, 'content-type': 'application/json' }, body: '{}' })).status).toBe(401);
    expect((await rpc('app.info', {}, { 'x-domaindeck-token': 'wrong' })).status).toBe(403);
    expect((await raw(shell.port, '/?token=wrong', { headers: { host } })).status).toBe(403);
    expect((await raw(shell.port, '/', { headers: { host } })).status).toBe(401);
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const res = await raw(shell.port, '/rpc/app.info', { method: 'POST', headers: { host: 'evil.example:80', 'content-type': 'application/json', 'x-domaindeck-token': shell.token }, body: '{}' });
    expect(res.status).toBe(403);
    expect((await raw(shell.port, `/?token=${shell.token}`, { headers: { host: `attacker.test:${shell.port}` } })).status).toBe(403);
  });

  it('exchanges the URL token for an HttpOnly SameSite cookie, then serves the renderer with a CSP', async () => {
    const first = await raw(shell.port, `/?token=${shell.token}`, { headers: { host } });
    expect(first.status).toBe(303);
    const cookie = String(first.headers['set-cookie']);
    expect(cookie).toMatch(/dd_token=.+; HttpOnly; SameSite=Strict/);
    const page = await raw(shell.port, '/', { headers: { host, cookie: cookie.split(';')[0]! } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('DomainDeck');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('dispatches contract calls and returns typed errors', async () => {
    const ok = await rpc('app.info', {});
    expect(JSON.parse(ok.body)).toMatchObject({ ok: true, value: { name: 'DomainDeck' } });
    const bad = await rpc('settings.update', { theme: 42 });
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'InvalidInput', path: ['theme'] } });
    const unknown = await rpc('no.such', {});
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { code: 'UnknownMethod' } });
  });

  it('requires a JSON content type for RPC (cross-site forms cannot send one)', async () => {
    const res = await raw(shell.port, '/rpc/app.info', { method: 'POST', headers: { host, 'content-type': 'text/plain', 'x-domaindeck-token': shell.token }, body: '{}' });
    expect(res.status).toBe(415);
  });

  it('answers an oversized request with a typed error and keeps serving', async () => {
    const big = await rpc('app.info', { pad: 'x'.repeat(41 * 1024 * 1024) });
    expect(big.status).toBe(413);
    expect(JSON.parse(big.body)).toMatchObject({ ok: false, error: { code: 'InvalidInput' } });
    const ok = await rpc('app.info', {});
    expect(JSON.parse(ok.body)).toMatchObject({ ok: true });
  });

  it('streams contract events over SSE', async () => {
    const received = await new Promise<string>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port: shell.port, path: '/events', headers: { host, 'x-domaindeck-token': shell.token } }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => {
          text += c.toString('utf8');
          if (text.includes('event: settings.changed')) {
            req.destroy();
            resolve(text);
          }
        });
      });
      req.on('error', reject);
      req.end();
      setTimeout(() => void rpc('settings.update', { theme: 'dark' }), 100);
    });
    expect(received).toMatch(/event: settings.changed\ndata: \{"theme":"dark"/);
  });

  it('says clearly when the port is taken', async () => {
    await expect(startWebShell({ dispatcher: createAppDispatcher(app), events: app.events, staticDir: tmpdir(), port: shell.port })).rejects.toThrow(/already in use/);
  });
});
