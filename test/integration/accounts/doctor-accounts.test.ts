import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DoctorReport } from '../../../src-shared/contract/areas/app.js';
import type { DomainDeckApp } from '../../../src-main/app/open-app.js';
import { createAppDispatcher } from '../../../src-main/rpc/index.js';
import { startSandbox, type RunningSandbox } from '../../../src-main/sandbox/server.js';
import { openTestApp } from '../../helpers/open-test-app.js';

describe('doctor with accounts', () => {
  let sandbox: RunningSandbox;
  let app: DomainDeckApp;

  beforeAll(async () => {
    sandbox = await startSandbox({ seed: 'doctor', domains: 10 });
    app = await openTestApp();
    const dyn = sandbox.descriptor.registrars.dynadot;
    await app.services.accounts.add({ registrar: 'dynadot', label: 'good key', endpoint: dyn.endpoint, credentials: dyn.accounts[0]!.credentials });
    await app.services.accounts.add({ registrar: 'dynadot', label: 'bad key', endpoint: dyn.endpoint, credentials: { key: 'definitelyWrongKey123' } });
  });
  afterAll(async () => {
    await app?.close();
    await sandbox?.close();
  });

  it('reports each account reachable or not, in plain words, and fails overall when one is not', async () => {
    const result = await createAppDispatcher(app).dispatch('app.doctor', {});
    expect(result.ok).toBe(true);
    const report = (result as { value: DoctorReport }).value;
    const good = report.checks.find((c) => c.id === 'account:good key');
    const bad = report.checks.find((c) => c.id === 'account:bad key');
    expect(good?.ok).toBe(true);
    expect(bad?.ok).toBe(false);
    expect(bad?.message).toMatch(/rejected the API key/);
    expect(report.ok).toBe(false);
    expect(JSON.stringify(report)).not.toContain(sandbox.descriptor.registrars.dynadot.accounts[0]!.credentials.key);
  });
});
