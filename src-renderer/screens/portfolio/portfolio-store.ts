import { create } from 'zustand';
import type { DomainFilter, DomainItem, DomainSort, DomainSortColumn } from '../../../src-shared/contract/areas/portfolio.js';

/** Facet filters the sidebar toggles: each is a list of accepted values. */
export type FacetKey = 'registrars' | 'accounts' | 'tlds' | 'statuses' | 'tags' | 'folders';

/**
 * Selection is either explicit rows, or "every row matching the filter"
 * minus exceptions, so selecting 100k names costs nothing until an action
 * needs them.
 */
export type Selection = { mode: 'rows'; rows: Map<number, DomainItem> } | { mode: 'all'; except: Set<number> };

export type ExpiryWindow = 'any' | 'past' | '30' | '60' | '90' | '365';

interface PortfolioState {
  search: string;
  facets: Partial<Record<FacetKey, (string | null)[]>>;
  expiry: ExpiryWindow;
  sort: DomainSort[];
  selection: Selection;
  /** Index of the keyboard cursor row. */
  cursor: number;
  /** Anchor for shift-range selection. */
  anchor: number | null;
  detailId: number | null;
  setSearch(search: string): void;
  toggleFacet(key: FacetKey, value: string | null): void;
  setExpiry(expiry: ExpiryWindow): void;
  clearFilters(): void;
  applyView(view: { filter: SavedFilter; sort: DomainSort[] }): void;
  toggleSort(column: DomainSortColumn, additive: boolean): void;
  setCursor(index: number): void;
  setAnchor(index: number | null): void;
  setSelection(selection: Selection): void;
  openDetail(id: number | null): void;
}

/** What a saved view stores (the filter form, not computed dates, so "next 30 days" stays relative). */
export interface SavedFilter {
  search: string;
  facets: Partial<Record<FacetKey, (string | null)[]>>;
  expiry: ExpiryWindow;
}

const emptySelection = (): Selection => ({ mode: 'rows', rows: new Map() });

export const usePortfolioStore = create<PortfolioState>((set) => ({
  search: '',
  facets: {},
  expiry: 'any',
  sort: [{ column: 'expiresAt', desc: false }],
  selection: emptySelection(),
  cursor: 0,
  anchor: null,
  detailId: null,
  setSearch: (search) => set({ search, cursor: 0 }),
  toggleFacet: (key, value) =>
    set((s) => {
      const current = s.facets[key] ?? [];
      const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
      return { facets: { ...s.facets, [key]: next.length ? next : undefined }, cursor: 0, selection: emptySelection() };
    }),
  setExpiry: (expiry) => set({ expiry, cursor: 0, selection: emptySelection() }),
  clearFilters: () => set({ search: '', facets: {}, expiry: 'any', cursor: 0, selection: emptySelection() }),
  applyView: ({ filter, sort }) => set({ search: filter.search, facets: filter.facets, expiry: filter.expiry, sort, cursor: 0, selection: emptySelection() }),
  toggleSort: (column, additive) =>
    set((s) => {
      const existing = s.sort.find((x) => x.column === column);
      const flipped: DomainSort = { column, desc: existing ? !existing.desc : false };
      if (!additive) return { sort: [flipped] };
      const others = s.sort.filter((x) => x.column !== column);
      return { sort: [...others, flipped].slice(-3) };
    }),
  setCursor: (cursor) => set({ cursor }),
  setAnchor: (anchor) => set({ anchor }),
  setSelection: (selection) => set({ selection }),
  openDetail: (detailId) => set({ detailId }),
}));

const DAY = 86_400_000;

/** Turns the form state into the contract's filter; expiry windows are computed from now. */
export function toDomainFilter(s: Pick<PortfolioState, 'search' | 'facets' | 'expiry'>, now = Date.now()): DomainFilter {
  const filter: DomainFilter = {};
  if (s.search.trim()) filter.search = s.search.trim();
  const f = s.facets;
  if (f.registrars?.length) filter.registrars = f.registrars.filter((v): v is string => v !== null) as DomainFilter['registrars'];
  if (f.accounts?.length) filter.accounts = f.accounts.filter((v): v is string => v !== null);
  if (f.tlds?.length) filter.tlds = f.tlds.filter((v): v is string => v !== null);
  if (f.statuses?.length) filter.statuses = f.statuses.filter((v): v is string => v !== null) as DomainFilter['statuses'];
  if (f.tags?.length) filter.tags = f.tags.filter((v): v is string => v !== null);
  if (f.folders?.length) filter.folders = f.folders;
  const today = new Date(now).toISOString();
  if (s.expiry === 'past') filter.expiresBefore = today;
  else if (s.expiry !== 'any') {
    filter.expiresFrom = today;
    filter.expiresBefore = new Date(now + Number(s.expiry) * DAY).toISOString();
  }
  return filter;
}

export function selectionCount(selection: Selection, total: number): number {
  return selection.mode === 'rows' ? selection.rows.size : Math.max(0, total - selection.except.size);
}

export function isSelected(selection: Selection, id: number): boolean {
  return selection.mode === 'rows' ? selection.rows.has(id) : !selection.except.has(id);
}
