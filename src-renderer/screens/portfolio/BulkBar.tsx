import { CalendarPlus, FolderInput, Lock, Network, RefreshCcw, Tag } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountSummary } from '../../../src-shared/contract/areas/accounts.js';
import type { DomainFilter, DomainSort } from '../../../src-shared/contract/areas/portfolio.js';
import { fmtNumber } from '../../lib/format.js';
import { useClient } from '../../state/use-client.js';
import { fetchAll } from './csv.js';
import { usePortfolioStore, type Selection } from './portfolio-store.js';
import { BulkDialog, type BulkKind } from './BulkDialog.js';
import type { BulkTarget } from '../../../src-shared/contract/areas/bulk.js';

interface Props {
  filter: DomainFilter;
  sort: DomainSort[];
  selection: Selection;
  count: number;
  accounts: AccountSummary[];
  onDone(): void;
}

/** Resolves a selection to concrete rows (explicit rows, or every matching row minus exceptions). */
export async function resolveSelection(client: ReturnType<typeof useClient>, selection: Selection, filter: DomainFilter, sort: DomainSort[]) {
  if (selection.mode === 'rows') return [...selection.rows.values()];
  const all = await fetchAll(client, filter, sort);
  return all.filter((d) => !selection.except.has(d.id));
}

/** Actions on the selected names. Money-moving ones open a preview first. */
export function BulkBar({ filter, sort, selection, count, onDone }: Props): JSX.Element {
  const { t } = useTranslation();
  const client = useClient();
  const clear = () => usePortfolioStore.getState().setSelection({ mode: 'rows', rows: new Map() });
  const [tagText, setTagText] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [dialog, setDialog] = useState<BulkKind | null>(null);
  const target: BulkTarget = selection.mode === 'rows' ? { ids: [...selection.rows.keys()] } : { filter, exceptIds: [...selection.except] };

  const addTags = async () => {
    const tags = tagText.split(',').map((s) => s.trim()).filter(Boolean);
    if (tags.length === 0) return;
    setBusy(t('portfolio.bulk.tagging'));
    try {
      const rows = await resolveSelection(client, selection, filter, sort);
      const names = [...new Set(rows.map((r) => r.name))];
      for (let i = 0; i < names.length; i += 10_000) await client.call('domains.updateUserData', { names: names.slice(i, i + 10_000), patch: { addTags: tags } });
      setTagText('');
      onDone();
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="bulkbar" role="toolbar" aria-label={t('portfolio.bulk.title')} data-testid="bulk-bar">
      <b>{t('portfolio.bulk.selected', { count, formatted: fmtNumber(count) })}</b>
      {selection.mode === 'all' ? <span className="muted">{t('portfolio.bulk.allMatching')}</span> : null}
      <button type="button" className="link" onClick={clear}>
        {t('portfolio.bulk.clear')}
      </button>
      <span className="sep" />
      <button type="button" className="primary" onClick={() => setDialog('renew')} data-testid="bulk-renew">
        <CalendarPlus size={14} /> {t('portfolio.bulk.renew')}
      </button>
      <button type="button" onClick={() => setDialog('autoRenew')}>
        <RefreshCcw size={14} /> {t('portfolio.bulk.autoRenew')}
      </button>
      <button type="button" onClick={() => setDialog('lock')}>
        <Lock size={14} /> {t('portfolio.bulk.lock')}
      </button>
      <button type="button" onClick={() => setDialog('nameservers')}>
        <Network size={14} /> {t('portfolio.bulk.nameservers')}
      </button>
      <button type="button" onClick={() => setDialog('folder')} data-testid="bulk-folder">
        <FolderInput size={14} /> {t('portfolio.bulk.folder')}
      </button>
      <span className="sep" />
      <label className="inline">
        <Tag size={14} aria-hidden />
        <input value={tagText} placeholder={t('portfolio.bulk.tagPlaceholder')} onChange={(e) => setTagText(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && void addTags()} />
      </label>
      <button type="button" onClick={() => void addTags()} disabled={!tagText.trim() || busy !== null}>
        {t('portfolio.bulk.addTags')}
      </button>
      {busy ? <span className="muted">{busy}</span> : null}
      {dialog ? <BulkDialog kind={dialog} target={target} count={count} onClose={() => setDialog(null)} onDone={onDone} /> : null}
    </div>
  );
}
