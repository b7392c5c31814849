import type { AccountContext, NormalizedDomain, ReconcileResult, RegistrarAdapter, RenewRequest, RenewResult } from '../types.js';
import { IRSFA_CAPABILITIES } from './capabilities.js';
import { IrsfaClient } from './client.js';
import * as ops from './domain-ops.js';
import { getDomain, listDomains } from './domains.js';
import { irsfaBase, irsfaEnvironmentWarning } from './environment.js';
import * as hosts from './hosts.js';
import { reconcileRenewal, renew, restore } from './renew.js';
import * as ssl from './ssl.js';
import { IrsfaTokens, memoryTokenStore, type IrsfaTokenStore } from './token.js';

/**
 * The Irsfa (Aksara Data Digital) adapter, from seed 000. The common adapter
 * surface plus what only Irsfa offers through DomainDeck: child hosts, DNSSEC,
 * transfer code, transfer in, restore, contacts and SSL orders.
 */
export interface IrsfaAdapterOptions {
  /** Where the account's OAuth token is kept between runs (the vault, encrypted). Default: memory. */
  tokenStore?: IrsfaTokenStore;
  /** Per-request wait for headers and body, ms. Default 30 s. */
  timeoutMs?: number;
}

export interface IrsfaAdapter extends RegistrarAdapter {
  readonly registrar: 'irsfa';
  setLock(name: string, locked: boolean): Promise<void>;
  setNameservers(name: string, nameservers: string[]): Promise<void>;
  /** Explicit user request only; the code is returned, never stored or logged. */
  getAuthCode(name: string): Promise<string>;
  checkAvailability(name: string): Promise<ops.Availability>;
  restore(name: string, years: number): Promise<{ newExpiresAt: string | null }>;
  transferIn(request: ops.TransferInRequest): Promise<void>;
  transferStatus(name: string): Promise<ops.TransferStatus>;
  createContact(registrant: ops.IrsfaRegistrant): Promise<string>;
  updateContact(contactId: string, address: ops.IrsfaAddress): Promise<string>;
  getHost(host: string): Promise<hosts.IrsfaHost | null>;
  createHost(input: { host: string; ipv4: string; ipv6?: string }): Promise<hosts.IrsfaHost | null>;
  deleteHost(host: string, nameserverId?: number): Promise<void>;
  getDnssec(name: string): Promise<hosts.IrsfaDsRecord[]>;
  addDnssec(name: string, ds: hosts.DsInput): Promise<void>;
  removeDnssec(name: string, ds: hosts.DsInput): Promise<hosts.IrsfaDsRecord | null>;
  ssl: {
    types(): Promise<ssl.SslType[]>;
    products(): Promise<ssl.SslProduct[]>;
    order(id: number): Promise<ssl.SslOrderDetail>;
    orders(options?: { hostname?: string; page?: number }): Promise<ssl.SslOrderPage>;
    create(input: ssl.SslOrderInput & { productId: string; period: number; validationMethods: string[] }): Promise<ssl.SslCreateResult>;
    reissue(id: number, input: ssl.SslOrderInput): Promise<{ orderId: number; raw: unknown }>;
    modify(id: number, validationMethods: string[]): Promise<{ orderId: number }>;
    renew(id: number, input: ssl.SslOrderInput & { period: number; validationMethods: string[] }): Promise<{ orderId: number; raw: unknown }>;
    generateCsr(input: ssl.CsrSubjectInput): Promise<{ csr: string; privateKey: string; command: string | null; keyPath: string | null }>;
    decodeCsr(registryId: number, csr: string): Promise<ssl.DecodedCsr>;
  };
}

const DEFAULT_TIMEOUT_MS = 30_000;

export function createIrsfaAdapter(ctx: AccountContext, options: IrsfaAdapterOptions = {}): IrsfaAdapter {
  const base = irsfaBase(ctx.endpoint);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const tokens = new IrsfaTokens(ctx, base, options.tokenStore ?? memoryTokenStore(), timeoutMs);
  const client = new IrsfaClient(ctx, base, tokens, timeoutMs);
  const warning = irsfaEnvironmentWarning(base);
  if (warning) ctx.log('warn', warning.message);

  return {
    registrar: 'irsfa',
    capabilities: IRSFA_CAPABILITIES,

    async testConnection() {
      // Signing in proves the client id/secret; the SSL type list is the cheapest call that proves the token works.
      const types = await ssl.sslTypes(client);
      const where = warning ? `${new URL(base).host} (plain http)` : new URL(base).host;
      return { detail: `Signed in to Irsfa at ${where}; the API answered (${types.length} SSL types).` };
    },

    listDomains(opts?: { names?: readonly string[]; signal?: AbortSignal }): AsyncIterable<NormalizedDomain[]> {
      return listDomains(client, opts?.names ?? [], opts?.signal);
    },

    getDomain: (name, opts) => getDomain(client, name, opts?.priority ?? 'interactive'),
    renew: (request: RenewRequest): Promise<RenewResult> => renew(client, request),
    reconcileRenewal: (request: RenewRequest): Promise<ReconcileResult> => reconcileRenewal(client, request),
    setLock: (name, locked) => ops.setLock(client, name, locked),
    setNameservers: (name, nameservers) => ops.setNameservers(client, name, nameservers),
    getAuthCode: (name) => ops.getAuthCode(client, name),
    checkAvailability: (name) => ops.checkAvailability(client, name),
    restore: (name, years) => restore(client, name, years),
    transferIn: (request) => ops.transferIn(client, request),
    transferStatus: (name) => ops.transferStatus(client, name),
    createContact: (registrant) => ops.createContact(client, registrant),
    updateContact: (contactId, address) => ops.updateContact(client, contactId, address),
    getHost: (host) => hosts.getHost(client, host),
    createHost: (input) => hosts.createHost(client, input),
    deleteHost: (host, nameserverId) => hosts.deleteHost(client, host, nameserverId),
    getDnssec: (name) => hosts.getDnssec(client, name),
    addDnssec: (name, ds) => hosts.addDnssec(client, name, ds),
    removeDnssec: (name, ds) => hosts.removeDnssec(client, name, ds),
    ssl: {
      types: () => ssl.sslTypes(client),
      products: () => ssl.sslProducts(client),
      order: (id) => ssl.sslOrder(client, id),
      orders: (o) => ssl.sslOrders(client, o),
      create: (input) => ssl.createSslOrder(client, input),
      reissue: (id, input) => ssl.reissueSsl(client, id, input),
      modify: (id, methods) => ssl.modifySsl(client, id, methods),
      renew: (id, input) => ssl.renewSsl(client, id, input),
      generateCsr: (input) => ssl.generateCsr(client, input),
      decodeCsr: (registryId, csr) => ssl.decodeCsr(client, registryId, csr),
    },
  };
}
