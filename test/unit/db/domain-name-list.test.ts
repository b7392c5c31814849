import { describe, expect, it } from 'vitest';
import { createDomainQueryRepo } from '../../../src-main/db/repos/domain-query.js';
import { createNameListReader } from '../../../src-main/db/repos/domain-name-list.js';
import { createFakeRegistrar, domain } from '../../helpers/fake-registrar.js';
import { syncHarness } from '../sync/harness.js';

/** A typed 1-2 character term with no other filter is matched in memory: it must find exactly what the SQL test finds. */
async function portfolio() {
  const h = syncHarness();
  const dyn = createFakeRegistrar([
    domain('apple.com'),
    domain('banana.net'),
    domain('xn--bcher-kva.com', { unicode: 'bücher.com' }),
    domain('xn--mnchen-3ya.de', { unicode: 'MÜnchen.de' }),
    domain('a-1.io'),
    domain('gone.es'),
  ]);
  const mrd = createFakeRegistrar([domain('apple.com'), domain('zz9.es')], { registrar: 'mrdomain' });
  h.account('d', 'Dyn', dyn);
  h.account('m', 'MrD', mrd);
  await h.engine.run({ mode: 'full' });
  dyn.domains.delete('gone.es');
  await h.engine.run({ mode: 'full' });
  return { h, dyn, repo: createDomainQueryRepo(h.db) };
}

const ALPHABET = [...'abcdefghijklmnopqrstuvwxyz0123456789-.üÜ'];

describe('in-memory name list for 1-2 character searches', () => {
  it('matches every 1- and 2-character term exactly as the SQL test does (ASCII, Unicode forms, removed names)', async () => {
    const { h, repo } = await portfolio();
    const terms = [...ALPHABET, ...ALPHABET.flatMap((a) => ['a', 'n', 'ü', '.', 'e', 'z'].map((b) => a + b))];
    // Both registrars as a filter: the same rows, but the filter is no longer the term alone, so SQL answers.
    const viaSql = { registrars: ['dynadot', 'mrdomain'] as never[] };
    const list = createNameListReader(h.db)();
    const answers = (search: string) => ({ search, names: repo.page({ search }, [{ column: 'name', desc: false }], 0, 100).map((d) => `${d.accountId}/${d.name}`), count: repo.count({ search }) });
    const beforeWarm = terms.map(answers);
    repo.warmShortSearch(repo.generation());
    let nonEmpty = 0;
    terms.forEach((search, i) => {
      const sqlIds = repo.page({ search, ...viaSql }, [], 0, 1000).map((d) => d.id);
      expect({ search, ids: [...(list?.match(search.toLowerCase()) ?? [])].sort() }).toEqual({ search, ids: sqlIds.sort() });
      // Answers through the list (warm) equal the SQL ones given before it was read.
      expect(answers(search)).toEqual(beforeWarm[i]);
      if (sqlIds.length) nonEmpty++;
    });
    expect(nonEmpty).toBeGreaterThan(40);
    expect(repo.count({ search: 'ap' })).toBe(2); // held by two accounts: two rows
    expect(repo.count({ search: 'ü' })).toBeGreaterThanOrEqual(1); // bücher.com through its Unicode form
    expect(repo.count({ search: 'go' })).toBe(0); // removed
  });

  it('reads the list again after a write, and leaves terms holding a separator to SQL', async () => {
    const { h, dyn, repo } = await portfolio();
    repo.warmShortSearch(repo.generation());
    expect(repo.count({ search: 'qq' })).toBe(0);
    const before = repo.generation();
    dyn.domains.set('qq.com', domain('qq.com'));
    await h.engine.run({ mode: 'full' });
    expect(repo.count({ search: 'qq' })).toBe(1);
    // Asked to warm with a state the database has since left: nothing read, SQL keeps answering, and right.
    repo.warmShortSearch(before);
    expect(repo.count({ search: 'qq' })).toBe(1);
    repo.warmShortSearch(repo.generation());
    expect(repo.count({ search: 'qq' })).toBe(1);

    const list = createNameListReader(h.db)();
    expect(list?.match('\t')).toBeNull();
    expect(list?.match('a\n')).toBeNull();
    expect(list?.match('qq')).toHaveLength(1);
  });
});
