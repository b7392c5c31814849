import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp, type DomainDeckApp, type OpenAppOptions } from '../../src-main/app/open-app.js';
import { createMemoryVault } from '../../src-main/vault/memory-vault.js';

/** An isolated app in a fresh temp data dir with an in-memory vault. */
export async function openTestApp(overrides: Partial<OpenAppOptions> = {}): Promise<DomainDeckApp> {
  const dataDir = overrides.dataDir ?? mkdtempSync(join(tmpdir(), 'dd-app-'));
  return openApp({ dataDir, vault: createMemoryVault(), ...overrides });
}
