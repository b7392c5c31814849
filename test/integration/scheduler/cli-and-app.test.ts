import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type DomainDeckApp } from '../../../src-main/app/open-app.js';
import { startSandbox, type RunningSandbox } from '../../../src-main/sandbox/server.js';
import { createPassphraseVault } from '../../../src-main/vault/passphrase-vault.js';

/**
 * Issue 5, "Done when" 3: the CLI (`domaindeck sync`, a separate process)
 * and the app (in this process) use one Dynadot key at the same moment,
 * sharing the data dir as the GUI and a terminal would. The sandbox bans the
 * key on the first overlapping request, so its stats are the proof. (The
 * scheduler-level twin with a control case is cross-process.test.ts.)
 */
const BIN = join(process.cwd(), 'bin/domaindeck.mjs');
const PASSPHRASE = 'cli-and-app-test';
const NAMES = 40;

let sandbox: RunningSandbox;
let dir: string;
let app: DomainDeckApp | undefined;

function cli(args: string[], stdin = ''): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, '--data-dir', dir, ...args], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DOMAINDECK_PASSPHRASE: PASSPHRASE, DOMAINDECK_LANG: 'en' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdin.end(stdin);
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'cli-and-app', domains: 80, registrars: { dynadot: { processingMs: 2 } }, faults: { dynadot: { latency: { ms: 3, jitter: 3 } } } });
  dir = mkdtempSync(join(tmpdir(), 'dd-cli-app-'));
  const info = sandbox.descriptor.registrars.dynadot;
  const account = info.accounts.find((a) => a.label === 'dyn-a')!;
  const added = await cli(['accounts', 'add', '--registrar', 'dynadot', '--label', 'dyn shared', '--endpoint', info.endpoint, '--json'], JSON.stringify(account.credentials));
  expect(added.code, added.stderr).toBe(0);
  // The app reads the same vault file the CLI wrote, with the same passphrase.
  app = await openApp({ dataDir: dir, vault: createPassphraseVault(dir, async () => PASSPHRASE) });
  const report = await app.services.sync.run({ mode: 'full' });
  expect(report.accounts.map((a) => a.state)).toEqual(['ok']);
}, 60_000);

afterAll(async () => {
  await app?.close();
  await sandbox?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the CLI and the app on one Dynadot key at once', () => {
  it('never overlap a request: 0 violations, 0 bans', async () => {
    const a = app!;
    const accountId = a.services.accounts.list().items[0]!.id;
    const names = a.services.portfolio.query({ filter: { accounts: [accountId] }, sort: [{ column: 'name', desc: false }], offset: 0, limit: NAMES }).items.map((d) => d.name);
    expect(names).toHaveLength(NAMES);
    const adapter = await a.services.accounts.adapterFor(accountId);
    const before = sandbox.stats().dynadot!['dyn-a']!.requests;

    // The CLI re-reads each name (one domain_info per name) while the app fires its own reads in parallel batches.
    let cliRunning = true;
    const cliRun = cli(['sync', ...names, '--json']).finally(() => (cliRunning = false));
    let appCalls = 0;
    /** App calls that finished after the CLI had sent its first request and before it exited. */
    let interleaved = 0;
    const cliSent = () => sandbox.stats().dynadot!['dyn-a']!.requests - before - appCalls > 0;
    while (cliRunning) {
      await Promise.all(
        names.slice(0, 8).map(async (n) => {
          await adapter.getDomain(n, { priority: 'interactive' });
          appCalls++;
          if (cliRunning && cliSent()) interleaved++;
        }),
      );
    }
    const cliResult = await cliRun;
    expect(cliResult.code, cliResult.stderr).toBe(0);

    const stats = sandbox.stats().dynadot!['dyn-a']!;
    const cliCalls = stats.requests - before - appCalls;
    console.info(`cli-and-app: ${JSON.stringify({ appCalls, interleaved, cliCalls, maxConcurrent: stats.maxConcurrent })}`);
    // Both really talked to the key during the same stretch of time.
    expect(cliCalls).toBeGreaterThanOrEqual(NAMES);
    expect(interleaved).toBeGreaterThan(0);
    expect({ violations: stats.violations, bans: stats.bans, maxConcurrent: stats.maxConcurrent }).toEqual({ violations: 0, bans: 0, maxConcurrent: 1 });
  }, 90_000);
});
