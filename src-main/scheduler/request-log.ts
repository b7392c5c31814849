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

export interface RequestLog {
  write(entry: RequestLogEntry): void;
}

export const REQUEST_LOG_FILE = 'requests.jsonl';

export function createRequestLog(dataDir: string, options: { maxBytes?: number; keep?: number } = {}): RequestLog {
  const maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
  const keep = options.keep ?? 3;
  const dir = join(dataDir, 'logs');
  const file = join(dir, REQUEST_LOG_FILE);
  let size = -1;

  const rotate = () => {
    rmSync(`${file}.${keep}`, { force: true });
    for (let i = keep - 1; i >= 1; i--) if (existsSync(`${file}.${i}`)) renameSync(`${file}.${i}`, `${file}.${i + 1}`);
    renameSync(file, `${file}.1`);
    size = 0;
  };

  return {
    write(entry) {
      try {
        if (size < 0) {
          mkdirSync(dir, { recursive: true });
          size = existsSync(file) ? statSync(file).size : 0;
        }
        const line = `${redactPatterns(JSON.stringify(entry))}\n`;
        if (size > 0 && size + line.length > maxBytes) rotate();
        appendFileSync(file, line);
        size += Buffer.byteLength(line);
      } catch {
        // Diagnostics must never break a registrar call (full disk, read-only dir).
        size = -1;
      }
    },
  };
}
