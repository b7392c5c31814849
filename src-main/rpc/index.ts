import type { DomainDeckApp } from '../app/open-app.js';
import { createDispatcher, type Dispatcher } from './dispatcher.js';
import { createHandlers } from './handlers.js';

/** The dispatcher every shell uses for an opened app. */
export function createAppDispatcher(app: DomainDeckApp): Dispatcher {
  return createDispatcher(createHandlers(app), {
    onInternalError: (method, error) => app.logger.log('error', `rpc:${method}`, error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error)),
  });
}
