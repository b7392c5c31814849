import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registrarIds } from '../../src-shared/accounts/registrars.js';
import type { AccountSummary } from '../../src-shared/contract/areas/accounts.js';
import { englishText } from '../../src-shared/i18n/english.js';
import { DB_FILE } from '../db/connection.js';
import type { RunningSandbox, SandboxDescriptor } from '../sandbox/server.js';
import type { AccountsService } from '../services/accounts-service.js';
import { registrarName } from '../services/accounts/explain.js';
import { createMemoryVault } from '../vault/memory-vault.js';
import type { Vault } from '../vault/vault.js';

/**
 * Demo mode (issue 11): the sandbox registrars run in-process with a seeded
 * portfolio, the data dir is throwaway unless one is given, and the vault
 * lives in memory, so nothing a newcomer clicks touches real accounts.
 */
export interface DemoSession {
  dataDir: string;
  /** True when the data dir is a temp folder this session created and deletes on close. */
  throwaway: boolean;
  vault: Vault;
  sandbox: RunningSandbox;
  close(): Promise<void>;
}

/** "A few thousand names across all four registrars". */
export const DEMO_DOMAINS_PER_REGISTRAR = 1000;

export async function startDemo(options: { dataDir?: string; domains?: number; seed?: string } = {}): Promise<DemoSession> {
  // Loaded on demand: the simulators are only needed in demo mode.
  const { startSandbox } = await import('../sandbox/server.js');
  const sandbox = await startSandbox({ seed: options.seed ?? 'domaindeck-demo', domains: options.domains ?? DEMO_DOMAINS_PER_REGISTRAR });
  const throwaway = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'domaindeck-demo-'));
  let closed = false;
  return {
    dataDir,
    throwaway,
    vault: createMemoryVault(),
    sandbox,
    async close() {
      if (closed) return;
      closed = true;
      await sandbox.close();
      if (throwaway) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * One demo account per sandbox registrar ("Dynadot demo", ...), pointed at the
 * sandbox. Demo accounts left from an earlier session in the same data dir are
 * replaced: their secrets were in that session's memory vault.
 */
export async function seedDemoAccounts(accounts: AccountsService, descriptor: SandboxDescriptor): Promise<AccountSummary[]> {
  for (const old of accounts.list().items.filter((a) => a.demo)) await accounts.remove(old.id);
  const taken = new Set(accounts.list().items.map((a) => a.label.toLowerCase()));
  const added: AccountSummary[] = [];
  for (const registrar of registrarIds) {
    const info = descriptor.registrars[registrar];
    const first = info?.accounts[0];
    if (!first) continue;
    let label = englishText('accounts.demoLabel', { registrar: registrarName(registrar) });
    for (let n = 2; taken.has(label.toLowerCase()); n++) label = `${englishText('accounts.demoLabel', { registrar: registrarName(registrar) })} ${n}`;
    taken.add(label.toLowerCase());
    added.push(await accounts.add({ registrar, label, endpoint: info.endpoint, credentials: first.credentials }, { demo: true }));
  }
  return added;
}

/**
 * Whether the data dir holds at least one account, read without migrating
 * or creating anything (scripts/start.mjs asks before choosing demo mode).
 */
export function hasAnyAccount(dataDir: string): boolean {
  const file = join(dataDir, DB_FILE);
  if (!existsSync(file)) return false;
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'accounts'").get();
    if (!table) return false;
    return db.prepare('SELECT 1 FROM accounts LIMIT 1').get() !== undefined;
  } catch {
    // An unreadable database is not "no accounts": let the normal start-up explain it.
    return true;
  } finally {
    db?.close();
  }
}

/** Irsfa has no list call: the demo "imports" this many of the sandbox account's names, as a user would. */
const DEMO_IRSFA_NAMES = 200;

/**
 * Fills the demo cache: a full sync of every demo account, then, for the
 * registrar whose names come from the user (Irsfa), a names sync of the
 * sandbox account's first names.
 */
export async function syncDemoPortfolio(
  sync: { run(input: { mode: 'full' | 'incremental'; accountId?: string; names?: string[] }): Promise<unknown> },
  sandbox: RunningSandbox,
  added: AccountSummary[],
): Promise<void> {
  await sync.run({ mode: 'full' });
  for (const account of added.filter((a) => a.registrar === 'irsfa')) {
    const label = sandbox.descriptor.registrars.irsfa.accounts[0]?.label;
    const listed = (await sandbox.control('irsfa', { action: 'listDomains', account: label, limit: DEMO_IRSFA_NAMES })) as { names?: string[] };
    if (listed.names?.length) await sync.run({ mode: 'incremental', accountId: account.id, names: listed.names });
  }
}
