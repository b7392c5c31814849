import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src-main/db/connection.js';
import { createDomainEventsRepo } from '../../../src-main/db/repos/domain-events.js';
import { createDomainsRepo, type DomainFields } from '../../../src-main/db/repos/domains.js';
import { emptyCounts, storeBatch, type StoreContext } from '../../../src-main/sync/store.js';

const fields = (name: string): DomainFields => ({
  name,
  unicode: name,
  tld: 'com',
  expiresAt: 1_900_000_000_000,
  registryExpiresAt: null,
  createdAt: null,
  status: 'active',
  autoRenew: false,
  locked: true,
  privacy: null,
  nameservers: null,
  folder: null,
  renewalPriceMinor: null,
  renewalCurrency: null,
  flags: '[]',
  rawList: `{"name":"${name}"}`,
  rawDetail: null,
});

describe('a sync page written while another connection writes (the index rebuild worker, a CLI)', () => {
  it('holds the write lock from its first read: the page is stored whole, the other writer waits its turn', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dd-store-lock-'));
    const { db } = openDatabase(dir);
    db.prepare("INSERT INTO accounts (id, registrar, label, vault_id, created_at, updated_at) VALUES ('a1', 'dynadot', 'Main', 'v', 0, 0)").run();
    const other = new Database(join(dir, 'domaindeck.db'));
    other.pragma('busy_timeout = 50');
    const domains = createDomainsRepo(db);
    const otherWrites: ('committed' | 'waited')[] = [];
    // Right after the page's first read (move detection), the other connection tries to commit.
    const holders = domains.holders.bind(domains);
    domains.holders = (names, except) => {
      const found = holders(names, except);
      try {
        other.prepare("INSERT INTO settings (key, value) VALUES ('other', '1') ON CONFLICT(key) DO UPDATE SET value = value || '1'").run();
        otherWrites.push('committed');
      } catch (err) {
        expect((err as { code?: string }).code).toBe('SQLITE_BUSY');
        otherWrites.push('waited');
      }
      return found;
    };
    const ctx: StoreContext = { db, domains, events: createDomainEventsRepo(db), accountId: 'a1', accountLabel: 'Main', registrar: 'dynadot', runId: null, known: new Map(), moveWindowMs: 0 };
    const counts = emptyCounts();
    storeBatch(ctx, ['alpha.com', 'beta.com', 'gamma.com'].map((n) => ({ fields: fields(n), detailAt: null })), Date.now(), counts);
    // One attempt: the page's transaction went through at once (no failed first try replayed name by name).
    expect(otherWrites).toEqual(['waited']);
    expect(counts).toMatchObject({ added: 3, failed: 0, errors: [] });
    expect(db.prepare('SELECT count(*) AS n FROM domains').get()).toEqual({ n: 3 });
    other.close();
    db.close();
  });
});
