import type { Database } from 'better-sqlite3';
import { m001Initial } from './001-initial.js';
import { m002Accounts } from './002-accounts.js';
import { m003JobJournal } from './003-job-journal.js';
import { m004Portfolio } from './004-portfolio.js';
import { m005PortfolioSpeed } from './005-portfolio-speed.js';
import { m006PortfolioCounts } from './006-portfolio-counts.js';
import { m007CreatedPrivacySorts } from './007-created-privacy-sorts.js';

/**
 * Numbered migrations, applied in order at start inside one transaction.
 * `PRAGMA user_version` records the last applied number. Append only: never
 * edit a migration that has shipped; add the next number instead.
 */
export interface Migration {
  version: number;
  name: string;
  up(db: Database): void;
}

export const migrations: readonly Migration[] = [m001Initial, m002Accounts, m003JobJournal, m004Portfolio, m005PortfolioSpeed, m006PortfolioCounts, m007CreatedPrivacySorts];

export const LATEST_SCHEMA_VERSION = migrations.length;
