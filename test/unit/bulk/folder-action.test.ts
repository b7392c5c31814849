import { describe, expect, it, vi } from 'vitest';
import { bulkActionSchema, type BulkAction } from '../../../src-shared/contract/areas/bulk.js';
import type { DomainItem } from '../../../src-shared/contract/areas/portfolio.js';
import { RegistrarError } from '../../../src-main/registrars/errors.js';
import type { Capabilities, NormalizedDomain, RegistrarAdapter } from '../../../src-main/registrars/types.js';
import { EndItem } from '../../../src-main/scheduler/index.js';
import { JOB_KIND, sameFolder, skipReason, stateMatches } from '../../../src-main/services/bulk/actions.js';
import { createFolderSetup, folderDirectory, folderNotes, type FolderDirectory } from '../../../src-main/services/bulk/folders.js';
import { settingKind, type SettingItemInput } from '../../../src-main/services/bulk/job-kinds.js';

type FolderAction = Extract<BulkAction, { kind: 'folder' }>;
const into = (folder: string | null): FolderAction => ({ kind: 'folder', folder });

function row(over: Partial<DomainItem> = {}): DomainItem {
  return {
    id: 1, name: 'example.com', unicode: 'example.com', tld: 'com', registrar: 'dynadot', accountId: 'acc-1', account: 'dyn-a',
    expiresAt: '2030-01-01T00:00:00.000Z', registryExpiresAt: null, createdAt: null, status: 'active', autoRenew: false, locked: true,
    privacy: 'full', nameservers: null, folder: null, renewalPrice: null, flags: [], tags: [], purchasePrice: null, askingPrice: null,
    lastSyncedAt: '2024-01-01T00:00:00.000Z', removedAt: null, ...over,
  };
}

function normalized(folder: string | null): NormalizedDomain {
  return { name: 'example.com', unicode: 'example.com', tld: 'com', expiresAt: null, registryExpiresAt: null, createdAt: null, status: 'active', autoRenew: null, locked: null, privacy: null, nameservers: null, folder, renewalPrice: null, raw: {} };
}

function adapter(folders: boolean, extra: Partial<RegistrarAdapter> & Partial<FolderDirectory> = {}, reason?: string): RegistrarAdapter {
  const capabilities = { folders, reasons: reason ? { folders: reason } : {} } as unknown as Capabilities;
  return { registrar: folders ? 'dynadot' : 'mrdomain', capabilities, ...extra } as RegistrarAdapter;
}
const dynadot = () => adapter(true, { setFolder: vi.fn(async () => undefined) });

/** A Dynadot-like folder directory: names are case-sensitive, create refuses a name that exists. */
function directory(initial: string[]) {
  const names = [...initial];
  const calls: string[] = [];
  const dir = {
    listFolders: vi.fn(async () => {
      calls.push('list');
      return names.map((name, i) => ({ id: String(i), name }));
    }),
    createFolder: vi.fn(async (name: string) => {
      calls.push(`create:${name}`);
      if (names.includes(name)) throw new RegistrarError({ registrar: 'dynadot', kind: 'Invalid', message: `folder ${name} already exists` });
      names.push(name);
      return { id: String(names.length - 1), name };
    }),
  };
  return { dir, names, calls };
}

describe('folder action contract', () => {
  it('trims names, keeps case and accepts null as "no folder"', () => {
    expect(bulkActionSchema.parse({ kind: 'folder', folder: '  For sale ' })).toEqual({ kind: 'folder', folder: 'For sale' });
    expect(bulkActionSchema.parse({ kind: 'folder', folder: null })).toEqual({ kind: 'folder', folder: null });
  });
  it.each([[''], ['   '], ['Default'], ['a'.repeat(101)], ['two\nlines'], ['tab\there']])('refuses %j', (folder) => {
    expect(bulkActionSchema.safeParse({ kind: 'folder', folder }).success).toBe(false);
  });
  it('has its own job kind', () => {
    expect(JOB_KIND.folder).toBe('set-folder');
  });
});

describe('skipReason for folder moves', () => {
  it('skips names no longer in the account', () => {
    expect(skipReason(into('Keep'), row({ status: 'removed' }), dynadot())?.key).toBe('bulk.msg.notInAccount');
  });
  it("skips registrars without folders with the registrar's reason", () => {
    const reason = 'MrDomain has tags but no folders; DomainDeck shows the tag as the folder and does not change it.';
    const skip = skipReason(into('Keep'), row({ registrar: 'mrdomain', account: 'mrd-a', folder: 'Keep' }), adapter(false, {}, reason));
    expect(skip).toMatchObject({ key: 'bulk.msg.notSupportedBecause', params: { account: 'mrd-a', reason } });
    expect(skip?.text).toBe(`mrd-a: ${reason}`);
  });
  it('skips an adapter that declares folders but cannot move names', () => {
    expect(skipReason(into('Keep'), row(), adapter(true))?.key).toBe('bulk.msg.notSupported');
  });
  it('skips names already in that folder, and names already in no folder', () => {
    expect(skipReason(into('Keep'), row({ folder: 'Keep' }), dynadot())).toMatchObject({ key: 'bulk.msg.alreadyInFolder', text: 'Already in folder Keep' });
    expect(skipReason(into(null), row({ folder: null }), dynadot())?.key).toBe('bulk.msg.alreadyNoFolder');
  });
  it('moves names in another folder, in no folder, or in a folder of other case', () => {
    expect(skipReason(into('Keep'), row({ folder: 'Drop list' }), dynadot())).toBeNull();
    expect(skipReason(into('Keep'), row({ folder: null }), dynadot())).toBeNull();
    expect(skipReason(into('Keep'), row({ folder: 'keep' }), dynadot())).toBeNull();
    expect(skipReason(into(null), row({ folder: 'Keep' }), dynadot())).toBeNull();
  });
});

describe('stateMatches for folder moves', () => {
  it('compares the normalized folder exactly, empty meaning none', () => {
    expect(stateMatches(into('Keep'), normalized('Keep'))).toBe(true);
    expect(stateMatches(into('Keep'), normalized('keep'))).toBe(false);
    expect(stateMatches(into('Keep'), normalized(null))).toBe(false);
    expect(stateMatches(into(null), normalized(null))).toBe(true);
    expect(stateMatches(into(null), normalized('Keep'))).toBe(false);
    expect(sameFolder('', null)).toBe(true);
  });
});

describe('folder setup before the moves', () => {
  it('lists first and creates a missing folder once for every item of the job', async () => {
    const { dir, calls } = directory(['Keep']);
    const setup = createFolderSetup();
    const a = adapter(true, dir);
    await Promise.all([setup.ensure('job-1', 'acc-1', a, 'For sale'), setup.ensure('job-1', 'acc-1', a, 'For sale')]);
    await setup.ensure('job-1', 'acc-1', a, 'For sale');
    expect(calls).toEqual(['list', 'create:For sale']);
  });
  it('a resumed job (fresh process) reads folder_list and does not create the folder again', async () => {
    const { dir, calls } = directory(['Keep']);
    await createFolderSetup().ensure('job-1', 'acc-1', adapter(true, dir), 'For sale');
    await createFolderSetup().ensure('job-1', 'acc-1', adapter(true, dir), 'For sale');
    expect(calls).toEqual(['list', 'create:For sale', 'list']);
  });
  it('an existing folder is never created; case matters', async () => {
    const { dir, calls } = directory(['Keep']);
    await createFolderSetup().ensure('job-1', 'acc-1', adapter(true, dir), 'Keep');
    expect(calls).toEqual(['list']);
    await createFolderSetup().ensure('job-1', 'acc-1', adapter(true, dir), 'keep');
    expect(calls).toEqual(['list', 'list', 'create:keep']);
  });
  it('a create whose outcome is unknown is read back, not re-sent', async () => {
    const { dir, names, calls } = directory([]);
    dir.createFolder.mockImplementationOnce(async (name: string) => {
      calls.push(`create:${name}`);
      names.push(name); // applied, then the connection dropped
      throw new RegistrarError({ registrar: 'dynadot', kind: 'OutcomeUnknown', message: 'connection dropped' });
    });
    await createFolderSetup().ensure('job-1', 'acc-1', adapter(true, dir), 'Keep');
    expect(calls).toEqual(['list', 'create:Keep', 'list']);
  });
  it('fails the item plainly when the folder cannot be made, and tries again (list first) for the next item', async () => {
    const { dir, calls } = directory([]);
    dir.createFolder.mockRejectedValueOnce(new RegistrarError({ registrar: 'dynadot', kind: 'Transient', message: 'busy' }));
    const setup = createFolderSetup();
    const err = await setup.ensure('job-1', 'acc-1', adapter(true, dir), 'Keep').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EndItem);
    expect((err as EndItem).state).toBe('failed');
    await setup.ensure('job-1', 'acc-1', adapter(true, dir), 'Keep');
    expect(calls).toEqual(['list', 'list', 'create:Keep']);
  });
  it('does nothing for adapters without a folder directory', async () => {
    expect(folderDirectory(dynadot())).toBeNull();
    await expect(createFolderSetup().ensure('job-1', 'acc-1', dynadot(), 'Keep')).resolves.toBeUndefined();
  });
});

describe('preview notes about the folder', () => {
  it('says when the folder will be created, and when only the case differs', async () => {
    expect(await folderNotes('Keep', 'dyn-a', directory(['Keep']).dir)).toEqual([]);
    expect((await folderNotes('New', 'dyn-a', directory(['Keep']).dir)).map((m) => m.text)).toEqual(['Folder "New" will be created in dyn-a before the names move']);
    expect((await folderNotes('keep', 'dyn-a', directory(['Keep']).dir)).map((m) => m.key)).toEqual(['bulk.msg.folderWillBeCreated', 'bulk.msg.folderCaseDiffers']);
  });
  it('says when the check failed', async () => {
    const { dir } = directory([]);
    dir.listFolders.mockRejectedValueOnce(new Error('offline'));
    expect((await folderNotes('Keep', 'dyn-a', dir))[0]).toMatchObject({ key: 'bulk.msg.folderCheckFailed', params: { reason: 'offline' } });
  });
});

describe('the set-folder job kind', () => {
  const item = (folder: string | null) => ({ jobId: 'job-1', seq: 1, key: 'example.com', accountId: 'acc-1', input: { name: 'example.com', action: into(folder) } satisfies SettingItemInput, idempotencyKey: 'k', attempt: 1 });
  const ctx = { signal: new AbortController().signal, params: null };

  it('prepares the folder, moves the name and refreshes the cache', async () => {
    const { dir, calls } = directory([]);
    const setFolder = vi.fn(async (name: string, folder: string | null) => {
      calls.push(`set:${name}:${folder}`);
    });
    const refresh = vi.fn(async () => undefined);
    const kind = settingKind({ adapterFor: async () => adapter(true, { ...dir, setFolder }), refresh, log: () => undefined });
    await kind.run(item('Keep'), ctx);
    await kind.run(item(null), ctx);
    expect(calls).toEqual(['list', 'create:Keep', 'set:example.com:Keep', 'set:example.com:null']);
    expect(refresh).toHaveBeenCalledTimes(2);
  });
  it('reconciles by reading the folder back, refreshing the cache when it was applied', async () => {
    const refresh = vi.fn(async () => undefined);
    let current: string | null = 'Keep';
    const a = adapter(true, { setFolder: vi.fn(), getDomain: async () => normalized(current) });
    const kind = settingKind({ adapterFor: async () => a, refresh, log: () => undefined });
    await expect(kind.reconcile!(item('Keep'), ctx)).resolves.toBe('applied');
    expect(refresh).toHaveBeenCalledWith('acc-1', ['example.com']);
    current = null;
    await expect(kind.reconcile!(item('Keep'), ctx)).resolves.toBe('not-applied');
    expect(refresh).toHaveBeenCalledTimes(1);
  });
});
