/**
 * Sync benchmark (issue 7).
 * 1. Throughput: 100k names from four fake accounts (no latency) into a
 *    file-backed cache: rows/s, and wall time over a 2 s bound.
 * 2. Lanes: four accounts whose registrar answers one call at a time after
 *    20 ms (never less); a full sync through the sync service, as a journal
 *    job like the app runs it. Its wall time over the slowest account's
 *    sequential lower bound (its calls x 20 ms). Target 1.05. Where the
 *    rest goes, for the slowest account: `lanes_idle_ms` (its registrar had
 *    no call to answer: the engine kept it waiting) and `lanes_late_ms`
 *    (answers handled after their 20 ms: the event loop was busy, mostly
 *    writing other accounts' pages, or the machine was).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventBus } from '../src-main/app/events.js';
import { createLogger } from '../src-main/app/logger.js';
import { openDatabase } from '../src-main/db/connection.js';
import { createSettingsRepo } from '../src-main/db/repos/settings.js';
import type { RegistrarAdapter } from '../src-main/registrars/types.js';
import { createScheduler } from '../src-main/scheduler/index.js';
import { createSyncService } from '../src-main/services/sync-service.js';
import { SecretRegistry } from '../src-main/vault/redact.js';
import { createFakeRegistrar, type FakeRegistrar } from '../test/helpers/fake-registrar.js';
import { generatePortfolio } from '../test/helpers/portfolio-fixture.js';
import { benchEngine, REGISTRARS } from './_portfolio.js';
import { line, print } from './_report.js';

/** BENCH_SYNC_N: names for the throughput part (smaller while iterating; 0 runs the lanes part only). */
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
  const events = new EventBus();
  const logger = createLogger(db, new SecretRegistry(), Date.now, false);
  const scheduler = createScheduler({ dataDir: dir, db, clock: { now: Date.now }, events, logger });
  try {
    // Unequal accounts: the slowest lane sets the bound, the others must hide behind it.
    const sizes = [2000, 1500, 1000, 500];
    const fakes: FakeRegistrar[] = sizes.map((n, i) =>
      createFakeRegistrar(generatePortfolio(n, { seed: i + 11, prefix: `l${i}` }), { registrar: REGISTRARS[i], pageSize: 100, latencyMs: LATENCY_MS, listOmits: i === 3 ? ['nameservers'] : [] }),
    );
    const adapters = new Map<string, RegistrarAdapter>(fakes.map((f, i) => [`l${i}`, f]));
    const insert = db.prepare("INSERT INTO accounts (id, registrar, label, vault_id, created_at, updated_at) VALUES (?, ?, ?, 'bench', 0, 0)");
    for (const [id, a] of adapters) insert.run(id, a.registrar, `bench-${id}`);
    const sync = createSyncService({ db, settings: createSettingsRepo(db), events, logger, jobs: scheduler.jobs, now: Date.now, redact: (t) => t, adapterFor: (id) => adapters.get(id)! });
    const t0 = performance.now();
    const report = await sync.run({ mode: 'full' });
    const wall = performance.now() - t0;
    const calls = fakes.map((f) => f.calls.pages + f.calls.detail);
    const bound = Math.max(...calls) * LATENCY_MS;
    const slowest = fakes[calls.indexOf(Math.max(...calls))]!.timeline;
    let idle = slowest.length ? slowest[0]!.startedAt - t0 : 0;
    let late = 0;
    slowest.forEach((c, i) => {
      if (i > 0) idle += Math.max(0, c.startedAt - slowest[i - 1]!.answeredAt);
      late += c.answeredAt - c.startedAt - LATENCY_MS;
    });
    print(line('sync', 'lanes_wall_ms', wall, 'ms', null));
    print(line('sync', 'lanes_bound_ms', bound, 'ms', null));
    print(line('sync', 'lanes_idle_ms', idle, 'ms', null));
    print(line('sync', 'lanes_late_ms', late, 'ms', null));
    print(line('sync', 'wall_over_bound', wall / bound, 'ratio', 1.05));
    print(line('sync', 'lanes_failed_accounts', report.accounts.filter((a) => a.state !== 'ok').length, 'accounts', 0));
  } finally {
    await scheduler.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (N > 0) await throughput();
await lanes();
