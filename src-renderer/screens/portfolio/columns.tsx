import type { DomainItem, DomainSortColumn } from '../../../src-shared/contract/areas/portfolio.js';
import type { TFunction } from 'i18next';
import { daysLeft, fmtDate, fmtMoney, fmtRelativeTime, urgency } from '../../lib/format.js';

/** One portfolio column: how to render a cell and which SQL column sorts it. */
export interface PortfolioColumn {
  id: string;
  header: (t: TFunction) => string;
  width: number;
  minWidth?: number;
  sort?: DomainSortColumn;
  align?: 'right' | 'center';
  render: (d: DomainItem, t: TFunction, extra: RowExtra) => React.ReactNode;
}

/** Per-row data joined in the renderer (user data the list call does not carry). */
export interface RowExtra {
  accountColor?: string;
}

const yesNo = (v: boolean | null, t: TFunction) => (v === null ? <span className="muted">—</span> : v ? <span className="pill on">{t('portfolio.on')}</span> : <span className="pill off">{t('portfolio.off')}</span>);

export const PORTFOLIO_COLUMNS: PortfolioColumn[] = [
  {
    id: 'name',
    header: (t) => t('portfolio.col.name'),
    width: 240,
    minWidth: 140,
    sort: 'name',
    render: (d) => (
      <span className="domain-name" title={d.unicode !== d.name ? `${d.unicode} (${d.name})` : d.name}>
        {d.unicode}
        {d.flags.length > 0 ? <span className="flag" title={d.flags.join(', ')}>!</span> : null}
      </span>
    ),
  },
  { id: 'tld', header: (t) => t('portfolio.col.tld'), width: 70, sort: 'tld', render: (d) => <span className="muted">.{d.tld}</span> },
  {
    id: 'account',
    header: (t) => t('portfolio.col.account'),
    width: 150,
    sort: 'account',
    render: (d, _t, x) => (
      <span className="account-chip" title={d.registrar}>
        <span className="swatch" style={{ background: x.accountColor ?? 'var(--muted)' }} />
        {d.account}
      </span>
    ),
  },
  {
    id: 'expiresAt',
    header: (t) => t('portfolio.col.expires'),
    width: 205,
    sort: 'expiresAt',
    render: (d, t) => {
      const days = daysLeft(d.expiresAt);
      return (
        <span className={`expiry ${urgency(days)}`}>
          {fmtDate(d.expiresAt)}
          {days !== null ? <span className="days">{days < 0 ? t('portfolio.daysAgo', { count: -days }) : t('portfolio.daysLeft', { count: days })}</span> : null}
        </span>
      );
    },
  },
  { id: 'status', header: (t) => t('portfolio.col.status'), width: 120, sort: 'status', render: (d, t) => <span className={`status s-${d.status}`}>{t(`portfolio.statusName.${d.status}`)}</span> },
  { id: 'autoRenew', header: (t) => t('portfolio.col.autoRenew'), width: 90, sort: 'autoRenew', align: 'center', render: (d, t) => yesNo(d.autoRenew, t) },
  { id: 'locked', header: (t) => t('portfolio.col.locked'), width: 80, sort: 'locked', align: 'center', render: (d, t) => yesNo(d.locked, t) },
  { id: 'privacy', header: (t) => t('portfolio.col.privacy'), width: 90, sort: 'privacy', render: (d, t) => (d.privacy ? t(`portfolio.privacy.${d.privacy}`) : '—') },
  { id: 'nameservers', header: (t) => t('portfolio.col.nameservers'), width: 220, render: (d) => <span className="mono muted">{d.nameservers?.join(', ') ?? '—'}</span> },
  { id: 'folder', header: (t) => t('portfolio.col.folder'), width: 110, sort: 'folder', render: (d) => d.folder ?? <span className="muted">—</span> },
  {
    id: 'tags',
    header: (t) => t('portfolio.col.tags'),
    width: 150,
    render: (d) => (
      <span className="tags">
        {d.tags.map((tag) => (
          <span key={tag} className="tag">
            {tag}
          </span>
        ))}
      </span>
    ),
  },
  { id: 'renewalPrice', header: (t) => t('portfolio.col.renewal'), width: 110, sort: 'renewalPrice', align: 'right', render: (d) => <span className="num">{fmtMoney(d.renewalPrice)}</span> },
  { id: 'purchasePrice', header: (t) => t('portfolio.col.purchase'), width: 110, sort: 'purchasePrice', align: 'right', render: (d) => <span className="num">{fmtMoney(d.purchasePrice)}</span> },
  { id: 'askingPrice', header: (t) => t('portfolio.col.asking'), width: 110, sort: 'askingPrice', align: 'right', render: (d) => <span className="num">{fmtMoney(d.askingPrice)}</span> },
  { id: 'lastSyncedAt', header: (t) => t('portfolio.col.synced'), width: 120, sort: 'lastSyncedAt', render: (d) => <span className="muted">{fmtRelativeTime(d.lastSyncedAt)}</span> },
];

export const DEFAULT_VISIBLE = ['name', 'account', 'expiresAt', 'status', 'autoRenew', 'locked', 'nameservers', 'folder', 'tags', 'renewalPrice', 'lastSyncedAt'];
