import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getGlobalDispatcher } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../src-shared/contract.js';
import { EventBus } from '../../../src-main/app/events.js';
import { createLogger } from '../../../src-main/app/logger.js';
import { openDatabase, type Db } from '../../../src-main/db/connection.js';
import { createAccountsRepo } from '../../../src-main/db/repos/accounts.js';
import { RegistrarError, type RegistrarErrorInit } from '../../../src-main/registrars/errors.js';
import type { AccountContext, AdapterFactory, RegistrarAdapter, RegistrarId } from '../../../src-main/registrars/types.js';
import type { LaneState } from '../../../src-main/scheduler/lane-types.js';
import { createAccountsService, type LaneProvider } from '../../../src-main/services/accounts-service.js';
import { createMemoryVault } from '../../../src-main/vault/memory-vault.js';
import { SecretRegistry } from '../../../src-main/vault/redact.js';
import { createPassthroughLane } from '../../helpers/passthrough-lane.js';

const DYN_KEY = 'DynKeySecretValue0123456789';
const MRD = { apiuser: 'mrduser9876', apipasswd: 'MrdPasswd-Secret-42' };

let dir: string;
let db: Db;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dd-accsvc-'));
  db = openDatabase(dir).db;
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** An adapter whose testConnection does one lane call that succeeds or throws what the test says. */
function fakeFactory(outcome: { fail?: RegistrarErrorInit | Error; detail?: string }, seen: AccountContext[]): AdapterFactory {
  return (ctx) => {
    seen.push(ctx);
    const adapter: Partial<RegistrarAdapter> = {
      registrar: ctx.registrar,
      testConnection: () =>
        ctx.lane.run({ command: 'account_info', kind: 'read', priority: 'interactive' }, async () => {
          ctx.log('debug', `GET ${ctx.endpoint}/api3.json?key=${ctx.credentials.key ?? ctx.credentials.apipasswd}`);
          if (outcome.fail instanceof Error) throw outcome.fail;
          if (outcome.fail) throw new RegistrarError(outcome.fail);
          return { detail: outcome.detail ?? 'Balance 12.00 USD' };
        }),
    };
    return adapter as RegistrarAdapter;
  };
}

function setup(opts: { factories?: Partial<Record<RegistrarId, AdapterFactory>>; pause?: Partial<LaneState> } = {}) {
  const secrets = new SecretRegistry();
  const vault = createMemoryVault();
  const events = new EventBus();
  const changed: (string | null)[] = [];
  events.subscribe('accounts.changed', (p) => changed.push((p as { id: string | null }).id));
  let now = Date.parse('2025-01-01T00:00:00Z');
  const lanes: LaneProvider = {
    lane: ({ accountId }) => {
      const lane = createPassthroughLane(accountId);
      return { ...lane, state: () => ({ ...lane.state(), ...opts.pause }), policy: () => ({ maxInFlight: 1, errorBudget: { errors: 5, windowMs: 60000 } }) };
    },
  };
  let n = 0;
  const service = createAccountsService({
    repo: createAccountsRepo(db),
    vault,
    secrets,
    logger: createLogger(db, secrets, () => now, false),
    events,
    now: () => now,
    http: getGlobalDispatcher(),
    lanes,
    factories: opts.factories ?? {},
    newId: () => `id-${++n}`,
  });
  return { service, vault, secrets, changed, advance: (ms: number) => (now += ms) };
}

async function appError(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected an AppError');
}

const logText = () => (db.prepare('SELECT message FROM app_log').all() as { message: string }[]).map((r) => r.message).join('\n');

describe('accounts service', () => {
  it('adds an account: secrets to the vault, field names (never values) in the list', async () => {
    const { service, vault, changed } = setup();
    const added = await service.add({ registrar: 'mrdomain', label: ' Main ', endpoint: 'http://127.0.0.1:9/mrdomain/', credentials: MRD });
    expect(added).toMatchObject({ id: 'id-1', label: 'Main', registrar: 'mrdomain', endpoint: 'http://127.0.0.1:9/mrdomain', credentialFields: ['apiuser', 'apipasswd'], status: 'unknown', demo: false, color: '#f79009' });
    expect(added.lane?.policy).toMatchObject({ maxInFlight: 1, 'errorBudget.errors': 5 });
    expect(await vault.get('account:id-1')).toEqual(MRD);
    const listed = JSON.stringify(service.list());
    expect(listed).not.toContain(MRD.apipasswd);
    expect(listed).not.toContain(MRD.apiuser);
    const row = JSON.stringify(db.prepare('SELECT * FROM accounts').all());
    expect(row).not.toContain(MRD.apipasswd);
    expect(changed).toEqual(['id-1']);
  });

  it('rejects bad input with field-level keys and leaves nothing behind', async () => {
    const { service, vault } = setup();
    await service.add({ registrar: 'dynadot', label: 'Main', credentials: { key: DYN_KEY } });
    const dup = await appError(service.add({ registrar: 'dynadot', label: 'MAIN', credentials: { key: DYN_KEY } }));
    expect(dup.extra).toMatchObject({ messageKey: 'accounts.validation.labelTaken', path: ['label'] });
    expect((await appError(service.add({ registrar: 'dynadot', label: 'B', credentials: { key: '' } }))).extra).toMatchObject({ messageKey: 'accounts.validation.required', path: ['credentials', 'key'] });
    expect((await appError(service.add({ registrar: 'dynadot', label: 'B', endpoint: 'file:///etc', credentials: { key: DYN_KEY } }))).extra.path).toEqual(['endpoint']);
    expect((await appError(service.add({ registrar: 'reseller', label: 'R', endpoint: 'https://r.example', credentials: { token: 'nope' } }))).extra.messageKey).toBe('accounts.validation.resellerToken');
    expect((await appError(service.add({ registrar: 'dynadot', label: 'B', color: 'red', credentials: { key: DYN_KEY } }))).extra.path).toEqual(['color']);
    expect(service.list().items).toHaveLength(1);
    expect(await vault.list()).toEqual(['account:id-1']);
  });

  it('edits label, endpoint and colour, and merges given credential fields over the stored ones', async () => {
    const { service, vault } = setup();
    const a = await service.add({ registrar: 'mrdomain', label: 'Main', credentials: MRD });
    const edited = await service.update({ id: a.id, label: 'Renamed', color: '#000000', endpoint: null, credentials: { apiuser: '', apipasswd: 'NewPassword-77' } });
    expect(edited).toMatchObject({ label: 'Renamed', color: '#000000', endpoint: null, effectiveEndpoint: 'https://simple-api.dondominio.net' });
    expect(await vault.get('account:id-1')).toEqual({ apiuser: MRD.apiuser, apipasswd: 'NewPassword-77' });
    const irs = await service.add({ registrar: 'irsfa', label: 'Irs', credentials: { clientId: 'cid-123456', clientSecret: 'csecret-123456' } });
    expect(irs).toMatchObject({ environment: 'production', effectiveEndpoint: 'https://api6.irsfa.id' });
    const sandboxed = await service.update({ id: irs.id, credentials: { environment: 'sandbox' } });
    expect(sandboxed).toMatchObject({ environment: 'sandbox', effectiveEndpoint: 'http://api2.sandbox.irsfa.id', credentialFields: ['clientId', 'clientSecret'] });
    expect(await vault.get('account:id-2')).toEqual({ clientId: 'cid-123456', clientSecret: 'csecret-123456' });
  });

  it('removes the account and its vault entry, telling removal hooks whether to keep history', async () => {
    const { service, vault } = setup();
    const a = await service.add({ registrar: 'dynadot', label: 'Main', credentials: { key: DYN_KEY } });
    const hooks: unknown[] = [];
    service.onRemove((id, o) => void hooks.push([id, o.deleteHistory]));
    expect(await service.remove(a.id, { deleteHistory: false })).toEqual({ removed: true, id: a.id });
    expect(hooks).toEqual([[a.id, false]]);
    expect(await vault.list()).toEqual([]);
    expect(service.list().items).toEqual([]);
    expect((await appError(service.remove(a.id))).code).toBe('NotFound');
  });

  it('adapterFor hands the adapter its credentials, endpoint and lane, and registers the secrets for redaction', async () => {
    const seen: AccountContext[] = [];
    const { service, secrets } = setup({ factories: { dynadot: fakeFactory({}, seen) } });
    const a = await service.add({ registrar: 'dynadot', label: 'Main', endpoint: 'http://127.0.0.1:9/dynadot', credentials: { key: DYN_KEY } });
    const adapter = await service.adapterFor(a.id);
    expect(await service.adapterFor(a.id)).toBe(adapter);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ accountId: a.id, label: 'Main', registrar: 'dynadot', endpoint: 'http://127.0.0.1:9/dynadot', credentials: { key: DYN_KEY } });
    expect(secrets.redact(`oops ${DYN_KEY}`)).toBe('oops ***');
    await adapter.testConnection();
    expect(logText()).not.toContain(DYN_KEY);
  });

  it('test connection: ok, recorded on the account with a plain-words message', async () => {
    const { service } = setup({ factories: { dynadot: fakeFactory({ detail: 'Balance 12.00 USD' }, []) } });
    const a = await service.add({ registrar: 'dynadot', label: 'Main', credentials: { key: DYN_KEY } });
    const r = await service.test(a.id);
    expect(r).toMatchObject({ ok: true, status: 'ok', detail: 'Connected to Dynadot. Balance 12.00 USD', message: { key: 'accounts.test.ok' } });
    expect(r.account).toMatchObject({ status: 'ok', statusDetail: r.detail, lastTestAt: '2025-01-01T00:00:00.000Z', statusMessage: { key: 'accounts.test.ok' } });
  });

  it.each([
    [{ kind: 'AuthFailed', registrar: 'dynadot', message: `invalid key ${DYN_KEY}` }, 'auth-failed', 'accounts.test.authFailed.dynadot', null],
    [{ kind: 'Banned', registrar: 'dynadot', message: 'banned', until: Date.parse('2025-01-01T00:15:00Z') }, 'banned', 'accounts.test.banned', Date.parse('2025-01-01T00:15:00Z')],
    [{ kind: 'Transient', registrar: 'dynadot', message: 'connect ECONNREFUSED 127.0.0.1:9' }, 'unreachable', 'accounts.test.unreachable', null],
  ] as const)('test connection explains %o', async (fail, status, key, pausedUntil) => {
    const { service } = setup({ factories: { dynadot: fakeFactory({ fail: { ...fail } as RegistrarErrorInit }, []) } });
    const a = await service.add({ registrar: 'dynadot', label: 'Main', credentials: { key: DYN_KEY } });
    const r = await service.test(a.id);
    expect(r).toMatchObject({ ok: false, status, message: { key } });
    expect(r.account.pausedUntil).toBe(pausedUntil === null ? null : new Date(pausedUntil).toISOString());
    expect(JSON.stringify(r)).not.toContain(DYN_KEY);
    expect(logText()).not.toContain(DYN_KEY);
  });

  it('explains an unregistered IP at MrDomain and names the address it saw', async () => {
    const fail: RegistrarErrorInit = { kind: 'NotAllowed', registrar: 'mrdomain', code: '1007', message: 'Account filtered: IP address 203.0.113.7 is not registered for this API account' };
    const { service } = setup({ factories: { mrdomain: fakeFactory({ fail }, []) } });
    const a = await service.add({ registrar: 'mrdomain', label: 'M', credentials: MRD });
    const r = await service.test(a.id);
    expect(r).toMatchObject({ status: 'not-allowed', message: { key: 'accounts.test.ipNotAllowed', params: { ip: '203.0.113.7' } } });
    expect(r.detail).toContain('(203.0.113.7) is not registered');
  });

  it('does not queue a test behind a paused lane', async () => {
    const until = Date.parse('2025-01-01T00:10:00Z');
    const seen: AccountContext[] = [];
    const { service } = setup({ factories: { dynadot: fakeFactory({}, seen) }, pause: { pausedUntil: until, pauseReason: 'banned', pauseDetail: 'Dynadot banned the key' } });
    const a = await service.add({ registrar: 'dynadot', label: 'Main', credentials: { key: DYN_KEY } });
    const r = await service.test(a.id);
    expect(r).toMatchObject({ ok: false, status: 'banned', message: { key: 'accounts.test.paused' } });
    expect(r.account.pausedUntil).toBe(new Date(until).toISOString());
  });

  it('a registrar without an adapter yet gets a clear "not supported yet"', async () => {
    const { service } = setup();
    const a = await service.add({ registrar: 'irsfa', label: 'I', credentials: { clientId: 'cid-123456', clientSecret: 'csecret-123456' } });
    expect(await service.test(a.id)).toMatchObject({ ok: false, status: 'unsupported', detail: 'DomainDeck cannot talk to Irsfa accounts yet.' });
    expect((await appError(service.adapterFor(a.id))).extra.messageKey).toBe('accounts.unsupported');
  });

  it('missing vault entries name the account', async () => {
    const { service, vault } = setup({ factories: { dynadot: fakeFactory({}, []) } });
    const a = await service.add({ registrar: 'dynadot', label: 'Main', credentials: { key: DYN_KEY } });
    await vault.delete('account:id-1');
    const err = await appError(service.adapterFor(a.id));
    expect(err.extra).toMatchObject({ messageKey: 'vault.entryMissing', params: { account: 'Main' } });
  });
});
