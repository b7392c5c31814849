import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { App } from './App.js';
import { i18n } from './i18n.js';
import { useAppStore } from './state/app-store.js';
import { createClient } from './transport/index.js';
import './styles.css';

const client = createClient((connected) => useAppStore.getState().setCoreConnected(connected));
useAppStore.getState().setClient(client);
window.addEventListener('online', () => useAppStore.getState().setOnline(true));
window.addEventListener('offline', () => useAppStore.getState().setOnline(false));

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <App />
    </I18nextProvider>
  </StrictMode>,
);
