import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FOLDER_NAME_MAX } from '../../../src-shared/contract/areas/bulk.js';
import { useClient } from '../../state/use-client.js';

export interface FolderChoice {
  /** 'none' takes the names out of every folder. */
  mode: 'into' | 'none';
  name: string;
}

/** The folder the names move to: a name (existing folders suggested from the folder facet) or "No folder". */
export function BulkFolderField({ value, onChange, onSubmit }: { value: FolderChoice; onChange(v: FolderChoice): void; onSubmit(): void }): JSX.Element {
  const { t } = useTranslation();
  const client = useClient();
  const [suggestions, setSuggestions] = useState<string[]>([]);

  useEffect(() => {
    let live = true;
    // Suggestions only: a failed read leaves the field free-text.
    client
      .call('domains.facets', { filter: {} })
      .then((f) => live && setSuggestions(f.folders.map((v) => v.value).filter((v): v is string => v !== null)))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [client]);

  return (
    <>
      <div className="segmented" role="radiogroup" aria-label={t('bulkUi.title.folder')}>
        <button type="button" role="radio" aria-checked={value.mode === 'into'} className={value.mode === 'into' ? 'on' : ''} onClick={() => onChange({ ...value, mode: 'into' })} data-testid="folder-mode-into">
          {t('bulkUi.intoFolder')}
        </button>
        <button type="button" role="radio" aria-checked={value.mode === 'none'} className={value.mode === 'none' ? 'on' : ''} onClick={() => onChange({ ...value, mode: 'none' })} data-testid="folder-mode-none">
          {t('bulkUi.noFolder')}
        </button>
      </div>
      {value.mode === 'into' ? (
        <label>
          {t('bulkUi.folderName')}
          <input
            list="bulk-folder-suggestions"
            value={value.name}
            maxLength={FOLDER_NAME_MAX}
            placeholder={t('bulkUi.folderPlaceholder')}
            onChange={(e) => onChange({ ...value, name: e.target.value })}
            onKeyDown={(e) => e.key === 'Enter' && value.name.trim() && onSubmit()}
            data-testid="folder-name"
            autoFocus
          />
          <datalist id="bulk-folder-suggestions">
            {suggestions.map((s) => (
              <option key={s} value={s} />
            ))}
          </datalist>
        </label>
      ) : null}
      <p className="muted">{t('bulkUi.folderHint')}</p>
    </>
  );
}
