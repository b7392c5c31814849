import { Agent } from 'undici';
import { createIrsfaAdapter, type IrsfaAdapter, type IrsfaAdapterOptions } from '../../../src-main/registrars/irsfa/index.js';
import type { AccountContext } from '../../../src-main/registrars/types.js';
import type { RunningSandbox } from '../../../src-main/sandbox/server.js';
import { createPassthroughLane } from '../../helpers/passthrough-lane.js';
export { failure } from '../../helpers/registrar-failure.js';

/** An Irsfa adapter wired to a sandbox account, with its lane and log lines exposed for assertions. */
export interface IrsfaUnderTest {
  adapter: IrsfaAdapter;
  lane: ReturnType<typeof createPassthroughLane>;
  logs: { level: string; message: string }[];
  ctx: AccountContext;
}

export const agent = new Agent({ keepAliveTimeout: 1_000 });

export function irsfaFor(sandbox: RunningSandbox, label = 'irs-a', opts: IrsfaAdapterOptions & { credentials?: Record<string, string> } = {}): IrsfaUnderTest {
  const info = sandbox.descriptor.registrars.irsfa;
  const account = info.accounts.find((a) => a.label === label);
  if (!account) throw new Error(`no sandbox account ${label}`);
  const lane = createPassthroughLane(`irsfa:${label}`);
  const logs: { level: string; message: string }[] = [];
  const ctx: AccountContext = {
    accountId: label,
    label,
    registrar: 'irsfa',
    endpoint: info.endpoint,
    credentials: opts.credentials ?? account.credentials,
    lane,
    http: agent,
    now: () => Date.now(),
    log: (level, message) => logs.push({ level, message }),
  };
  return { adapter: createIrsfaAdapter(ctx, opts), lane, logs, ctx };
}

export interface IrsfaAccountStats {
  requests: number;
  byCommand: Record<string, number>;
  violations: number;
  errors: number;
}

export function statsOf(sandbox: RunningSandbox, label = 'irs-a'): IrsfaAccountStats {
  const s = sandbox.stats().irsfa?.[label] as IrsfaAccountStats | undefined;
  return s ?? { requests: 0, byCommand: {}, violations: 0, errors: 0 };
}

export async function namesOf(sandbox: RunningSandbox, label = 'irs-a'): Promise<string[]> {
  const res = (await sandbox.control('irsfa', { action: 'listDomains', account: label })) as { names: string[] };
  return res.names;
}

export async function sandboxDomain(sandbox: RunningSandbox, name: string, label = 'irs-a'): Promise<Record<string, unknown>> {
  return (await sandbox.control('irsfa', { action: 'domain', account: label, name })) as Record<string, unknown>;
}

/** The RegistrarError a call fails with (any other outcome fails the test). */
