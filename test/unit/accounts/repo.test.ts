import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../src-main/db/connection.js';
import { createAccountsRepo } from '../../../src-main/db/repos/accounts.js';

let dir: string;
let db: Db;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dd-accrepo-'));
  db = openDatabase(dir).db;
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const base = { registrar: 'mrdomain' as const, endpoint: null, color: '#f79009', vaultId: 'account:1', settings: { credentialFields: ['apiuser', 'apipasswd'] } };

describe('accounts repo', () => {
  it('inserts, reads, lists by label and parses settings', () => {
    const repo = createAccountsRepo(db);
    repo.insert({ ...base, id: '1', label: 'Zeta' }, 1000);
    repo.insert({ ...base, id: '2', label: 'alpha', vaultId: 'account:2' }, 2000);
    expect(repo.count()).toBe(2);
    expect(repo.list().map((a) => a.label)).toEqual(['alpha', 'Zeta']);
    const one = repo.get('1')!;
    expect(one).toMatchObject({ id: '1', registrar: 'mrdomain', status: 'unknown', createdAt: 1000, updatedAt: 1000, settings: { credentialFields: ['apiuser', 'apipasswd'] } });
    expect(repo.getByLabel('ZETA')?.id).toBe('1');
    expect(repo.get('nope')).toBeNull();
  });

  it('refuses a duplicate label regardless of case', () => {
    const repo = createAccountsRepo(db);
    repo.insert({ ...base, id: '1', label: 'Main' }, 1);
    expect(() => repo.insert({ ...base, id: '2', label: 'MAIN', vaultId: 'account:2' }, 1)).toThrow(/UNIQUE/);
  });

  it('updates fields, status (keeping other settings) and last sync, and removes', () => {
    const repo = createAccountsRepo(db);
    repo.insert({ ...base, id: '1', label: 'Main', settings: { credentialFields: ['apiuser'], demo: true } }, 1);
    repo.update('1', { label: 'Renamed', endpoint: 'http://127.0.0.1:1/mrdomain', color: '#000000', settings: { credentialFields: ['apiuser'], demo: true } }, 5);
    repo.setStatus('1', { status: 'blocked', statusDetail: 'Blocked until later', pausedUntil: 9000, lastTestAt: 6, statusMessage: { key: 'accounts.test.blocked', params: { until: 'x' } } });
    repo.setLastSync('1', 7);
    const a = repo.get('1')!;
    expect(a).toMatchObject({ label: 'Renamed', endpoint: 'http://127.0.0.1:1/mrdomain', color: '#000000', status: 'blocked', statusDetail: 'Blocked until later', pausedUntil: 9000, lastTestAt: 6, lastSyncAt: 7, updatedAt: 5 });
    expect(a.settings).toEqual({ credentialFields: ['apiuser'], demo: true, statusMessage: { key: 'accounts.test.blocked', params: { until: 'x' } } });
    expect(repo.remove('1')).toBe(true);
    expect(repo.remove('1')).toBe(false);
    expect(repo.count()).toBe(0);
  });
});
