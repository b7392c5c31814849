import { createDynadotAdapter } from './dynadot/index.js';
import { createIrsfaAdapter, vaultTokenStore } from './irsfa/index.js';
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
  // The OAuth token lasts about a year: keep it encrypted in the vault so every run does not sign in again.
  irsfa: (ctx) => createIrsfaAdapter(ctx, ctx.secretStore ? { tokenStore: vaultTokenStore(ctx.secretStore, 'irsfa-token') } : {}),
  mrdomain: createMrDomainAdapter,
  reseller: createResellerAdapter,
};
