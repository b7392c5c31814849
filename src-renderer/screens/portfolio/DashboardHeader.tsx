import { Bar, BarChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { dateTimeFormat } from '../../../src-shared/intl-cache.js';
import type { Aggregates, Facets } from '../../../src-shared/contract/areas/portfolio.js';
import { currencyExponent } from '../../../src-shared/money.js';
import { fmtMoney, fmtNumber, locale } from '../../lib/format.js';

export interface ExpiringCounts {
  d30: number;
  d60: number;
  d90: number;
}

/**
 * The numbers an investor checks first: portfolio size, what expires soon,
 * and what the next 12 months of renewals cost, one chart per currency
 * (currencies are never added together). Memoized: it only changes when
 * the whole portfolio does, not on every keystroke in the search box.
 */
export const DashboardHeader = memo(function DashboardHeader({ facets, expiring, aggregates }: { facets: Facets | null; expiring: ExpiringCounts | null; aggregates: Aggregates | null }): JSX.Element {
  const { t } = useTranslation();
  const currencies = aggregates?.totals.map((c) => c.currency) ?? [];
  return (
    <div className="dashboard" data-testid="dashboard">
      <div className="kpi">
        <span className="kpi-value">{facets ? fmtNumber(facets.total) : '—'}</span>
        <span className="kpi-label">{t('portfolio.kpi.names')}</span>
      </div>
      <div className="kpi critical">
        <span className="kpi-value">{expiring ? fmtNumber(expiring.d30) : '—'}</span>
        <span className="kpi-label">{t('portfolio.kpi.expiring', { days: 30 })}</span>
      </div>
      <div className="kpi soon">
        <span className="kpi-value">{expiring ? fmtNumber(expiring.d60) : '—'}</span>
        <span className="kpi-label">{t('portfolio.kpi.expiring', { days: 60 })}</span>
      </div>
      <div className="kpi upcoming">
        <span className="kpi-value">{expiring ? fmtNumber(expiring.d90) : '—'}</span>
        <span className="kpi-label">{t('portfolio.kpi.expiring', { days: 90 })}</span>
      </div>
      <div className="kpi registrars">
        {(facets?.registrars ?? []).map((r) => (
          <span key={String(r.value)} className="reg-count">
            <b>{fmtNumber(r.count)}</b> {t(`accounts.registrar.${r.value}`, { defaultValue: r.value ?? '' })}
          </span>
        ))}
        <span className="kpi-label">{t('portfolio.kpi.byRegistrar')}</span>
      </div>
      <div className="charts">
        {currencies.length === 0 ? <span className="muted">{t('portfolio.kpi.noPrices')}</span> : null}
        {currencies.map((currency) => {
          const exp = currencyExponent(currency);
          const data = (aggregates?.months ?? []).map((m) => ({
            month: dateTimeFormat(locale(), { month: 'short', timeZone: 'UTC' }).format(new Date(`${m.month}-01T00:00:00Z`)),
            amount: (m.totals.find((x) => x.currency === currency)?.amountMinor ?? 0) / 10 ** exp,
            minor: m.totals.find((x) => x.currency === currency)?.amountMinor ?? 0,
          }));
          const total = aggregates?.totals.find((x) => x.currency === currency);
          return (
            <figure key={currency} className="chart" aria-label={t('portfolio.kpi.renewalCost', { currency })}>
              <figcaption>
                {t('portfolio.kpi.renewalCost', { currency })} <b>{total ? fmtMoney({ amountMinor: total.amountMinor, currency }) : ''}</b>
              </figcaption>
              <ResponsiveContainer width="100%" height={64}>
                <BarChart data={data} margin={{ top: 2, right: 0, bottom: 0, left: 0 }}>
                  <XAxis dataKey="month" tick={{ fontSize: 9 }} interval={0} tickLine={false} axisLine={false} />
                  <YAxis hide />
                  <Tooltip formatter={(_v, _n, p) => fmtMoney({ amountMinor: (p.payload as { minor: number }).minor, currency })} cursor={{ fill: 'var(--hover)' }} />
                  <Bar dataKey="amount" fill="var(--accent)" radius={[2, 2, 0, 0]} isAnimationActive={false} />
                </BarChart>
              </ResponsiveContainer>
            </figure>
          );
        })}
      </div>
    </div>
  );
});
