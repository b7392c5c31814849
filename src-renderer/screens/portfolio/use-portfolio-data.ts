import { useEffect, useState } from 'react';
import type { Aggregates, DomainFilter, Facets } from '../../../src-shared/contract/areas/portfolio.js';
import type { AccountSummary } from '../../../src-shared/contract/areas/accounts.js';
import { useClient } from '../../state/use-client.js';
import type { ExpiringCounts } from './DashboardHeader.js';

const DAY = 86_400_000;
const FACETS_DELAY_MS = 300;

/** Facets for the current filter, and the dashboard numbers for the whole portfolio. */
export function usePortfolioData(filter: DomainFilter, refreshKey: number) {
  const client = useClient();
  const [facets, setFacets] = useState<Facets | null>(null);
  const [overall, setOverall] = useState<Facets | null>(null);
  const [aggregates, setAggregates] = useState<Aggregates | null>(null);
  const [expiring, setExpiring] = useState<ExpiringCounts | null>(null);
  const [accounts, setAccounts] = useState<AccountSummary[]>([]);
  const filterKey = JSON.stringify(filter);

  useEffect(() => {
    let live = true;
    // Facet counts scan the cache; while the user types they would hold the core's single SQLite
    // thread ahead of the rows being asked for. Wait until typing pauses.
    const timer = setTimeout(() => client.call('domains.facets', { filter }).then((f) => live && setFacets(f), () => undefined), FACETS_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- filterKey stands for filter
  }, [client, filterKey, refreshKey]);

  useEffect(() => {
    const now = Date.now();
    const from = new Date(now).toISOString();
    const count = (days: number) => client.call('domains.query', { filter: { expiresFrom: from, expiresBefore: new Date(now + days * DAY).toISOString() }, limit: 1 }).then((r) => r.total);
    void Promise.all([count(30), count(60), count(90)]).then(([d30, d60, d90]) => setExpiring({ d30, d60, d90 }), () => undefined);
    client.call('domains.facets', { filter: {} }).then(setOverall, () => undefined);
    client.call('domains.aggregates', { filter: {}, months: 12 }).then(setAggregates, () => undefined);
    client.call('accounts.list', {}).then((r) => setAccounts(r.items), () => undefined);
  }, [client, refreshKey]);

  return { facets, overall, aggregates, expiring, accounts };
}
