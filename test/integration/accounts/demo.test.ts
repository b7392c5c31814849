import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hasAnyAccount, seedDemoAccounts, startDemo, type DemoSession } from '../../../src-main/app/demo.js';
import { openApp, type DomainDeckApp } from '../../../src-main/app/open-app.js';

let demo: DemoSession | null = null;
let app: DomainDeckApp | null = null;
afterEach(async () => {
  await app?.close();
  await demo?.close();
  app = null;
  demo = null;
});

describe('demo mode', { timeout: 60_000 }, () => {
  it('runs the sandbox in-process with a throwaway data dir, a memory vault and one working demo account per registrar', async () => {
    demo = await startDemo({ domains: 20 });
    expect(demo.throwaway).toBe(true);
    expect(demo.vault.kind).toBe('memory');
    expect(hasAnyAccount(demo.dataDir)).toBe(false);
    app = await openApp({ dataDir: demo.dataDir, vault: demo.vault, demo: true });
    const added = await seedDemoAccounts(app.services.accounts, demo.sandbox.descriptor);
    expect(added.map((a) => a.label)).toEqual(['Dynadot demo', 'MrDomain demo', 'Irsfa demo', 'Reseller demo']);
    expect(added.every((a) => a.demo)).toBe(true);
    for (const a of added) expect(await app.services.accounts.test(a.id), a.label).toMatchObject({ ok: true, status: 'ok' });
    expect(hasAnyAccount(demo.dataDir)).toBe(true);
    const dir = demo.dataDir;
    await app.close();
    app = null;
    await demo.close();
    demo = null;
    expect(existsSync(dir)).toBe(false);
  });

  it('re-seeding a kept data dir replaces earlier demo accounts and keeps real ones', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dd-demo-keep-'));
    try {
      demo = await startDemo({ dataDir: dir, domains: 10 });
      app = await openApp({ dataDir: dir, vault: demo.vault, demo: true });
      await app.services.accounts.add({ registrar: 'dynadot', label: 'Dynadot demo', credentials: { key: 'RealAccountKey12345' } });
      const first = await seedDemoAccounts(app.services.accounts, demo.sandbox.descriptor);
      expect(first[0]!.label).toBe('Dynadot demo 2');
      const again = await seedDemoAccounts(app.services.accounts, demo.sandbox.descriptor);
      expect(again).toHaveLength(4);
      const items = app.services.accounts.list().items;
      expect(items).toHaveLength(5);
      expect(items.filter((a) => !a.demo).map((a) => a.label)).toEqual(['Dynadot demo']);
    } finally {
      await app?.close();
      app = null;
      await demo?.close();
      demo = null;
      expect(existsSync(dir)).toBe(true);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('hasAnyAccount does not create a database in an empty folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dd-demo-empty-'));
    try {
      expect(hasAnyAccount(dir)).toBe(false);
      expect(existsSync(join(dir, 'domaindeck.db'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
