import { appendFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { redactPatterns } from '../vault/redact.js';

/**
 * One JSON line per registrar request in `<dataDir>/logs/requests.jsonl`:
 * registrar, account label, command, duration, outcome. The lane writes it,
 * so no adapter can forget; it never sees a URL, header or body, only the
 * command name, so a key cannot leak through it (and text fields are still
 * pattern-redacted). Rotated by size, a few generations kept.
 */
export interface RequestLogEntry {
  at: string;
  registrar: string;
  account: string;
  command: string;
  kind: 'read' | 'write';
  priority: 'interactive' | 'bulk';
  attempt: number;
  durationMs: number;
  /** 'ok', a RegistrarError kind, or 'error' for anything else. */
  outcome: string;
  code?: string;
}

/** What the lane hands over: `at` as epoch ms, formatted when the line is written (off the request path). */
export type RequestLogInput = Omit<RequestLogEntry, 'at'> & { at: number };

export interface RequestLog {
  write(entry: RequestLogInput): void;
  /** Appends what is buffered now (close() and process exit do it too). */
  flush(): void;
  close(): void;
}

export const REQUEST_LOG_FILE = 'requests.jsonl';
/** Lines are buffered and appended together: after this long, or at FLUSH_LINES lines, whichever comes first. */
export const FLUSH_AFTER_MS = 250;
const FLUSH_LINES = 64;

/**
 * Buffered, because a synchronous append per request costs a few hundred
 * microseconds on a lane that otherwise sleeps between requests. Crash
 * semantics: a normal close, process.exit or a drained event loop writes
 * everything; a kill -9 or power loss loses at most the last FLUSH_AFTER_MS
 * (or FLUSH_LINES lines) of entries. The log is diagnostics: the job journal,
 * not this file, is what decides whether a write happened.
 */
export function createRequestLog(dataDir: string, options: { maxBytes?: number; keep?: number; flushAfterMs?: number } = {}): RequestLog {
  const maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
  const keep = options.keep ?? 3;
  const flushAfterMs = options.flushAfterMs ?? FLUSH_AFTER_MS;
  const dir = join(dataDir, 'logs');
  const file = join(dir, REQUEST_LOG_FILE);
  let size = -1;
  let pending: RequestLogInput[] = [];
  let timer: NodeJS.Timeout | null = null;

  const rotate = () => {
    rmSync(`${file}.${keep}`, { force: true });
    for (let i = keep - 1; i >= 1; i--) if (existsSync(`${file}.${i}`)) renameSync(`${file}.${i}`, `${file}.${i + 1}`);
    renameSync(file, `${file}.1`);
    size = 0;
  };

  const append = (lines: string[]) => {
    if (size < 0) {
      mkdirSync(dir, { recursive: true });
      size = existsSync(file) ? statSync(file).size : 0;
    }
    // Rotation stays per line, so a generation never grows past maxBytes by more than one line.
    let chunk = '';
    let chunkBytes = 0;
    for (const line of lines) {
      const bytes = Buffer.byteLength(line);
      if (size + chunkBytes > 0 && size + chunkBytes + bytes > maxBytes) {
        if (chunk) appendFileSync(file, chunk);
        size += chunkBytes;
        chunk = '';
        chunkBytes = 0;
        if (size > 0) rotate();
      }
      chunk += line;
      chunkBytes += bytes;
    }
    if (chunk) appendFileSync(file, chunk);
    size += chunkBytes;
  };

  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    process.off('exit', flush);
    if (pending.length === 0) return;
    const entries = pending;
    pending = [];
    try {
      append(entries.map((e) => `${redactPatterns(JSON.stringify({ ...e, at: new Date(e.at).toISOString() }))}\n`));
    } catch {
      // Diagnostics must never break a registrar call (full disk, read-only dir).
      size = -1;
    }
  };

  return {
    write(entry) {
      pending.push(entry);
      if (pending.length >= FLUSH_LINES) return flush();
      if (timer) return;
      // Unref'd: the buffer never keeps a CLI alive; the exit hook writes what is left.
      timer = setTimeout(flush, flushAfterMs).unref();
      process.on('exit', flush);
    },
    flush,
    close: flush,
  };
}
