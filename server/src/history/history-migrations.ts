import type { Database } from 'better-sqlite3';
import { HistoryUnavailableError } from './history-errors.ts';

/**
 * The schema, one numbered step at a time: step N takes a database at user_version N-1 to N. Steps are only ever
 * appended (a released step never changes), so every older history.sqlite migrates forward in order.
 *
 * What stays plain is what identifies nothing: counts, timestamps, exchange ids, capabilities, severities and
 * rule ids. Everything about a key or account (ids, labels, names, IPs, permission words, finding text) is inside
 * the encrypted `body` blobs; keys and accounts are matched by keyed fingerprints (history-cipher.ts).
 */
export const MIGRATIONS: readonly string[] = [
  // 1: runs, and key versions (a key's state written when it first appears, again only when it changes).
  `CREATE TABLE runs (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     started_at TEXT NOT NULL,
     finished_at TEXT NOT NULL,
     source TEXT NOT NULL,
     connections_ok INTEGER NOT NULL,
     connections_partial INTEGER NOT NULL,
     connections_failed INTEGER NOT NULL,
     key_count INTEGER NOT NULL,
     findings_critical INTEGER NOT NULL,
     findings_high INTEGER NOT NULL,
     findings_medium INTEGER NOT NULL,
     findings_low INTEGER NOT NULL,
     findings_info INTEGER NOT NULL,
     -- encrypted: the run without its keys and findings (connections, accounts, errors)
     body BLOB NOT NULL,
     -- plain: which key versions the run holds, in its order, and its findings' order (indices only)
     layout BLOB NOT NULL
   );
   CREATE TABLE key_versions (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     fingerprint BLOB NOT NULL,
     -- the run that wrote this version, and when it finished (kept when that run is pruned)
     run_id INTEGER NOT NULL,
     recorded_at TEXT NOT NULL,
     connection_fingerprint BLOB NOT NULL,
     account_fingerprint BLOB NOT NULL,
     state_mac BLOB,
     exchange TEXT NOT NULL,
     capabilities TEXT NOT NULL,
     finding_rules TEXT NOT NULL,
     -- encrypted: the whole key JSON and its findings; NULL is a tombstone (the key disappeared)
     body BLOB
   );
   CREATE INDEX key_versions_by_fingerprint ON key_versions(fingerprint, id);
   -- the newest version of every key, small rows: what recordRun compares a run against, without reading bodies
   CREATE TABLE key_heads (
     fingerprint BLOB PRIMARY KEY,
     version_id INTEGER NOT NULL,
     state_mac BLOB,
     connection_fingerprint BLOB NOT NULL,
     account_fingerprint BLOB NOT NULL,
     exchange TEXT NOT NULL
   ) WITHOUT ROWID;`,
  // 2: a check that the vault's history key is the one the database was written under, and prune's index.
  `CREATE TABLE meta (name TEXT PRIMARY KEY, value BLOB NOT NULL);
   CREATE INDEX key_versions_by_run ON key_versions(run_id);`,
  // 3: alerts (issue 12). Which fact went to which channel, so no fact is sent twice across runs and processes: the
  // fact is an HMAC under the history key (never a key id); the channel a random ch_ id. Each delivery's result
  // (a status or kind of failure, never a URL). And a watch run's interval, so the dashboard can tell the next one.
  `CREATE TABLE alert_facts_sent (
     channel_id TEXT NOT NULL,
     fact BLOB NOT NULL,
     sent_at TEXT NOT NULL,
     run_id INTEGER,
     PRIMARY KEY (channel_id, fact)
   ) WITHOUT ROWID;
   CREATE TABLE alert_deliveries (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     channel_id TEXT NOT NULL,
     at TEXT NOT NULL,
     run_id INTEGER,
     event TEXT NOT NULL,
     ok INTEGER NOT NULL,
     attempts INTEGER NOT NULL,
     reason TEXT,
     facts INTEGER NOT NULL,
     bytes INTEGER NOT NULL
   );
   CREATE INDEX alert_deliveries_by_channel ON alert_deliveries(channel_id, id);
   ALTER TABLE runs ADD COLUMN watch_every_ms INTEGER;`,
  // 4: the usage ledger (issue 12): keyaudit's own successful signed calls per calling key — the only use of a key
  // keyaudit can vouch for. The key is a keyed fingerprint of its exchange and API key; the endpoint a class
  // ('read-keys', 'revoke', …), not a URL.
  `CREATE TABLE key_usage (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     key_fingerprint BLOB NOT NULL,
     at TEXT NOT NULL,
     endpoint_class TEXT NOT NULL,
     result TEXT NOT NULL
   );
   CREATE INDEX key_usage_by_key ON key_usage(key_fingerprint, at);`,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** Brings the database to SCHEMA_VERSION, each step in its own transaction; refuses a newer one. */
export function migrate(db: Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) {
    throw new HistoryUnavailableError(
      `history.sqlite was written by a newer keyaudit (schema version ${current}; this one reads up to ${SCHEMA_VERSION}). Update keyaudit; the file was left untouched.`,
    );
  }
  for (let version = current + 1; version <= SCHEMA_VERSION; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version - 1]);
      db.pragma(`user_version = ${version}`);
    })();
  }
}
