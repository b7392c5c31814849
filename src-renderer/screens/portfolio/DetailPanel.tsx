import { X } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../src-shared/contract.js';
import type { BulkMessage, DETAIL_ACTIONS } from '../../../src-shared/contract/areas/bulk.js';
import { currencyExponent, decimalMoney, parseDecimalMoney, type Money } from '../../../src-shared/money.js';
import { daysLeft, fmtDate, fmtDateTime, fmtMoney, urgency } from '../../lib/format.js';
import { useClient } from '../../state/use-client.js';
import { BulkDialog, type BulkKind } from './BulkDialog.js';
import { messageText } from '../../lib/message-text.js';

type Detail = MethodOutput<'domains.get'>;

/** Everything about one domain: fields, the user's own data (editable), history and the registrar's raw answer. */
export function DetailPanel({ id, onClose, onChanged }: { id: number; onClose(): void; onChanged(): void }): JSX.Element {
  const { t } = useTranslation();
  const client = useClient();
  const [detail, setDetail] = useState<Detail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    let live = true;
    client.call('domains.get', { id }).then(
      (d) => live && (setDetail(d), setError(null)),
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [client, id, reload]);

  if (error) return <aside className="detail">{error}</aside>;
  if (!detail) return <aside className="detail muted">{t('app.loading')}</aside>;
  const d = detail.domain;
  const days = daysLeft(d.expiresAt);
  const rows: [string, React.ReactNode][] = [
    [t('portfolio.col.account'), `${d.account} (${t(`accounts.registrar.${d.registrar}`)})`],
    [t('portfolio.col.expires'), <span key="e" className={`expiry ${urgency(days)}`}>{fmtDate(d.expiresAt)}{days !== null ? ` · ${days < 0 ? t('portfolio.daysAgo', { count: -days }) : t('portfolio.daysLeft', { count: days })}` : ''}</span>],
    [t('portfolio.detail.registryExpiry'), fmtDate(d.registryExpiresAt)],
    [t('portfolio.detail.created'), fmtDate(d.createdAt)],
    [t('portfolio.col.status'), t(`portfolio.statusName.${d.status}`)],
    [t('portfolio.col.autoRenew'), d.autoRenew === null ? '—' : d.autoRenew ? t('portfolio.on') : t('portfolio.off')],
    [t('portfolio.col.locked'), d.locked === null ? '—' : d.locked ? t('portfolio.on') : t('portfolio.off')],
    [t('portfolio.col.privacy'), d.privacy ? t(`portfolio.privacy.${d.privacy}`) : '—'],
    [t('portfolio.col.nameservers'), <span key="ns" className="mono">{d.nameservers?.join('\n') ?? '—'}</span>],
    [t('portfolio.col.folder'), d.folder ?? '—'],
    [t('portfolio.col.renewal'), fmtMoney(d.renewalPrice)],
    [t('portfolio.col.synced'), fmtDateTime(d.lastSyncedAt)],
  ];
  return (
    <aside className="detail" aria-label={d.unicode} data-testid="detail-panel">
      <header>
        <h2 title={d.name}>{d.unicode}</h2>
        <button type="button" className="icon-button" onClick={onClose} aria-label={t('portfolio.detail.close')}>
          <X size={16} />
        </button>
      </header>
      {d.unicode !== d.name ? <div className="mono muted">{d.name}</div> : null}
      <dl className="fields">
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      <DomainActions id={d.id} onDone={() => (setReload((r) => r + 1), onChanged())} />
      <UserDataEditor detail={detail} onSaved={() => (setReload((r) => r + 1), onChanged())} />
      <section>
        <h3>{t('portfolio.detail.history')}</h3>
        {detail.events.length === 0 ? <p className="muted">{t('portfolio.detail.noEvents')}</p> : null}
        <ol className="events">
          {detail.events.map((e) => (
            <li key={e.id}>
              <span className="when">{fmtDateTime(e.at)}</span> <b>{t(`portfolio.event.${e.kind}`)}</b> <EventChange before={e.before} after={e.after} />
            </li>
          ))}
        </ol>
      </section>
      <details className="raw">
        <summary>{t('portfolio.detail.raw')}</summary>
        <pre>{JSON.stringify(detail.raw, null, 2)}</pre>
      </details>
    </aside>
  );
}

const ACTION_LABEL: Record<(typeof DETAIL_ACTIONS)[number], string> = {
  renew: 'portfolio.bulk.renew',
  autoRenew: 'portfolio.bulk.autoRenew',
  lock: 'portfolio.bulk.lock',
  nameservers: 'portfolio.bulk.nameservers',
  folder: 'portfolio.bulk.folder',
};

/**
 * What this name's registrar lets DomainDeck do to it, each opening the bulk
 * dialog for this one name (preview, confirmation, journal job); an action
 * the account cannot take is disabled and says why.
 */
function DomainActions({ id, onDone }: { id: number; onDone(): void }): JSX.Element | null {
  const { t } = useTranslation();
  const client = useClient();
  const [actions, setActions] = useState<MethodOutput<'bulk.actions'>['actions'] | null>(null);
  const [open, setOpen] = useState<BulkKind | null>(null);

  useEffect(() => {
    let live = true;
    client.call('bulk.actions', { id }).then(
      (r) => live && setActions(r.actions),
      () => live && setActions(null),
    );
    return () => {
      live = false;
    };
  }, [client, id]);

  if (!actions) return null;
  const text = (m: BulkMessage) => messageText(t, m);
  const unavailable = actions.filter((a) => !a.available && a.reason);
  return (
    <section data-testid="detail-actions">
      <h3>{t('portfolio.detail.actions')}</h3>
      <div className="row-actions wrap">
        {actions.map((a) => (
          <button key={a.kind} type="button" disabled={!a.available} title={a.reason ? text(a.reason) : t('portfolio.detail.actionsHint')} onClick={() => setOpen(a.kind)} data-testid={`detail-action-${a.kind}`}>
            {t(ACTION_LABEL[a.kind])}
          </button>
        ))}
      </div>
      {unavailable.length ? (
        <ul className="muted unavailable" data-testid="detail-actions-unavailable">
          {unavailable.map((a) => (
            <li key={a.kind}>
              <b>{t(ACTION_LABEL[a.kind])}</b> {a.reason ? text(a.reason) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {open ? <BulkDialog kind={open} target={{ ids: [id] }} count={1} onClose={() => setOpen(null)} onDone={onDone} /> : null}
    </section>
  );
}

/** Before → after in a line; objects (e.g. the first snapshot of an added name) are summarised, not dumped. */
function EventChange({ before, after }: { before: unknown; after: unknown }): JSX.Element | null {
  const show = (v: unknown): string => {
    if (v === null || v === undefined) return '—';
    if (Array.isArray(v)) return v.join(', ');
    if (typeof v === 'object') {
      const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== null && typeof x !== 'object');
      return entries.slice(0, 2).map(([k, x]) => `${k} ${String(x).slice(0, 10)}`).join(', ');
    }
    const text = String(v);
    return /^\d{4}-\d{2}-\d{2}T/.test(text) ? text.slice(0, 10) : text;
  };
  if ((before === undefined || before === null) && typeof after === 'object') return null;
  if (before === undefined && after === undefined) return null;
  return (
    <span className="muted">
      {show(before)} → {show(after)}
    </span>
  );
}

function UserDataEditor({ detail, onSaved }: { detail: Detail; onSaved(): void }): JSX.Element {
  const { t } = useTranslation();
  const client = useClient();
  const u = detail.userData;
  const currency = detail.domain.renewalPrice?.currency ?? u.purchasePrice?.currency ?? 'USD';
  const [tags, setTags] = useState(u.tags.join(', '));
  const [notes, setNotes] = useState(u.notes);
  const [purchase, setPurchase] = useState(moneyText(u.purchasePrice));
  const [asking, setAsking] = useState(moneyText(u.askingPrice));
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  const parse = (text: string, cur: string): Money | null => (text.trim() === '' ? null : parseDecimalMoney(text, cur));
  const save = async () => {
    try {
      const patch = {
        tags: tags.split(',').map((s) => s.trim()).filter(Boolean),
        notes,
        purchasePrice: parse(purchase, u.purchasePrice?.currency ?? currency),
        askingPrice: parse(asking, u.askingPrice?.currency ?? currency),
      };
      await client.call('domains.updateUserData', { names: [detail.domain.name], patch });
      setProblem(null);
      setSaved(true);
      onSaved();
    } catch (e) {
      setProblem((e as Error).message);
    }
  };
  return (
    <section className="user-data">
      <h3>{t('portfolio.detail.yourData')}</h3>
      <label>
        {t('portfolio.col.tags')}
        <input value={tags} onChange={(e) => (setTags(e.target.value), setSaved(false))} placeholder={t('portfolio.detail.tagsHint')} />
      </label>
      <div className="two">
        <label>
          {t('portfolio.col.purchase')} ({u.purchasePrice?.currency ?? currency})
          <input value={purchase} inputMode="decimal" onChange={(e) => (setPurchase(e.target.value), setSaved(false))} />
        </label>
        <label>
          {t('portfolio.col.asking')} ({u.askingPrice?.currency ?? currency})
          <input value={asking} inputMode="decimal" onChange={(e) => (setAsking(e.target.value), setSaved(false))} />
        </label>
      </div>
      <label>
        {t('portfolio.detail.notes')}
        <textarea rows={3} value={notes} onChange={(e) => (setNotes(e.target.value), setSaved(false))} />
      </label>
      <div className="row-actions">
        <button type="button" className="primary" onClick={() => void save()}>
          {t('portfolio.detail.save')}
        </button>
        {saved ? <span className="ok-text">{t('portfolio.detail.saved')}</span> : null}
        {problem ? <span className="error-text">{problem}</span> : null}
      </div>
    </section>
  );
}

/** Plain decimal text for an input ("1299", "12.50"), never locale-formatted, so it parses back exactly; whole amounts without ".00". */
function moneyText(m: Money | null): string {
  if (!m) return '';
  const text = decimalMoney(m);
  return m.amountMinor % 10 ** currencyExponent(m.currency) === 0 ? text.replace(/\.0+$/, '') : text;
}
