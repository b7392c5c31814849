import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportApplyResult, ImportPreview } from '../../../src-shared/contract/areas/portfolio-io.js';
import { seedDemoAccounts, startDemo, syncDemoPortfolio } from '../../../src-main/app/demo.js';
import { createAppDispatcher } from '../../../src-main/rpc/index.js';
import { openTestApp } from '../../helpers/open-test-app.js';

/**
 * Export and import end to end: a data dir filled by the demo's sandbox
 * sync, then the real `domaindeck` binary (and the contract, as the UI
 * calls it) on that data dir.
 */
const BIN = join(process.cwd(), 'bin/domaindeck.mjs');
let dataDir: string;
let names: string[];
let work: string;

function cli(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [BIN, '--data-dir', dataDir, ...args], {
    encoding: 'utf8',
    input,
    env: { ...process.env, DOMAINDECK_PASSPHRASE: 'io-test', DOMAINDECK_LANG: 'en' },
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const file = (name: string, text: string) => {
  const path = join(work, name);
  writeFileSync(path, text);
  return path;
};

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'dd-io-'));
  work = mkdtempSync(join(tmpdir(), 'dd-io-files-'));
  const demo = await startDemo({ dataDir, domains: 12 });
  const app = await openTestApp({ dataDir, vault: demo.vault });
  try {
    await syncDemoPortfolio(app.services.sync, demo.sandbox, await seedDemoAccounts(app.services.accounts, demo.sandbox.descriptor));
    names = app.services.portfolio.query({ filter: {}, sort: [{ column: 'name', desc: false }], offset: 0, limit: 1000 }).items.map((d) => d.name);
  } finally {
    await app.close();
    await demo.close();
  }
}, 120_000);

describe('domaindeck export / import', () => {
  it('previews a CSV without changing anything, and lists bad rows in plain words', () => {
    const [a, b] = names;
    const path = file('first.csv', `name,tags,notes,purchase_price,purchase_currency\r\n${a},"premium, brandable",Bought at auction,120.00,USD\r\n${b},,,"12,99",EUR\r\nnot-in-cache.com,x,,,\r\n`);
    const r = cli(['import', path]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`row 2  ${a}`);
    expect(r.stdout).toMatch(/Tags: \(empty\) → brandable, premium/);
    expect(r.stdout).toMatch(/Purchase price: \(empty\) → 120\.00 USD/);
    expect(r.stdout).toContain('row 3: purchase_price: "12,99" uses a comma for decimals. Write 12.99, not 12,99.');
    expect(r.stdout).toContain('row 4: not-in-cache.com is not in your cached portfolio');
    expect(r.stderr).toContain('3 rows: 3 changes in 1 domains, 0 rows unchanged, 2 bad rows.');

    // --apply with bad rows and no --accept-good-rows: refused, nothing written (the next apply still finds 3 changes).
    const refused = cli(['import', path, '--apply', '--json']);
    expect(refused.code).toBe(1);
    const doc = JSON.parse(refused.stdout) as { preview: ImportPreview; apply: null };
    expect(doc.apply).toBeNull();
    expect(doc.preview.totals).toEqual({ rows: 3, domains: 1, changes: 3, unchangedRows: 0, badRows: 2 });

    // Accepting the good rows applies them in one go; a second run changes nothing.
    const applied = cli(['import', path, '--apply', '--accept-good-rows', '--json']);
    expect(applied.code).toBe(0);
    expect((JSON.parse(applied.stdout) as { apply: ImportApplyResult }).apply).toEqual({ applied: 3, domains: 1, unchangedRows: 0, skippedBadRows: 2 });
    const again = cli(['import', path, '--apply', '--accept-good-rows']);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('Applied 0 changes to 0 domains (1 rows unchanged, 2 bad rows skipped).');
  }, 90_000);

  it('exports CSV that re-imports with zero changes, and JSON that parses as one document', () => {
    const out = join(work, 'portfolio.csv');
    const exported = cli(['export', '--format', 'csv', '--out', out, '--json']);
    expect(exported.code).toBe(0);
    expect(JSON.parse(exported.stdout)).toMatchObject({ ok: true, format: 'csv', count: names.length });
    const text = readFileSync(out, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain('Bought at auction,120.00,USD');
    const roundTrip = cli(['import', out, '--json']);
    expect(roundTrip.code).toBe(0);
    expect((JSON.parse(roundTrip.stdout) as { preview: ImportPreview }).preview.totals).toMatchObject({ rows: names.length, changes: 0, badRows: 0, unchangedRows: names.length });

    const json = cli(['export', '--format', 'json', '--query', names[0]!]);
    expect(json.code).toBe(0);
    const doc = JSON.parse(json.stdout) as { total: number; items: { name: string; userData: { tags: string[]; purchasePrice: unknown } }[] };
    expect(doc.items.map((i) => i.name)).toContain(names[0]);
    expect(doc.total).toBe(doc.items.length);
    const first = doc.items.find((i) => i.name === names[0])!;
    expect(first.userData).toMatchObject({ tags: ['brandable', 'premium'], purchasePrice: { amount: '120.00', amountMinor: 12000, currency: 'USD' } });
    expect(json.stdout).not.toMatch(/"raw"/);

    const stdoutCsv = cli(['export']);
    expect(stdoutCsv.stdout.split('\r\n')[0]).toMatch(/^name,tags,notes,purchase_price,purchase_currency,/);
    expect(cli(['export', '--json']).code).toBe(2);
  }, 90_000);

  it('reads the file from stdin with "-", and refuses an unreadable file in one sentence', () => {
    const r = cli(['import', '-', '--json'], `name,notes\n${names[2]},from stdin\n`);
    expect((JSON.parse(r.stdout) as { preview: ImportPreview }).preview.changes).toEqual([expect.objectContaining({ field: 'notes', after: 'from stdin' })]);
    const missing = cli(['import', join(work, 'nope.csv')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim()).toMatch(/^domaindeck: Cannot read .*nope\.csv: ENOENT$/);
  }, 60_000);

  it('answers the UI’s contract calls: preview, refusal with bad rows, apply, and a size limit', async () => {
    const app = await openTestApp({ dataDir });
    try {
      const rpc = createAppDispatcher(app);
      const csv = `name,tags\n${names[3]},vip\nbad name,x\n`;
      const preview = await rpc.dispatch('portfolio.importPreview', { csv });
      expect(preview).toMatchObject({ ok: true, value: { totals: { changes: 1, badRows: 1 } } });
      const refused = await rpc.dispatch('portfolio.importApply', { csv });
      expect(refused).toMatchObject({ ok: false, error: { code: 'InvalidInput', messageKey: 'portfolioIo.file.refusedBadRows', params: { count: 1 } } });
      expect(await rpc.dispatch('portfolio.importApply', { csv, acceptGoodRows: true })).toMatchObject({ ok: true, value: { applied: 1, skippedBadRows: 1 } });
      const detail = app.services.portfolio.get({ name: names[3]! });
      expect(detail.userData.tags).toEqual(['vip']);
      const huge = await rpc.dispatch('portfolio.importPreview', { csv: 'x'.repeat(32 * 1024 * 1024 + 1) });
      expect(huge).toMatchObject({ ok: false, error: { code: 'InvalidInput', params: { field: 'csv' } } });
    } finally {
      await app.close();
    }
  });
});

afterAll(() => {
  for (const dir of [dataDir, work]) if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('domaindeck domains show', () => {
  // The demo's credentials lived in its own session's vault: from this CLI every action says why it cannot run
  // (the registrar-specific reasons, MrDomain's missing folders say, are in bulk-folder.test.ts and the e2e).
  it('prints one domain with its actions, each unavailable one with the reason, raw payloads only when asked', () => {
    const listed = cli(['domains', 'list', '--registrar', 'mrdomain', '--status', 'active', '--limit', '1', '--json']);
    expect(listed.code).toBe(0);
    const name = (JSON.parse(listed.stdout) as { items: { name: string }[] }).items[0]!.name;

    const shown = cli(['domains', 'show', name, '--json']);
    expect(shown.code).toBe(0);
    const doc = JSON.parse(shown.stdout) as { domain: { name: string; registrar: string }; actions: { kind: string; available: boolean; reason: { text: string } | null }[]; raw?: unknown; events: unknown[] };
    expect(doc.domain).toMatchObject({ name, registrar: 'mrdomain' });
    expect(doc.actions.map((a) => a.kind)).toEqual(['renew', 'autoRenew', 'lock', 'nameservers', 'folder']);
    for (const a of doc.actions) expect(a).toMatchObject({ available: false, reason: { text: expect.stringMatching(/^MrDomain demo cannot be used now: .*Enter them again in Accounts\.$/) as unknown } });
    expect(doc.raw).toBeUndefined();
    expect(doc.events.length).toBeGreaterThan(0);

    const human = cli(['domains', 'show', name]);
    expect(human.stdout).toContain(`${name}\n`);
    expect(human.stdout).toMatch(/\n {2}✗ renew: MrDomain demo cannot be used now: /);
    expect(human.stdout).toMatch(/\n {2}✗ folder: MrDomain demo cannot be used now: /);
    expect(human.stdout).not.toContain('\nraw\n');
    expect(cli(['domains', 'show', name, '--include-raw']).stdout).toContain('\nraw\n');

    const missing = cli(['domains', 'show', 'not-in-cache.example']);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
  });
});
