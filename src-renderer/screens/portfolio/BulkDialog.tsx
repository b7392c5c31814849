import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BulkAction, BulkPreview, BulkTarget, BulkMessage } from '../../../src-shared/contract/areas/bulk.js';
import { RpcCallError } from '../../../src-shared/contract/client.js';
import { JobProgressPanel } from '../../components/JobProgress.js';
import { fmtNumber } from '../../lib/format.js';
import { useAppStore } from '../../state/app-store.js';
import { useClient } from '../../state/use-client.js';
import { BulkFolderField, type FolderChoice } from './BulkFolderField.js';
import { PreviewTable } from './BulkPreviewTable.js';
import { messageText } from '../../lib/message-text.js';

type Step = { step: 'form' } | { step: 'preview'; preview: BulkPreview } | { step: 'running'; jobId: string; skipped: number };

export type BulkKind = BulkAction['kind'];

/**
 * One dialog for every bulk action: choose the details, read the preview
 * (prices, warnings, skipped names with reasons, balance per account),
 * confirm (renewals need RENEW or the count typed), then watch the job.
 */
export function BulkDialog({ kind, target, count, onClose, onDone }: { kind: BulkKind; target: BulkTarget; count: number; onClose(): void; onDone(): void }): JSX.Element {
  const { t } = useTranslation();
  const client = useClient();
  const online = useAppStore((s) => s.online);
  const [years, setYears] = useState(1);
  const [allowLateFee, setAllowLateFee] = useState(false);
  const [on, setOn] = useState(true);
  const [ns, setNs] = useState('');
  const [folder, setFolder] = useState<FolderChoice>({ mode: 'into', name: '' });
  const [state, setState] = useState<Step>({ step: 'form' });
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const action = (): BulkAction => {
    switch (kind) {
      case 'renew':
        return { kind, years, allowLateFee };
      case 'autoRenew':
        return { kind, on };
      case 'lock':
        return { kind, locked: on };
      case 'nameservers':
        return { kind, nameservers: ns.split(/[\s,]+/).filter(Boolean) };
      case 'privacy':
        return { kind, privacy: on ? 'full' : 'off' };
      case 'folder':
        return { kind, folder: folder.mode === 'none' ? null : folder.name.trim() };
    }
  };
  const formIncomplete = kind === 'folder' && folder.mode === 'into' && folder.name.trim() === '';
  const text = (m: BulkMessage) => messageText(t, m);
  const explain = (e: unknown) => (e instanceof RpcCallError && e.error.messageKey ? t(e.error.messageKey, { ...e.error.params, defaultValue: e.error.message }) : (e as Error).message);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && state.step !== 'running' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose, state.step]);

  const runPreview = async () => {
    setBusy(true);
    setError(null);
    try {
      setState({ step: 'preview', preview: await client.call('bulk.preview', { action: action(), target }) });
      setConfirm('');
    } catch (e) {
      setError(explain(e));
    } finally {
      setBusy(false);
    }
  };
  const start = async (preview: BulkPreview) => {
    setBusy(true);
    setError(null);
    try {
      const res = await client.call('bulk.start', { action: preview.action, target, confirm: preview.moneyMoving ? confirm : preview.confirmText });
      setState({ step: 'running', jobId: res.jobId, skipped: res.skipped });
    } catch (e) {
      setError(explain(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="dialog-backdrop" role="presentation">
      <div className="dialog" role="dialog" aria-modal aria-label={t(`bulkUi.title.${kind}`)} data-testid="bulk-dialog">
        <header>
          <h2>{t(`bulkUi.title.${kind}`)}</h2>
          <span className="muted">{t('bulkUi.names', { n: fmtNumber(count), count })}</span>
        </header>
        {state.step === 'form' ? (
          <div className="dialog-form">
            {kind === 'renew' ? (
              <>
                <label>
                  {t('bulkUi.years')}
                  <select value={years} onChange={(e) => setYears(Number(e.target.value))} data-testid="renew-years">
                    {Array.from({ length: 10 }, (_, i) => i + 1).map((y) => (
                      <option key={y} value={y}>
                        {t('bulkUi.yearsN', { count: y })}
                      </option>
                    ))}
                  </select>
                </label>
                <label className="check">
                  <input type="checkbox" checked={allowLateFee} onChange={(e) => setAllowLateFee(e.target.checked)} /> {t('bulkUi.allowLateFee')}
                </label>
              </>
            ) : null}
            {kind === 'autoRenew' || kind === 'lock' || kind === 'privacy' ? (
              <div className="segmented">
                <button type="button" className={on ? 'on' : ''} onClick={() => setOn(true)}>
                  {t(`bulkUi.on.${kind}`)}
                </button>
                <button type="button" className={!on ? 'on' : ''} onClick={() => setOn(false)}>
                  {t(`bulkUi.off.${kind}`)}
                </button>
              </div>
            ) : null}
            {kind === 'nameservers' ? (
              <label>
                {t('bulkUi.nameservers')}
                <textarea rows={3} value={ns} onChange={(e) => setNs(e.target.value)} placeholder="ns1.example.com&#10;ns2.example.com" />
              </label>
            ) : null}
            {kind === 'folder' ? <BulkFolderField value={folder} onChange={setFolder} onSubmit={() => void runPreview()} /> : null}
            {kind === 'renew' && !online ? <p className="error-text">{t('bulkUi.offline')}</p> : null}
          </div>
        ) : null}

        {state.step === 'preview' ? <PreviewTable preview={state.preview} text={text} /> : null}
        {state.step === 'running' ? (
          <div className="dialog-body">
            {state.skipped ? <p className="muted">{t('bulkUi.skippedNote', { n: state.skipped, count: state.skipped })}</p> : null}
            <JobProgressPanel jobId={state.jobId} onSettled={onDone} />
          </div>
        ) : null}

        {error ? <p className="error-text" role="alert">{error}</p> : null}
        <footer>
          {state.step === 'form' ? (
            <>
              <button type="button" onClick={onClose}>
                {t('bulkUi.cancel')}
              </button>
              <button type="button" className="primary" disabled={busy || (kind === 'renew' && !online) || formIncomplete} title={formIncomplete ? t('bulkUi.folderRequired') : undefined} onClick={() => void runPreview()} data-testid="bulk-preview">
                {busy ? t('bulkUi.checking') : t('bulkUi.preview')}
              </button>
            </>
          ) : null}
          {state.step === 'preview' ? (
            <>
              <button type="button" onClick={() => setState({ step: 'form' })}>
                {t('bulkUi.back')}
              </button>
              {state.preview.moneyMoving ? (
                <label className="confirm">
                  {t('bulkUi.typeToConfirm', { a: state.preview.confirmText, b: state.preview.runnable })}
                  <input value={confirm} onChange={(e) => setConfirm(e.target.value)} data-testid="bulk-confirm-text" autoFocus />
                </label>
              ) : null}
              <button
                type="button"
                className="primary"
                data-testid="bulk-start"
                disabled={busy || state.preview.runnable === 0 || (state.preview.moneyMoving && ![state.preview.confirmText, String(state.preview.runnable)].includes(confirm.trim()))}
                onClick={() => void start(state.preview)}
              >
                {t(state.preview.moneyMoving ? 'bulkUi.startPaid' : 'bulkUi.start', { n: state.preview.runnable, count: state.preview.runnable })}
              </button>
            </>
          ) : null}
          {state.step === 'running' ? (
            <button type="button" onClick={onClose}>
              {t('bulkUi.close')}
            </button>
          ) : null}
        </footer>
      </div>
    </div>
  );
}
