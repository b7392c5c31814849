/**
 * Sync benchmark (issue 7).
 * 1. Throughput: 100k names from four fake accounts (no latency) into a
 *    file-backed cache: rows/s, and wall time over a 2 s bound.
 * 2. Lanes: four accounts whose registrar answers one call at a time after
 *    20 ms; the sync's wall time over the slowest account's sequential
 *    lower bound (its calls x 20 ms). Target 1.05.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src-main/db/connection.js';
import type { RegistrarAdapter } from '../src-main/registrars/types.js';
import { createFakeRegistrar, type FakeRegistrar } from '../test/helpers/fake-registrar.js';
import { generatePortfolio } from '../test/helpers/portfolio-fixture.js';
import { benchEngine, REGISTRARS } from './_portfolio.js';
import { line, print } from './_report.js';

const N = Number(process.env.BENCH_SYNC_N ?? 100_000);
const LATENCY_MS = 20;

async function throughput(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'dd-bench-sync-'));
  const { db } = openDatabase(dir);
  try {
    const all = generatePortfolio(N);
    const per = Math.ceil(N / REGISTRARS.length);
    const adapters = new Map<string, RegistrarAdapter>(REGISTRARS.map((r, i) => [`a${i}`, createFakeRegistrar(all.slice(i * per, (i + 1) * per), { registrar: r, pageSize: 1000 })]));
    const engine = benchEngine(db, adapters);
    let t0 = performance.now();
    const first = await engine.run({ mode: 'full' });
    const fullMs = performance.now() - t0;
    const stored = first.accounts.reduce((s, a) => s + a.added, 0);
    print(line('sync', 'full_rows_per_s', (stored / fullMs) * 1000, 'rows/s', 50_000, false));
    print(line('sync', 'full_100k_ms', fullMs, 'ms', 2000));
    print(line('sync', 'full_over_2s_bound', fullMs / 2000, 'ratio', 1));
    t0 = performance.now();
    await engine.run({ mode: 'full' });
    print(line('sync', 'resync_unchanged_ms', performance.now() - t0, 'ms', 2000));
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function lanes(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'dd-bench-sync-'));
  const { db } = openDatabase(dir);
  try {
    // Unequal accounts: the slowest lane sets the bound, the others must hide behind it.
    const sizes = [2000, 1500, 1000, 500];
    const fakes: FakeRegistrar[] = sizes.map((n, i) =>
      createFakeRegistrar(generatePortfolio(n, { seed: i + 11, prefix: `l${i}` }), { registrar: REGISTRARS[i], pageSize: 100, latencyMs: LATENCY_MS, listOmits: i === 3 ? ['nameservers'] : [] }),
    );
    const engine = benchEngine(db, new Map(fakes.map((f, i) => [`l${i}`, f])));
    const t0 = performance.now();
    const report = await engine.run({ mode: 'full' });
    const wall = performance.now() - t0;
    const bound = Math.max(...fakes.map((f) => (f.calls.pages + f.calls.detail) * LATENCY_MS));
    print(line('sync', 'lanes_wall_ms', wall, 'ms', null));
    print(line('sync', 'lanes_bound_ms', bound, 'ms', null));
    print(line('sync', 'wall_over_bound', wall / bound, 'ratio', 1.05));
    print(line('sync', 'lanes_failed_accounts', report.accounts.filter((a) => a.state !== 'ok').length, 'accounts', 0));
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await throughput();
await lanes();
