import Database from 'better-sqlite3';
import { migrations } from '../../src-main/db/migrations/index.js';
import type { Db } from '../../src-main/db/connection.js';
import { RegistrarError } from '../../src-main/registrars/errors.js';
import type { Capabilities, DomainDetailField, NormalizedDomain, RegistrarAdapter, RegistrarId } from '../../src-main/registrars/types.js';
import { waitUntil } from '../../src-main/sandbox/core/latency.js';

/**
 * A registrar adapter double for sync tests and benchmarks: an in-memory
 * portfolio the test edits between runs, optional list pages that omit
 * fields (so sync must read details), failures per account or per name, and
 * counters of every call.
 */
export interface FakeRegistrarOptions {
  registrar?: RegistrarId;
  pageSize?: number;
  listDomains?: 'api' | 'user-supplied';
  listOmits?: DomainDetailField[];
  /** Simulated latency per call (ms, never less: a precise wait, not a bare setTimeout), one call at a time like a strict lane. */
  latencyMs?: number;
}

/** One registrar call on the performance.now() clock: asked for, started (its latency begins), answered. */
export interface FakeCallTiming {
  call: 'list' | 'detail';
  queuedAt: number;
  startedAt: number;
  answeredAt: number;
}

export interface FakeRegistrar extends RegistrarAdapter {
  domains: Map<string, NormalizedDomain>;
  calls: { list: number; pages: number; detail: number; detailNames: string[]; listNames: (readonly string[] | undefined)[] };
  /** Every call's timing, in call order (benchmarks explain where time went with it). */
  timeline: FakeCallTiming[];
  /** Throw this from the next list call (and every one after, until cleared). */
  failList: RegistrarError | Error | null;
  /** Fail the list after this many pages. */
  failAfterPages: number | null;
  /** getDomain fails for these names. */
  failDetail: Map<string, RegistrarError | Error>;
  /** Rows returned by listDomains verbatim after the normal ones (malformed payloads). */
  extraRows: unknown[];
}

export function domain(name: string, over: Partial<NormalizedDomain> = {}): NormalizedDomain {
  const tld = name.slice(name.indexOf('.') + 1);
  return {
    name,
    unicode: name,
    tld,
    expiresAt: '2030-01-15T00:00:00.000Z',
    registryExpiresAt: null,
    createdAt: '2020-01-15T00:00:00.000Z',
    status: 'active',
    autoRenew: false,
    locked: true,
    privacy: 'full',
    nameservers: ['ns1.example.net', 'ns2.example.net'],
    folder: null,
    renewalPrice: { amountMinor: 1299, currency: 'USD' },
    raw: { name, source: 'fake' },
    ...over,
  };
}

const caps = (o: FakeRegistrarOptions): Capabilities => ({
  listDomains: o.listDomains ?? 'api',
  ...(o.listOmits ? { listOmits: o.listOmits } : {}),
  renew: true,
  renewPriceCheck: false,
  asyncOrders: false,
  autoRenew: true,
  lock: true,
  privacy: true,
  nameservers: true,
  folders: true,
  dnsZone: false,
  dnssec: false,
  hosts: false,
  auctions: false,
  backorders: false,
  ssl: false,
  balance: false,
  authCode: false,
  limits: {},
  reasons: {},
});

export function createFakeRegistrar(initial: NormalizedDomain[], options: FakeRegistrarOptions = {}): FakeRegistrar {
  const registrar = options.registrar ?? 'dynadot';
  const pageSize = options.pageSize ?? 100;
  const omits = options.listOmits ?? [];
  let tail: Promise<unknown> = Promise.resolve();
  /** One call at a time with the configured latency, like a strict lane. */
  const call = <T>(kind: FakeCallTiming['call'], fn: () => T): Promise<T> => {
    const timing: FakeCallTiming = { call: kind, queuedAt: performance.now(), startedAt: 0, answeredAt: 0 };
    const next = tail.then(async () => {
      timing.startedAt = performance.now();
      if (options.latencyMs) await waitUntil(timing.startedAt + options.latencyMs);
      timing.answeredAt = performance.now();
      fake.timeline.push(timing);
      return fn();
    });
    tail = next.catch(() => undefined);
    return next;
  };
  const listRow = (d: NormalizedDomain): NormalizedDomain => {
    const row: NormalizedDomain = { ...d, raw: { ...(d.raw as object), from: 'list' } };
    for (const f of omits) (row as unknown as Record<string, unknown>)[f] = null;
    return row;
  };
  const fake: FakeRegistrar = {
    registrar,
    capabilities: caps(options),
    domains: new Map(initial.map((d) => [d.name, d])),
    calls: { list: 0, pages: 0, detail: 0, detailNames: [], listNames: [] },
    timeline: [],
    failList: null,
    failAfterPages: null,
    failDetail: new Map(),
    extraRows: [],
    async testConnection() {
      return { detail: 'fake' };
    },
    async *listDomains(opts) {
      fake.calls.list++;
      fake.calls.listNames.push(opts?.names);
      const rows = opts?.names
        ? opts.names.map((n) => fake.domains.get(n)).filter((d): d is NormalizedDomain => d !== undefined)
        : [...fake.domains.values()];
      const extra = fake.extraRows as NormalizedDomain[];
      const count = rows.length + extra.length;
      // Rows are shaped per page, when asked for: the simulated registrar's work must not run on the client's loop up front.
      const pageAt = (i: number) => [...rows.slice(i, i + pageSize).map(listRow), ...extra.slice(Math.max(0, i - rows.length), Math.max(0, i + pageSize - rows.length))];
      for (let i = 0; i < Math.max(count, 1); i += pageSize) {
        if (fake.failAfterPages !== null && fake.calls.pages >= fake.failAfterPages) throw new RegistrarError({ kind: 'Transient', registrar, message: 'connection reset while listing' });
        const page = await call('list', () => {
          if (fake.failList) throw fake.failList;
          fake.calls.pages++;
          return pageAt(i);
        });
        yield page;
      }
    },
    async getDomain(name) {
      return call('detail', () => {
        fake.calls.detail++;
        fake.calls.detailNames.push(name);
        const failure = fake.failDetail.get(name);
        if (failure) throw failure;
        const d = fake.domains.get(name);
        if (!d) throw new RegistrarError({ kind: 'NotFound', registrar, message: `${name} is not in this account` });
        return { ...d, raw: { ...(d.raw as object), from: 'detail' } };
      });
    },
    async renew() {
      throw new Error('not used by sync tests');
    },
    async reconcileRenewal() {
      return 'unknown' as const;
    },
  };
  return fake;
}

/** A fresh in-memory database with every migration applied, and helpers to add accounts. */
export function openPortfolioDb(): { db: Db; addAccount(id: string, label: string, registrar?: RegistrarId): void } {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  for (const m of migrations) m.up(db);
  const insert = db.prepare("INSERT INTO accounts (id, registrar, label, vault_id, created_at, updated_at) VALUES (?, ?, ?, 'v', 0, 0)");
  return { db, addAccount: (id, label, registrar = 'dynadot') => void insert.run(id, registrar, label) };
}
