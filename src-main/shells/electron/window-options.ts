import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * The one place the renderer window's security is decided, kept free of
 * runtime electron imports so a unit test can assert every flag.
 */
export function buildWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1360,
    height: 860,
    minWidth: 960,
    minHeight: 600,
    title: 'DomainDeck',
    show: false,
    backgroundColor: '#0f1318',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
    },
  };
}

/** IPC channels; the preload exposes only invoke + subscribe over these. */
export const IPC = {
  invoke: 'domaindeck:invoke',
  subscribe: 'domaindeck:subscribe',
  unsubscribe: 'domaindeck:unsubscribe',
  event: 'domaindeck:event',
} as const;

/** Only our packaged renderer may call the core: file:// URLs inside the renderer folder. */
export function isTrustedSender(frameUrl: string | undefined, rendererIndexUrl: string): boolean {
  if (!frameUrl) return false;
  try {
    const a = new URL(frameUrl);
    const b = new URL(rendererIndexUrl);
    return a.protocol === 'file:' && a.pathname === b.pathname;
  } catch {
    return false;
  }
}
