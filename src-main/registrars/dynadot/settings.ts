import { z } from 'zod';
import { RegistrarError } from '../errors.js';
import type { DynadotClient } from './client.js';
import { invalidInput } from './errors.js';
import { read, text } from './parse.js';
import { domainList, domainName } from './validate.js';

/**
 * Per-domain settings. set_renew_option and set_privacy take up to 100 names
 * per request, so the bulk forms are what a portfolio of thousands needs.
 * Dynadot has lock_domain but no unlock command: unlocking goes through
 * get_transfer_auth_code with unlock_domain_for_transfer=1 (the code it
 * returns is discarded).
 */

const write = (command: string, root: string) => ({ command, kind: 'write' as const, shape: { roots: [root] }, priority: 'interactive' as const });

export async function setAutoRenew(client: DynadotClient, names: readonly string[], on: boolean): Promise<void> {
  const list = domainList(names);
  await client.call({ ...write('set_renew_option', 'SetRenewOptionResponse'), params: { domain: list.join(','), renew_option: on ? 'auto' : 'donot' } });
}

export async function setPrivacy(client: DynadotClient, names: readonly string[], option: 'full' | 'partial' | 'off'): Promise<void> {
  if (!['full', 'partial', 'off'].includes(option)) throw invalidInput('privacy', `Privacy must be full, partial or off (got ${String(option)}).`);
  const list = domainList(names);
  await client.call({ ...write('set_privacy', 'SetPrivacyResponse'), params: { domain: list.join(','), option } });
}

export async function setLock(client: DynadotClient, input: string, locked: boolean): Promise<void> {
  const domain = domainName(input);
  if (locked) {
    await client.call({ ...write('lock_domain', 'LockDomainResponse'), params: { domain } });
    return;
  }
  await client.call({ ...write('get_transfer_auth_code', 'GetTransferAuthCodeResponse'), params: { domain, unlock_domain_for_transfer: 1 } });
}

/** The transfer auth code; `unlock` also removes the transfer lock, `fresh` asks for a new code. */
export async function getAuthCode(client: DynadotClient, input: string, o: { unlock?: boolean; fresh?: boolean } = {}): Promise<string> {
  const domain = domainName(input);
  const site = { command: 'get_transfer_auth_code', kind: o.unlock || o.fresh ? ('write' as const) : ('read' as const) };
  const { body } = await client.call({ ...site, shape: { roots: ['GetTransferAuthCodeResponse'] }, priority: 'interactive', params: { domain, unlock_domain_for_transfer: o.unlock ? 1 : undefined, new_code: o.fresh ? 1 : undefined } });
  // The code is a secret of its own: only the shape is kept for diagnosis.
  return read(z.looseObject({ AuthCode: z.string().min(1) }), body, site, '{"AuthCode":"***"}').AuthCode;
}

export async function setNote(client: DynadotClient, input: string, note: string): Promise<void> {
  await client.call({ ...write('set_note', 'SetNoteResponse'), params: { domain: domainName(input), note } });
}

export interface Folder {
  id: string;
  name: string;
}

const folderListSchema = z.looseObject({ FolderList: z.array(z.looseObject({ FolderId: text, FolderName: z.string() })).default([]) });

export async function listFolders(client: DynadotClient): Promise<Folder[]> {
  const site = { command: 'folder_list', kind: 'read' as const };
  const { body } = await client.call({ ...site, shape: { roots: ['FolderListResponse'] }, priority: 'interactive' });
  return read(folderListSchema, body, site, client.scrub(JSON.stringify(body).slice(0, 4000))).FolderList.map((f) => ({ id: f.FolderId, name: f.FolderName }));
}

/** Creates a folder, or returns the existing one of that exact (case-sensitive) name. */
export async function createFolder(client: DynadotClient, name: string): Promise<Folder> {
  const folderName = name.trim();
  if (folderName === '' || folderName === 'Default') throw invalidInput('folder', `"${name}" cannot be used as a folder name.`);
  const site = { command: 'create_folder', kind: 'write' as const };
  try {
    const { body } = await client.call({ ...site, shape: { roots: ['FolderCreateResponse'] }, params: { folder_name: folderName }, priority: 'interactive' });
    const c = read(z.looseObject({ FolderCreateContent: z.looseObject({ FolderId: text, FolderName: z.string() }) }), body, site, JSON.stringify(body)).FolderCreateContent;
    return { id: c.FolderId, name: c.FolderName };
  } catch (err) {
    if (!(err instanceof RegistrarError && err.kind === 'Invalid' && /already exists/i.test(err.code ?? ''))) throw err;
    const existing = (await listFolders(client)).find((f) => f.name === folderName);
    if (!existing) throw err;
    return existing;
  }
}

export async function deleteFolders(client: DynadotClient, ids: readonly string[]): Promise<void> {
  if (ids.length === 0 || ids.some((id) => !/^\d+$/.test(id))) throw invalidInput('folder_id', 'Folder ids must be Dynadot folder numbers.');
  await client.call({ ...write('delete_folder', 'DeleteFolderResponse'), params: { folder_id: ids.join(',') } });
}

export async function renameFolder(client: DynadotClient, id: string, name: string): Promise<void> {
  if (!/^\d+$/.test(id)) throw invalidInput('folder_id', `"${id}" is not a Dynadot folder number.`);
  if (name.trim() === '') throw invalidInput('folder', 'A folder name cannot be empty.');
  await client.call({ ...write('set_folder_name', 'SetFolderNameResponse'), params: { folder_id: id, folder_name: name.trim() } });
}

/** Moves one name into a folder (by exact name), or out of every folder with null. */
export async function moveToFolder(client: DynadotClient, input: string, folder: string | null): Promise<void> {
  await client.call({ ...write('set_folder', 'SetFolderResponse'), params: { domain: domainName(input), folder: folder ?? 'Default' } });
}
