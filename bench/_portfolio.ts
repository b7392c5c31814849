/**
 * Shared by the sync and cache benchmarks: a file-backed cache (WAL, as the
 * app opens it) with four accounts fed by fake registrar adapters.
 */
import type { Db } from '../src-main/db/connection.js';
import { createSearchIndex } from '../src-main/db/repos/domain-search-index.js';
import { createDomainEventsRepo } from '../src-main/db/repos/domain-events.js';
import { createDomainsRepo } from '../src-main/db/repos/domains.js';
import { createSyncRunsRepo } from '../src-main/db/repos/sync-runs.js';
import type { RegistrarAdapter, RegistrarId } from '../src-main/registrars/types.js';
import { createSyncEngine } from '../src-main/sync/engine.js';

export const REGISTRARS: readonly RegistrarId[] = ['dynadot', 'mrdomain', 'irsfa', 'reseller'];

export function benchEngine(db: Db, adapters: Map<string, RegistrarAdapter>) {
  const insert = db.prepare("INSERT OR IGNORE INTO accounts (id, registrar, label, vault_id, created_at, updated_at) VALUES (?, ?, ?, 'bench', 0, 0)");
  for (const [id, a] of adapters) insert.run(id, a.registrar, `bench-${id}`);
  const domains = createDomainsRepo(db);
  const searchIndex = createSearchIndex(db);
  const engine = createSyncEngine({
    db,
    domains,
    events: createDomainEventsRepo(db),
    runs: createSyncRunsRepo(db),
    now: Date.now,
    markSynced: (id, at) => domains.markAccountSynced(id, at),
    redact: (t) => t,
    adapterFor: (id) => adapters.get(id) as RegistrarAdapter,
    emitProgress: () => undefined,
    deferSearchIndex: (newNames) => searchIndex.deferFor(newNames),
  });
  /** `searchReady`: settles when the trigram index filled after a bulk load is complete (searches scan names until then). */
  return Object.assign(engine, { searchReady: () => searchIndex.ready() });
}
