import type { DomainFilter } from '../../../src-shared/contract/areas/portfolio.js';
import type { DomainStatus } from '../../../src-shared/domain-status.js';
import type { Db } from '../connection.js';
import { buildWhere } from './domain-query-sql.js';
import { trigramReadiness } from './domain-search-index.js';

/** One cache row with the investor's data beside it, in storage form (epoch ms, JSON text). */
export interface ExportRow {
  id: number;
  name: string;
  unicode: string;
  tld: string;
  registrar: string;
  account_id: string;
  account: string | null;
  status: DomainStatus;
  expires_at: number | null;
  registry_expires_at: number | null;
  created_at: number | null;
  auto_renew: number | null;
  locked: number | null;
  privacy: string | null;
  nameservers: string | null;
  folder: string | null;
  renewal_price_minor: number | null;
  renewal_currency: string | null;
  flags: string;
  first_seen_at: number;
  last_synced_at: number;
  removed_at: number | null;
  /** JSON array of tags, ordered as the app lists them. */
  tags: string;
  notes: string | null;
  purchase_price_minor: number | null;
  purchase_currency: string | null;
  purchase_date: string | null;
  asking_price_minor: number | null;
  asking_currency: string | null;
  custom_fields: string | null;
  user_updated_at: number | null;
  raw_list?: string | null;
  raw_detail?: string | null;
}

/** Field name and SQL of each column; rows come back as arrays (far cheaper than objects at 100k) and are named in JS. */
const FIELDS: [keyof ExportRow, string][] = [
  ['id', 'd.id'],
  ['name', 'd.name'],
  ['unicode', 'd.unicode'],
  ['tld', 'd.tld'],
  ['registrar', 'd.registrar'],
  ['account_id', 'd.account_id'],
  ['account', 'a.label'],
  ['status', 'd.status'],
  ['expires_at', 'd.expires_at'],
  ['registry_expires_at', 'd.registry_expires_at'],
  ['created_at', 'd.created_at'],
  ['auto_renew', 'd.auto_renew'],
  ['locked', 'd.locked'],
  ['privacy', 'd.privacy'],
  ['nameservers', 'd.nameservers'],
  ['folder', 'd.folder'],
  ['renewal_price_minor', 'd.renewal_price_minor'],
  ['renewal_currency', 'd.renewal_currency'],
  ['flags', 'd.flags'],
  ['first_seen_at', 'd.first_seen_at'],
  ['last_synced_at', 'd.last_synced_at'],
  ['removed_at', 'd.removed_at'],
  ['tags', '(SELECT json_group_array(tag) FROM (SELECT tag FROM domain_tags t WHERE t.name = d.name ORDER BY tag))'],
  ['notes', 'u.notes'],
  ['purchase_price_minor', 'u.purchase_price_minor'],
  ['purchase_currency', 'u.purchase_currency'],
  ['purchase_date', 'u.purchase_date'],
  ['asking_price_minor', 'u.asking_price_minor'],
  ['asking_currency', 'u.asking_currency'],
  ['custom_fields', 'u.custom_fields'],
  ['user_updated_at', 'u.updated_at'],
];
const RAW_FIELDS: [keyof ExportRow, string][] = [
  ['raw_list', 'd.raw_list'],
  ['raw_detail', 'd.raw_detail'],
];

/**
 * The export's read: every cache row under a filter, sorted by name, with
 * user data and tags joined in. `rows` iterates (one row in memory at a
 * time); the caller runs it inside a read transaction so the count and the
 * rows are one snapshot.
 */
export function createPortfolioExportRepo(db: Db) {
  // While the trigram index is being filled (after a big load) a search must scan names, or the export would miss some.
  const trigramReady = trigramReadiness(db);
  const whereOf = (filter: DomainFilter) => buildWhere(filter, undefined, undefined, 'set', undefined, trigramReady());
  return {
    count(filter: DomainFilter): number {
      const where = whereOf(filter);
      return (db.prepare(`SELECT count(*) AS n FROM domains d ${where.sql}`).get(...where.params) as { n: number }).n;
    },
    *rows(filter: DomainFilter, includeRaw: boolean): Generator<ExportRow> {
      const where = whereOf(filter);
      const fields = includeRaw ? [...FIELDS, ...RAW_FIELDS] : FIELDS;
      const stmt = db
        .prepare(
          `SELECT ${fields.map(([, sql]) => sql).join(', ')}
           FROM domains d
           LEFT JOIN accounts a ON a.id = d.account_id
           LEFT JOIN domain_user_data u ON u.name = d.name
           ${where.sql}
           ORDER BY d.name, d.removed_at IS NOT NULL, d.id`,
        )
        .raw(true);
      for (const a of stmt.iterate(...where.params) as IterableIterator<unknown[]>) {
        const row: Record<string, unknown> = {};
        for (let i = 0; i < fields.length; i++) row[fields[i]![0]] = a[i];
        yield row as unknown as ExportRow;
      }
    },
  };
}
