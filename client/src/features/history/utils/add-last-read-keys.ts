import type { AuditRun } from '@contract/audit-run.ts';
import type { LastReadConnection } from '@contract/history.ts';

export type WithLastRead = {
  run: AuditRun;
  /** The keys added, by id, with when they were last read. */
  staleSince: ReadonlyMap<string, string>;
};

/**
 * Puts each failed connection's last read keys (and their findings) back into the run: a connection that fails must
 * not make its keys vanish and the risk counts fall. Only for a connection the run has as failed, and only keys the
 * run does not already hold.
 */
export function addLastReadKeys(run: AuditRun, lastReads: readonly LastReadConnection[]): WithLastRead {
  const failed = new Set(run.connections.filter((connection) => connection.status === 'failed').map((connection) => connection.connectionId));
  const held = new Set(run.keys.map((key) => key.id));
  const staleSince = new Map<string, string>();
  const keys = [...run.keys];
  const findings = [...run.findings];
  for (const lastRead of lastReads) {
    for (const key of lastRead.keys) {
      if (!failed.has(key.connectionId) || held.has(key.id) || staleSince.has(key.id)) continue;
      keys.push(key);
      staleSince.set(key.id, lastRead.at);
    }
    findings.push(...lastRead.findings.filter((finding) => staleSince.get(finding.keyId) === lastRead.at));
  }
  return staleSince.size === 0 ? { run, staleSince } : { run: { ...run, keys, findings }, staleSince };
}
