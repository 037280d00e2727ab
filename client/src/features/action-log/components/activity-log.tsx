import type { ActionLogEntry } from '@contract/api.ts';
import { formatAbsoluteTime, formatRelativeTime } from '../../../utils/format-relative-time.ts';
import { useActionLog } from '../api/get-action-log.ts';
import { useStatus } from '../../status/api/get-status.ts';
import { useConnections } from '../../connections/api/get-connections.ts';
import { describeAction, type ConnectionLabels } from '../utils/describe-action.ts';

/** The Activity view: every revoke, add and remove, newest first, with the log's integrity check. */
export function ActivityLog() {
  const log = useActionLog();
  return (
    <section aria-labelledby="activity-title">
      <div className="toolbar">
        <h1 id="activity-title">Activity</h1>
        {log.data &&
          (log.data.verified ? (
            <span className="badge badge-ok" title="Every entry's hash chain checks out">Log verified ✓</span>
          ) : (
            <span role="alert" className="badge badge-critical">
              Log integrity check FAILED — entries may have been changed or removed
            </span>
          ))}
      </div>
      {log.data?.verified && log.data.head && (
        <p className="log-head">
          Head: seq {log.data.head.seq}, SHA-256 <code>{log.data.head.hash}</code>.{' '}
          {log.data.authenticated
            ? 'Every MAC was checked with the vault key. Write the head down off this machine: a later check must show it unchanged.'
            : 'Hash chain only: MACs are checked once the vault is unlocked.'}
        </p>
      )}
      {log.isPending && <p role="status">Loading activity…</p>}
      {log.isError && (
        <div role="alert" className="error-panel">
          <p>Could not load the activity log. {log.error.message}</p>
          <button type="button" className="button-secondary" onClick={() => log.refetch()}>
            Retry
          </button>
        </div>
      )}
      {log.data && log.data.entries.length === 0 && <p className="empty-state">Nothing has happened yet. Revokes and connection changes are recorded here.</p>}
      {log.data && log.data.entries.length > 0 && <ActivityTable entries={log.data.entries} />}
    </section>
  );
}

/** Connection ids named by their labels in the vault now (live only: the demo has no connections to list). */
function useConnectionLabels(): ConnectionLabels {
  const isLive = useStatus().data?.mode === 'live';
  const connections = useConnections();
  if (!isLive || !connections.data) return null;
  return new Map(connections.data.map((connection) => [connection.id, connection.label]));
}

function ActivityTable({ entries }: { entries: ActionLogEntry[] }) {
  const labels = useConnectionLabels();
  const newestFirst = [...entries].sort((a, b) => b.seq - a.seq);
  return (
    <div className="table-scroll">
      <table className="simple-table activity-table">
        <caption className="visually-hidden">Activity log</caption>
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Action</th>
            <th scope="col">Outcome</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {newestFirst.map((entry) => {
            const described = describeAction(entry, labels);
            return (
              <tr key={entry.seq}>
                <td>
                  <time dateTime={entry.at} title={formatRelativeTime(new Date(entry.at))}>
                    {formatAbsoluteTime(new Date(entry.at))}
                  </time>
                </td>
                {/* The log file's own name for it on hover, to find the line with `keyaudit log verify` or an editor. */}
                <td title={entry.action}>{described.action}</td>
                <td className={entry.outcome === 'ok' ? 'success-text' : 'danger-text'}>{described.outcome}</td>
                <td>
                  <dl className="details">
                    {described.facts.map(({ name, value }) => (
                      <div key={name}>
                        <dt>{name}</dt>
                        <dd>{value}</dd>
                      </div>
                    ))}
                  </dl>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
