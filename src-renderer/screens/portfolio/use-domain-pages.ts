import { useCallback, useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import type { DomainFilter, DomainItem, DomainSort } from '../../../src-shared/contract/areas/portfolio.js';
import type { MethodOutput } from '../../../src-shared/contract.js';
import { useClient } from '../../state/use-client.js';

/**
 * Rows per request. Small, because the first page of every keystroke is on
 * the critical path (the core answers 64 rows in about half the time of 200)
 * and a 1440×900 window shows ~25 rows; scrolling fetches further pages.
 */
const PAGE = 64;

export interface DomainPages {
  total: number | null;
  /** The filter and sort (as a key) the rows on screen answer; changes only when their first page arrives. */
  shownKey: string | null;
  /** Bumped whenever rows arrive, so the table re-renders. */
  version: number;
  loading: boolean;
  error: string | null;
  row(index: number): DomainItem | undefined;
  /** Makes sure rows [start, end] are loaded (fetches missing pages). */
  ensure(start: number, end: number): void;
  /**
   * Asks for the first page of `filter` (with the current sort) now, before React renders the change that
   * leads to it: the core works on it while the keystroke is rendered, and the hook adopts the answer.
   */
  prefetch(filter: DomainFilter): void;
  reload(): void;
}

interface PageSet {
  key: string;
  gen: number;
  pages: Map<number, DomainItem[]>;
  pending: Set<number>;
}

const newSet = (key: string, gen: number): PageSet => ({ key, gen, pages: new Map(), pending: new Set() });

type QueryAnswer = MethodOutput<'domains.query'>;

/** A prefetched first page is adopted only this soon after it was asked for (later, the data may have moved on). */
const PREFETCH_FRESH_MS = 1000;

/**
 * Server-side paging over `domains.query`. When the filter or sort changes,
 * the rows on screen stay until the new first page arrives and then are
 * swapped in one render (no flash of empty rows, half the DOM work per
 * keystroke). Answers for an older filter are ignored (a generation
 * counter), so fast typing never paints stale rows.
 */
export function useDomainPages(filter: DomainFilter, sort: DomainSort[], refreshKey: number): DomainPages {
  const client = useClient();
  const [total, setTotal] = useState<number | null>(null);
  const [version, setVersion] = useState(0);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const key = JSON.stringify([filter, sort]);
  /** The page set on screen, and the one being fetched for the newest filter (the same object once it arrived). */
  const shown = useRef<PageSet | null>(null);
  const wanted = useRef<PageSet>(newSet(key, 0));

  const early = useRef<{ key: string; at: number; answer: Promise<QueryAnswer> } | null>(null);

  const fetchPage = useCallback(
    (set: PageSet, page: number) => {
      if (set.pending.has(page) || set.pages.has(page)) return;
      set.pending.add(page);
      const prefetched = page === 0 && early.current?.key === set.key && performance.now() - early.current.at < PREFETCH_FRESH_MS ? early.current.answer : null;
      if (page === 0) early.current = null;
      (prefetched ?? client.call('domains.query', { filter, sort, offset: page * PAGE, limit: PAGE }))
        .then((res) => {
          if (set !== wanted.current) return;
          set.pages.set(page, res.items);
          shown.current = set;
          // Rendered now rather than in a scheduler task a few milliseconds later: these rows are what the user waits for.
          flushSync(() => {
            setTotal(res.total);
            setError(null);
            setLoading(false);
            setVersion((v) => v + 1);
          });
        })
        .catch((err: Error) => {
          if (set !== wanted.current) return;
          setError(err.message);
          setLoading(false);
        })
        .finally(() => set.pending.delete(page));
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` captures filter and sort
    [client, key],
  );

  const restart = useCallback(() => {
    wanted.current = newSet(key, wanted.current.gen + 1);
    setLoading(true);
    fetchPage(wanted.current, 0);
  }, [fetchPage, key]);

  useEffect(restart, [restart, refreshKey]);

  const current = shown.current;
  return {
    total: current ? total : null,
    shownKey: current?.key ?? null,
    version,
    loading,
    error,
    row: (index) => current?.pages.get(Math.floor(index / PAGE))?.[index % PAGE],
    ensure: (start, end) => {
      // Until the new first page arrives, scrolling fetches nothing: the offsets would belong to the old total.
      const set = wanted.current;
      if (shown.current !== set) return;
      for (let p = Math.floor(Math.max(0, start) / PAGE); p <= Math.floor(Math.max(0, end) / PAGE); p++) fetchPage(set, p);
    },
    reload: restart,
    prefetch: (next) => {
      const nextKey = JSON.stringify([next, sort]);
      if (nextKey === wanted.current.key || early.current?.key === nextKey) return;
      const answer = client.call('domains.query', { filter: next, sort, offset: 0, limit: PAGE });
      answer.catch(() => undefined); // its owner (fetchPage) reports failures; an unadopted one is dropped
      early.current = { key: nextKey, at: performance.now(), answer };
    },
  };
}
