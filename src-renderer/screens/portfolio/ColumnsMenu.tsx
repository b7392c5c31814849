import { ArrowDown, ArrowUp, Columns3 } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PORTFOLIO_COLUMNS } from './columns.js';
import type { ColumnLayout } from './use-column-layout.js';

/** Choose and order columns (dragging headers also reorders; dragging header edges resizes). */
export function ColumnsMenu({ layout, onLayout, onReset }: { layout: ColumnLayout; onLayout(update: (l: ColumnLayout) => ColumnLayout): void; onReset(): void }): JSX.Element {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const byId = new Map(PORTFOLIO_COLUMNS.map((c) => [c.id, c]));
  const move = (id: string, delta: number) =>
    onLayout((l) => {
      const order = [...l.order];
      const i = order.indexOf(id);
      const j = i + delta;
      if (j < 0 || j >= order.length) return l;
      [order[i], order[j]] = [order[j]!, order[i]!];
      return { ...l, order };
    });
  return (
    <div className="menu-wrap">
      <button type="button" onClick={() => setOpen(!open)} aria-expanded={open}>
        <Columns3 size={14} /> {t('portfolio.columns')}
      </button>
      {open ? (
        <div className="menu" role="menu" onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
          {layout.order.map((id) => {
            const col = byId.get(id);
            if (!col) return null;
            return (
              <div key={id} className="menu-row">
                <label>
                  <input type="checkbox" checked={layout.visibility[id] !== false} disabled={id === 'name'} onChange={(e) => onLayout((l) => ({ ...l, visibility: { ...l.visibility, [id]: e.target.checked } }))} />
                  {col.header(t)}
                </label>
                <span className="grow" />
                <button type="button" className="icon-button" aria-label={t('portfolio.moveUp')} onClick={() => move(id, -1)}>
                  <ArrowUp size={12} />
                </button>
                <button type="button" className="icon-button" aria-label={t('portfolio.moveDown')} onClick={() => move(id, 1)}>
                  <ArrowDown size={12} />
                </button>
              </div>
            );
          })}
          <button type="button" className="link" onClick={onReset}>
            {t('portfolio.resetColumns')}
          </button>
        </div>
      ) : null}
    </div>
  );
}
