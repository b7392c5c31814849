import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = join(process.cwd(), 'bin/domaindeck.mjs');

function cli(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, DOMAINDECK_PASSPHRASE: 'cli-test-passphrase', ...env }, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('domaindeck CLI', () => {
  it('prints its version', () => {
    const r = cli(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('doctor --json prints one JSON report with ok/fail per check', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dd-cli-'));
    const r = cli(['--data-dir', dir, 'doctor', '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { ok: boolean; checks: { id: string; ok: boolean }[] };
    expect(report.ok).toBe(true);
    expect(report.checks.map((c) => c.id)).toEqual(expect.arrayContaining(['dataDir', 'database', 'schema', 'vault']));
    expect(r.stderr).not.toMatch(/locize/i);
  });

  it('answers an unknown flag with one sentence and exit code 2', () => {
    const r = cli(['--definitely-not-a-flag']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/Unknown option '--definitely-not-a-flag'.*domaindeck --help/);
  });

  it('refuses an unusable data dir with one sentence and a non-zero exit', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'dd-cli-')), 'a-file');
    writeFileSync(file, 'x');
    const r = cli(['--data-dir', join(file, 'sub'), 'doctor']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/Cannot use the data folder/);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('moves a corrupt database aside, says so, and keeps the old file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dd-cli-'));
    writeFileSync(join(dir, 'domaindeck.db'), 'garbage garbage garbage garbage garbage');
    const r = cli(['--data-dir', dir, 'doctor', '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { checks: { id: string; params: { path?: string } }[] };
    const recovery = report.checks.find((c) => c.id === 'recovery');
    expect(recovery?.params.path).toMatch(/corrupt-/);
    expect(existsSync(recovery!.params.path!)).toBe(true);
    expect(readdirSync(dir).some((f) => f.startsWith('domaindeck.db.corrupt-'))).toBe(true);
  });

  it('refuses a database from a newer DomainDeck without touching it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dd-cli-'));
    const db = new Database(join(dir, 'domaindeck.db'));
    db.pragma('user_version = 999');
    db.close();
    const r = cli(['--data-dir', dir, 'doctor', '--json']);
    expect(r.code).not.toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, error: { message: expect.stringMatching(/newer DomainDeck/) } });
    const again = new Database(join(dir, 'domaindeck.db'));
    expect(again.pragma('user_version', { simple: true })).toBe(999);
    again.close();
  });

  it('rejects a wrong vault passphrase with one clear error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dd-cli-'));
    expect(cli(['--data-dir', dir, 'doctor'], { DOMAINDECK_PASSPHRASE: 'first' }).code).toBe(0);
    // The vault file only exists once a secret is stored; doctor on an empty vault must still pass.
    expect(cli(['--data-dir', dir, 'doctor'], { DOMAINDECK_PASSPHRASE: 'second' }).code).toBe(0);
  });
});
