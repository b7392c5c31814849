import { randomUUID } from 'node:crypto';
import type { Dispatcher as HttpDispatcher } from 'undici';
import { credentialFields, defaultColorFor, effectiveEndpoint, type RegistrarId } from '../../src-shared/accounts/registrars.js';
import { normalizeEndpoint, validateColor, validateCredentials, validateEndpoint, validateLabel, type FieldProblem } from '../../src-shared/accounts/validate.js';
import { AppError } from '../../src-shared/contract.js';
import type { AccountSummary, AddAccountInput, LaneInfo, TestResult, UpdateAccountInput } from '../../src-shared/contract/areas/accounts.js';
import { englishText } from '../../src-shared/i18n/english.js';
import type { EventBus } from '../app/events.js';
import type { Logger } from '../app/logger.js';
import type { AccountRecord, AccountSettings, AccountsRepo } from '../db/repos/accounts.js';
import type { AccountContext, AdapterFactory, RegistrarAdapter } from '../registrars/types.js';
import type { Lane } from '../scheduler/lane-types.js';
import { isVaultError, vaultError } from '../vault/errors.js';
import type { SecretRegistry } from '../vault/redact.js';
import type { Vault } from '../vault/vault.js';
import { explainFailure, explainPause, explainSuccess, explainUnsupported, registrarName, type Explanation } from './accounts/explain.js';
import { toLaneInfo, toSummary } from './accounts/summary.js';

/** Who a lane belongs to; the scheduler keys lanes by account. */
export interface LaneIdentity {
  registrar: RegistrarId;
  accountId: string;
  label: string;
}

/**
 * The part of the scheduler this service needs: the account's one lane (the
 * scheduler reads the stored `settings.lanePolicy` itself). `policy()` is
 * shown on the Accounts screen when present.
 */
export interface LaneProvider {
  lane(identity: LaneIdentity): Lane & { policy?: () => unknown };
}

export interface AccountsServiceDeps {
  repo: AccountsRepo;
  vault: Vault;
  secrets: SecretRegistry;
  logger: Logger;
  events: EventBus;
  now: () => number;
  http: HttpDispatcher;
  lanes: LaneProvider;
  factories: Partial<Record<RegistrarId, AdapterFactory>>;
  newId?: () => string;
}

/** Called before an account row is deleted (the sync engine keeps or deletes its cached domains). */
export type AccountRemovalHook = (accountId: string, options: { deleteHistory: boolean }) => void | Promise<void>;

interface Connected {
  adapter: RegistrarAdapter;
  lane: Lane;
  endpoint: string;
}

export function createAccountsService(deps: AccountsServiceDeps) {
  const { repo, vault, secrets, logger, events } = deps;
  const newId = deps.newId ?? randomUUID;
  const connected = new Map<string, Promise<Connected>>();
  const removalHooks: AccountRemovalHook[] = [];

  function require(id: string): AccountRecord {
    const rec = repo.get(id);
    if (!rec) throw new AppError('NotFound', englishText('accounts.notFound', { what: id }), { messageKey: 'accounts.notFound', params: { what: id } });
    return rec;
  }

  function laneFor(rec: AccountRecord): Lane & { policy?: () => unknown } {
    return deps.lanes.lane({ registrar: rec.registrar, accountId: rec.id, label: rec.label });
  }

  function laneInfo(rec: AccountRecord): LaneInfo | null {
    try {
      const lane = laneFor(rec);
      return toLaneInfo(lane.state(), lane.policy?.());
    } catch {
      // A lane the scheduler refuses (bad stored override) must not hide the account from the list.
      return null;
    }
  }

  function summary(id: string): AccountSummary {
    const rec = require(id);
    return toSummary(rec, laneInfo(rec));
  }

  function changed(id: string | null): void {
    events.emit('accounts.changed', { id });
  }

  async function readSecret(rec: AccountRecord): Promise<Record<string, string>> {
    let secret: Record<string, string> | null;
    try {
      secret = await vault.get(rec.vaultId);
    } catch (err) {
      // Name the account, not the vault id, in the user's message.
      if (isVaultError(err) && err.extra.messageKey === 'vault.entryDamaged') throw vaultError('entryDamaged', { account: rec.label });
      throw err;
    }
    if (!secret) throw vaultError('entryMissing', { account: rec.label });
    secrets.addCredential(secret);
    return secret;
  }

  async function connect(rec: AccountRecord): Promise<Connected> {
    const factory = deps.factories[rec.registrar];
    if (!factory) {
      const params = { registrar: registrarName(rec.registrar) };
      throw new AppError('Unavailable', englishText('accounts.unsupported', params), { messageKey: 'accounts.unsupported', params });
    }
    const secret = await readSecret(rec);
    const environment = rec.settings.environment ?? null;
    const endpoint = effectiveEndpoint(rec.registrar, rec.endpoint, environment);
    if (!endpoint) throw invalid({ field: 'endpoint', key: 'endpointRequired', params: {} });
    const lane = laneFor(rec);
    const ctx: AccountContext = {
      accountId: rec.id,
      label: rec.label,
      registrar: rec.registrar,
      endpoint,
      credentials: environment ? { ...secret, environment } : secret,
      lane,
      http: deps.http,
      now: deps.now,
      log: (level, message) => logger.log(level, `registrar.${rec.registrar}`, `[${rec.label}] ${message}`),
      secretStore: {
        get: (key) => vault.get(`${rec.vaultId}:${key}`),
        put: (key, value) => vault.put(`${rec.vaultId}:${key}`, value),
        delete: (key) => vault.delete(`${rec.vaultId}:${key}`),
      },
    };
    return { adapter: factory(ctx), lane, endpoint };
  }

  /** Secrets an adapter stored itself (`<vaultId>:<key>`, e.g. an OAuth token). */
  async function forgetDerivedSecrets(vaultId: string): Promise<void> {
    for (const id of await vault.list()) if (id.startsWith(`${vaultId}:`)) await vault.delete(id);
  }

  /** One adapter per account (it may cache a token); dropped when the account changes. */
  function connection(id: string): Promise<Connected> {
    let entry = connected.get(id);
    if (!entry) {
      entry = connect(require(id));
      connected.set(id, entry);
      entry.catch(() => connected.delete(id));
    }
    return entry;
  }

  function check(problems: FieldProblem[]): void {
    if (problems[0]) throw invalid(problems[0]);
  }

  function otherLabels(exceptId: string | null): string[] {
    return repo
      .list()
      .filter((a) => a.id !== exceptId)
      .map((a) => a.label);
  }

  return {
    list(): { items: AccountSummary[] } {
      return { items: repo.list().map((rec) => toSummary(rec, laneInfo(rec))) };
    },

    get: summary,

    async add(input: AddAccountInput, options: { demo?: boolean } = {}): Promise<AccountSummary> {
      const label = input.label.trim();
      check([...validateLabel(label, otherLabels(null)), ...validateEndpoint(input.registrar, input.endpoint), ...(input.color === undefined ? [] : validateColor(input.color))]);
      const creds = validateCredentials(input.registrar, input.credentials);
      if (!creds.ok) throw invalid(creds.problems[0]!);
      const id = newId();
      const vaultId = `account:${id}`;
      // Vault first: a locked vault or a wrong passphrase leaves no half-added account behind.
      await vault.put(vaultId, creds.value.secret);
      secrets.addCredential(creds.value.secret);
      const settings: AccountSettings = { credentialFields: Object.keys(creds.value.secret), ...(creds.value.environment ? { environment: creds.value.environment } : {}), ...(options.demo ? { demo: true } : {}) };
      try {
        repo.insert({ id, registrar: input.registrar, label, endpoint: normalizeEndpoint(input.endpoint), color: input.color ?? defaultColorFor[input.registrar], vaultId, settings }, deps.now());
      } catch (err) {
        await vault.delete(vaultId);
        if (err instanceof Error && /UNIQUE/.test(err.message)) throw invalid({ field: 'label', key: 'labelTaken', params: { label } });
        throw err;
      }
      logger.log('info', 'accounts', `Added ${input.registrar} account "${label}" (${id})`);
      changed(id);
      return summary(id);
    },

    async update(input: UpdateAccountInput): Promise<AccountSummary> {
      const rec = require(input.id);
      const label = input.label === undefined ? rec.label : input.label.trim();
      const endpoint = input.endpoint === undefined ? rec.endpoint : input.endpoint;
      check([...validateLabel(label, otherLabels(rec.id)), ...validateEndpoint(rec.registrar, endpoint), ...(input.color === undefined ? [] : validateColor(input.color))]);
      let settings = rec.settings;
      // Empty fields mean "keep what is stored": the form never shows stored secrets.
      const given = Object.fromEntries(Object.entries(input.credentials ?? {}).filter(([, v]) => v.trim() !== ''));
      if (Object.keys(given).length > 0) {
        const current = await readSecret(rec);
        const merged = { ...current, ...(rec.settings.environment ? { environment: rec.settings.environment } : {}), ...given };
        const creds = validateCredentials(rec.registrar, merged);
        if (!creds.ok) throw invalid(creds.problems[0]!);
        await vault.put(rec.vaultId, creds.value.secret);
        // Tokens the adapter obtained with the old credentials must not outlive them.
        await forgetDerivedSecrets(rec.vaultId);
        secrets.addCredential(creds.value.secret);
        const { environment: _env, ...rest } = rec.settings;
        settings = { ...rest, credentialFields: Object.keys(creds.value.secret), ...(creds.value.environment ? { environment: creds.value.environment } : {}) };
      }
      repo.update(rec.id, { label, endpoint: endpoint === rec.endpoint ? endpoint : normalizeEndpoint(endpoint), color: input.color ?? rec.color, settings }, deps.now());
      connected.delete(rec.id);
      logger.log('info', 'accounts', `Updated account "${label}" (${rec.id})`);
      changed(rec.id);
      return summary(rec.id);
    },

    async remove(id: string, options: { deleteHistory: boolean } = { deleteHistory: false }): Promise<{ removed: true; id: string }> {
      const rec = require(id);
      // Credentials go first: removing an account is above all "forget my key".
      await vault.delete(rec.vaultId);
      await forgetDerivedSecrets(rec.vaultId);
      for (const hook of removalHooks) await hook(id, options);
      repo.remove(id);
      connected.delete(id);
      logger.log('info', 'accounts', `Removed account "${rec.label}" (${id}); history ${options.deleteHistory ? 'deleted' : 'kept'}`);
      changed(id);
      return { removed: true, id };
    },

    /** Runs the adapter's cheap read through the account's lane and records what happened. */
    async test(id: string): Promise<TestResult> {
      const rec = require(id);
      let explanation: Explanation;
      let conn: Connected | null = null;
      try {
        conn = await connection(id);
      } catch (err) {
        if (!(err instanceof AppError && err.extra.messageKey === 'accounts.unsupported')) throw err;
        explanation = explainUnsupported(rec.registrar);
      }
      if (conn) {
        const state = conn.lane.state();
        if (state.pausedUntil !== null && state.pausedUntil > deps.now()) explanation = explainPause(state);
        else {
          try {
            const result = await conn.adapter.testConnection();
            explanation = explainSuccess(rec.registrar, result.detail, (t) => secrets.redact(t));
          } catch (err) {
            explanation = explainFailure(err, { registrar: rec.registrar, endpoint: conn.endpoint, now: deps.now(), redact: (t) => secrets.redact(t) });
          }
        }
      }
      const e = explanation!;
      repo.setStatus(id, { status: e.status, statusDetail: e.detail, pausedUntil: e.pausedUntil, lastTestAt: deps.now(), statusMessage: { key: e.key, params: e.params } });
      logger.log(e.ok ? 'info' : 'warn', 'accounts', `Connection test of "${rec.label}": ${e.detail}`);
      changed(id);
      return { ok: e.ok, status: e.status, detail: e.detail, message: { key: e.key, params: e.params }, account: summary(id) };
    },

    /** The account's adapter, with its credentials from the vault (registered for redaction) and its scheduler lane. */
    async adapterFor(accountId: string): Promise<RegistrarAdapter> {
      return (await connection(accountId)).adapter;
    },

    /** For the sync engine: when the account's portfolio was last read in full. */
    markSynced(accountId: string, at: number): void {
      repo.setLastSync(accountId, at);
      // A sync that read the portfolio proves the credentials work as well as a connection test does.
      const rec = repo.get(accountId);
      if (rec && rec.status !== 'ok') {
        const e = explainSuccess(rec.registrar, englishText('accounts.syncedOk', {}), (t) => secrets.redact(t));
        repo.setStatus(accountId, { status: e.status, statusDetail: e.detail, pausedUntil: null, lastTestAt: at, statusMessage: { key: e.key, params: e.params } });
      }
      changed(accountId);
    },

    onRemove(hook: AccountRemovalHook): void {
      removalHooks.push(hook);
    },

    hasAny: (): boolean => repo.count() > 0,

    /** The registrar's credential field names, for shells that prompt for them. */
    fieldsOf: (registrar: RegistrarId) => credentialFields[registrar],
  };
}
export type AccountsService = ReturnType<typeof createAccountsService>;

function invalid(p: FieldProblem): AppError {
  const messageKey = `accounts.validation.${p.key}`;
  return new AppError('InvalidInput', `${p.field}: ${englishText(messageKey, p.params)}`, { messageKey, params: { ...p.params, field: p.field }, path: p.field.split('.') });
}
