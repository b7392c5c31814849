import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RpcCallError } from '../../../src-shared/contract/client.js';
import type { AccountSummary } from '../../../src-shared/contract/areas/accounts.js';
import { useClient } from '../../state/use-client.js';
import { AccountForm } from './AccountForm.js';
import { AccountRow } from './AccountRow.js';
import { renderRpcError } from './format.js';

type Editing = { mode: 'add' } | { mode: 'edit'; account: AccountSummary } | null;

/** Registrar accounts: status at a glance, guided add/edit, test and remove. "a" opens the add form. */
export function AccountsScreen(): JSX.Element {
  const { t } = useTranslation();
  const client = useClient();
  const [items, setItems] = useState<AccountSummary[] | null>(null);
  const [editing, setEditing] = useState<Editing>(null);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(() => {
    client.call('accounts.list', {}).then(
      (r) => setItems(r.items),
      (err: unknown) => setError(err instanceof RpcCallError ? renderRpcError(t, err.error) : String(err)),
    );
  }, [client, t]);

  useEffect(() => {
    reload();
    return client.subscribe('accounts.changed', () => reload());
  }, [client, reload]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (e.key !== 'a' || e.ctrlKey || e.metaKey || e.altKey || editing || target?.closest('input, select, textarea')) return;
      e.preventDefault();
      setEditing({ mode: 'add' });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [editing]);

  const demo = (items ?? []).filter((a) => a.demo);
  async function removeDemo(): Promise<void> {
    for (const a of demo) await client.call('accounts.remove', { id: a.id, deleteHistory: true });
    reload();
  }

  const otherLabels = (items ?? []).filter((a) => editing?.mode !== 'edit' || a.id !== editing.account.id).map((a) => a.label);
  const done = () => {
    setEditing(null);
    reload();
  };

  return (
    <section className="screen acct-screen">
      <header className="screen-header">
        <h1>{t('screens.accounts.title')}</h1>
        <button type="button" className="primary" onClick={() => setEditing({ mode: 'add' })} disabled={editing !== null} aria-keyshortcuts="a" data-testid="account-add">
          {t('accounts.action.add')}
        </button>
        {demo.length > 0 ? (
          <button type="button" onClick={() => void removeDemo()} data-testid="account-remove-demo">
            {t('accounts.action.removeDemo')}
          </button>
        ) : null}
      </header>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      {editing ? <AccountForm account={editing.mode === 'edit' ? editing.account : undefined} otherLabels={otherLabels} onDone={done} onCancel={() => setEditing(null)} /> : null}
      {items && items.length === 0 && !editing ? <p className="empty">{t('screens.accounts.empty')}</p> : null}
      {items && items.length > 0 ? (
        <table className="acct-table">
          <thead>
            <tr>
              <th>{t('accounts.list.columns.label')}</th>
              <th>{t('accounts.list.columns.registrar')}</th>
              <th>{t('accounts.list.columns.status')}</th>
              <th>{t('accounts.list.columns.synced')}</th>
              <th>{t('accounts.list.columns.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((a) => (
              <AccountRow key={a.id} account={a} onEdit={() => setEditing({ mode: 'edit', account: a })} onChanged={reload} />
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
