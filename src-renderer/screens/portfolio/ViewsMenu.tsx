import { Bookmark } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DomainSort } from '../../../src-shared/contract/areas/portfolio.js';
import { useClient } from '../../state/use-client.js';
import { usePortfolioStore, type SavedFilter } from './portfolio-store.js';

interface SavedView {
  name: string;
  filter: SavedFilter;
  sort: DomainSort[];
}

const PREF_KEY = 'portfolio.views';

/** Named filter + sort combinations, stored in the data folder. */
export function ViewsMenu(): JSX.Element {
  const { t } = useTranslation();
  const client = useClient();
  const [views, setViews] = useState<SavedView[]>([]);
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const state = usePortfolioStore();

  useEffect(() => {
    client.call('prefs.get', { key: PREF_KEY }).then(({ value }) => setViews(Array.isArray(value) ? (value as SavedView[]) : []), () => undefined);
  }, [client]);
  const persist = (next: SavedView[]) => {
    setViews(next);
    void client.call('prefs.set', { key: PREF_KEY, value: next });
  };
  const save = () => {
    const trimmed = name.trim();
    if (!trimmed) return;
    const view: SavedView = { name: trimmed, filter: { search: state.search, facets: state.facets, expiry: state.expiry }, sort: state.sort };
    persist([...views.filter((v) => v.name !== trimmed), view]);
    setName('');
  };
  return (
    <div className="menu-wrap">
      <button type="button" onClick={() => setOpen(!open)} aria-expanded={open} data-testid="views-button">
        <Bookmark size={14} /> {t('portfolio.views.title')}
      </button>
      {open ? (
        <div className="menu" role="menu" onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
          {views.length === 0 ? <p className="muted">{t('portfolio.views.none')}</p> : null}
          {views.map((v) => (
            <div key={v.name} className="menu-row">
              <button type="button" role="menuitem" className="link" onClick={() => (state.applyView(v), setOpen(false))}>
                {v.name}
              </button>
              <button type="button" className="link danger" aria-label={t('portfolio.views.delete', { name: v.name })} onClick={() => persist(views.filter((x) => x.name !== v.name))}>
                ×
              </button>
            </div>
          ))}
          <div className="menu-row">
            <input value={name} placeholder={t('portfolio.views.namePlaceholder')} onChange={(e) => setName(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && save()} />
            <button type="button" onClick={save} disabled={!name.trim()}>
              {t('portfolio.views.save')}
            </button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
