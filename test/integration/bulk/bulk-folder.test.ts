import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainDeckApp } from '../../../src-main/app/open-app.js';
import type { RunningSandbox } from '../../../src-main/sandbox/server.js';
import { openSyncedSandboxApp, type SyncedSandboxApp } from '../../helpers/synced-sandbox-app.js';

/**
 * Bulk "move to folder" against the sandbox: Dynadot names move (the folder
 * is created first, once), MrDomain names are skipped with MrDomain's reason,
 * a second run has nothing to do, and a connection dropped after set_folder
 * was applied is reconciled by reading the domain back.
 */
describe('bulk move to folder through the journal', () => {
  let sandbox: RunningSandbox;
  let app: DomainDeckApp;
  const ids: Record<string, string> = {};
  const FOLDER = 'Archive 2030';

  let setup: SyncedSandboxApp | undefined;
  beforeAll(async () => {
    setup = await openSyncedSandboxApp('bulk-folder');
    ({ sandbox, app } = setup);
    Object.assign(ids, setup.ids);
  });
  afterAll(async () => {
    await setup?.close();
  });

  const activeNames = (accountId: string) =>
    app.services.portfolio.query({ filter: { accounts: [accountId], statuses: ['active'] }, sort: [{ column: 'name', desc: false }], offset: 0, limit: 100 }).items;
  const cached = (id: number) => app.services.portfolio.byIds([id])[0]!;
  const dynStats = () => sandbox.stats().dynadot!['dyn-a']!;

  /** What the simulated Dynadot itself says (straight to its API, while the app is idle: one request at a time per key). */
  async function dynadotFolder(name: string): Promise<string> {
    const { endpoint, accounts } = sandbox.descriptor.registrars.dynadot;
    const url = `${endpoint}/api3.json?key=${encodeURIComponent(accounts[0]!.credentials.key!)}&command=domain_info&domain=${encodeURIComponent(name)}`;
    const body = (await (await request(url)).body.json()) as { DomainInfoResponse: { DomainInfo: { Folder: { FolderName: string } } } };
    return body.DomainInfoResponse.DomainInfo.Folder.FolderName;
  }

  let moved: ReturnType<typeof activeNames> = [];

  it('previews: Dynadot names run and the folder will be created; MrDomain names are skipped with the reason', async () => {
    moved = activeNames(ids.dynadot!).filter((d) => d.folder !== FOLDER).slice(0, 3);
    const mrd = activeNames(ids.mrdomain!).slice(0, 2);
    expect(moved).toHaveLength(3);
    const preview = await app.services.bulk.preview({ kind: 'folder', folder: FOLDER }, { ids: [...moved, ...mrd].map((d) => d.id) });
    expect(preview.runnable).toBe(3);
    expect(preview.skipped).toBe(2);
    expect(preview.moneyMoving).toBe(false);
    expect(preview.confirmText).toBe('3');
    for (const i of preview.items.filter((x) => x.registrar === 'mrdomain')) {
      expect(i.skipped?.key).toBe('bulk.msg.notSupportedBecause');
      expect(i.skipped?.text).toMatch(/MrDomain has tags but no folders/);
    }
    const dyn = preview.accounts.find((a) => a.accountId === ids.dynadot);
    expect(dyn?.notes.map((n) => n.key)).toEqual(['bulk.msg.folderWillBeCreated']);
    expect(dyn?.notes[0]?.text).toContain(`"${FOLDER}" will be created`);
    // The preview only read folder_list: nothing created, nothing moved.
    expect(dynStats().byCommand['create_folder'] ?? 0).toBe(0);
    expect(dynStats().byCommand['set_folder'] ?? 0).toBe(0);
  });

  it('moves the Dynadot names: the folder is created once, the registrar and the cache show it, events are recorded', async () => {
    const mrd = activeNames(ids.mrdomain!).slice(0, 2);
    const started = await app.services.bulk.start({ kind: 'folder', folder: FOLDER }, { ids: [...moved, ...mrd].map((d) => d.id) }, '3');
    expect(started).toMatchObject({ runnable: 3, skipped: 2 });
    const summary = await app.scheduler.jobs.wait(started.jobId);
    expect(summary.totals).toMatchObject({ done: 3, failed: 0, unconfirmed: 0 });
    expect(dynStats().byCommand['create_folder']).toBe(1);
    expect(dynStats().byCommand['set_folder']).toBe(3);
    for (const d of moved) {
      expect(await dynadotFolder(d.name)).toBe(FOLDER);
      expect(cached(d.id).folder).toBe(FOLDER);
      const events = app.services.portfolio.get({ id: d.id }).events;
      expect(events.some((e) => e.kind === 'folder-changed')).toBe(true);
    }
    // MrDomain rows were never touched: their "folder" (a tag) is what it was.
    for (const d of mrd) expect(cached(d.id).folder).toBe(d.folder);
    expect(dynStats().violations).toBe(0);
  });

  it('a second run skips every name as already in the folder, and will not start', async () => {
    const preview = await app.services.bulk.preview({ kind: 'folder', folder: FOLDER }, { ids: moved.map((d) => d.id) });
    expect(preview.runnable).toBe(0);
    expect(preview.items.every((i) => i.skipped?.key === 'bulk.msg.alreadyInFolder' && i.skipped.text === `Already in folder ${FOLDER}`)).toBe(true);
    expect(preview.accounts).toEqual([]);
    await expect(app.services.bulk.start({ kind: 'folder', folder: FOLDER }, { ids: moved.map((d) => d.id) }, '0')).rejects.toThrow(/None of the selected names/);
  });

  it('moves names out of every folder with "No folder"', async () => {
    const [d] = moved;
    const started = await app.services.bulk.start({ kind: 'folder', folder: null }, { ids: [d!.id] }, '1');
    expect((await app.scheduler.jobs.wait(started.jobId)).totals.done).toBe(1);
    expect(await dynadotFolder(d!.name)).toBe('(no folder)');
    expect(cached(d!.id).folder).toBeNull();
  });

  it('a connection dropped after set_folder was applied becomes unconfirmed and is reconciled as applied', async () => {
    const d = activeNames(ids.dynadot!).find((x) => x.folder !== FOLDER && !moved.some((m) => m.id === x.id))!;
    const creates = dynStats().byCommand['create_folder'];
    const sets = dynStats().byCommand['set_folder']!;
    sandbox.setFaults({ dynadot: { drop: { next: 1 }, only: ['set_folder'] } });
    const started = await app.services.bulk.start({ kind: 'folder', folder: FOLDER }, { ids: [d.id] }, '1');
    const summary = await app.scheduler.jobs.wait(started.jobId);
    sandbox.setFaults({ dynadot: null });
    expect(summary.totals).toMatchObject({ done: 1, failed: 0, unconfirmed: 0 });
    const item = app.services.jobs.get(started.jobId, { limit: 10 }).items[0]!;
    expect(item.attempt).toBe(1);
    expect(item.result).toEqual({ reconciled: 'applied' });
    const attempts = app.db.prepare('SELECT action, outcome FROM job_item_attempts WHERE job_id = ? ORDER BY attempt, started_at').all(started.jobId);
    expect(attempts).toEqual([
      { action: 'run', outcome: 'unconfirmed' },
      { action: 'reconcile', outcome: 'applied' },
    ]);
    // Sent once, never again; the folder already existed, so it was not created a second time.
    expect(dynStats().byCommand['set_folder']).toBe(sets + 1);
    expect(dynStats().byCommand['create_folder']).toBe(creates);
    expect(await dynadotFolder(d.name)).toBe(FOLDER);
    expect(cached(d.id).folder).toBe(FOLDER);
  });
  it("tells the detail panel which actions a name can take, and why not (MrDomain has no folders)", async () => {
    const of = async (id: number) => Object.fromEntries((await app.services.bulk.actions(id)).actions.map((a) => [a.kind, a]));
    const dyn = await of(activeNames(ids.dynadot!)[0]!.id);
    expect(Object.keys(dyn)).toEqual(['renew', 'autoRenew', 'lock', 'nameservers', 'folder']);
    expect(Object.values(dyn).every((a) => a.available && a.reason === null)).toBe(true);
    const mrd = await of(activeNames(ids.mrdomain!)[0]!.id);
    expect(mrd.renew?.available).toBe(true);
    expect(mrd.folder).toMatchObject({ available: false, reason: { key: expect.stringMatching(/^bulk\.msg\.notSupported/) as unknown } });
    expect(mrd.folder?.reason?.text).toContain('mrdomain test');
    await expect(app.services.bulk.actions(987_654_321)).rejects.toThrow(/No domain with id/);
  });
});
