import { useTranslation } from 'react-i18next';
import type { Settings } from '../../../src-shared/contract/areas/app.js';
import { useAppStore } from '../../state/app-store.js';
import { useClient } from '../../state/use-client.js';

export function SettingsScreen(): JSX.Element {
  const { t } = useTranslation();
  const client = useClient();
  const settings = useAppStore((s) => s.settings);
  const info = useAppStore((s) => s.info);
  const update = (patch: Partial<Settings>) => client.call('settings.update', patch).then(useAppStore.getState().setSettings);
  return (
    <section className="screen">
      <header className="screen-header">
        <h1>{t('screens.settings.title')}</h1>
      </header>
      <div className="form-grid">
        <label htmlFor="theme">{t('theme.label')}</label>
        <select id="theme" value={settings.theme} onChange={(e) => void update({ theme: e.target.value as Settings['theme'] })}>
          <option value="system">{t('theme.system')}</option>
          <option value="light">{t('theme.light')}</option>
          <option value="dark">{t('theme.dark')}</option>
        </select>
        <label htmlFor="locale">{t('locale.label')}</label>
        <select id="locale" value={settings.locale ?? ''} onChange={(e) => void update({ locale: e.target.value === '' ? null : (e.target.value as 'en' | 'id') })}>
          <option value="">{t('locale.system')}</option>
          <option value="en">{t('locale.en')}</option>
          <option value="id">{t('locale.id')}</option>
        </select>
      </div>
      {info ? (
        <dl className="about">
          <dt>{t('screens.settings.about')}</dt>
          <dd>{t('screens.settings.version', { version: info.version })}</dd>
          <dt>{t('screens.settings.dataDir')}</dt>
          <dd>
            <code>{info.dataDir}</code>
          </dd>
          <dt>&nbsp;</dt>
          <dd>{t('screens.settings.schema', { version: info.schemaVersion })}</dd>
        </dl>
      ) : null}
    </section>
  );
}
