// Rebuilds, on its own thread and connection, what a bulk load dropped
// (domain-bulk-load.ts): the secondary indexes one per transaction, then the
// remaining triggers with `finalSql` (the facet recount) in one transaction,
// then a checkpoint of the WAL the load grew. Plain JavaScript: a worker
// thread does not inherit the TypeScript loader. The parent's stop flag is
// read between statements; SQLite itself is never interrupted mid-statement.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

/** @type {{ path: string, busyTimeoutMs: number, threads: number, keepPrefix: string, finalSql: string, stop: Int32Array }} */
const job = workerData;
const db = new Database(job.path);

try {
  db.pragma(`busy_timeout = ${job.busyTimeoutMs}`);
  // SQLite's sorter may use helper threads for CREATE INDEX (none by default).
  db.pragma(`threads = ${job.threads}`);
  const nextIndex = db.prepare("SELECT name, sql FROM domains_deferred_ddl WHERE type = 'index' ORDER BY name LIMIT 1");
  const triggers = db.prepare("SELECT name, sql FROM domains_deferred_ddl WHERE type = 'trigger' ORDER BY name");
  const exists = db.prepare('SELECT count(*) AS n FROM sqlite_schema WHERE name = ?').pluck(true);
  const forget = db.prepare('DELETE FROM domains_deferred_ddl WHERE name = ?');
  const stopped = () => Atomics.load(job.stop, 0) !== 0;

  /** Creates a saved structure unless it exists already (a repair that ran meanwhile), and forgets its SQL. */
  const recreate = (d) => {
    if (exists.get(d.name) === 0) db.exec(d.sql);
    forget.run(d.name);
  };
  // IMMEDIATE: take the write lock up front (waiting on the busy timeout), never fail on upgrading a read.
  const buildOne = db.transaction(() => {
    const d = nextIndex.get();
    if (d) recreate(d);
    return d ?? null;
  });
  const finish = db.transaction(() => {
    for (const d of triggers.all()) if (!d.name.startsWith(job.keepPrefix)) recreate(d);
    db.exec(job.finalSql);
  });

  let outcome = 'built';
  for (;;) {
    if (stopped()) {
      outcome = 'stopped';
      break;
    }
    if (buildOne.immediate() === null) break;
  }
  if (outcome === 'built') {
    if (stopped()) outcome = 'stopped';
    else finish.immediate();
  }
  // The load's pages sit in the WAL: copy them into the database here, not in the next commit of the app's thread.
  db.pragma('wal_checkpoint(PASSIVE)');
  parentPort?.postMessage({ outcome });
} catch (err) {
  parentPort?.postMessage({ error: err instanceof Error ? err.message : String(err) });
} finally {
  db.close();
}
