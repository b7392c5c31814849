import type { Migration } from './index.js';

/**
 * Sort indexes for the two sortable columns that had none: created date
 * ("newest acquisitions first") and privacy. Without them a sorted page at
 * 100k names sorted every row (~180 ms); with them it walks the index and
 * stops at the page's end. Bulk loads drop and rebuild them like the others.
 */
export const m007CreatedPrivacySorts: Migration = {
  version: 7,
  name: 'created-privacy-sorts',
  up(db) {
    db.exec(`
      CREATE INDEX domains_p_created ON domains(created_at, name) WHERE removed_at IS NULL;
      CREATE INDEX domains_p_privacy ON domains(privacy, name) WHERE removed_at IS NULL;
    `);
  },
};
