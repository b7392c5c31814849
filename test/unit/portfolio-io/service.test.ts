import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src-shared/contract.js';
import { createUserDataRepo } from '../../../src-main/db/repos/domain-user-data.js';
import { createPortfolioIoService } from '../../../src-main/services/portfolio-io/index.js';
import { parseCsv } from '../../../src-main/services/portfolio-io/csv-parse.js';
import { createFakeRegistrar, domain } from '../../helpers/fake-registrar.js';
import { syncHarness } from '../sync/harness.js';

async function portfolio() {
  const h = syncHarness();
  const dyn = createFakeRegistrar([
    domain('apple.com'),
    domain('banana.net', { folder: 'Sale' }),
    domain('xn--bcher-kva.com', { unicode: 'bücher.com' }),
    domain('cherry.io', { renewalPrice: { amountMinor: 17858700, currency: 'IDR' } }),
  ]);
  const mrd = createFakeRegistrar([domain('date.es'), domain('gone.es')], { registrar: 'mrdomain' });
  h.account('d', 'Dyn main', dyn);
  h.account('m', 'MrD', mrd);
  await h.engine.run({ mode: 'full' });
  mrd.domains.delete('gone.es');
  await h.engine.run({ mode: 'full' });
  const io = createPortfolioIoService({ db: h.db, now: () => h.clock.t });
  const user = createUserDataRepo(h.db);
  const preview = (csv: string) => io.importPreview({ csv, maxItems: 1000 });
  const exportCsv = (includeRemoved = false) => {
    let text = '';
    io.exportTo({ format: 'csv', filter: includeRemoved ? { includeRemoved } : {}, includeRaw: false, bom: true }, (c) => (text += c));
    return text;
  };
  return { h, io, user, preview, exportCsv };
}

const csv = (...lines: string[]) => `${lines.join('\r\n')}\r\n`;

function refusal(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e.extra.messageKey;
    throw e;
  }
  return undefined;
}

describe('user data import', () => {
  it('previews every change per domain, with before and after, and changes nothing', async () => {
    const { preview, user } = await portfolio();
    user.update(['apple.com'], { tags: ['old'], notes: 'keep me' }, 1);
    const p = preview(csv('name,tags,notes,purchase_price,purchase_currency', 'apple.com,"premium, brandable",,100.00,USD', 'bücher.com,,Deutsch,,', 'banana.net,,,,'));
    expect(p.changes).toEqual([
      { row: 2, name: 'apple.com', unicode: 'apple.com', domainId: expect.any(Number), field: 'tags', before: ['old'], after: ['brandable', 'premium'] },
      { row: 2, name: 'apple.com', unicode: 'apple.com', domainId: expect.any(Number), field: 'purchasePrice', before: null, after: { amountMinor: 10000, currency: 'USD' } },
      { row: 3, name: 'xn--bcher-kva.com', unicode: 'bücher.com', domainId: expect.any(Number), field: 'notes', before: '', after: 'Deutsch' },
    ]);
    expect(p.totals).toEqual({ rows: 3, domains: 2, changes: 3, unchangedRows: 1, badRows: 0 });
    expect(user.get('apple.com').tags).toEqual(['old']);
  });

  it('lists unknown names, conflicting duplicates and bad values as bad rows with the row number and reason', async () => {
    const { preview } = await portfolio();
    const p = preview(csv('name,notes,purchase_price,purchase_currency,purchase_date', 'apple.com,a,,,', 'nothere.com,x,,,', 'APPLE.COM,b,,,', 'banana.net,,12;99,EUR,', 'cherry.io,,,,2024-13-01', 'date.es,fine,,,', 'date.es,fine,,,', 'broken.com,only-two-cells'));
    expect(p.badRows.map((b) => [b.row, b.name, b.reason.key])).toEqual([
      [2, 'apple.com', 'portfolioIo.bad.duplicate'],
      [3, 'nothere.com', 'portfolioIo.bad.unknownDomain'],
      [4, 'APPLE.COM', 'portfolioIo.bad.duplicate'],
      [5, 'banana.net', 'portfolioIo.bad.money.amount'],
      [6, 'cherry.io', 'portfolioIo.bad.date'],
      [9, 'broken.com', 'portfolioIo.bad.cellCount'],
    ]);
    expect(p.badRows[0]!.reason.text).toBe('apple.com is also on row 4 with different values. Keep one row per domain.');
    // An identical repeat is not a conflict: applied once, counted unchanged.
    expect(p.changes.map((c) => [c.row, c.name, c.field])).toEqual([[7, 'date.es', 'notes']]);
    expect(p.totals).toMatchObject({ rows: 8, domains: 1, changes: 1, unchangedRows: 1, badRows: 6 });
  });

  it('applies nothing while there are bad rows, unless the good rows are accepted', async () => {
    const { io, user } = await portfolio();
    const file = csv('name,tags,notes', 'apple.com,premium,', 'nothere.com,x,', 'banana.net,,ripe');
    expect(refusal(() => io.importApply({ csv: file, acceptGoodRows: false }))).toBe('portfolioIo.file.refusedBadRows');
    expect(user.get('apple.com').tags).toEqual([]);
    expect(io.importApply({ csv: file, acceptGoodRows: true })).toEqual({ applied: 2, domains: 2, unchangedRows: 0, skippedBadRows: 1 });
    expect(user.get('apple.com').tags).toEqual(['premium']);
    expect(user.get('banana.net').notes).toBe('ripe');
  });

  it('is idempotent: the same file applied again changes nothing', async () => {
    const { io, user, h } = await portfolio();
    const file = csv('name,tags,notes,asking_price,asking_currency,custom_fields', 'cherry.io,"a, b",note,2500000,IDR,"{""lot"":3}"', 'date.es,(clear),,,,');
    user.update(['date.es'], { tags: ['x'] }, 1);
    expect(io.importApply({ csv: file, acceptGoodRows: false })).toMatchObject({ applied: 5, domains: 2 });
    const stamp = user.get('cherry.io').updatedAt;
    expect(stamp).toBe(new Date(h.clock.t).toISOString());
    h.clock.t += 60_000;
    expect(io.importApply({ csv: file, acceptGoodRows: false })).toEqual({ applied: 0, domains: 0, unchangedRows: 2, skippedBadRows: 0 });
    expect(io.importPreview({ csv: file, maxItems: 10 }).totals.changes).toBe(0);
    // Nothing rewritten: the user-data stamp did not move.
    expect(user.get('cherry.io').updatedAt).toBe(stamp);
    expect(user.get('cherry.io')).toMatchObject({ tags: ['a', 'b'], notes: 'note', askingPrice: { amountMinor: 250000000, currency: 'IDR' }, customFields: { lot: 3 } });
  });

  it('never touches registrar fields', async () => {
    const { io, h } = await portfolio();
    const before = h.db.prepare('SELECT * FROM domains ORDER BY id').all();
    io.importApply({ csv: csv('name,notes,status,expires_at,folder', 'banana.net,n,expired,2000-01-01T00:00:00.000Z,Elsewhere'), acceptGoodRows: false });
    expect(h.db.prepare('SELECT * FROM domains ORDER BY id').all()).toEqual(before);
  });

  it('refuses files it cannot read as a whole, in plain words', async () => {
    const { preview } = await portfolio();
    expect(refusal(() => preview(''))).toBe('portfolioIo.file.empty');
    expect(refusal(() => preview('tags,notes\r\nx,y\r\n'))).toBe('portfolioIo.file.noName');
    expect(refusal(() => preview('name,notes\r\napple.com,"open\r\n'))).toBe('portfolioIo.file.unclosedQuote');
  });

  it('reads a semicolon file from a spreadsheet in another locale', async () => {
    const { preview } = await portfolio();
    const p = preview('name;purchase_price;purchase_currency\r\napple.com;"1,250.00";usd\r\n');
    expect(p.changes[0]).toMatchObject({ field: 'purchasePrice', after: { amountMinor: 125000, currency: 'USD' } });
  });

  it('caps the lists at maxItems but counts everything', async () => {
    const { io } = await portfolio();
    const p = io.importPreview({ csv: csv('name,notes', 'apple.com,1', 'banana.net,2', 'cherry.io,3'), maxItems: 2 });
    expect(p.changes).toHaveLength(2);
    expect(p.totals.changes).toBe(3);
    expect(p.truncated).toBe(true);
  });
});

describe('export', () => {
  it('writes RFC 4180 CSV with user data first, money as decimals beside a currency, and no raw payloads', async () => {
    const { exportCsv, user } = await portfolio();
    user.update(['apple.com'], { tags: ['premium', 'brand able'], notes: 'line 1\nsays "hi", =ok', purchasePrice: { amountMinor: 12345, currency: 'USD' }, purchaseDate: '2023-01-02' }, 1);
    const text = exportCsv();
    expect(text.startsWith('\ufeffname,tags,notes,purchase_price,purchase_currency,purchase_date,asking_price,asking_currency,custom_fields,unicode,registrar,account,')).toBe(true);
    expect(text).not.toMatch(/raw_|source.*fake/);
    const rows = [...parseCsv(text)].map((r) => r.cells);
    const head = rows[0]!;
    const apple = Object.fromEntries(head.map((h, i) => [h, rows.find((r) => r[0] === 'apple.com')![i]]));
    expect(apple).toMatchObject({ tags: 'brand able, premium', notes: 'line 1\nsays "hi", =ok', purchase_price: '123.45', purchase_currency: 'USD', purchase_date: '2023-01-02', account: 'Dyn main', registrar: 'dynadot' });
    const cherry = Object.fromEntries(head.map((h, i) => [h, rows.find((r) => r[0] === 'cherry.io')![i]]));
    expect(cherry).toMatchObject({ renewal_price: '178587.00', renewal_currency: 'IDR', purchase_price: '' });
    expect(rows.map((r) => r[0])).toEqual(['name', 'apple.com', 'banana.net', 'cherry.io', 'date.es', 'xn--bcher-kva.com']);
    expect(text.split('\r\n').length).toBeGreaterThan(6);
  });

  it('round-trips: its own CSV imports with zero changes, whatever the values hold', async () => {
    const { exportCsv, preview, user } = await portfolio();
    user.update(['apple.com'], { tags: ['=cmd', "'quoted", 'a;b', 'Ünï'], notes: '-starts with minus\r\n"quoted", comma', purchasePrice: { amountMinor: 1, currency: 'USD' }, askingPrice: { amountMinor: 1500, currency: 'JPY' } }, 1);
    user.update(['xn--bcher-kva.com'], { notes: "'=already guarded", customFields: { source: 'auction', lot: 7, hot: true } }, 1);
    user.update(['gone.es'], { notes: 'removed but remembered' }, 1);
    const p = preview(exportCsv(true));
    expect(p.badRows).toEqual([]);
    expect(p.changes).toEqual([]);
    expect(p.totals).toMatchObject({ rows: 6, changes: 0, unchangedRows: 6 });
    expect(p.ignoredColumns.map((c) => c.column)).toContain('expires_at');
  });

  it('writes one JSON document with integer minor units and decimal strings', async () => {
    const { io, user } = await portfolio();
    user.update(['banana.net'], { askingPrice: { amountMinor: 99900, currency: 'EUR' }, tags: ['fruit'] }, 1);
    let text = '';
    io.exportTo({ format: 'json', filter: { search: 'banana' }, includeRaw: true, bom: false }, (c) => (text += c));
    const doc = JSON.parse(text) as { format: string; total: number; items: { name: string; folder: string; userData: { tags: string[]; askingPrice: unknown }; raw?: unknown }[] };
    expect(doc).toMatchObject({ format: 'domaindeck-portfolio', version: 1, total: 1 });
    expect(doc.items).toHaveLength(1);
    expect(doc.items[0]).toMatchObject({ name: 'banana.net', folder: 'Sale', userData: { tags: ['fruit'], askingPrice: { amount: '999.00', amountMinor: 99900, currency: 'EUR' } }, raw: { list: { source: 'fake' } } });
    let empty = '';
    io.exportTo({ format: 'json', filter: { search: 'zzzz' }, includeRaw: false, bom: false }, (c) => (empty += c));
    expect(JSON.parse(empty)).toMatchObject({ total: 0, items: [] });
  });
});
