import { FileUp } from 'lucide-react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IMPORT_CSV_MAX_CHARS, type ImportApplyResult, type ImportChange, type ImportMessage, type ImportPreview } from '../../../src-shared/contract/areas/portfolio-io.js';
import { RpcCallError } from '../../../src-shared/contract/client.js';
import { fmtMoney, fmtNumber } from '../../lib/format.js';
import { useClient } from '../../state/use-client.js';
import './ImportDialog.css';
import { messageText } from '../../lib/message-text.js';

type State =
  | { step: 'choose' }
  | { step: 'reading'; file: string }
  | { step: 'preview'; file: string; csv: string; preview: ImportPreview }
  | { step: 'applying'; file: string; csv: string; preview: ImportPreview }
  | { step: 'done'; file: string; preview: ImportPreview; result: ImportApplyResult };

/** Changes shown in the window; the totals and the apply always cover the whole file. */
const SHOWN = 2000;

/**
 * Import of the investor's own data from a CSV: pick or drop a file, read
 * the preview (every change grouped by domain, bad rows with their row
 * number and reason), then apply it in one transaction. With bad rows the
 * apply needs an explicit "apply the good rows" tick.
 */
export function ImportDialog({ onClose, onApplied }: { onClose(): void; onApplied(): void }): JSX.Element {
  const { t } = useTranslation();
  const client = useClient();
  const [state, setState] = useState<State>({ step: 'choose' });
  const [acceptGood, setAcceptGood] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);

  const explain = useCallback(
    (e: unknown): string => {
      if (e instanceof RpcCallError && e.error && typeof e.error === 'object') {
        const { messageKey, params, message } = e.error;
        if (messageKey) return t(messageKey, { ...params, defaultValue: message });
        if (message) return message;
      }
      // A shell that refused the request itself (e.g. a body over its size limit) sends a bare text.
      const detail = e instanceof RpcCallError && typeof e.error === 'string' ? e.error : e instanceof Error && e.message ? e.message : String(e);
      return t('portfolioIo.ui.failed', { detail });
    },
    [t],
  );

  const read = async (file: File) => {
    setError(null);
    setAcceptGood(false);
    // Checked here so the limit is said in the user's language before a large upload.
    if (file.size > IMPORT_CSV_MAX_CHARS) {
      setError(t('portfolioIo.file.tooLarge', { mb: IMPORT_CSV_MAX_CHARS / 1024 / 1024 }));
      return;
    }
    setState({ step: 'reading', file: file.name });
    try {
      const csv = await file.text();
      const preview = await client.call('portfolio.importPreview', { csv, maxItems: SHOWN });
      setState({ step: 'preview', file: file.name, csv, preview });
    } catch (e) {
      setError(explain(e));
      setState({ step: 'choose' });
    }
  };

  const bad = 'preview' in state ? state.preview.totals.badRows : 0;
  const canApply = state.step === 'preview' && state.preview.totals.changes > 0 && (bad === 0 || acceptGood);

  const apply = async () => {
    if (state.step !== 'preview' || !canApply) return;
    setState({ ...state, step: 'applying' });
    setError(null);
    try {
      const result = await client.call('portfolio.importApply', { csv: state.csv, acceptGoodRows: acceptGood });
      setState({ step: 'done', file: state.file, preview: state.preview, result });
      onApplied();
    } catch (e) {
      setError(explain(e));
      setState(state);
    }
  };
  const applyRef = useRef(apply);
  applyRef.current = apply;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && state.step !== 'applying') {
        e.preventDefault();
        onClose();
      } else if (e.key === 'Enter' && canApply && (e.target as HTMLElement | null)?.tagName !== 'BUTTON') {
        // Enter on a focused button is that button's click; anywhere else it applies.
        e.preventDefault();
        void applyRef.current();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose, state.step, canApply]);

  const onDrop = (e: React.DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const file = e.dataTransfer.files[0];
    if (file && state.step !== 'applying' && state.step !== 'reading') void read(file);
  };
  const dragProps = {
    onDragOver: (e: React.DragEvent) => {
      e.preventDefault();
      setDragging(true);
    },
    onDragLeave: () => setDragging(false),
    onDrop,
  };

  const preview = 'preview' in state ? state.preview : null;
  const good = preview ? preview.totals.rows - preview.totals.badRows : 0;
  return (
    <div className="dialog-backdrop" role="presentation" {...dragProps}>
      <div className={`dialog import-dialog ${dragging ? 'dragging' : ''}`} role="dialog" aria-modal aria-label={t('portfolioIo.ui.title')} data-testid="import-dialog">
        <header>
          <h2>{t('portfolioIo.ui.title')}</h2>
          {'file' in state ? <span className="muted import-file-name">{state.file}</span> : null}
        </header>
        <input
          ref={inputRef}
          type="file"
          accept=".csv,.tsv,.txt,text/csv"
          hidden
          data-testid="import-file"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void read(file);
          }}
        />
        {state.step === 'choose' || state.step === 'reading' ? (
          <div className="dialog-body">
            <p className="muted import-intro">{t('portfolioIo.ui.intro')}</p>
            <div className={`import-drop ${dragging ? 'over' : ''}`} data-testid="import-dropzone">
              <FileUp size={22} aria-hidden />
              {state.step === 'reading' ? (
                <span>{t('portfolioIo.ui.reading', { file: state.file })}</span>
              ) : (
                <>
                  <button type="button" className="primary" onClick={() => inputRef.current?.click()} autoFocus>
                    {t('portfolioIo.ui.choose')}
                  </button>
                  <span className="muted">{t('portfolioIo.ui.drop')}</span>
                </>
              )}
            </div>
          </div>
        ) : null}
        {preview ? <PreviewBody preview={preview} /> : null}
        {state.step === 'done' ? (
          <p className="ok-text import-result" role="status" data-testid="import-result">
            {t('portfolioIo.ui.applied', { applied: fmtNumber(state.result.applied), domains: fmtNumber(state.result.domains), skipped: fmtNumber(state.result.skippedBadRows) })}
          </p>
        ) : null}
        {error ? (
          <p className="error-text" role="alert">
            {error}
          </p>
        ) : null}
        <footer>
          {state.step === 'preview' || state.step === 'applying' ? (
            <>
              <button type="button" className="import-another" disabled={state.step === 'applying'} onClick={() => inputRef.current?.click()}>
                {t('portfolioIo.ui.another')}
              </button>
              {bad > 0 ? (
                <label className="check import-accept">
                  <input type="checkbox" checked={acceptGood} disabled={state.step === 'applying'} onChange={(e) => setAcceptGood(e.target.checked)} data-testid="import-accept" />
                  {t('portfolioIo.ui.acceptGood', { good: fmtNumber(good), bad: fmtNumber(bad) })}
                </label>
              ) : (
                <span className="grow" />
              )}
            </>
          ) : null}
          {state.step === 'done' ? (
            <button type="button" className="primary" onClick={onClose} autoFocus>
              {t('portfolioIo.ui.close')}
            </button>
          ) : (
            <>
              <button type="button" onClick={onClose} disabled={state.step === 'applying'}>
                {t('portfolioIo.ui.cancel')}
              </button>
              <button type="button" className="primary" disabled={!canApply} onClick={() => void apply()} data-testid="import-apply">
                {state.step === 'applying'
                  ? t('portfolioIo.ui.applying')
                  : preview && preview.totals.changes > 0
                    ? t('portfolioIo.ui.apply', { count: preview.totals.changes, n: fmtNumber(preview.totals.changes) })
                    : t('portfolioIo.ui.applyNothing')}
              </button>
            </>
          )}
        </footer>
      </div>
    </div>
  );
}

function PreviewBody({ preview }: { preview: ImportPreview }): JSX.Element {
  const { t } = useTranslation();
  const say = (m: ImportMessage) => messageText(t, m);
  const { totals } = preview;
  const n = (count: number) => ({ count, n: fmtNumber(count) });
  const ignored = groupIgnored(preview.ignoredColumns, say);
  return (
    <div className="dialog-body import-preview" data-testid="import-preview">
      <div className="preview-summary import-summary">
        <span className="muted">{t('portfolioIo.ui.rows', n(totals.rows))}</span>
        <span>
          <b>{t('portfolioIo.ui.changes', n(totals.changes))}</b> {t('portfolioIo.ui.domains', n(totals.domains))}
        </span>
        <span className="muted">{t('portfolioIo.ui.unchanged', n(totals.unchangedRows))}</span>
        {totals.badRows ? <span className="warn-text">{t('portfolioIo.ui.bad', n(totals.badRows))}</span> : null}
      </div>
      {ignored.length ? (
        <div className="import-ignored muted">
          <span>{t('portfolioIo.ui.ignoredTitle')}:</span>
          {ignored.map((g) => (
            <span key={g.reason} title={g.reason}>
              <code>{g.columns.join(', ')}</code> — {g.reason}
            </span>
          ))}
        </div>
      ) : null}
      {totals.changes === 0 && totals.badRows === 0 ? <p className="ok-text">{t('portfolioIo.ui.noChanges')}</p> : null}
      {preview.changes.length ? <ChangesTable changes={preview.changes} /> : null}
      {preview.badRows.length ? (
        <section className="import-bad" data-testid="import-bad-rows">
          <h3 className="warn-text">{t('portfolioIo.ui.badTitle')}</h3>
          <div className="preview-items">
            <table>
              <thead>
                <tr>
                  <th className="num">{t('portfolioIo.ui.colRow')}</th>
                  <th>{t('portfolioIo.ui.colDomain')}</th>
                  <th>{t('portfolioIo.ui.colReason')}</th>
                </tr>
              </thead>
              <tbody>
                {preview.badRows.map((b) => (
                  <tr key={`${b.row}-${b.reason.key}`} data-row={b.row}>
                    <td className="num">{b.row}</td>
                    <td className="import-name">{b.name ?? '—'}</td>
                    <td>{say(b.reason)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
      {preview.truncated ? <p className="muted">{t('portfolioIo.ui.truncated', { shown: fmtNumber(preview.changes.length), total: fmtNumber(totals.changes) })}</p> : null}
    </div>
  );
}

function ChangesTable({ changes }: { changes: ImportChange[] }): JSX.Element {
  const { t } = useTranslation();
  return (
    <div className="preview-items import-changes" data-testid="import-changes">
      <table>
        <thead>
          <tr>
            <th className="num">{t('portfolioIo.ui.colRow')}</th>
            <th>{t('portfolioIo.ui.colDomain')}</th>
            <th>{t('portfolioIo.ui.colField')}</th>
            <th>{t('portfolioIo.ui.colBefore')}</th>
            <th>{t('portfolioIo.ui.colAfter')}</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((c, i) => {
            const first = i === 0 || changes[i - 1]!.row !== c.row;
            return (
              <tr key={`${c.row}-${c.field}`} className={first ? 'group-start' : 'group-cont'} data-name={first ? c.name : undefined}>
                <td className="num">{first ? c.row : ''}</td>
                <td className="import-name" title={c.unicode !== c.name ? c.name : undefined}>
                  {first ? c.unicode : ''}
                </td>
                <td className="import-field">{t(`portfolioIo.field.${c.field}`)}</td>
                <td className="import-before">
                  <Value change={c} side="before" />
                </td>
                <td className="import-after">
                  <Value change={c} side="after" />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function Value({ change, side }: { change: ImportChange; side: 'before' | 'after' }): JSX.Element {
  const { t } = useTranslation();
  const empty = <span className="muted">{t('portfolioIo.ui.empty')}</span>;
  switch (change.field) {
    case 'tags': {
      const tags = change[side];
      return tags.length ? <span className="import-tags">{tags.map((tag) => <span key={tag} className="tag">{tag}</span>)}</span> : empty;
    }
    case 'notes': {
      const text = change[side];
      return text ? <span className="import-notes" title={text}>{text}</span> : empty;
    }
    case 'purchasePrice':
    case 'askingPrice': {
      const m = change[side];
      return m ? <span className="num">{fmtMoney(m)}</span> : empty;
    }
    case 'purchaseDate': {
      const d = change[side];
      return d ? <span>{d}</span> : empty;
    }
    case 'customFields': {
      const fields = change[side];
      return Object.keys(fields).length ? <code>{JSON.stringify(fields)}</code> : empty;
    }
  }
}

function groupIgnored(columns: ImportPreview['ignoredColumns'], say: (m: ImportMessage) => string): { reason: string; columns: string[] }[] {
  const groups = new Map<string, string[]>();
  for (const c of columns) {
    const reason = say(c.reason);
    groups.set(reason, [...(groups.get(reason) ?? []), c.column]);
  }
  return [...groups].map(([reason, cols]) => ({ reason, columns: cols }));
}
