import { createDynadotAdapter } from './dynadot/index.js';
import { createIrsfaAdapter } from './irsfa/index.js';
import { createMrDomainAdapter } from './mrdomain/index.js';
import { createResellerAdapter } from './reseller/index.js';
import type { AdapterFactory, RegistrarId } from './types.js';

/**
 * One adapter factory per registrar. Each registrar folder adds its line
 * here as it lands; an account whose registrar has no factory yet gets a
 * clear "not supported yet" answer from the accounts service.
 */
export const adapterFactories: Partial<Record<RegistrarId, AdapterFactory>> = {
  dynadot: createDynadotAdapter,
  irsfa: (ctx) => createIrsfaAdapter(ctx),
  mrdomain: createMrDomainAdapter,
  reseller: createResellerAdapter,
};
