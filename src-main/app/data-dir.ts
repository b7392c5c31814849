import { accessSync, constants, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { AppError } from '../../src-shared/contract.js';

/** --data-dir, then DOMAINDECK_DATA_DIR, then the OS app-data folder. */
export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (flag) return resolve(flag);
  if (env.DOMAINDECK_DATA_DIR) return resolve(env.DOMAINDECK_DATA_DIR);
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'DomainDeck');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'DomainDeck');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'DomainDeck');
}

/** Creates the folder if needed and proves it is writable, or explains in one sentence why not. */
export function ensureWritableDataDir(dir: string): void {
  try {
    makeDirs(dir);
    accessSync(dir, constants.W_OK);
    const probe = join(dir, `.write-probe-${process.pid}`);
    writeFileSync(probe, '');
    rmSync(probe);
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'EACCES' ? 'permission denied' : (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'the folder cannot be created there' : (err as NodeJS.ErrnoException).code === 'ENOTDIR' ? 'a file with that name is in the way' : (err as Error).message;
    throw new AppError('Unavailable', `Cannot use the data folder ${dir}: ${reason}`, { messageKey: 'cli.dataDirUnwritable', params: { dir, reason } });
  }
}

/**
 * mkdir -p, one level at a time. Node's recursive mkdirSync spins forever on
 * some pseudo file systems (e.g. under /proc), which would hang the CLI.
 */
function makeDirs(dir: string): void {
  const missing: string[] = [];
  let cur = resolve(dir);
  while (!existsSync(cur)) {
    missing.unshift(cur);
    const parent = dirname(cur);
    if (parent === cur) break;
    cur = parent;
  }
  for (const d of missing) mkdirSync(d);
}
