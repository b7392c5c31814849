import type { BulkMessage } from '../../../src-shared/contract/areas/bulk.js';
import { isRegistrarError } from '../../registrars/errors.js';
import type { RegistrarAdapter } from '../../registrars/types.js';
import { EndItem } from '../../scheduler/index.js';
import { msg } from './messages.js';

/**
 * Registrars whose folders must exist before a name can move in. Dynadot is
 * one: `set_folder` with an unknown name answers "could not find folder",
 * and `create_folder` refuses a name that already exists. Adapters that
 * have such a directory expose these two calls (the Dynadot adapter does);
 * a registrar that creates folders on the fly simply does not.
 */
export interface FolderDirectory {
  listFolders(): Promise<{ id: string; name: string }[]>;
  createFolder(name: string): Promise<{ id: string; name: string }>;
}

export function folderDirectory(adapter: RegistrarAdapter): FolderDirectory | null {
  const a = adapter as RegistrarAdapter & Partial<FolderDirectory>;
  return typeof a.listFolders === 'function' && typeof a.createFolder === 'function' ? (a as FolderDirectory) : null;
}

const reasonOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** Preview: one folder_list per account says whether the job will create the folder first. Nothing is written. */
export async function folderNotes(folder: string, account: string, dir: FolderDirectory): Promise<BulkMessage[]> {
  try {
    const folders = await dir.listFolders();
    if (folders.some((f) => f.name === folder)) return [];
    const similar = folders.find((f) => f.name.toLowerCase() === folder.toLowerCase());
    return [msg('folderWillBeCreated', { folder, account }), ...(similar ? [msg('folderCaseDiffers', { folder, existing: similar.name })] : [])];
  } catch (err) {
    return [msg('folderCheckFailed', { folder, account, reason: reasonOf(err) })];
  }
}

/**
 * The job's one setup step per (job, account, folder): make sure the folder
 * exists before the first name moves. It always reads folder_list first, so
 * a resumed job (after a crash, kill or pause) never sends create_folder for
 * a folder an earlier run already created; within one run the answer is
 * shared by every item of that account. A create whose outcome is unknown is
 * read back, never re-sent.
 */
export function createFolderSetup() {
  const ready = new Map<string, Promise<void>>();
  return {
    ensure(jobId: string, accountId: string, adapter: RegistrarAdapter, folder: string): Promise<void> {
      const dir = folderDirectory(adapter);
      if (!dir) return Promise.resolve();
      const key = JSON.stringify([jobId, accountId, folder]);
      let p = ready.get(key);
      if (!p) {
        p = ensureFolder(dir, folder);
        ready.set(key, p);
        // A failed setup is tried again (list first) by the account's next item.
        p.catch(() => ready.delete(key));
      }
      return p;
    },
  };
}
export type FolderSetup = ReturnType<typeof createFolderSetup>;

async function ensureFolder(dir: FolderDirectory, folder: string): Promise<void> {
  // The name was never sent when setup fails, so the item fails plainly (not "unconfirmed").
  const fail = (err: unknown) => new EndItem('failed', isRegistrarError(err) ? err.kind : 'FolderSetup', `Folder "${folder}" could not be prepared, so this name was not moved: ${reasonOf(err)}`);
  const exists = async () => (await dir.listFolders()).some((f) => f.name === folder);
  try {
    if (await exists()) return;
    await dir.createFolder(folder);
  } catch (err) {
    if (!(isRegistrarError(err) && err.kind === 'OutcomeUnknown')) throw fail(err);
    const created = await exists().catch((e: unknown) => {
      throw fail(e);
    });
    if (!created) throw fail(err);
  }
}
