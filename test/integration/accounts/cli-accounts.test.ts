import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_FILE } from '../../../src-main/db/connection.js';
import { startSandbox, type RunningSandbox } from '../../../src-main/sandbox/server.js';
import { VAULT_FILE } from '../../../src-main/vault/passphrase-vault.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const BIN = join(ROOT, 'bin', 'domaindeck.mjs');
const PASSPHRASE = 'integration passphrase 11';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Everything the CLI printed in this file, scanned for credentials at the end. */
const outputs: string[] = [];

function cli(dataDir: string, args: string[], stdin = '', env: Record<string, string> = { DOMAINDECK_PASSPHRASE: PASSPHRASE }): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, '--data-dir', dataDir, ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LANG: 'en_US.UTF-8', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      outputs.push(stdout, stderr);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(stdin);
  });
}

let sandbox: RunningSandbox;
let dataDir: string;
const desc = () => sandbox.descriptor.registrars;

beforeAll(async () => {
  sandbox = await startSandbox({ domains: 20, seed: 'accounts-cli' });
  dataDir = mkdtempSync(join(tmpdir(), 'dd-accounts-cli-'));
});
afterAll(async () => {
  await sandbox.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('domaindeck accounts (CLI, credentials on stdin)', { timeout: 120_000 }, () => {
  it('adds an account of each registrar from stdin JSON and lists them as one JSON document without secrets', async () => {
    const first = await cli(dataDir, ['accounts', 'add', '--registrar', 'dynadot', '--label', 'x', '--endpoint', desc().dynadot.endpoint], JSON.stringify(desc().dynadot.accounts[0]!.credentials));
    expect(first.stderr).toContain('Added x (Dynadot).');
    expect(first.code).toBe(0);
    for (const r of ['mrdomain', 'irsfa', 'reseller'] as const) {
      const run = await cli(dataDir, ['accounts', 'add', '--registrar', r, '--label', `${r}-a`, '--endpoint', desc()[r].endpoint, '--json'], JSON.stringify(desc()[r].accounts[0]!.credentials));
      expect(run.code, run.stderr).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ registrar: r, label: `${r}-a`, status: 'unknown' });
    }
    const list = await cli(dataDir, ['accounts', 'list', '--json']);
    expect(list.code).toBe(0);
    const doc = JSON.parse(list.stdout) as { items: { label: string; credentialFields: string[] }[] };
    expect(doc.items.map((a) => a.label).sort()).toEqual(['irsfa-a', 'mrdomain-a', 'reseller-a', 'x']);
    expect(doc.items.find((a) => a.label === 'mrdomain-a')?.credentialFields).toEqual(['apiuser', 'apipasswd']);
  });

  it('tests connections through the lanes and explains a wrong key in plain words', async () => {
    const ok = await cli(dataDir, ['accounts', 'test', 'x', '--json']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ ok: true, status: 'ok' });
    const bad = await cli(dataDir, ['accounts', 'add', '--registrar', 'dynadot', '--label', 'wrong', '--endpoint', desc().dynadot.endpoint], JSON.stringify({ key: 'NotTheRightKey0000000000' }));
    expect(bad.code).toBe(0);
    const failed = await cli(dataDir, ['accounts', 'test', 'wrong']);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('Dynadot rejected the API key');
  });

  it('rejects bad input with a field-level message and never takes secrets from argv', async () => {
    const token = await cli(dataDir, ['accounts', 'add', '--registrar', 'reseller', '--label', 'r2', '--endpoint', desc().reseller.endpoint], JSON.stringify({ token: 'not-a-token' }));
    expect(token.code).toBe(2);
    expect(token.stderr).toContain('credentials.token: A reseller API token starts with "drk_"');
    const dup = await cli(dataDir, ['accounts', 'add', '--registrar', 'dynadot', '--label', 'X', '--endpoint', desc().dynadot.endpoint], JSON.stringify({ key: 'AnotherKey123456789' }));
    expect(dup.code).toBe(2);
    expect(dup.stderr).toContain('label: Another account is already called');
    const scheme = await cli(dataDir, ['accounts', 'add', '--registrar', 'dynadot', '--label', 'ftp', '--endpoint', 'ftp://example.com'], JSON.stringify({ key: 'AnotherKey123456789' }));
    expect(scheme.stderr).toContain('endpoint: Only http:// and https://');
    const garbage = await cli(dataDir, ['accounts', 'add', '--registrar', 'dynadot', '--label', 'g'], 'key=SomethingSecret99');
    expect(garbage.code).toBe(2);
    expect(garbage.stderr).not.toContain('SomethingSecret99');
    const argv = await cli(dataDir, ['accounts', 'add', '--registrar', 'dynadot', '--label', 'argv', '--key', 'ArgvSecret123456']);
    expect(argv.code).toBe(2);
    const unknown = await cli(dataDir, ['accounts', 'add', '--registrar', 'godaddy', '--label', 'g'], '{}');
    expect(unknown.stderr).toContain('Unknown registrar “godaddy”');
  });

  it('a wrong vault passphrase is one clear error and changes nothing', async () => {
    const before = readFileSync(join(dataDir, VAULT_FILE), 'utf8');
    const run = await cli(dataDir, ['accounts', 'add', '--registrar', 'dynadot', '--label', 'y', '--endpoint', desc().dynadot.endpoint], JSON.stringify(desc().dynadot.accounts[1]!.credentials), { DOMAINDECK_PASSPHRASE: 'not it' });
    expect(run.code).toBe(3);
    expect(run.stderr.trim()).toBe('domaindeck: The vault passphrase is wrong. Nothing was changed; try again with the passphrase you chose when you added your first account.');
    expect(readFileSync(join(dataDir, VAULT_FILE), 'utf8')).toBe(before);
    const list = JSON.parse((await cli(dataDir, ['accounts', 'list', '--json'])).stdout) as { items: unknown[] };
    expect(list.items).toHaveLength(5);
  });

  it('removes with --yes (and refuses without confirmation when not on a terminal)', async () => {
    const refused = await cli(dataDir, ['accounts', 'remove', 'wrong']);
    expect(refused.code).toBe(2);
    const removed = await cli(dataDir, ['accounts', 'remove', 'wrong', '--yes', '--json']);
    expect(removed.code, removed.stderr).toBe(0);
    expect(JSON.parse(removed.stdout)).toMatchObject({ removed: true });
  });

  it('no credential value appears in app_log, the database files or any CLI output', () => {
    const secrets = Object.values(desc())
      .flatMap((r) => r.accounts.map((a) => a.credentials))
      .flatMap((c) => Object.values(c))
      .concat(['NotTheRightKey0000000000', 'AnotherKey123456789', 'SomethingSecret99', PASSPHRASE]);
    const db = new Database(join(dataDir, DB_FILE), { readonly: true });
    const log = (db.prepare('SELECT level, source, message FROM app_log').all() as { message: string }[]).map((r) => JSON.stringify(r)).join('\n');
    const everyTable = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[])
      .map((t) => JSON.stringify(db.prepare(`SELECT * FROM "${t.name}"`).all()))
      .join('\n');
    db.close();
    expect(log.length).toBeGreaterThan(0);
    const files = [DB_FILE, `${DB_FILE}-wal`, VAULT_FILE].filter((f) => existsSync(join(dataDir, f))).map((f) => readFileSync(join(dataDir, f)).toString('latin1'));
    const haystacks = { log, everyTable, files: files.join('\n'), cli: outputs.join('\n') };
    for (const secret of secrets) {
      for (const [where, text] of Object.entries(haystacks)) expect(text.includes(secret), `${where} contains a credential`).toBe(false);
    }
  });
});
