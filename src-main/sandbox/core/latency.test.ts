import { describe, expect, it } from 'vitest';
import { waitUntil } from './latency.js';

describe('waitUntil (latency fault)', () => {
  it('never resolves before the deadline, and typically within 1 ms after it', async () => {
    const late: number[] = [];
    for (const ms of [0, 1, 2, 5, 7, 12, 20, 20, 20, 20, 20, 20, 33]) {
      const deadline = performance.now() + ms;
      await waitUntil(deadline);
      late.push(performance.now() - deadline);
    }
    expect(Math.min(...late)).toBeGreaterThanOrEqual(0);
    late.sort((a, b) => a - b);
    // The median, not the max: a busy machine may deschedule the process now and then.
    expect(late[Math.floor(late.length / 2)]!).toBeLessThan(1);
  });

  it('resolves at once for a deadline already passed', async () => {
    const t0 = performance.now();
    await waitUntil(t0 - 5);
    expect(performance.now() - t0).toBeLessThan(5);
  });

  it('lets other work run while it waits', async () => {
    let ticks = 0;
    const deadline = performance.now() + 10;
    const counting = (async () => {
      while (performance.now() < deadline) {
        ticks++;
        await new Promise((r) => setImmediate(r));
      }
    })();
    await waitUntil(deadline);
    await counting;
    expect(ticks).toBeGreaterThan(1);
  });
});
