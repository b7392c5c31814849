import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRequestLog, REQUEST_LOG_FILE, type RequestLogInput } from './request-log.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dd-reqlog-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const file = () => join(dir, 'logs', REQUEST_LOG_FILE);
const lines = (path = file()) => (existsSync(path) ? readFileSync(path, 'utf8').trim().split('\n').filter(Boolean) : []);
const entry = (i: number, extra: Partial<RequestLogInput> = {}): RequestLogInput => ({
  at: Date.UTC(2030, 0, 1) + i,
  registrar: 'dynadot',
  account: 'dyn-a',
  command: 'get_account_balance',
  kind: 'read',
  priority: 'bulk',
  attempt: 1,
  durationMs: 20,
  outcome: 'ok',
  ...extra,
});

describe('request log', () => {
  it('buffers lines and writes them all on close, in order, with ISO times', () => {
    const log = createRequestLog(dir, { flushAfterMs: 60_000 });
    for (let i = 0; i < 10; i++) log.write(entry(i));
    expect(lines()).toEqual([]);
    log.close();
    const got = lines().map((l) => JSON.parse(l) as { at: string });
    expect(got).toHaveLength(10);
    expect(got[0]!.at).toBe('2030-01-01T00:00:00.000Z');
    expect(got[9]!.at).toBe('2030-01-01T00:00:00.009Z');
  });

  it('appends once 64 lines are waiting, and after flushAfterMs otherwise', async () => {
    const log = createRequestLog(dir, { flushAfterMs: 30 });
    for (let i = 0; i < 64; i++) log.write(entry(i));
    expect(lines()).toHaveLength(64);
    log.write(entry(64));
    expect(lines()).toHaveLength(64);
    await new Promise((r) => setTimeout(r, 80));
    expect(lines()).toHaveLength(65);
    log.close();
  });

  it('masks secrets in text fields', () => {
    const log = createRequestLog(dir);
    log.write(entry(0, { outcome: 'error', code: 'key=abcdef0123456789abcdef0123456789' }));
    log.close();
    expect(readFileSync(file(), 'utf8')).not.toContain('abcdef0123456789');
  });

  it('rotates by size within one flush and keeps a bounded number of generations', () => {
    const log = createRequestLog(dir, { maxBytes: 1_000, keep: 2 });
    for (let i = 0; i < 40; i++) log.write(entry(i));
    log.close();
    const all = [...lines(`${file()}.2`), ...lines(`${file()}.1`), ...lines()];
    for (const path of [file(), `${file()}.1`, `${file()}.2`]) expect(readFileSync(path).length).toBeLessThanOrEqual(1_000);
    expect(existsSync(`${file()}.3`)).toBe(false);
    // The newest entries survive rotation, in order.
    const ats = all.map((l) => (JSON.parse(l) as { at: string }).at);
    expect(ats.at(-1)).toBe('2030-01-01T00:00:00.039Z');
    expect([...ats].sort()).toEqual(ats);
  });

  it('never throws when the log cannot be written', () => {
    const log = createRequestLog(join(dir, 'missing', '\0bad'));
    log.write(entry(0));
    expect(() => log.close()).not.toThrow();
  });
});
