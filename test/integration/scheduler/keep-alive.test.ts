import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainDeckApp } from '../../../src-main/app/open-app.js';
import { startSandbox, type RunningSandbox } from '../../../src-main/sandbox/server.js';
import { openTestApp } from '../../helpers/open-test-app.js';

/**
 * A Dynadot lane sends one request after another; a new TCP connection per
 * request would add a handshake to each. The app's adapters share one undici
 * dispatcher (open-app.ts: the global Agent unless a test passes one), which
 * keeps connections alive: after warm-up, no call opens a new connection.
 */
let sb: RunningSandbox;
let app: DomainDeckApp;

beforeAll(async () => {
  sb = await startSandbox({ seed: 'keep-alive', domains: 5, registrars: { dynadot: { processingMs: 0 } } });
  app = await openTestApp();
});

afterAll(async () => {
  await app?.close();
  await sb?.close();
});

describe('app HTTP keep-alive', () => {
  it('opens no new connection per request: 40 consecutive Dynadot calls through the app reuse the warm ones', async () => {
    const info = sb.descriptor.registrars.dynadot;
    const port = new URL(info.endpoint).port;
    let opened = 0;
    const onConnect = (m: unknown) => {
      if (String((m as { connectParams?: { port?: string | number } }).connectParams?.port) === port) opened++;
    };
    subscribe('undici:client:connected', onConnect);
    try {
      const acc = await app.services.accounts.add({ registrar: 'dynadot', label: 'keep-alive', endpoint: info.endpoint, credentials: info.accounts[0]!.credentials });
      // Warm-up: undici's pool may open a second socket while the first one is still connecting.
      for (let i = 0; i < 4; i++) expect((await app.services.accounts.test(acc.id)).ok).toBe(true);
      const warm = opened;
      expect(warm).toBeGreaterThanOrEqual(1);
      expect(warm).toBeLessThanOrEqual(2);
      for (let i = 0; i < 40; i++) expect((await app.services.accounts.test(acc.id)).ok).toBe(true);
      expect(opened).toBe(warm);
    } finally {
      unsubscribe('undici:client:connected', onConnect);
    }
    expect(sb.stats().dynadot!['dyn-a']!.requests).toBe(44);
  });
});
