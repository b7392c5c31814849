import { getCoreRowModel, useReactTable, type ColumnDef, type Updater } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useMemo, useRef } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { memoizedT } from '../../lib/memoized-t.js';
import type { DomainItem, DomainSort } from '../../../src-shared/contract/areas/portfolio.js';
import { PORTFOLIO_COLUMNS, type PortfolioColumn, type RowExtra } from './columns.js';
import { isSelected, type Selection } from './portfolio-store.js';
import type { DomainPages } from './use-domain-pages.js';
import type { ColumnLayout } from './use-column-layout.js';

const ROW_HEIGHT = 28;
const CHECK_WIDTH = 34;
const EMPTY: DomainItem[] = [];

interface Props {
  pages: DomainPages;
  layout: ColumnLayout;
  onLayout(update: (l: ColumnLayout) => ColumnLayout): void;
  sort: DomainSort[];
  onSort(column: NonNullable<PortfolioColumn['sort']>, additive: boolean): void;
  selection: Selection;
  cursor: number;
  onRowClick(index: number, item: DomainItem, e: React.MouseEvent): void;
  onRowOpen(item: DomainItem): void;
  onToggleRow(index: number, item: DomainItem): void;
  onKeyDown(e: React.KeyboardEvent): void;
  extra(item: DomainItem): RowExtra;
  onPainted?(): void;
}

function resolve<T>(u: Updater<T>, prev: T): T {
  return typeof u === 'function' ? (u as (p: T) => T)(prev) : u;
}

/**
 * The virtualized portfolio grid. @tanstack/react-table owns the column
 * model (order, visibility, resizing); rows are windowed by
 * @tanstack/react-virtual and fetched page by page from the core.
 */
export function DomainTable(props: Props): JSX.Element {
  const { t, i18n } = useTranslation();
  const { pages, layout, onLayout } = props;
  // Cells repeat the same few words (On, Off, statuses, "12 days left"): translate each once per language.
  const rowT = useMemo(() => memoizedT(t), [t, i18n.language]); // eslint-disable-line react-hooks/exhaustive-deps
  const scrollRef = useRef<HTMLDivElement>(null);
  const dragged = useRef<string | null>(null);

  const columns = useMemo<ColumnDef<DomainItem>[]>(
    () => PORTFOLIO_COLUMNS.map((c) => ({ id: c.id, size: c.width, minSize: c.minWidth ?? 50, maxSize: 800, meta: c })),
    [],
  );
  const table = useReactTable({
    data: EMPTY,
    columns,
    state: { columnOrder: layout.order, columnVisibility: layout.visibility, columnSizing: layout.sizing },
    onColumnOrderChange: (u) => onLayout((l) => ({ ...l, order: resolve(u, l.order) })),
    onColumnVisibilityChange: (u) => onLayout((l) => ({ ...l, visibility: resolve(u, l.visibility) })),
    onColumnSizingChange: (u) => onLayout((l) => ({ ...l, sizing: resolve(u, l.sizing) })),
    columnResizeMode: 'onChange',
    enableColumnResizing: true,
    getCoreRowModel: getCoreRowModel(),
  });
  const headers = table.getHeaderGroups()[0]?.headers ?? [];
  const template = `${CHECK_WIDTH}px ${headers.map((h) => `${h.getSize()}px`).join(' ')}`;
  const totalWidth = CHECK_WIDTH + headers.reduce((a, h) => a + h.getSize(), 0);

  const visibleKey = headers.map((h) => h.id).join(',');
  // eslint-disable-next-line react-hooks/exhaustive-deps -- visibleKey stands for the header ids
  const visibleColumns = useMemo(() => headers.map((h) => h.column.columnDef.meta as PortfolioColumn), [visibleKey]);
  // Rows get one stable handlers object (read through a ref), so a memoized row re-renders only when its own data changes.
  const latest = useRef(props);
  latest.current = props;
  const handlers = useMemo<RowHandlers>(
    () => ({
      click: (index, item, e) => latest.current.onRowClick(index, item, e),
      open: (item) => latest.current.onRowOpen(item),
      toggle: (index, item) => latest.current.onToggleRow(index, item),
    }),
    [],
  );

  const count = pages.total ?? 0;
  const virtualizer = useVirtualizer({ count, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 5 });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  useEffect(() => pages.ensure(first, last), [first, last, pages]);

  // Keep the keyboard cursor in view. Only when the cursor moves: asking the virtualizer on every new
  // result set would read the grid's scroll height, forcing a layout on each keystroke.
  useEffect(() => {
    if (count > 0) virtualizer.scrollToIndex(Math.min(props.cursor, count - 1), { align: 'auto' });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- count is read, not a trigger
  }, [props.cursor, virtualizer]);
  // A new search or sort starts at the top.
  useEffect(() => {
    const el = scrollRef.current;
    if (el && el.scrollTop !== 0) el.scrollTop = 0;
  }, [pages.shownKey]);

  useEffect(() => {
    props.onPainted?.();
  });

  const sortIndex = (col?: string) => props.sort.findIndex((s) => s.column === col);

  return (
    <div className="grid" role="grid" aria-rowcount={count} aria-multiselectable tabIndex={0} onKeyDown={props.onKeyDown} ref={scrollRef} data-testid="domain-grid" data-shown={pages.shownKey ?? undefined}>
      <div className="grid-head" role="row" style={{ gridTemplateColumns: template, width: totalWidth }}>
        <div className="cell check" role="columnheader" />
        {headers.map((h) => {
          const meta = h.column.columnDef.meta as PortfolioColumn;
          const si = sortIndex(meta.sort);
          const sort = si >= 0 ? props.sort[si] : undefined;
          return (
            <div
              key={h.id}
              role="columnheader"
              aria-sort={sort ? (sort.desc ? 'descending' : 'ascending') : 'none'}
              className={`cell head ${meta.align ?? ''} ${meta.sort ? 'sortable' : ''}`}
              draggable
              onDragStart={() => (dragged.current = h.id)}
              onDragOver={(e) => e.preventDefault()}
              onDrop={() => {
                const from = dragged.current;
                if (!from || from === h.id) return;
                onLayout((l) => {
                  const order = l.order.filter((id) => id !== from);
                  order.splice(order.indexOf(h.id), 0, from);
                  return { ...l, order };
                });
              }}
              onClick={(e) => meta.sort && props.onSort(meta.sort, e.shiftKey)}
              title={meta.sort ? rowT('portfolio.sortHint') : undefined}
            >
              <span className="head-label">{meta.header(rowT)}</span>
              {sort ? (
                <span className="sort-mark">
                  {sort.desc ? '▼' : '▲'}
                  {props.sort.length > 1 ? <sub>{si + 1}</sub> : null}
                </span>
              ) : null}
              <span className="resizer" onMouseDown={h.getResizeHandler()} onTouchStart={h.getResizeHandler()} onClick={(e) => e.stopPropagation()} onDoubleClick={() => h.column.resetSize()} />
            </div>
          );
        })}
      </div>
      <div className="grid-body" style={{ height: virtualizer.getTotalSize(), width: totalWidth }}>
        {items.map((vi) => {
          const item = pages.row(vi.index);
          return (
            <GridRow
              key={vi.key}
              index={vi.index}
              start={vi.start}
              item={item}
              selected={item ? isSelected(props.selection, item.id) : false}
              isCursor={vi.index === props.cursor}
              template={template}
              columns={visibleColumns}
              accountColor={item ? props.extra(item).accountColor : undefined}
              handlers={handlers}
              t={rowT}
            />
          );
        })}
      </div>
    </div>
  );
}

interface RowHandlers {
  click(index: number, item: DomainItem, e: React.MouseEvent): void;
  open(item: DomainItem): void;
  toggle(index: number, item: DomainItem): void;
}

interface RowProps {
  index: number;
  start: number;
  item: DomainItem | undefined;
  selected: boolean;
  isCursor: boolean;
  template: string;
  columns: PortfolioColumn[];
  accountColor: string | undefined;
  handlers: RowHandlers;
  t: TFunction;
}

/**
 * One grid row. Memoized on its own data: scrolling, moving the cursor or
 * selecting re-renders only the rows that changed, which keeps typing and
 * scrolling in a 100k-name portfolio within a frame.
 */
const GridRow = memo(function GridRow({ index, start, item, selected, isCursor, template, columns, accountColor, handlers, t }: RowProps): JSX.Element {
  return (
    <div
      role="row"
      aria-rowindex={index + 1}
      aria-selected={selected}
      className={`grid-row ${isCursor ? 'cursor' : ''} ${selected ? 'selected' : ''} ${index % 2 ? 'odd' : ''}`}
      style={{ transform: `translateY(${start}px)`, gridTemplateColumns: template, height: ROW_HEIGHT }}
      // A double-click opens the name and a shift-click extends the selection: neither should select the row's text.
      onMouseDown={(e) => {
        if (e.detail > 1 || e.shiftKey) e.preventDefault();
      }}
      onClick={(e) => item && handlers.click(index, item, e)}
      onDoubleClick={() => item && handlers.open(item)}
      data-name={item?.name}
    >
      <div className="cell check">
        {item ? <input type="checkbox" aria-label={item.name} checked={selected} onChange={() => handlers.toggle(index, item)} onClick={(e) => e.stopPropagation()} tabIndex={-1} /> : null}
      </div>
      {item
        ? columns.map((meta) => (
            <div key={meta.id} role="gridcell" className={`cell ${meta.align ?? ''}`}>
              {meta.render(item, t, { accountColor })}
            </div>
          ))
        : columns.map((meta) => (
            <div key={meta.id} className="cell">
              <span className="skeleton" />
            </div>
          ))}
    </div>
  );
});
