import { openApp, type DomainDeckApp } from '../../app/open-app.js';
import { resolveDataDir } from '../../app/data-dir.js';
import { createAppDispatcher } from '../../rpc/index.js';
import type { Dispatcher } from '../../rpc/dispatcher.js';
import { createPassphraseVault, envPassphrase } from '../../vault/passphrase-vault.js';
import type { Vault } from '../../vault/vault.js';
import type { CliIo } from './output.js';
import { promptHidden } from './prompt.js';

export interface GlobalOptions {
  dataDir?: string;
  json?: boolean;
}

export interface CliApp {
  app: DomainDeckApp;
  rpc: Dispatcher;
}

/** Opens the app for one CLI command with the passphrase vault (env var, or a hidden prompt on a terminal). */
export async function openCliApp(globals: GlobalOptions, io: CliIo, extra: { demo?: boolean; dataDir?: string; vault?: Vault } = {}): Promise<CliApp> {
  // Demo mode brings its own throwaway data dir and memory vault.
  const dataDir = extra.dataDir ?? resolveDataDir(globals.dataDir, io.env);
  const prompt = io.stdinIsTTY ? () => promptHidden('DomainDeck vault passphrase: ') : undefined;
  const vault = extra.vault ?? createPassphraseVault(dataDir, envPassphrase(io.env, prompt));
  const app = await openApp({ dataDir, vault, demo: extra.demo ?? false });
  return { app, rpc: createAppDispatcher(app) };
}
