/**
 * Cache benchmark (issue 7) at 100k names: full upsert, cold open to the
 * first page, and p95 of each query the Portfolio screen makes (target
 * 50 ms; the 12-month aggregate 100 ms). Ratios are value / target.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DomainFilter, DomainSort } from '../src-shared/contract/areas/portfolio.js';
import { openDatabase } from '../src-main/db/connection.js';
import { createUserDataRepo } from '../src-main/db/repos/domain-user-data.js';
import type { RegistrarAdapter } from '../src-main/registrars/types.js';
import { createPortfolioService } from '../src-main/services/portfolio-service.js';
import { createFakeRegistrar } from '../test/helpers/fake-registrar.js';
import { generatePortfolio } from '../test/helpers/portfolio-fixture.js';
import { benchEngine, REGISTRARS } from './_portfolio.js';
import { line, p95, print } from './_report.js';

const N = Number(process.env.BENCH_CACHE_N ?? 100_000);
const RUNS = 20;
const dir = mkdtempSync(join(tmpdir(), 'dd-bench-cache-'));

try {
  let { db } = openDatabase(dir);
  const all = generatePortfolio(N);
  const per = Math.ceil(N / REGISTRARS.length);
  const adapters = new Map<string, RegistrarAdapter>(REGISTRARS.map((r, i) => [`a${i}`, createFakeRegistrar(all.slice(i * per, (i + 1) * per), { registrar: r, pageSize: 5000 })]));
  const t0 = performance.now();
  await benchEngine(db, adapters).run({ mode: 'full' });
  const upsert = performance.now() - t0;
  print(line('cache', 'full_upsert_ms', upsert, 'ms', 2000));
  print(line('cache', 'full_upsert_over_target', upsert / 2000, 'ratio', 1));
  // Tags on every 10th name, so the tag filter and facet have work to do.
  createUserDataRepo(db).update(all.filter((_, i) => i % 10 === 0).map((d) => d.name), { tags: ['premium'] }, Date.now());
  db.close();

  const t1 = performance.now();
  ({ db } = openDatabase(dir));
  const svc = createPortfolioService({ db, now: Date.now });
  const first = svc.query({ filter: {}, sort: [{ column: 'expiresAt', desc: false }], offset: 0, limit: 100 });
  const cold = performance.now() - t1;
  print(line('cache', 'cold_open_first_page_ms', cold, 'ms', 1000));
  if (first.total !== N) throw new Error(`expected ${N} names, the cache holds ${first.total}`);

  const page = (filter: DomainFilter, sort: DomainSort[], offset = 0) => () => svc.query({ filter, sort, offset, limit: 100 });
  const now = Date.now();
  const cases: [string, () => unknown, number][] = [
    ['sorted_page_expiry', page({}, [{ column: 'expiresAt', desc: false }]), 50],
    ['sorted_page_name_desc', page({}, [{ column: 'name', desc: true }]), 50],
    ['sorted_page_account', page({}, [{ column: 'account', desc: false }]), 50],
    ['sorted_page_price', page({}, [{ column: 'renewalPrice', desc: true }]), 50],
    ['page_offset_50k', page({}, [{ column: 'expiresAt', desc: false }], 50_000), 50],
    ['filter_registrar_status', page({ registrars: ['mrdomain'], statuses: ['grace', 'redemption'] }, [{ column: 'expiresAt', desc: false }]), 50],
    ['filter_expiring_90d', page({ expiresFrom: new Date(now).toISOString(), expiresBefore: new Date(now + 90 * 86_400_000).toISOString() }, [{ column: 'expiresAt', desc: false }]), 50],
    ['filter_tag', page({ tags: ['premium'] }, [{ column: 'name', desc: false }]), 50],
    ['search_substring', page({ search: 'novaorb' }, [{ column: 'name', desc: false }]), 50],
    ['search_common', page({ search: 'alpha' }, [{ column: 'expiresAt', desc: false }]), 50],
    ['search_two_chars', page({ search: 'xy' }, []), 50],
    ['facets', () => svc.facets({ filter: {} }), 50],
    ['facets_filtered', () => svc.facets({ filter: { registrars: ['dynadot'], search: 'gold' } }), 50],
    ['aggregate_12_months', () => svc.aggregates({ filter: {}, months: 12 }), 100],
  ];
  for (const [name, fn, target] of cases) {
    fn();
    const samples: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const s = performance.now();
      fn();
      samples.push(performance.now() - s);
    }
    const v = p95(samples);
    print(line('cache', `${name}_p95_ms`, v, 'ms', target));
    print(line('cache', `${name}_over_target`, v / target, 'ratio', 1));
  }
  db.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
