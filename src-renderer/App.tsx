import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorBoundary } from './components/ErrorBoundary.js';
import { NavBar } from './components/NavBar.js';
import { StatusBar } from './components/StatusBar.js';
import { applyLocale } from './i18n.js';
import { useAppStore, type ScreenId } from './state/app-store.js';
import { useTheme } from './state/use-theme.js';
import { AccountsScreen } from './screens/accounts/AccountsScreen.js';
import { AuctionsScreen } from './screens/auctions/AuctionsScreen.js';
import { DnsScreen } from './screens/dns/DnsScreen.js';
import { JobsScreen } from './screens/jobs/JobsScreen.js';
import { PortfolioScreen } from './screens/portfolio/PortfolioScreen.js';
import { SettingsScreen } from './screens/settings/SettingsScreen.js';
import { SslScreen } from './screens/ssl/SslScreen.js';
import { useGlobalShortcuts } from './state/use-global-shortcuts.js';

const SCREENS: Record<ScreenId, () => JSX.Element> = {
  portfolio: PortfolioScreen,
  auctions: AuctionsScreen,
  dns: DnsScreen,
  ssl: SslScreen,
  accounts: AccountsScreen,
  jobs: JobsScreen,
  settings: SettingsScreen,
};

export function App(): JSX.Element {
  const { t } = useTranslation();
  const screen = useAppStore((s) => s.screen);
  const client = useAppStore((s) => s.client);
  const settings = useAppStore((s) => s.settings);
  useTheme(settings.theme);
  useGlobalShortcuts();

  useEffect(() => {
    if (!client) return;
    client.call('app.info', {}).then(useAppStore.getState().setInfo, () => useAppStore.getState().setCoreConnected(false));
    client.call('settings.get', {}).then(useAppStore.getState().setSettings, () => undefined);
    return client.subscribe('settings.changed', (s) => useAppStore.getState().setSettings(s));
  }, [client]);

  useEffect(() => applyLocale(settings.locale), [settings.locale]);

  // The status bar's "N jobs running": refreshed whenever any job moves.
  useEffect(() => {
    if (!client) return;
    const count = () =>
      client.call('jobs.list', { limit: 200 }).then(
        (r) => useAppStore.setState({ runningJobs: r.items.filter((j) => j.state === 'running' || j.state === 'queued').length }),
        () => undefined,
      );
    void count();
    return client.subscribe('job.progress', () => void count());
  }, [client]);

  const Screen = SCREENS[screen];
  return (
    <div className="app">
      <NavBar />
      <main className="main" aria-label={t(`nav.${screen}`)}>
        <ErrorBoundary key={screen}>
          <Screen />
        </ErrorBoundary>
      </main>
      <StatusBar />
    </div>
  );
}
