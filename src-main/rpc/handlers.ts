import type { DomainDeckApp } from '../app/open-app.js';
import type { Handlers } from './dispatcher.js';

/** Maps every contract method onto the service that answers it. */
export function createHandlers(app: DomainDeckApp): Handlers {
  const s = app.services;
  return {
    'app.info': () => s.app.info(),
    'app.doctor': () => s.app.doctor(),
    'settings.get': () => s.app.getSettings(),
    'settings.update': (patch) => s.app.updateSettings(patch),
  };
}
