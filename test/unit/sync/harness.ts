import type { SyncProgress } from '../../../src-shared/contract/areas/portfolio.js';
import { createDomainEventsRepo } from '../../../src-main/db/repos/domain-events.js';
import { createSearchIndex } from '../../../src-main/db/repos/domain-search-index.js';
import { createDomainsRepo } from '../../../src-main/db/repos/domains.js';
import { createSyncRunsRepo } from '../../../src-main/db/repos/sync-runs.js';
import type { RegistrarAdapter } from '../../../src-main/registrars/types.js';
import { createSyncEngine } from '../../../src-main/sync/engine.js';
import { openPortfolioDb } from '../../helpers/fake-registrar.js';

/** A sync engine over an in-memory cache with a settable clock and adapters chosen per account id. */
export function syncHarness(options: { detailConcurrency?: number } = {}) {
  const { db, addAccount } = openPortfolioDb();
  const adapters = new Map<string, RegistrarAdapter>();
  const progress: SyncProgress[] = [];
  const clock = { t: Date.parse('2025-03-10T12:00:00Z') };
  const domains = createDomainsRepo(db);
  const events = createDomainEventsRepo(db);
  const runs = createSyncRunsRepo(db);
  const searchIndex = createSearchIndex(db);
  const engine = createSyncEngine({
    db,
    domains,
    events,
    runs,
    now: () => clock.t,
    markSynced: (id, at) => domains.markAccountSynced(id, at),
    redact: (t) => t.replace(/secret-\w+/g, '***'),
    adapterFor: (id) => {
      const a = adapters.get(id);
      if (!a) throw new Error(`no adapter for ${id}`);
      return a;
    },
    emitProgress: (p) => progress.push(p),
    deferSearchIndex: () => searchIndex.defer(),
    ...(options.detailConcurrency ? { detailConcurrency: options.detailConcurrency } : {}),
  });
  return {
    db,
    engine,
    domains,
    events,
    runs,
    clock,
    progress,
    /** Settles once the trigram index filled after a bulk load is complete. */
    searchReady: () => searchIndex.ready(),
    account(id: string, label: string, adapter: RegistrarAdapter) {
      addAccount(id, label, adapter.registrar);
      adapters.set(id, adapter);
    },
    row(accountId: string, name: string) {
      return domains.getInAccount(accountId, name);
    },
    kinds(name: string) {
      return events
        .forName(name)
        .map((e) => e.kind)
        .reverse();
    },
  };
}
