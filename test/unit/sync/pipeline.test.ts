import { describe, expect, it } from 'vitest';
import { createFakeRegistrar } from '../../helpers/fake-registrar.js';
import { generatePortfolio } from '../../helpers/portfolio-fixture.js';
import { syncHarness } from './harness.js';

/**
 * The engine keeps each account's registrar busy (issue 7, bench/sync
 * lanes): the next page is asked for before a page is written, detail reads
 * of the next page queue behind it, and a cancel stops after the page being
 * written with whole pages only.
 */
describe('sync engine: pipelined pages', () => {
  it('has the next page on its way (and read) before it writes a page', async () => {
    const h = syncHarness();
    const fake = createFakeRegistrar(generatePortfolio(500, { seed: 3, prefix: 'p' }), { pageSize: 100, latencyMs: 2 });
    h.account('a1', 'Main', fake);
    const [report] = (await h.engine.run({ mode: 'full' })).accounts;
    expect(report).toMatchObject({ state: 'ok', pages: 5, seen: 500, added: 500 });
    const written = h.progress.filter((p) => p.phase === 'listing');
    expect(written.map((p) => p.done)).toEqual([100, 200, 300, 400, 500]);
    // When page k was written, page k + 1 had already arrived (the list's end for the last one).
    for (const p of written.slice(0, -1)) expect(p.pages).toBeGreaterThan(p.done / 100);
  });

  it('queues the next page and its detail reads while a page is still being completed', async () => {
    const h = syncHarness({ detailConcurrency: 4 });
    const fake = createFakeRegistrar(generatePortfolio(60, { seed: 5, prefix: 'd' }), { pageSize: 20, latencyMs: 1, listOmits: ['nameservers'] });
    h.account('a1', 'Main', fake);
    const [report] = (await h.engine.run({ mode: 'full' })).accounts;
    expect(report).toMatchObject({ state: 'ok', pages: 3, detailReads: 60, seen: 60 });
    // Page 2 was asked for as soon as page 1 arrived, ahead of page 1's 20 detail reads,
    // and page 1 was written only once page 2 was in hand (its details then queue behind).
    const order = fake.timeline.map((c) => c.call);
    expect(order).toHaveLength(63);
    expect(order.slice(0, 2)).toEqual(['list', 'list']);
    const secondPageAt = fake.timeline[1]!.answeredAt;
    const firstPageDetailsDone = fake.timeline.filter((c) => c.call === 'detail')[19]!.answeredAt;
    expect(secondPageAt).toBeLessThan(firstPageDetailsDone);
    const page1Written = h.progress.find((p) => p.phase === 'listing')!;
    expect(page1Written.done).toBe(20);
    expect(page1Written.pages).toBeGreaterThanOrEqual(2);
  });

  it('a cancel stops after the page being written: whole pages stored, nothing marked removed, the report says so', async () => {
    const h = syncHarness();
    const fake = createFakeRegistrar(generatePortfolio(500, { seed: 7, prefix: 'c' }), { pageSize: 100, latencyMs: 2 });
    h.account('a1', 'Main', fake);
    await h.engine.run({ mode: 'full' });
    const controller = new AbortController();
    h.progress.length = 0;
    const running = h.engine.run({ mode: 'full' }, { signal: controller.signal, jobId: 'job-1' });
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (h.progress.some((p) => p.phase === 'listing')) {
          clearInterval(timer);
          controller.abort();
          resolve();
        }
      }, 1);
    });
    const report = await running;
    expect(report.jobId).toBe('job-1');
    const [a] = report.accounts;
    expect(a).toMatchObject({ state: 'failed', error: { code: 'Cancelled' }, removed: 0 });
    expect(a!.seen % 100).toBe(0);
    expect(a!.seen).toBeLessThan(500);
    expect(h.progress.every((p) => p.jobId === 'job-1')).toBe(true);
    expect((h.db.prepare('SELECT count(*) AS n FROM domains WHERE removed_at IS NOT NULL').get() as { n: number }).n).toBe(0);
    expect(h.runs.lastFinished('a1')).toMatchObject({ state: 'failed', errorCode: 'Cancelled' });
  });
});
