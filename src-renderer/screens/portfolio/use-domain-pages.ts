import { useCallback, useEffect, useRef, useState } from 'react';
import type { DomainFilter, DomainItem, DomainSort } from '../../../src-shared/contract/areas/portfolio.js';
import { useClient } from '../../state/use-client.js';

const PAGE = 200;

export interface DomainPages {
  total: number | null;
  /** Bumped whenever rows arrive, so the table re-renders. */
  version: number;
  loading: boolean;
  error: string | null;
  row(index: number): DomainItem | undefined;
  /** Makes sure rows [start, end] are loaded (fetches missing pages). */
  ensure(start: number, end: number): void;
  reload(): void;
}

/**
 * Server-side paging over `domains.query`: pages of 200 rows are fetched as
 * the virtualizer reaches them and dropped when the filter or sort changes.
 * Answers for an older filter are ignored (a generation counter), so fast
 * typing never paints stale rows.
 */
export function useDomainPages(filter: DomainFilter, sort: DomainSort[], refreshKey: number): DomainPages {
  const client = useClient();
  const [total, setTotal] = useState<number | null>(null);
  const [version, setVersion] = useState(0);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const pages = useRef(new Map<number, DomainItem[]>());
  const pending = useRef(new Set<number>());
  const generation = useRef(0);
  const key = JSON.stringify([filter, sort, refreshKey]);

  const fetchPage = useCallback(
    (page: number, gen: number) => {
      if (pending.current.has(page) || pages.current.has(page)) return;
      pending.current.add(page);
      client
        .call('domains.query', { filter, sort, offset: page * PAGE, limit: PAGE })
        .then((res) => {
          if (gen !== generation.current) return;
          pages.current.set(page, res.items);
          setTotal(res.total);
          setError(null);
          setLoading(false);
          setVersion((v) => v + 1);
        })
        .catch((err: Error) => {
          if (gen !== generation.current) return;
          setError(err.message);
          setLoading(false);
        })
        .finally(() => pending.current.delete(page));
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` captures filter and sort
    [client, key],
  );

  useEffect(() => {
    generation.current += 1;
    pages.current = new Map();
    pending.current = new Set();
    setLoading(true);
    fetchPage(0, generation.current);
  }, [fetchPage]);

  return {
    total,
    version,
    loading,
    error,
    row: (index) => pages.current.get(Math.floor(index / PAGE))?.[index % PAGE],
    ensure: (start, end) => {
      for (let p = Math.floor(Math.max(0, start) / PAGE); p <= Math.floor(Math.max(0, end) / PAGE); p++) fetchPage(p, generation.current);
    },
    reload: () => {
      generation.current += 1;
      pages.current = new Map();
      pending.current = new Set();
      fetchPage(0, generation.current);
    },
  };
}
