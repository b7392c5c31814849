import type { Db } from '../db/connection.js';
import type { SecretRegistry } from '../vault/redact.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  log(level: LogLevel, source: string, message: string): void;
}

/**
 * Writes redacted lines to the app_log table (and to stderr when
 * DOMAINDECK_LOG=1). Every message passes through the secret registry, so a
 * credential that slips into an error text never reaches disk.
 */
export function createLogger(db: Db, secrets: SecretRegistry, now: () => number, echo = process.env.DOMAINDECK_LOG === '1'): Logger {
  const insert = db.prepare('INSERT INTO app_log(at, level, source, message) VALUES (?, ?, ?, ?)');
  return {
    log(level, source, message) {
      const safe = secrets.redact(message);
      insert.run(now(), level, source, safe);
      if (echo) process.stderr.write(`[${level}] ${source}: ${safe}\n`);
    },
  };
}
