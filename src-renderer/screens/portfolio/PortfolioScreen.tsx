import { Download, FileUp, RefreshCw, Search } from 'lucide-react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DomainItem } from '../../../src-shared/contract/areas/portfolio.js';
import { EmptyState } from '../../components/EmptyState.js';
import { fmtNumber } from '../../lib/format.js';
import { useAppStore } from '../../state/app-store.js';
import { useClient } from '../../state/use-client.js';
import { BulkBar } from './BulkBar.js';
import { ColumnsMenu } from './ColumnsMenu.js';
import { DashboardHeader } from './DashboardHeader.js';
import { DetailPanel } from './DetailPanel.js';
import { DomainTable } from './DomainTable.js';
import { FacetPanel } from './FacetPanel.js';
import { ImportDialog } from './ImportDialog.js';
import { ViewsMenu } from './ViewsMenu.js';
import { domainsToCsv, download, fetchAll } from './csv.js';
import { isSelected, selectionCount, toDomainFilter, usePortfolioStore, type Selection } from './portfolio-store.js';
import { useColumnLayout } from './use-column-layout.js';
import { useDomainPages } from './use-domain-pages.js';
import { usePortfolioData } from './use-portfolio-data.js';
import { useSyncProgress } from './use-sync-progress.js';

export function PortfolioScreen(): JSX.Element {
  const { t } = useTranslation();
  const client = useClient();
  const go = useAppStore((s) => s.go);
  const s = usePortfolioStore();
  const [refreshKey, setRefreshKey] = useState(0);
  const refresh = useCallback(() => setRefreshKey((k) => k + 1), []);
  const filter = useMemo(() => toDomainFilter(s), [s.search, s.facets, s.expiry]); // eslint-disable-line react-hooks/exhaustive-deps
  const pages = useDomainPages(filter, s.sort, refreshKey);
  const data = usePortfolioData(filter, refreshKey);
  const [layout, setLayout, resetLayout] = useColumnLayout();
  const sync = useSyncProgress(refresh);
  const searchRef = useRef<HTMLInputElement>(null);
  const [exporting, setExporting] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);
  const colors = useMemo(() => new Map(data.accounts.map((a) => [a.id, a.color])), [data.accounts]);
  const total = pages.total ?? 0;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === '/' && document.activeElement?.tagName !== 'INPUT' && document.activeElement?.tagName !== 'TEXTAREA') {
        e.preventDefault();
        searchRef.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const selectRange = (from: number, to: number, base: Selection): Selection => {
    const rows = base.mode === 'rows' ? new Map(base.rows) : new Map<number, DomainItem>();
    for (let i = Math.min(from, to); i <= Math.max(from, to); i++) {
      const item = pages.row(i);
      if (item) rows.set(item.id, item);
    }
    return { mode: 'rows', rows };
  };
  const toggle = (item: DomainItem) => {
    const sel = s.selection;
    if (sel.mode === 'all') {
      const except = new Set(sel.except);
      if (except.has(item.id)) except.delete(item.id);
      else except.add(item.id);
      s.setSelection({ mode: 'all', except });
    } else {
      const rows = new Map(sel.rows);
      if (rows.has(item.id)) rows.delete(item.id);
      else rows.set(item.id, item);
      s.setSelection({ mode: 'rows', rows });
    }
  };

  const onRowClick = (index: number, item: DomainItem, e: React.MouseEvent) => {
    s.setCursor(index);
    if (e.shiftKey && s.anchor !== null) s.setSelection(selectRange(s.anchor, index, e.ctrlKey || e.metaKey ? s.selection : { mode: 'rows', rows: new Map() }));
    else if (e.ctrlKey || e.metaKey) {
      toggle(item);
      s.setAnchor(index);
    } else {
      s.setSelection({ mode: 'rows', rows: new Map([[item.id, item]]) });
      s.setAnchor(index);
      if (s.detailId !== null) s.openDetail(item.id);
    }
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    const move = (to: number) => {
      e.preventDefault();
      const next = Math.max(0, Math.min(total - 1, to));
      s.setCursor(next);
      if (e.shiftKey) s.setSelection(selectRange(s.anchor ?? s.cursor, next, s.selection));
      else s.setAnchor(next);
      const item = pages.row(next);
      if (item && s.detailId !== null) s.openDetail(item.id);
    };
    const current = pages.row(s.cursor);
    if (e.key === 'ArrowDown') move(s.cursor + 1);
    else if (e.key === 'ArrowUp') move(s.cursor - 1);
    else if (e.key === 'PageDown') move(s.cursor + 20);
    else if (e.key === 'PageUp') move(s.cursor - 20);
    else if (e.key === 'Home') move(0);
    else if (e.key === 'End') move(total - 1);
    else if (e.key === ' ' && current) {
      e.preventDefault();
      toggle(current);
    } else if (e.key === 'Enter' && current) {
      e.preventDefault();
      s.openDetail(current.id);
    } else if (e.key.toLowerCase() === 'a' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      s.setSelection({ mode: 'all', except: new Set() });
    } else if (e.key === 'Escape') {
      if (s.detailId !== null) s.openDetail(null);
      else s.setSelection({ mode: 'rows', rows: new Map() });
    }
  };

  const onSearch = (search: string) => {
    // A filter read off the clock (an expiry window) would not equal the one the render computes: nothing to prefetch.
    if (s.expiry === 'any') pages.prefetch(toDomainFilter({ ...s, search }));
    s.setSearch(search);
  };

  const exportCsv = async () => {
    setExporting(t('portfolio.exporting', { done: 0, total }));
    try {
      const items = await fetchAll(client, filter, s.sort, (done, all) => setExporting(t('portfolio.exporting', { done: fmtNumber(done), total: fmtNumber(all) })));
      download(`domaindeck-${new Date().toISOString().slice(0, 10)}.csv`, domainsToCsv(items));
    } finally {
      setExporting(null);
    }
  };

  const noAccounts = data.accounts.length === 0 && data.overall?.total === 0;
  if (noAccounts && !pages.loading) {
    return (
      <EmptyState title={t('screens.portfolio.title')} action={<button type="button" className="primary" onClick={() => go('accounts')}>{t('screens.portfolio.emptyAction')}</button>}>
        {t('screens.portfolio.empty')}
      </EmptyState>
    );
  }
  const selected = selectionCount(s.selection, total);
  return (
    <section className="portfolio">
      <DashboardHeader facets={data.overall} expiring={data.expiring} aggregates={data.aggregates} />
      <div className="toolbar">
        <label className="search">
          <Search size={14} aria-hidden />
          <input ref={searchRef} type="search" spellCheck={false} autoComplete="off" autoCapitalize="off" autoCorrect="off" value={s.search} placeholder={t('portfolio.searchPlaceholder')} aria-label={t('portfolio.searchPlaceholder')} onChange={(e) => onSearch(e.target.value)} data-testid="search" />
        </label>
        <span className="result-count" data-testid="result-count">
          {pages.total === null ? t('app.loading') : t('portfolio.count', { count: total, formatted: fmtNumber(total) })}
        </span>
        {s.search || Object.keys(s.facets).length || s.expiry !== 'any' ? (
          <button type="button" className="link" onClick={s.clearFilters}>
            {t('portfolio.clearFilters')}
          </button>
        ) : null}
        <span className="grow" />
        {sync.message ? (
          <span className="muted sync-progress" title={sync.message}>
            {sync.message}
          </span>
        ) : null}
        <button type="button" onClick={() => void sync.run()} disabled={sync.running} title={t('portfolio.syncHint')}>
          <RefreshCw size={14} className={sync.running ? 'spin' : ''} /> {t('portfolio.syncNow')}
        </button>
        <ViewsMenu />
        <ColumnsMenu layout={layout} onLayout={setLayout} onReset={resetLayout} />
        <button type="button" onClick={() => void exportCsv()} disabled={exporting !== null || total === 0}>
          <Download size={14} /> {exporting ?? t('portfolio.exportCsv')}
        </button>
        <button type="button" onClick={() => setImporting(true)} title={t('portfolioIo.ui.buttonHint')} data-testid="import-open">
          <FileUp size={14} /> {t('portfolioIo.ui.button')}
        </button>
      </div>
      {/* Always takes its row, so selecting a name never shifts the table under the pointer. */}
      {selected > 0 ? (
        <BulkBar filter={filter} sort={s.sort} selection={s.selection} count={selected} accounts={data.accounts} onDone={refresh} />
      ) : (
        <div className="bulkbar idle muted">{t('portfolio.bulk.hint')}</div>
      )}
      <div className={`portfolio-body ${s.detailId !== null ? 'with-detail' : ''}`}>
        <FacetPanel facets={data.facets} />
        {pages.error ? (
          <div className="error-box">{pages.error}</div>
        ) : (
          <DomainTable
            pages={pages}
            layout={layout}
            onLayout={setLayout}
            sort={s.sort}
            onSort={s.toggleSort}
            selection={s.selection}
            cursor={s.cursor}
            onRowClick={onRowClick}
            onRowOpen={(item) => s.openDetail(item.id)}
            onToggleRow={(_i, item) => toggle(item)}
            onKeyDown={onKeyDown}
            extra={(item) => ({ accountColor: colors.get(item.accountId) })}
          />
        )}
        {s.detailId !== null ? <DetailPanel id={s.detailId} onClose={() => s.openDetail(null)} onChanged={refresh} /> : null}
      </div>
      {importing ? <ImportDialog onClose={() => setImporting(false)} onApplied={refresh} /> : null}
    </section>
  );
}

export { isSelected };
