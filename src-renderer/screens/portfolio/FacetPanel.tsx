import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Facets } from '../../../src-shared/contract/areas/portfolio.js';
import { fmtNumber } from '../../lib/format.js';
import { usePortfolioStore, type ExpiryWindow, type FacetKey } from './portfolio-store.js';

const GROUPS: { key: FacetKey; facet: keyof Omit<Facets, 'total' | 'expiryMonths'>; limit: number }[] = [
  { key: 'registrars', facet: 'registrars', limit: 10 },
  { key: 'accounts', facet: 'accounts', limit: 12 },
  { key: 'statuses', facet: 'statuses', limit: 10 },
  { key: 'tlds', facet: 'tlds', limit: 12 },
  { key: 'tags', facet: 'tags', limit: 12 },
  { key: 'folders', facet: 'folders', limit: 10 },
];
const WINDOWS: ExpiryWindow[] = ['any', 'past', '30', '60', '90', '365'];

/** Facet filters with live counts (each facet ignores its own selection, so choices stay visible). */
export const FacetPanel = memo(function FacetPanel({ facets }: { facets: Facets | null }): JSX.Element {
  const { t } = useTranslation();
  const selected = usePortfolioStore((s) => s.facets);
  const expiry = usePortfolioStore((s) => s.expiry);
  const toggle = usePortfolioStore((s) => s.toggleFacet);
  const setExpiry = usePortfolioStore((s) => s.setExpiry);
  const label = (key: FacetKey, value: string | null, fallback?: string) => {
    if (value === null) return t('portfolio.facet.none');
    if (key === 'statuses') return t(`portfolio.statusName.${value}`, { defaultValue: value });
    if (key === 'registrars') return t(`accounts.registrar.${value}`, { defaultValue: value });
    if (key === 'tlds') return `.${value}`;
    return fallback ?? value;
  };
  return (
    <aside className="facets" aria-label={t('portfolio.filters')}>
      <section>
        <h3>{t('portfolio.facet.expiry')}</h3>
        <div className="chips">
          {WINDOWS.map((w) => (
            <button key={w} type="button" className={`chip ${expiry === w ? 'on' : ''}`} onClick={() => setExpiry(w)}>
              {t(`portfolio.window.${w}`)}
            </button>
          ))}
        </div>
      </section>
      {GROUPS.map(({ key, facet, limit }) => {
        const values = facets?.[facet] ?? [];
        if (values.length === 0) return null;
        return (
          <section key={key}>
            <h3>{t(`portfolio.facet.${key}`)}</h3>
            <ul>
              {values.slice(0, limit).map((v) => {
                const on = selected[key]?.includes(v.value) ?? false;
                return (
                  <li key={String(v.value)}>
                    <label className={on ? 'on' : ''}>
                      <input type="checkbox" checked={on} onChange={() => toggle(key, v.value)} />
                      <span className="facet-label">{label(key, v.value, v.label)}</span>
                      <span className="count">{fmtNumber(v.count)}</span>
                    </label>
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
    </aside>
  );
});
