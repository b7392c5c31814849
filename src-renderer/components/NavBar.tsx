import { Briefcase, Gavel, KeyRound, ListChecks, Network, Settings, ShieldCheck, type LucideIcon } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { screens, useAppStore, type ScreenId } from '../state/app-store.js';

const ICONS: Record<ScreenId, LucideIcon> = {
  portfolio: Briefcase,
  auctions: Gavel,
  dns: Network,
  ssl: ShieldCheck,
  accounts: KeyRound,
  jobs: ListChecks,
  settings: Settings,
};

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
        {screens.map((id, i) => {
          const Icon = ICONS[id];
          return (
            <li key={id}>
              <button type="button" className={id === current ? 'active' : ''} aria-current={id === current ? 'page' : undefined} onClick={() => go(id)} title={`${t(`nav.${id}`)} (Ctrl+${i + 1})`} data-nav={id}>
                <Icon size={16} strokeWidth={1.8} aria-hidden />
                <span className="label">{t(`nav.${id}`)}</span>
                <kbd className="shortcut" aria-hidden>
                  Ctrl+{i + 1}
                </kbd>
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
