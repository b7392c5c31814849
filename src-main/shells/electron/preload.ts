// Tiny preload (Actual's shape): exactly `invoke` and `subscribe`, nothing else
// of Node or Electron reaches the page.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';

const CH = { invoke: 'domaindeck:invoke', subscribe: 'domaindeck:subscribe', unsubscribe: 'domaindeck:unsubscribe', event: 'domaindeck:event' };
const listeners = new Map<string, Set<(payload: unknown) => void>>();

ipcRenderer.on(CH.event, (_e: IpcRendererEvent, name: string, payload: unknown) => {
  for (const l of listeners.get(name) ?? []) l(payload);
});

contextBridge.exposeInMainWorld('domaindeck', {
  invoke: (method: string, input: unknown) => ipcRenderer.invoke(CH.invoke, method, input),
  subscribe: (event: string, listener: (payload: unknown) => void) => {
    let set = listeners.get(event);
    if (!set) {
      set = new Set();
      listeners.set(event, set);
      ipcRenderer.send(CH.subscribe, event);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) {
        listeners.delete(event);
        ipcRenderer.send(CH.unsubscribe, event);
      }
    };
  },
});
