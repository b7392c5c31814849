import { useTranslation } from 'react-i18next';
import { screens, useAppStore } from '../state/app-store.js';

const ICONS: Record<string, string> = { portfolio: '▦', auctions: '⚑', dns: '⇄', ssl: '🔒', accounts: '⚙', jobs: '☰', settings: '…' };

export function NavBar(): JSX.Element {
  const { t } = useTranslation();
  const current = useAppStore((s) => s.screen);
  const go = useAppStore((s) => s.go);
  return (
    <nav className="nav" aria-label="Main">
      <div className="brand" title={t('app.tagline')}>
        <img src="./favicon.svg" alt="" width={22} height={22} />
        <span>{t('app.name')}</span>
      </div>
      <ul>
        {screens.map((id, i) => (
          <li key={id}>
            <button type="button" className={id === current ? 'active' : ''} aria-current={id === current ? 'page' : undefined} onClick={() => go(id)} title={`${t(`nav.${id}`)} (Ctrl+${i + 1})`} data-nav={id}>
              <span className="icon" aria-hidden>
                {ICONS[id]}
              </span>
              {t(`nav.${id}`)}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
