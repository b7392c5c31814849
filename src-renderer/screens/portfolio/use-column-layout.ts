import type { ColumnOrderState, ColumnSizingState, VisibilityState } from '@tanstack/react-table';
import { useEffect, useRef, useState } from 'react';
import { useClient } from '../../state/use-client.js';
import { DEFAULT_VISIBLE, PORTFOLIO_COLUMNS } from './columns.js';

export interface ColumnLayout {
  order: ColumnOrderState;
  visibility: VisibilityState;
  sizing: ColumnSizingState;
}

const PREF_KEY = 'portfolio.columns';

function defaults(): ColumnLayout {
  return {
    order: PORTFOLIO_COLUMNS.map((c) => c.id),
    visibility: Object.fromEntries(PORTFOLIO_COLUMNS.map((c) => [c.id, DEFAULT_VISIBLE.includes(c.id)])),
    sizing: {},
  };
}

/** Keeps only known columns and appends ones added by newer versions, so an old saved layout never hides a column forever. */
function sanitize(saved: Partial<ColumnLayout> | null): ColumnLayout {
  const base = defaults();
  if (!saved) return base;
  const known = new Set(base.order);
  const order = (saved.order ?? []).filter((id) => known.has(id));
  for (const id of base.order) if (!order.includes(id)) order.push(id);
  return { order, visibility: { ...base.visibility, ...saved.visibility, name: true }, sizing: saved.sizing ?? {} };
}

/** Column order, visibility and widths, stored in the data folder through prefs.* and saved shortly after each change. */
export function useColumnLayout(): [ColumnLayout, (update: (l: ColumnLayout) => ColumnLayout) => void, () => void] {
  const client = useClient();
  const [layout, setLayout] = useState<ColumnLayout>(defaults);
  const loaded = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => {
    client
      .call('prefs.get', { key: PREF_KEY })
      .then(({ value }) => setLayout(sanitize(value as Partial<ColumnLayout> | null)))
      .catch(() => undefined)
      .finally(() => (loaded.current = true));
  }, [client]);

  const update = (fn: (l: ColumnLayout) => ColumnLayout) => {
    setLayout((prev) => {
      const next = fn(prev);
      if (loaded.current) {
        clearTimeout(timer.current);
        timer.current = setTimeout(() => void client.call('prefs.set', { key: PREF_KEY, value: next }), 400);
      }
      return next;
    });
  };
  const reset = () => update(() => defaults());
  return [layout, update, reset];
}
