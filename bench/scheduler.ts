/**
 * Scheduler benchmark (issue 5): how close a Dynadot lane (one request in
 * flight, cross-process lease around each request) comes to the sequential
 * lower bound, and how long an interactive call waits behind bulk work.
 * Prints JSON lines; compares ratios measured in the same run.
 *
 * The bound is N × latency: the sandbox answers exactly `latency` ms after a
 * request arrives (sandbox/core/latency.ts), so everything above it is
 * loopback HTTP, the client, and the lane. `raw_serial_over_bound` is the
 * floor this machine allows (a plain serial loop, no scheduler) in the same run.
 */
import { subscribe } from 'node:diagnostics_channel';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { EventBus } from '../src-main/app/events.js';
import { createLogger } from '../src-main/app/logger.js';
import { openDatabase } from '../src-main/db/connection.js';
import { startSandbox } from '../src-main/sandbox/server.js';
import { createScheduler } from '../src-main/scheduler/index.js';
import { SecretRegistry } from '../src-main/vault/redact.js';

const N = Number(process.env.BENCH_SCHEDULER_N ?? 1000);
const LATENCY_MS = 20;
const INTERACTIVE_PROBES = 10;

function emit(metric: string, value: number, unit: string, target: number, ok: boolean, extra: Record<string, unknown> = {}): void {
  process.stdout.write(`${JSON.stringify({ bench: 'scheduler', metric, value: Math.round(value * 1000) / 1000, unit, target, ok, ...extra })}\n`);
}

const sb = await startSandbox({ seed: 'bench', domains: 10, registrars: { dynadot: { processingMs: 0 } }, faults: { dynadot: { latency: { ms: LATENCY_MS, jitter: 0 } } } });
const dataDir = mkdtempSync(join(tmpdir(), 'dd-bench-'));
const { db } = openDatabase(dataDir);
const scheduler = createScheduler({ dataDir, db, clock: { now: Date.now }, events: new EventBus(), logger: createLogger(db, new SecretRegistry(), Date.now, false) });
try {
  const info = sb.descriptor.registrars.dynadot;
  const url = `${info.endpoint}/api3.json?key=${encodeURIComponent(info.accounts[0]!.credentials.key!)}&command=get_account_balance`;
  const send = async (signal?: AbortSignal) => {
    const res = await request(url, signal ? { signal } : {});
    await res.body.text();
  };
  const lane = scheduler.lane({ registrar: 'dynadot', accountId: 'bench-dyn', label: 'dyn-a' });
  // Keep-alive check: new TCP connections the client opens (the global undici Agent keeps sockets alive).
  let connects = 0;
  subscribe('undici:client:connected', () => void connects++);
  const spacing = lane.policy().minSpacingMs;

  // Warm the connection pool and the lease store.
  for (let i = 0; i < 5; i++) await lane.run({ command: 'get_account_balance', kind: 'read' }, send);

  // Same run, no scheduler: a plain serial loop (before and after), to separate our overhead from timer and HTTP overhead.
  const rawN = Math.min(200, N);
  const rawSerial = async () => {
    const r0 = performance.now();
    for (let i = 0; i < rawN; i++) await send();
    return (performance.now() - r0) / rawN;
  };
  const rawBefore = await rawSerial();

  // 1. Throughput: N bulk calls queued at once.
  const connectsBefore = connects;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: N }, () => lane.run({ command: 'get_account_balance', kind: 'read' }, send)));
  const wall = performance.now() - t0;
  const bound = N * Math.max(LATENCY_MS, spacing);
  const newConnections = connects - connectsBefore;
  emit('wall_over_bound', wall / bound, 'ratio', 1.05, wall / bound <= 1.05, { n: N, wallMs: Math.round(wall), boundMs: bound, latencyMs: LATENCY_MS, spacingMs: spacing, newTcpConnections: newConnections });

  const rawPer = (rawBefore + (await rawSerial())) / 2;
  emit('wall_over_raw_serial', wall / (N * rawPer), 'ratio', 1.05, wall / (N * rawPer) <= 1.05, { rawPerRequestMs: Math.round(rawPer * 100) / 100 });
  // Informational: the floor (no scheduler at all) against the same bound.
  process.stdout.write(`${JSON.stringify({ bench: 'scheduler', metric: 'raw_serial_over_bound', value: Math.round((rawPer / Math.max(LATENCY_MS, spacing)) * 1000) / 1000, unit: 'ratio', target: null, ok: null, rawN: 2 * rawN })}\n`);

  // 2. Interactive wait under bulk load: a click waits for at most the request in flight.
  const bulk = Promise.all(Array.from({ length: 300 }, () => lane.run({ command: 'get_account_balance', kind: 'read' }, send)));
  const waits: number[] = [];
  for (let i = 0; i < INTERACTIVE_PROBES; i++) {
    await new Promise((r) => setTimeout(r, 3 * LATENCY_MS));
    const asked = performance.now();
    await lane.run({ command: 'domain_info', kind: 'read', priority: 'interactive' }, async (signal) => {
      waits.push(performance.now() - asked);
      await send(signal);
    });
  }
  await bulk;
  waits.sort((a, b) => a - b);
  const p95 = waits[Math.min(waits.length - 1, Math.ceil(waits.length * 0.95) - 1)]!;
  emit('interactive_wait_p95_over_request', p95 / LATENCY_MS, 'ratio', 1.5, p95 / LATENCY_MS <= 1.5, { p95Ms: Math.round(p95 * 10) / 10, bulkQueued: 300 });

  const stats = sb.stats().dynadot!['dyn-a']!;
  emit('violations', stats.violations + stats.bans, 'count', 0, stats.violations + stats.bans === 0, { maxConcurrent: stats.maxConcurrent });
} finally {
  await scheduler.close();
  db.close();
  await sb.close();
  rmSync(dataDir, { recursive: true, force: true });
}
