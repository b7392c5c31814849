import { Agent } from 'undici';
import { expect } from 'vitest';
import type { DomainDeckApp } from '../../src-main/app/open-app.js';
import { startSandbox, type RunningSandbox } from '../../src-main/sandbox/server.js';
import { openTestApp } from './open-test-app.js';

export interface SyncedSandboxApp {
  sandbox: RunningSandbox;
  app: DomainDeckApp;
  /** Account id per registrar. */
  ids: Record<'dynadot' | 'mrdomain', string>;
  close(): Promise<void>;
}

/** A sandbox (40 names each) with a Dynadot and a MrDomain account added and fully synced: the bulk tests' starting point. */
export async function openSyncedSandboxApp(seed: string): Promise<SyncedSandboxApp> {
  const sandbox = await startSandbox({ seed, domains: 40, registrars: { dynadot: { processingMs: 0 } } });
  const app = await openTestApp({ http: new Agent({ connections: 16 }) });
  const ids = {} as SyncedSandboxApp['ids'];
  for (const registrar of ['dynadot', 'mrdomain'] as const) {
    const info = sandbox.descriptor.registrars[registrar];
    const acc = await app.services.accounts.add({ registrar, label: `${registrar} test`, endpoint: info.endpoint, credentials: info.accounts[0]!.credentials });
    ids[registrar] = acc.id;
  }
  const report = await app.services.sync.run({ mode: 'full' });
  expect(report.accounts.every((a) => a.state === 'ok')).toBe(true);
  return {
    sandbox,
    app,
    ids,
    close: async () => {
      await app.close();
      await sandbox.close();
    },
  };
}
