/**
 * Dynadot portfolio benchmark (issue 6): the full portfolio of a 5,000-name
 * account (everything the portfolio screen shows: expiry, status, auto-renew,
 * lock, privacy, name servers, folder, renewal price) fetched through the
 * adapter and a real scheduler lane, against the in-process sandbox. Reports
 * the requests used (sandbox stats), violations, the ratio to the
 * one-info-call-per-domain approach (1 list + N domain_info), wall time, and
 * a field-by-field check of a sample against the sandbox's own state.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent } from 'undici';
import { EventBus } from '../src-main/app/events.js';
import { createLogger } from '../src-main/app/logger.js';
import { openDatabase } from '../src-main/db/connection.js';
import { createDynadotAdapter } from '../src-main/registrars/dynadot/index.js';
import type { NormalizedDomain } from '../src-main/registrars/types.js';
import { startSandbox } from '../src-main/sandbox/server.js';
import { createScheduler } from '../src-main/scheduler/index.js';
import { SecretRegistry } from '../src-main/vault/redact.js';
import { line, print, type BenchLine } from './_report.js';

const B = 'dynadot';
const N = Number(process.env.BENCH_DYNADOT_N ?? 5000);
/** list_domain has no paging (the whole account in one answer) and tld_price is the only renewal-price source. */
const MIN_REQUESTS = 2;
const INFO_APPROACH = 1 + N;
const INFO_SAMPLE = 50;
const CHECK_SAMPLE = 200;
const WATCHDOG_MS = 240_000;

/** line() rounds to 3 decimals, which would print 2/5001 as 0; ratios this small keep 6 significant digits. */
function small(metric: string, value: number, unit: string, target: number): BenchLine {
  const v = Number(value.toPrecision(6));
  return { bench: B, metric, value: v, unit, target: Number(target.toPrecision(6)), ok: v <= Number(target.toPrecision(6)) };
}

/** Whether every column the portfolio screen shows came back known. */
function complete(d: NormalizedDomain): boolean {
  const raw = d.raw as { Folder?: unknown } | null;
  return d.expiresAt !== null && d.status !== 'unknown' && d.autoRenew !== null && d.locked !== null && d.privacy !== null && d.nameservers !== null && d.renewalPrice !== null && raw?.Folder !== undefined;
}

const watchdog = setTimeout(() => {
  print(line(B, 'watchdog_timeout_ms', WATCHDOG_MS, 'ms', null));
  process.exit(0);
}, WATCHDOG_MS);

const sb = await startSandbox({ seed: 'bench-dynadot', domains: N });
const dataDir = mkdtempSync(join(tmpdir(), 'dd-bench-dynadot-'));
const { db } = openDatabase(dataDir);
const scheduler = createScheduler({ dataDir, db, clock: { now: Date.now }, events: new EventBus(), logger: createLogger(db, new SecretRegistry(), Date.now, false) });
const http = new Agent({ connections: 2 });
try {
  const info = sb.descriptor.registrars.dynadot;
  const account = info.accounts.find((a) => a.label === 'dyn-a')!;
  const lane = scheduler.lane({ registrar: 'dynadot', accountId: 'bench-dyn-a', label: 'dyn-a' });
  const adapter = createDynadotAdapter({
    accountId: 'bench-dyn-a',
    label: 'dyn-a',
    registrar: 'dynadot',
    endpoint: info.endpoint,
    credentials: { key: account.credentials.key! },
    lane,
    http,
    now: () => sb.clock.now(),
    log: () => undefined,
  });
  const stat = () => sb.stats().dynadot!['dyn-a']!;

  // 1. The portfolio, as a sync would fetch it.
  const before = stat().requests;
  const t0 = performance.now();
  const all = await adapter.listAllDomains();
  const wall = performance.now() - t0;
  const after = stat();
  const requests = after.requests - before;

  print(line(B, 'portfolio_names', all.length, 'names', N, false));
  print(line(B, 'portfolio_incomplete_names', all.filter((d) => !complete(d)).length, 'names', 0));
  print({ ...line(B, 'portfolio_requests', requests, 'requests', MIN_REQUESTS), byCommand: after.byCommand } as BenchLine);
  print(line(B, 'violations', after.violations + after.bans, 'count', 0));
  print(small('requests_over_info_per_domain', requests / INFO_APPROACH, 'ratio', MIN_REQUESTS / INFO_APPROACH));
  print(line(B, 'portfolio_wall_ms', wall, 'ms', null));

  // 2. What the screen shows, checked against the sandbox's own records for a spread of names.
  let mismatches = 0;
  const step = Math.max(1, Math.floor(all.length / CHECK_SAMPLE));
  for (let i = 0; i < all.length; i += step) {
    const d = all[i]!;
    const res = (await sb.control('dynadot', { action: 'domain', account: 'dyn-a', name: d.name })) as {
      domain: { expiresAt: number; renewOption: string; locked: boolean; privacy: string; renewPriceMinor: number; premium: boolean } | null;
    };
    const s = res.domain;
    const ok =
      s !== null &&
      d.expiresAt === new Date(s.expiresAt).toISOString() &&
      d.autoRenew === (s.renewOption === 'auto') &&
      d.locked === s.locked &&
      d.privacy === s.privacy &&
      // The portfolio shows the TLD's standard price; a premium name's own price shows in the renewal preview.
      (s.premium || d.renewalPrice?.amountMinor === s.renewPriceMinor);
    if (!ok) mismatches++;
  }
  print(line(B, 'sample_field_mismatches', mismatches, 'names', 0));

  // 3. The alternative, estimated from a sample: one domain_info per name through the same lane.
  const s0 = performance.now();
  for (const d of all.slice(0, INFO_SAMPLE)) await adapter.getDomain(d.name, { priority: 'bulk' });
  const perInfo = (performance.now() - s0) / INFO_SAMPLE;
  // The list request it still needs (its cost is about this run's wall) plus N domain_info calls.
  const estimate = wall + perInfo * N;
  print(line(B, 'info_per_domain_estimated_ms', estimate, 'ms', null));
  print(small('wall_over_info_per_domain_estimate', wall / estimate, 'ratio', 1));
  const end = stat();
  print(line(B, 'violations_after_info_sample', end.violations + end.bans, 'count', 0));
} catch (err) {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  print(line(B, 'error', 1, 'count', 0));
} finally {
  clearTimeout(watchdog);
  await scheduler.close();
  db.close();
  await http.close();
  await sb.close();
  rmSync(dataDir, { recursive: true, force: true });
}
