import Database from 'better-sqlite3';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { AuditRun } from '@contract/audit-run.ts';
import type { AuditedKey } from '@contract/audited-key.ts';
import { SEVERITIES, type Finding } from '@contract/finding.ts';
import type { RecordedRun, RunSummary } from '@contract/history.ts';
import { createHistoryCipher, type HistoryCipher } from './history-cipher.ts';
import { HistoryUnavailableError } from './history-errors.ts';
import { migrate } from './history-migrations.ts';
import type { HistoryStore, KeyState, RunSource } from './history-store.ts';

/** One key version's encrypted body: the key's whole JSON (fields this version does not know survive) and its findings. */
type VersionBody = { key: AuditedKey; findings: Finding[] };
/** A run's plain layout: version ids in the run's key order (delta-coded), and its findings' order. */
type Layout = { keys: number[]; findings: number[] };
type RunRow = {
  id: number;
  started_at: string;
  finished_at: string;
  source: RunSource;
  connections_ok: number;
  connections_partial: number;
  connections_failed: number;
  key_count: number;
  findings_critical: number;
  findings_high: number;
  findings_medium: number;
  findings_low: number;
  findings_info: number;
  watch_every_ms: number | null;
  body: Buffer;
  layout: Buffer;
};

const KEY_CHECK = 'keyaudit history key check';
/** Decrypted version bodies kept in memory while the store is open: two runs to compare share most of them. */
const VERSION_CACHE_LIMIT = 50_000;

export type OpenHistoryOptions = {
  /** ':memory:' for the demo: nothing on disk. */
  location: string;
  historyKey: Buffer;
};

/**
 * The history in SQLite (better-sqlite3). Opening migrates an older schema, refuses a newer one, and checks the
 * history key is the one the database was written under; any failure is a HistoryUnavailableError with the reason.
 */
export function openSqliteHistory({ location, historyKey }: OpenHistoryOptions): HistoryStore {
  let db: Database.Database | null = null;
  const cipher = createHistoryCipher(historyKey);
  try {
    db = new Database(location);
    if (location !== ':memory:') db.pragma('journal_mode = WAL');
    // Every commit reaches the disk before recordRun returns: a run reported as recorded survives a crash or power loss.
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    migrate(db);
    checkKey(db, cipher);
    return createStore(db, cipher);
  } catch (error) {
    db?.close();
    cipher.wipe();
    if (error instanceof HistoryUnavailableError) throw error;
    const code = error instanceof Error && 'code' in error ? String(error.code) : 'unknown';
    throw new HistoryUnavailableError(`history.sqlite cannot be read (${code}); move it aside to start a new history.`);
  }
}

function checkKey(db: Database.Database, cipher: HistoryCipher): void {
  const expected = cipher.stateMac(KEY_CHECK);
  const row = db.prepare('SELECT value FROM meta WHERE name = ?').get('key-check') as { value: Buffer } | undefined;
  if (!row) db.prepare('INSERT INTO meta (name, value) VALUES (?, ?)').run('key-check', expected);
  else if (!row.value.equals(expected)) throw new HistoryUnavailableError('history.sqlite was written under another vault’s history key; move it aside to start a new history.');
}

function createStore(db: Database.Database, cipher: HistoryCipher): HistoryStore {
  const versionCache = new Map<number, string>();
  /** Key id → fingerprint: the same ids come back every run. */
  const fingerprints = new Map<string, Buffer>();
  const fingerprintOf = (keyId: string) => {
    let fingerprint = fingerprints.get(keyId);
    if (!fingerprint) {
      if (fingerprints.size >= VERSION_CACHE_LIMIT) fingerprints.clear();
      fingerprints.set(keyId, (fingerprint = cipher.fingerprint(keyId)));
    }
    return fingerprint;
  };
  const statements = {
    latestVersions: db.prepare('SELECT version_id AS id, fingerprint, state_mac, connection_fingerprint, account_fingerprint, exchange, state_mac IS NULL AS tombstone FROM key_heads'),
    setHead: db.prepare(
      `INSERT INTO key_heads (fingerprint, version_id, state_mac, connection_fingerprint, account_fingerprint, exchange) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (fingerprint) DO UPDATE SET version_id = excluded.version_id, state_mac = excluded.state_mac,
         connection_fingerprint = excluded.connection_fingerprint, account_fingerprint = excluded.account_fingerprint, exchange = excluded.exchange`,
    ),
    insertRun: db.prepare(
      `INSERT INTO runs (started_at, finished_at, source, connections_ok, connections_partial, connections_failed, key_count,
         findings_critical, findings_high, findings_medium, findings_low, findings_info, body, layout, watch_every_ms)
       VALUES (@started_at, @finished_at, @source, @connections_ok, @connections_partial, @connections_failed, @key_count,
         @findings_critical, @findings_high, @findings_medium, @findings_low, @findings_info, @body, @layout, @watch_every_ms)`,
    ),
    setRunBody: db.prepare('UPDATE runs SET body = ?, layout = ? WHERE id = ?'),
    insertVersion: db.prepare(
      `INSERT INTO key_versions (fingerprint, run_id, recorded_at, connection_fingerprint, account_fingerprint, state_mac, exchange, capabilities, finding_rules, body)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    run: db.prepare('SELECT * FROM runs WHERE id = ?'),
    runs: db.prepare(
      `SELECT id, started_at, finished_at, source, connections_ok, connections_partial, connections_failed, key_count,
         findings_critical, findings_high, findings_medium, findings_low, findings_info, watch_every_ms FROM runs ORDER BY id DESC`,
    ),
    factSent: db.prepare('SELECT 1 FROM alert_facts_sent WHERE channel_id = ? AND fact = ?'),
    claimFact: db.prepare('INSERT OR IGNORE INTO alert_facts_sent (channel_id, fact, sent_at, run_id) VALUES (?, ?, ?, ?)'),
    releaseFact: db.prepare('DELETE FROM alert_facts_sent WHERE channel_id = ? AND fact = ?'),
    insertDelivery: db.prepare(
      `INSERT INTO alert_deliveries (channel_id, at, run_id, event, ok, attempts, reason, facts, bytes)
       VALUES (@channelId, @at, @runId, @event, @ok, @attempts, @reason, @facts, @bytes)`,
    ),
    lastDeliveries: db.prepare('SELECT * FROM alert_deliveries WHERE id IN (SELECT max(id) FROM alert_deliveries GROUP BY channel_id) ORDER BY id'),
    insertUse: db.prepare('INSERT INTO key_usage (key_fingerprint, at, endpoint_class, result) VALUES (?, ?, ?, ?)'),
    lastUse: db.prepare(`SELECT max(at) AS at FROM key_usage WHERE key_fingerprint = ? AND result = 'ok'`),
    latestRunId: db.prepare('SELECT max(id) AS id FROM runs'),
    versions: db.prepare('SELECT id, fingerprint, body FROM key_versions WHERE id IN (SELECT value FROM json_each(?))'),
    statesOf: db.prepare('SELECT id, fingerprint, run_id, recorded_at, body FROM key_versions WHERE fingerprint = ? ORDER BY id'),
  };

  const cacheVersion = (id: number, text: string) => {
    if (versionCache.size >= VERSION_CACHE_LIMIT) versionCache.clear();
    versionCache.set(id, text);
  };
  /** Parsed once and frozen: the runs and states handed out share them, so no caller may change them. */
  const parsedCache = new Map<number, VersionBody>();
  const parsedVersion = (id: number, fingerprint: Buffer, body: Buffer): VersionBody => {
    let parsed = parsedCache.get(id);
    if (parsed === undefined) {
      parsed = deepFreeze(JSON.parse(versionText(id, fingerprint, body)) as VersionBody);
      if (parsedCache.size >= VERSION_CACHE_LIMIT) parsedCache.clear();
      parsedCache.set(id, parsed);
    }
    return parsed;
  };
  const versionText = (id: number, fingerprint: Buffer, body: Buffer): string => {
    let text = versionCache.get(id);
    if (text === undefined) {
      text = cipher.open(body, versionContext(fingerprint)).toString('utf8');
      cacheVersion(id, text);
    }
    return text;
  };

  /** Versions written by the transaction in flight: cached only once it commits, as a rollback frees their ids. */
  let written: [number, string][] = [];
  const recordTransaction = db.transaction((run: AuditRun, source: RunSource, watchEveryMs: number | null): RunSummary => {
      const { keys, findings, ...rest } = run;
      const summary = summarize(run, source);
      const { runId: _placeholder, ...counts } = summary;
      const runId = Number(
        statements.insertRun.run({
          started_at: counts.startedAt,
          finished_at: counts.finishedAt,
          source,
          connections_ok: counts.connections.ok,
          connections_partial: counts.connections.partial,
          connections_failed: counts.connections.failed,
          key_count: counts.keys,
          ...Object.fromEntries(SEVERITIES.map((severity) => [`findings_${severity}`, counts.findings[severity]])),
          body: Buffer.alloc(0),
          layout: Buffer.alloc(0),
          watch_every_ms: watchEveryMs,
        }).lastInsertRowid,
      );

      const latest = new Map<string, { id: number; stateMac: Buffer | null; connectionFingerprint: Buffer; accountFingerprint: Buffer; exchange: string; tombstone: boolean }>();
      for (const row of statements.latestVersions.all() as { id: number; fingerprint: Buffer; state_mac: Buffer | null; connection_fingerprint: Buffer; account_fingerprint: Buffer; exchange: string; tombstone: number }[]) {
        latest.set(row.fingerprint.toString('hex'), {
          id: row.id,
          stateMac: row.state_mac,
          connectionFingerprint: row.connection_fingerprint,
          accountFingerprint: row.account_fingerprint,
          exchange: row.exchange,
          tombstone: row.tombstone === 1,
        });
      }

      const findingsByKey = new Map<string, Finding[]>();
      for (const finding of findings) findingsByKey.set(finding.keyId, [...(findingsByKey.get(finding.keyId) ?? []), finding]);

      const present = new Set<string>();
      const versionIds: number[] = [];
      const positionOfKey = new Map<string, number>();
      keys.forEach((key, position) => {
        positionOfKey.set(key.id, position);
        const fingerprint = fingerprintOf(key.id);
        const hex = fingerprint.toString('hex');
        present.add(hex);
        const body: VersionBody = { key, findings: findingsByKey.get(key.id) ?? [] };
        const text = JSON.stringify(body);
        const previous = latest.get(hex);
        // The text of the key's last version, when this process has it, answers "unchanged?" without an HMAC.
        if (previous && !previous.tombstone && versionCache.get(previous.id) === text) {
          versionIds.push(previous.id);
          return;
        }
        const mac = cipher.stateMac(text);
        if (previous && !previous.tombstone && previous.stateMac?.equals(mac)) {
          cacheVersion(previous.id, text);
          versionIds.push(previous.id);
          return;
        }
        const connectionFingerprint = cipher.fingerprint(connectionIdentity(key.connectionId));
        const accountFingerprint = cipher.fingerprint(accountIdentity(key.connectionId, key.account));
        const id = Number(
          statements.insertVersion.run(
            fingerprint,
            runId,
            run.finishedAt,
            connectionFingerprint,
            accountFingerprint,
            mac,
            key.exchange,
            JSON.stringify([...new Set(key.capabilities.map((granted) => granted.capability))]),
            body.findings.map((finding) => `${finding.ruleId}:${finding.severity}`).join(','),
            cipher.seal(Buffer.from(text, 'utf8'), versionContext(fingerprint)),
          ).lastInsertRowid,
        );
        statements.setHead.run(fingerprint, id, mac, connectionFingerprint, accountFingerprint, key.exchange);
        written.push([id, text]);
        latest.set(hex, { id, stateMac: mac, connectionFingerprint, accountFingerprint, exchange: key.exchange, tombstone: false });
        versionIds.push(id);
      });

      // A key is gone when its connection was read and its account did not fail (a deleted sub-account is no longer
      // listed at all); a failed connection or account, or a connection no longer in the vault, says nothing of its keys.
      const connectionsRead = new Set<string>();
      const accountsFailed = new Set<string>();
      for (const connection of run.connections) {
        if (connection.status !== 'failed') connectionsRead.add(cipher.fingerprint(connectionIdentity(connection.connectionId)).toString('hex'));
        for (const account of connection.accounts) {
          if (account.status !== 'ok') accountsFailed.add(cipher.fingerprint(accountIdentity(connection.connectionId, account.account)).toString('hex'));
        }
      }
      for (const [hex, previous] of latest) {
        if (present.has(hex) || previous.tombstone) continue;
        if (!connectionsRead.has(previous.connectionFingerprint.toString('hex')) || accountsFailed.has(previous.accountFingerprint.toString('hex'))) continue;
        const fingerprint = Buffer.from(hex, 'hex');
        const id = statements.insertVersion.run(fingerprint, runId, run.finishedAt, previous.connectionFingerprint, previous.accountFingerprint, null, previous.exchange, '[]', '', null).lastInsertRowid;
        statements.setHead.run(fingerprint, id, null, previous.connectionFingerprint, previous.accountFingerprint, previous.exchange);
      }

      // Findings in the run's own order, each as (position of its key, index among that key's findings).
      const orphans: Finding[] = [];
      const seen = new Map<string, number>();
      const findingOrder: number[] = [];
      let lastPosition = 0;
      for (const finding of findings) {
        const position = positionOfKey.get(finding.keyId);
        if (position === undefined) {
          findingOrder.push(0, -1 - orphans.length); // a finding on no key of the run, kept whole in the encrypted body
          orphans.push(finding);
          continue;
        }
        const index = seen.get(finding.keyId) ?? 0;
        seen.set(finding.keyId, index + 1);
        findingOrder.push(position - lastPosition, index);
        lastPosition = position;
      }
      const layout: Layout = { keys: deltas(versionIds), findings: findingOrder };
      const body = cipher.seal(deflateRawSync(Buffer.from(JSON.stringify({ ...rest, orphanFindings: orphans }), 'utf8')), runContext(runId));
      statements.setRunBody.run(body, deflateRawSync(Buffer.from(JSON.stringify(layout), 'utf8')), runId);
      return { runId, ...counts, ...(watchEveryMs === null ? {} : { watchEveryMs }) };
    });

  type RunParts = { row: RunRow; rest: Omit<AuditRun, 'keys' | 'findings'>; orphanFindings: Finding[]; layout: Layout; versionIds: number[] };
  const readRunParts = (runId: number): RunParts | null => {
    const row = statements.run.get(runId) as RunRow | undefined;
    if (!row) return null;
    const { orphanFindings, ...rest } = JSON.parse(inflateRawSync(cipher.open(row.body, runContext(row.id))).toString('utf8')) as Omit<AuditRun, 'keys' | 'findings'> & { orphanFindings: Finding[] };
    const layout = JSON.parse(inflateRawSync(row.layout).toString('utf8')) as Layout;
    return { row, rest, orphanFindings, layout, versionIds: undeltas(layout.keys) };
  };
  /** Versions are shared by the runs that hold them: each is decrypted and parsed once while the store is open. */
  const versionBodies = (runId: number, versionIds: readonly number[]): VersionBody[] => {
    const missing = [...new Set(versionIds)].filter((id) => !parsedCache.has(id));
    if (missing.length > 0) {
      for (const version of statements.versions.all(JSON.stringify(missing)) as { id: number; fingerprint: Buffer; body: Buffer }[]) {
        parsedVersion(version.id, version.fingerprint, version.body);
      }
    }
    return versionIds.map((id) => {
      const body = parsedCache.get(id);
      if (body === undefined) throw new HistoryUnavailableError(`run ${runId} refers to a key version that is missing; the database was altered.`);
      return body;
    });
  };

  const loadRun = (runId: number): RecordedRun | null => {
    const parts = readRunParts(runId);
    if (!parts) return null;
    const { row, rest, orphanFindings, layout, versionIds } = parts;
    const bodies = versionBodies(runId, versionIds);
    const findings: Finding[] = [];
    let position = 0;
    for (let i = 0; i < layout.findings.length; i += 2) {
      const index = layout.findings[i + 1];
      if (index < 0) {
        findings.push(orphanFindings[-1 - index]);
        continue;
      }
      position += layout.findings[i];
      findings.push(bodies[position].findings[index]);
    }
    return { summary: toSummary(row), run: { ...rest, keys: bodies.map((body) => body.key), findings } as AuditRun };
  };

  const loadForChanges = (fromId: number, toId: number): [RecordedRun, RecordedRun] | null => {
    const from = readRunParts(fromId);
    const to = readRunParts(toId);
    if (!from || !to) return null;
    const inFrom = new Set(from.versionIds);
    const inTo = new Set(to.versionIds);
    const reduced = ({ row, rest, orphanFindings, versionIds }: RunParts, other: Set<number>): RecordedRun => {
      const bodies = versionBodies(row.id, versionIds.filter((id) => !other.has(id)));
      const run = { ...rest, keys: bodies.map((body) => body.key), findings: [...bodies.flatMap((body) => body.findings), ...orphanFindings] } as AuditRun;
      return { summary: toSummary(row), run };
    };
    return [reduced(from, inTo), reduced(to, inFrom)];
  };

  return {
    recordRun(run, source, { watchEveryMs } = {}) {
      written = [];
      const summary = recordTransaction.immediate(run, source, watchEveryMs ?? null);
      for (const [id, text] of written) cacheVersion(id, text);
      written = [];
      return summary;
    },
    listRuns: () => (statements.runs.all() as RunRow[]).map(toSummary),
    loadRun,
    loadForChanges,
    latestRun() {
      const { id } = statements.latestRunId.get() as { id: number | null };
      return id === null ? null : loadRun(id);
    },
    keyStates(keyId: string): KeyState[] {
      const fingerprint = cipher.fingerprint(keyId);
      return (statements.statesOf.all(fingerprint) as { id: number; fingerprint: Buffer; run_id: number; recorded_at: string; body: Buffer | null }[]).map((row) => {
        if (row.body === null) return { runId: row.run_id, at: row.recorded_at, key: null, findings: [] };
        const body = parsedVersion(row.id, row.fingerprint, row.body);
        return { runId: row.run_id, at: row.recorded_at, key: body.key, findings: body.findings };
      });
    },
    prune(olderThan: Date) {
      return db
        .transaction(() => {
          const { id: newest } = statements.latestRunId.get() as { id: number | null };
          if (newest === null) return { runsRemoved: 0 };
          const runsRemoved = db.prepare('DELETE FROM runs WHERE finished_at < ? AND id <> ?').run(olderThan.toISOString(), newest).changes;
          if (runsRemoved === 0) return { runsRemoved };
          const { oldest } = db.prepare('SELECT min(id) AS oldest FROM runs').get() as { oldest: number };
          const referenced = new Set<number>();
          for (const { layout } of db.prepare('SELECT layout FROM runs').all() as { layout: Buffer }[]) {
            for (const id of undeltas((JSON.parse(inflateRawSync(layout).toString('utf8')) as Layout).keys)) referenced.add(id);
          }
          // A version written by a pruned run goes unless a kept run still holds it (tombstones are held by none).
          const candidates = db.prepare('SELECT id FROM key_versions WHERE run_id < ?').all(oldest) as { id: number }[];
          const remove = db.prepare('DELETE FROM key_versions WHERE id = ?');
          for (const { id } of candidates) {
            if (!referenced.has(id)) {
              remove.run(id);
              versionCache.delete(id);
              parsedCache.delete(id);
            }
          }
          // A key whose every version went is forgotten; otherwise its head (the newest version) was kept.
          db.prepare('DELETE FROM key_heads WHERE version_id NOT IN (SELECT id FROM key_versions)').run();
          return { runsRemoved };
        })
        .immediate();
    },
    claimAlertFacts(channelId, at, runId, select) {
      return db
        .transaction(() => {
          const fact = (factId: string) => cipher.fingerprint(`alert-fact\0${factId}`);
          const selected = select((factId) => statements.factSent.get(channelId, fact(factId)) !== undefined);
          for (const factId of selected.factIds) statements.claimFact.run(channelId, fact(factId), at, runId);
          return selected;
        })
        .immediate();
    },
    releaseAlertFacts(channelId, factIds) {
      db.transaction(() => {
        for (const factId of factIds) statements.releaseFact.run(channelId, cipher.fingerprint(`alert-fact\0${factId}`));
      }).immediate();
    },
    recordAlertDelivery(delivery) {
      statements.insertDelivery.run({ ...delivery, ok: delivery.ok ? 1 : 0 });
    },
    lastAlertDeliveries: () =>
      (statements.lastDeliveries.all() as { channel_id: string; at: string; run_id: number | null; event: 'audit-alert' | 'test'; ok: number; attempts: number; reason: string | null; facts: number; bytes: number }[]).map((row) => ({
        channelId: row.channel_id,
        at: row.at,
        runId: row.run_id,
        event: row.event,
        ok: row.ok === 1,
        attempts: row.attempts,
        reason: row.reason,
        facts: row.facts,
        bytes: row.bytes,
      })),
    recordKeyUses(uses) {
      if (uses.length === 0) return;
      db.transaction(() => {
        for (const use of uses) statements.insertUse.run(cipher.fingerprint(usageIdentity(use.exchange, use.apiKey)), use.at, use.endpointClass, use.result);
      }).immediate();
    },
    lastKeyUse(exchange, apiKey) {
      return (statements.lastUse.get(cipher.fingerprint(usageIdentity(exchange, apiKey))) as { at: string | null }).at;
    },
    close() {
      versionCache.clear();
      parsedCache.clear();
      fingerprints.clear();
      if (db.open) db.close();
      cipher.wipe();
    },
  };
}

const versionContext = (fingerprint: Buffer) => `key-version:${fingerprint.toString('hex')}`;
const runContext = (runId: number) => `run:${runId}`;
const usageIdentity = (exchange: string, apiKey: string) => ['key-usage', exchange, apiKey].join('\0');
const connectionIdentity = (connectionId: string) => ['connection', connectionId].join('\0');
const accountIdentity = (connectionId: string, account: { kind: string; name: string }) => ['account', connectionId, account.kind, account.name].join('\0');

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

function deltas(values: number[]): number[] {
  return values.map((value, index) => value - (index === 0 ? 0 : values[index - 1]));
}

function undeltas(values: number[]): number[] {
  let total = 0;
  return values.map((value) => (total += value));
}

/** The counts `keyaudit history` lists: open (not accepted) findings only, as in the report's summary. */
export function summarize(run: AuditRun, source: RunSource): Omit<RunSummary, 'runId'> & { runId: 0 } {
  const connections = { ok: 0, partial: 0, failed: 0 };
  for (const connection of run.connections) connections[connection.status]++;
  const findings = Object.fromEntries(SEVERITIES.map((severity) => [severity, 0])) as RunSummary['findings'];
  for (const finding of run.findings) if (finding.acceptance == null) findings[finding.severity]++;
  return { runId: 0, startedAt: run.startedAt, finishedAt: run.finishedAt, source, connections, keys: run.keys.length, findings };
}

function toSummary(row: Omit<RunRow, 'body' | 'layout'>): RunSummary {
  return {
    runId: row.id,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    source: row.source,
    connections: { ok: row.connections_ok, partial: row.connections_partial, failed: row.connections_failed },
    keys: row.key_count,
    findings: { critical: row.findings_critical, high: row.findings_high, medium: row.findings_medium, low: row.findings_low, info: row.findings_info },
    ...(row.watch_every_ms === null || row.watch_every_ms === undefined ? {} : { watchEveryMs: row.watch_every_ms }),
  };
}
