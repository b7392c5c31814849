import type { Money } from '../../../src-shared/money.js';
import type { AccountContext, Capabilities, NormalizedDomain, ReconcileResult, RegistrarAdapter, RenewRequest, RenewResult } from '../types.js';
import { readAccountInfo, type MrDomainAccountInfo } from './account.js';
import { MRDOMAIN_CAPABILITIES } from './capabilities.js';
import { DEFAULT_MRDOMAIN_OPTIONS, MrDomainClient, type MrDomainOptions } from './client.js';
import type { DomainNameservers, DomainStatusRow } from './domain-schemas.js';
import { MrDomainDomainWrites, type AvailabilityResult, type ContactRef, type RenewalMode } from './domain-writes.js';
import { MrDomainDomainReads, type DomainContacts } from './domains.js';
import { MrDomainDns } from './dns.js';
import { MrDomainSsl } from './ssl.js';

/** RegistrarAdapter plus what only MrDomain has; DNS and SSL hang off `dns` and `ssl`. */
export interface MrDomainAdapter extends RegistrarAdapter {
  readonly registrar: 'mrdomain';
  readonly dns: MrDomainDns;
  readonly ssl: MrDomainSsl;
  accountInfo(): Promise<MrDomainAccountInfo>;
  getBalance(): Promise<Money>;
  getStatusInfo(name: string): Promise<DomainStatusRow>;
  getNameservers(name: string): Promise<DomainNameservers>;
  getContacts(name: string): Promise<DomainContacts>;
  /** Explicit user request only; the code is returned, never stored or logged. */
  getAuthCode(name: string): Promise<string>;
  setAutoRenew(name: string, on: boolean): Promise<void>;
  setRenewalMode(name: string, mode: RenewalMode): Promise<void>;
  setLock(name: string, locked: boolean): Promise<void>;
  setModifyBlock(name: string, on: boolean): Promise<void>;
  setNameservers(name: string, nameservers: string[]): Promise<void>;
  setDefaultNameservers(name: string): Promise<void>;
  setPrivacy(name: string, privacy: 'full' | 'partial' | 'off'): Promise<void>;
  setContacts(name: string, contacts: Partial<Record<'owner' | 'admin' | 'tech' | 'billing', ContactRef>>): Promise<void>;
  /** One name per call; no bulk form exists on purpose (mass checks get MrDomain accounts blocked). */
  checkAvailability(name: string): Promise<AvailabilityResult>;
}

export function createMrDomainAdapter(ctx: AccountContext, options: Partial<MrDomainOptions> = {}): MrDomainAdapter {
  const client = new MrDomainClient(ctx, { ...DEFAULT_MRDOMAIN_OPTIONS, ...options });
  const reads = new MrDomainDomainReads(client);
  const writes = new MrDomainDomainWrites(client, reads, (level, message) => ctx.log(level, message));
  const capabilities: Capabilities = MRDOMAIN_CAPABILITIES;

  return {
    registrar: 'mrdomain',
    capabilities,
    dns: new MrDomainDns(client),
    ssl: new MrDomainSsl(client),

    async testConnection() {
      const info = await readAccountInfo(client);
      return { detail: `Connected to MrDomain as ${info.clientName} from IP ${info.ip}.`, balance: info.balance };
    },
    accountInfo: () => readAccountInfo(client),
    getBalance: async () => (await readAccountInfo(client)).balance,

    listDomains(opts: { names?: readonly string[]; signal?: AbortSignal } = {}): AsyncIterable<NormalizedDomain[]> {
      const names = opts.names;
      if (!names) return reads.list(opts.signal ? { signal: opts.signal } : {});
      // A given set of names is refreshed one by one; the full list is the cheaper way to read everything.
      return (async function* () {
        for (const name of names) yield [await reads.domain(name, 'bulk')];
      })();
    },
    getDomain: (name, o) => reads.domain(name, o?.priority ?? 'interactive'),
    getStatusInfo: (name) => reads.status(name),
    getNameservers: (name) => reads.nameservers(name),
    getContacts: (name) => reads.contacts(name),
    getAuthCode: (name) => reads.authCode(name),

    renew: (req: RenewRequest): Promise<RenewResult> => writes.renew(req),
    reconcileRenewal: (req: RenewRequest): Promise<ReconcileResult> => writes.reconcileRenewal(req),
    setAutoRenew: (name, on) => writes.setAutoRenew(name, on),
    setRenewalMode: (name, mode) => writes.setRenewalMode(name, mode),
    setLock: (name, locked) => writes.setLock(name, locked),
    setModifyBlock: (name, on) => writes.setModifyBlock(name, on),
    setNameservers: (name, nameservers) => writes.setNameservers(name, nameservers),
    setDefaultNameservers: (name) => writes.setNameservers(name, 'default'),
    setPrivacy: (name, privacy) => writes.setPrivacy(name, privacy),
    setContacts: (name, contacts) => writes.setContacts(name, contacts),
    checkAvailability: (name) => writes.checkAvailability(name),
  };
}
