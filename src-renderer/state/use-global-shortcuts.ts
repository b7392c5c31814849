import { useEffect } from 'react';
import { screens, useAppStore } from './app-store.js';

/** Ctrl/Cmd + 1..7 switches screens, like tabs in a browser. */
export function useGlobalShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) return;
      const index = Number(e.key) - 1;
      const target = screens[index];
      if (target) {
        e.preventDefault();
        useAppStore.getState().go(target);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
