import { create } from 'zustand';
import type { AppInfo, Settings } from '../../src-shared/contract/areas/app.js';
import type { ContractClient } from '../../src-shared/contract/client.js';

export const screens = ['portfolio', 'auctions', 'dns', 'ssl', 'accounts', 'jobs', 'settings'] as const;
export type ScreenId = (typeof screens)[number];

interface AppState {
  client: ContractClient | null;
  screen: ScreenId;
  info: AppInfo | null;
  settings: Settings;
  /** The browser's own view of the network. */
  online: boolean;
  /** Whether the core (main process / web shell) answers. */
  coreConnected: boolean;
  runningJobs: number;
  fatalError: string | null;
  setClient(client: ContractClient): void;
  go(screen: ScreenId): void;
  setInfo(info: AppInfo): void;
  setSettings(settings: Settings): void;
  setOnline(online: boolean): void;
  setCoreConnected(connected: boolean): void;
  setFatalError(message: string | null): void;
}

function screenFromHash(): ScreenId {
  const id = window.location.hash.replace(/^#\/?/, '');
  return (screens as readonly string[]).includes(id) ? (id as ScreenId) : 'portfolio';
}

export const useAppStore = create<AppState>((set) => ({
  client: null,
  screen: screenFromHash(),
  info: null,
  settings: { theme: 'system', locale: null },
  online: navigator.onLine,
  coreConnected: true,
  runningJobs: 0,
  fatalError: null,
  setClient: (client) => set({ client }),
  go: (screen) => {
    if (window.location.hash !== `#/${screen}`) window.location.hash = `#/${screen}`;
    set({ screen });
  },
  setInfo: (info) => set({ info }),
  setSettings: (settings) => set({ settings }),
  setOnline: (online) => set({ online }),
  setCoreConnected: (coreConnected) => set({ coreConnected }),
  setFatalError: (fatalError) => set({ fatalError }),
}));

window.addEventListener('hashchange', () => useAppStore.setState({ screen: screenFromHash() }));
