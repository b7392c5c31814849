// Electron main process: a thin shell over the same core the CLI and web shell use.
import { app, BrowserWindow, ipcMain, session, shell } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isEventName } from '../../../src-shared/contract.js';
import { resolveDataDir } from '../../app/data-dir.js';
import { openApp, type DomainDeckApp } from '../../app/open-app.js';
import { createAppDispatcher } from '../../rpc/index.js';
import { CONTENT_SECURITY_POLICY } from '../web/security.js';
import { createSafeStorageVault } from './safe-storage-vault.js';
import { buildWindowOptions, IPC, isTrustedSender } from './window-options.js';

const rendererIndex = join(__dirname, '..', 'dist', 'renderer', 'index.html');
const rendererUrl = pathToFileURL(rendererIndex).toString();

async function start(): Promise<void> {
  await app.whenReady();
  const dataDir = resolveDataDir(process.env.DOMAINDECK_DATA_DIR ? undefined : app.getPath('userData'));
  const core: DomainDeckApp = await openApp({ dataDir, vault: createSafeStorageVault(dataDir) });
  const rpc = createAppDispatcher(core);
  core.startBackground();

  session.defaultSession.webRequest.onHeadersReceived((details, cb) => {
    cb({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, cb) => cb(false));

  ipcMain.handle(IPC.invoke, (event, method: unknown, input: unknown) => {
    if (!isTrustedSender(event.senderFrame?.url, rendererUrl)) return { ok: false, error: { code: 'Unauthorized', message: 'Untrusted sender' } };
    return rpc.dispatch(String(method), input);
  });
  const subscriptions = new Map<string, () => void>();
  ipcMain.on(IPC.subscribe, (event, name: unknown) => {
    if (!isTrustedSender(event.senderFrame?.url, rendererUrl) || typeof name !== 'string' || !isEventName(name)) return;
    const key = `${event.sender.id}:${name}`;
    if (subscriptions.has(key)) return;
    const off = core.events.subscribe(name, (payload) => {
      if (!event.sender.isDestroyed()) event.sender.send(IPC.event, name, payload);
    });
    subscriptions.set(key, off);
    event.sender.once('destroyed', () => {
      off();
      subscriptions.delete(key);
    });
  });
  ipcMain.on(IPC.unsubscribe, (event, name: unknown) => {
    const key = `${event.sender.id}:${String(name)}`;
    subscriptions.get(key)?.();
    subscriptions.delete(key);
  });

  const win = new BrowserWindow(buildWindowOptions(join(__dirname, 'preload.cjs')));
  win.webContents.on('will-navigate', (e) => e.preventDefault());
  win.webContents.setWindowOpenHandler(({ url }) => {
    // Registrar payment links etc. open in the user's browser, never inside the app.
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.once('ready-to-show', () => win.show());
  await win.loadFile(rendererIndex);

  app.on('window-all-closed', () => {
    void core.close().then(() => app.quit());
  });
}

void start();
