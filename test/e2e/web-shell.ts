import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface StartedWebShell {
  url: string;
  origin: string;
  dataDir: string;
  /** Demo mode only: the in-process sandbox's control URL (faults, clock, stats). */
  sandboxControl?: string;
  stop(): Promise<void>;
}

/** Starts `domaindeck web --json` in a fresh data dir and waits for its first stdout line. */
export async function startWebShellProcess(extraArgs: string[] = [], env: Record<string, string> = {}): Promise<StartedWebShell> {
  const dataDir = mkdtempSync(join(tmpdir(), 'dd-e2e-'));
  const child: ChildProcess = spawn(process.execPath, ['bin/domaindeck.mjs', '--data-dir', dataDir, 'web', '--json', ...extraArgs], {
    env: { ...process.env, DOMAINDECK_PASSPHRASE: 'e2e-passphrase', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  const first = await new Promise<string>((resolve, reject) => {
    const rl = createInterface({ input: child.stdout! });
    rl.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`web shell exited (${code}): ${stderr}`)));
    setTimeout(() => reject(new Error(`web shell did not start in time: ${stderr}`)), 45_000);
  });
  const { url, origin, sandboxControl } = JSON.parse(first) as { url: string; origin: string; sandboxControl?: string };
  return {
    url,
    origin,
    sandboxControl,
    dataDir,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
