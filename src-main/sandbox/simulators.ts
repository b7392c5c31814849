import type { RegistrarSimulator, SandboxRegistrarId, SimulatorDeps } from './core/types.js';
import { createDynadotSimulator } from './dynadot/index.js';
import { createIrsfaSimulator } from './irsfa/index.js';
import { createMrDomainSimulator } from './mrdomain/index.js';
import { createResellerSimulator } from './reseller/index.js';

/** One factory per registrar; startSandbox mounts each at /<id>. */
export const SIMULATOR_FACTORIES: Record<SandboxRegistrarId, (deps: SimulatorDeps) => RegistrarSimulator> = {
  dynadot: createDynadotSimulator,
  mrdomain: createMrDomainSimulator,
  irsfa: createIrsfaSimulator,
  reseller: createResellerSimulator,
};
