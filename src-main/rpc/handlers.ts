import type { DomainDeckApp } from '../app/open-app.js';
import { accountDoctorChecks } from '../services/doctor-accounts.js';
import type { Handlers } from './dispatcher.js';

/** Maps every contract method onto the service that answers it. */
export function createHandlers(app: DomainDeckApp): Handlers {
  const s = app.services;
  return {
    'app.info': () => s.app.info(),
    'app.doctor': async () => {
      const base = await s.app.doctor();
      const extra = await accountDoctorChecks(s.accounts, () => app.scheduler.laneStates());
      return { ...base, ok: base.ok && extra.every((c) => c.ok), checks: [...base.checks, ...extra] };
    },
    'settings.get': () => s.app.getSettings(),
    'settings.update': (patch) => s.app.updateSettings(patch),
    'prefs.get': ({ key }) => ({ value: s.app.getPref(key) }),
    'prefs.set': ({ key, value }) => {
      s.app.setPref(key, value);
      return { ok: true as const };
    },
    'accounts.list': () => s.accounts.list(),
    'accounts.add': (input) => s.accounts.add(input),
    'accounts.update': (input) => s.accounts.update(input),
    'accounts.remove': ({ id, deleteHistory }) => s.accounts.remove(id, { deleteHistory }),
    'accounts.test': ({ id }) => s.accounts.test(id),
    'jobs.list': ({ limit }) => s.jobs.list(limit),
    'jobs.get': ({ id, ...options }) => s.jobs.get(id, options),
    'jobs.pause': ({ id }) => s.jobs.pause(id),
    'jobs.resume': ({ id }) => s.jobs.resume(id),
    'jobs.cancel': ({ id }) => s.jobs.cancel(id),
    'lanes.list': () => s.jobs.lanes(),
    'domains.query': (input) => s.portfolio.query(input),
    'domains.facets': (input) => s.portfolio.facets(input),
    'domains.aggregates': (input) => s.portfolio.aggregates(input),
    'domains.get': (input) => s.portfolio.get(input),
    'domains.updateUserData': (input) => s.portfolio.updateUserData(input),
    'sync.run': (input) => s.sync.run(input),
    'sync.status': () => s.sync.status(),
    'sync.configure': (input) => s.sync.configure(input),
    'bulk.actions': ({ id }) => s.bulk.actions(id),
    'bulk.preview': ({ action, target }) => s.bulk.preview(action, target),
    'bulk.start': ({ action, target, confirm }) => s.bulk.start(action, target, confirm),
    'portfolio.importPreview': (input) => s.portfolioIo.importPreview(input),
    'portfolio.importApply': (input) => s.portfolioIo.importApply(input),
  };
}
