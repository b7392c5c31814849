import { useTranslation } from 'react-i18next';
import type { BulkMessage, BulkPreview } from '../../../src-shared/contract/areas/bulk.js';
import { fmtDate, fmtMoney } from '../../lib/format.js';

/** Skipped rows grouped by registrar and reason, so "MrDomain has no folders" reads once, with a count. */
function skippedByRegistrar(preview: BulkPreview, text: (m: BulkMessage) => string): { registrar: string; reason: string; n: number }[] {
  const groups = new Map<string, { registrar: string; reason: string; n: number }>();
  for (const i of preview.items) {
    if (!i.skipped) continue;
    const reason = text(i.skipped);
    const key = `${i.registrar}\u0000${reason}`;
    const g = groups.get(key);
    if (g) g.n++;
    else groups.set(key, { registrar: i.registrar, reason, n: 1 });
  }
  return [...groups.values()].sort((a, b) => a.registrar.localeCompare(b.registrar) || b.n - a.n);
}

/** The preview of a bulk action: summary, balances (money-moving), setup notes, skips per registrar, then every row. */
export function PreviewTable({ preview, text }: { preview: BulkPreview; text: (m: BulkMessage) => string }): JSX.Element {
  const { t } = useTranslation();
  const notes = preview.accounts.flatMap((a) => a.notes);
  const skipped = skippedByRegistrar(preview, text);
  return (
    <div className="dialog-body" data-testid="bulk-preview-table">
      <div className="preview-summary">
        <span>{t('bulkUi.willRun', { n: preview.runnable })}</span>
        {preview.skipped ? <span className="warn-text">{t('bulkUi.willSkip', { n: preview.skipped })}</span> : null}
        {preview.totals.map((tot) => (
          <span key={tot.currency} className="total">
            {t('bulkUi.total')} <b>{fmtMoney(tot)}</b>
          </span>
        ))}
      </div>
      {notes.length ? (
        <div data-testid="bulk-account-notes">
          <b>{t('bulkUi.beforeStart')}</b>
          {notes.map((n, i) => (
            <div key={i} className="muted">
              {text(n)}
            </div>
          ))}
        </div>
      ) : null}
      {preview.moneyMoving ? (
        <table className="balances">
          <thead>
            <tr>
              <th>{t('portfolio.col.account')}</th>
              <th>{t('bulkUi.needed')}</th>
              <th>{t('bulkUi.balance')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {preview.accounts.map((a) => (
              <tr key={a.accountId}>
                <td>{a.account}</td>
                <td className="num">{a.needed.map((m) => fmtMoney(m)).join(' + ') || '—'}</td>
                <td className="num">{a.balance ? fmtMoney(a.balance) : '—'}</td>
                <td>{a.shortBy.length ? <span className="error-text">{t('bulkUi.shortBy', { amount: a.shortBy.map((m) => fmtMoney(m)).join(' + ') })}</span> : a.balanceNote ? <span className="muted">{text(a.balanceNote)}</span> : <span className="ok-text">{t('bulkUi.covered')}</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {skipped.length ? (
        <table className="balances" aria-label={t('bulkUi.skippedByRegistrar')} data-testid="bulk-skipped-by-registrar">
          <thead>
            <tr>
              <th>{t('accounts.field.registrar')}</th>
              <th>{t('bulkUi.skippedWhy')}</th>
              <th>{t('bulkUi.skipped')}</th>
            </tr>
          </thead>
          <tbody>
            {skipped.map((g) => (
              <tr key={`${g.registrar}:${g.reason}`} data-registrar={g.registrar}>
                <td>{t(`accounts.registrar.${g.registrar}`)}</td>
                <td>{g.reason}</td>
                <td className="num">{t('bulkUi.skippedCount', { n: g.n, count: g.n })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <div className="preview-items">
        <table>
          <thead>
            <tr>
              <th>{t('portfolio.col.name')}</th>
              <th>{t('portfolio.col.account')}</th>
              <th>{t('portfolio.col.expires')}</th>
              {preview.moneyMoving ? <th>{t('bulkUi.price')}</th> : null}
              <th>{t('bulkUi.notes')}</th>
            </tr>
          </thead>
          <tbody>
            {preview.items.map((i) => (
              <tr key={i.id} className={i.skipped ? 'skipped' : ''} data-name={i.name}>
                <td>{i.unicode}</td>
                <td>{i.account}</td>
                <td>{fmtDate(i.expiresAt)}</td>
                {preview.moneyMoving ? (
                  <td className="num">
                    {fmtMoney(i.price)}
                    {i.lateFee ? <span className="warn-text"> + {fmtMoney(i.lateFee)}</span> : null}
                    {i.priceSource === 'cached' ? <span className="muted" title={t('bulkUi.cachedPrice')}> *</span> : null}
                  </td>
                ) : null}
                <td>
                  {i.skipped ? <span className="error-text">{t('bulkUi.skipped')}: {text(i.skipped)}</span> : null}
                  {i.warnings.map((w) => (
                    <div key={w.key} className="warn-text">
                      {text(w)}
                    </div>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
