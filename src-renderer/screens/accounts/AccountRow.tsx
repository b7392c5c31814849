import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RpcCallError } from '../../../src-shared/contract/client.js';
import type { AccountSummary, TestResult } from '../../../src-shared/contract/areas/accounts.js';
import { useClient } from '../../state/use-client.js';
import { formatWhen, renderMessage, renderRpcError } from './format.js';
import { RemoveConfirm } from './RemoveConfirm.js';
import { LaneCell, StatusCell } from './StatusCell.js';

/** One account: chip, status, last sync, and its actions (test, edit, remove with confirmation). */
export function AccountRow({ account, onEdit, onChanged }: { account: AccountSummary; onEdit: () => void; onChanged: () => void }): JSX.Element {
  const { t, i18n } = useTranslation();
  const client = useClient();
  const [testing, setTesting] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);

  async function test(): Promise<void> {
    setTesting(true);
    setResult(null);
    try {
      const r: TestResult = await client.call('accounts.test', { id: account.id });
      setResult({ ok: r.ok, text: renderMessage(t, r.message, r.detail, i18n.language) });
      onChanged();
    } catch (err) {
      setResult({ ok: false, text: err instanceof RpcCallError ? renderRpcError(t, err.error) : String(err) });
    } finally {
      setTesting(false);
    }
  }

  async function remove(deleteHistory: boolean): Promise<void> {
    setBusy(true);
    try {
      await client.call('accounts.remove', { id: account.id, deleteHistory });
      onChanged();
    } catch (err) {
      setResult({ ok: false, text: err instanceof RpcCallError ? renderRpcError(t, err.error) : String(err) });
      setConfirming(false);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <tr data-testid="account-row" data-label={account.label}>
        <td>
          <span className="acct-chip" style={{ background: account.color }} aria-hidden="true" />
          <strong>{account.label}</strong>
          {account.demo ? <span className="badge acct-demo">{t('accounts.list.demo')}</span> : null}
          <div className="muted acct-sub" title={t('accounts.list.secretsSet', { fields: account.credentialFields.join(', ') })}>
            {account.effectiveEndpoint}
          </div>
        </td>
        <td>{t(`accounts.registrar.${account.registrar}`)}</td>
        <td>
          <StatusCell account={account} />
          {account.lastTestAt ? <div className="muted acct-sub">{t('accounts.status.lastTested', { when: formatWhen(account.lastTestAt, i18n.language) })}</div> : null}
          <LaneCell account={account} />
        </td>
        <td className="muted">{account.lastSyncAt ? t('accounts.status.lastSynced', { when: formatWhen(account.lastSyncAt, i18n.language) }) : t('accounts.status.neverSynced')}</td>
        <td>
          <div className="acct-actions acct-row-actions">
            <button type="button" onClick={() => void test()} disabled={testing} data-testid="account-test">
              {testing ? t('accounts.action.testing') : t('accounts.action.test')}
            </button>
            <button type="button" onClick={onEdit}>
              {t('accounts.action.edit')}
            </button>
            <button type="button" onClick={() => setConfirming(true)} data-testid="account-remove">
              {t('accounts.action.remove')}
            </button>
          </div>
        </td>
      </tr>
      {result || confirming ? (
        <tr className="acct-detail-row">
          <td colSpan={5}>
            {result ? (
              <p className={`acct-result ${result.ok ? 'ok' : 'bad'}`} role="status" data-testid="account-test-result">
                {result.text}
              </p>
            ) : null}
            {confirming ? <RemoveConfirm label={account.label} busy={busy} onConfirm={(d) => void remove(d)} onCancel={() => setConfirming(false)} /> : null}
          </td>
        </tr>
      ) : null}
    </>
  );
}
