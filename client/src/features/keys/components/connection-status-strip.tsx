import { EXCHANGE_NAMES } from '@contract/exchanges.ts';
import type { ConnectionResult } from '@contract/audit-run.ts';
import { useRetryConnection } from '../api/retry-connection.ts';

const STATUS_TEXT: Record<ConnectionResult['status'], string> = {
  ok: 'OK',
  partial: 'Partly read',
  failed: 'Failed',
};

const NONE_READING: ReadonlySet<string> = new Set();

type ConnectionStatusStripProps = {
  connections: ConnectionResult[];
  /** Connections whose accounts are still being read: not called OK yet, they may still fail on a later account. */
  readingConnectionIds?: ReadonlySet<string>;
};

/**
 * Did the audit reach every account, and if not, which one and why. Problems are always spelled
 * out; connections read fully fold into one line once there are several, to leave room for the keys.
 * A connection still being read says so; a finished one says OK while the others are still read.
 */
export function ConnectionStatusStrip({ connections, readingConnectionIds = NONE_READING }: ConnectionStatusStripProps) {
  if (connections.length === 0) return null;
  const ok = connections.filter((connection) => connection.status === 'ok');
  const problems = connections.filter((connection) => connection.status !== 'ok');
  const readingCount = ok.filter((connection) => readingConnectionIds.has(connection.connectionId)).length;
  // Folded or not, the line says how many connections the audit could not see entirely: a gap is never only inside.
  const withGaps = ok.filter((connection) => (connection.notes?.length ?? 0) > 0).length;
  const okList = (
    <ul className="connection-strip" aria-label="Connection status">
      {ok.map((connection) => (
        <ConnectionItem key={connection.connectionId} connection={connection} isReading={readingConnectionIds.has(connection.connectionId)} />
      ))}
    </ul>
  );
  return (
    <>
      {ok.length === 1 && okList}
      {ok.length > 1 && (
        <details className="connections-ok">
          <summary>
            <span className="status-dot" aria-hidden="true" />
            <span>{readingCount === 0 ? `${ok.length} connections OK` : `${ok.length} connections, ${readingCount} still being read`}</span>
            <span className="muted">({[...new Set(ok.map((connection) => EXCHANGE_NAMES[connection.exchange]))].join(', ')})</span>
            {withGaps > 0 && (
              <span className="coverage-count">
                {withGaps} could not see everything
              </span>
            )}
          </summary>
          {okList}
        </details>
      )}
      {problems.length > 0 && (
        <ul className="connection-strip connection-problems" aria-label="Connection problems">
          {problems.map((connection) => (
            <ConnectionItem key={connection.connectionId} connection={connection} isReading={readingConnectionIds.has(connection.connectionId)} />
          ))}
        </ul>
      )}
    </>
  );
}

function ConnectionItem({ connection, isReading }: { connection: ConnectionResult; isReading: boolean }) {
  return (
    <li className={`connection-status connection-${connection.status}`}>
      <ConnectionLine connection={connection} isReading={isReading} />
    </li>
  );
}

function ConnectionLine({ connection, isReading }: { connection: ConnectionResult; isReading: boolean }) {
  const keyCount = connection.accounts.reduce((sum, account) => sum + account.keyCount, 0);
  const failedAccounts = connection.accounts.filter((account) => account.status === 'failed');
  const summary = (
    <div className="connection-summary">
      <span className={`status-dot status-${connection.status}`} aria-hidden="true" />
      <strong>{connection.label}</strong>
      <span className="muted">{EXCHANGE_NAMES[connection.exchange]}</span>
      <span className={`status-text status-text-${connection.status}`}>
        {isReading && connection.status === 'ok' ? 'Reading…' : STATUS_TEXT[connection.status]}
      </span>
      <span className="muted">
        {connection.accounts.length} {connection.accounts.length === 1 ? 'account' : 'accounts'}, {keyCount}{' '}
        {keyCount === 1 ? 'key' : 'keys'}
      </span>
    </div>
  );
  const gaps = <CoverageNotes notes={connection.notes} />;
  if (connection.status === 'ok') {
    return (
      <>
        {summary}
        {gaps}
      </>
    );
  }
  return (
    <div role="alert">
      {summary}
      {gaps}
      <ul className="connection-failures">
        {connection.error && <li>{connection.error.message}</li>}
        {failedAccounts.map((account) => (
          <li key={`${account.account.kind}:${account.account.name}`}>
            {account.account.kind === 'master' ? 'Master account' : `Sub-account ${account.account.name}`}:{' '}
            {account.error?.message ?? 'could not be read'}
          </li>
        ))}
      </ul>
      {!isReading && <RetryConnectionButton connection={connection} />}
    </div>
  );
}

/** Reads this connection again, and only it: the others stay as read. */
function RetryConnectionButton({ connection }: { connection: ConnectionResult }) {
  const retry = useRetryConnection();
  return (
    <p className="connection-retry">
      <button
        type="button"
        className="button-secondary button-small"
        aria-label={`Retry ${connection.label}`}
        onClick={() => retry.mutate(connection.connectionId)}
        disabled={retry.isPending}
        aria-busy={retry.isPending}
      >
        {retry.isPending ? 'Retrying…' : 'Retry'}
      </button>
      {retry.isError && <span className="connection-retry-error"> {retry.error.message}</span>}
    </p>
  );
}

/** What the audit of a connection could not see (other master keys, unreported withdraw, unread IP lists): not a failure, yet not clean. */
function CoverageNotes({ notes }: { notes: ConnectionResult['notes'] }) {
  if (!notes || notes.length === 0) return null;
  return (
    <ul className="coverage-notes" aria-label="Could not see">
      {notes.map((note) => (
        <li key={note.gap} data-gap={note.gap}>
          <strong>Could not see:</strong> {note.message}
        </li>
      ))}
    </ul>
  );
}
