import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Inline confirmation: Escape cancels; history is kept unless the box is ticked. */
export function RemoveConfirm({ label, onConfirm, onCancel, busy }: { label: string; onConfirm: (deleteHistory: boolean) => void; onCancel: () => void; busy: boolean }): JSX.Element {
  const { t } = useTranslation();
  const [deleteHistory, setDeleteHistory] = useState(false);
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => cancelRef.current?.focus(), []);
  return (
    <div className="acct-confirm" role="alertdialog" aria-label={t('accounts.action.confirm')} onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
      <p>{t('accounts.action.confirmRemove', { label })}</p>
      <label className="acct-check">
        <input type="checkbox" checked={deleteHistory} onChange={(e) => setDeleteHistory(e.target.checked)} />
        {t('accounts.action.deleteHistory')}
      </label>
      <div className="acct-actions">
        <button type="button" className="danger" disabled={busy} onClick={() => onConfirm(deleteHistory)} data-testid="confirm-remove">
          {t('accounts.action.confirm')}
        </button>
        <button type="button" ref={cancelRef} onClick={onCancel}>
          {t('accounts.action.cancel')}
        </button>
      </div>
    </div>
  );
}
