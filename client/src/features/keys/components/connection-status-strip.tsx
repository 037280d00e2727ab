import { EXCHANGE_NAMES } from '@contract/exchanges.ts';
import type { ConnectionResult } from '@contract/audit-run.ts';

const STATUS_TEXT: Record<ConnectionResult['status'], string> = {
  ok: 'OK',
  partial: 'Partly read',
  failed: 'Failed',
};

/**
 * Did the audit reach every account, and if not, which one and why. Problems are always spelled
 * out; connections read fully fold into one line once there are several, to leave room for the keys.
 * While the audit still runs, no connection is called OK yet: it may still fail on a later account.
 */
export function ConnectionStatusStrip({ connections, isStillAuditing = false }: { connections: ConnectionResult[]; isStillAuditing?: boolean }) {
  if (connections.length === 0) return null;
  const ok = connections.filter((connection) => connection.status === 'ok');
  const problems = connections.filter((connection) => connection.status !== 'ok');
  const okList = (
    <ul className="connection-strip" aria-label="Connection status">
      {ok.map((connection) => (
        <ConnectionItem key={connection.connectionId} connection={connection} isStillAuditing={isStillAuditing} />
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
            <span>{ok.length} connections {isStillAuditing ? 'being read' : 'OK'}</span>
            <span className="muted">({[...new Set(ok.map((connection) => EXCHANGE_NAMES[connection.exchange]))].join(', ')})</span>
          </summary>
          {okList}
        </details>
      )}
      {problems.length > 0 && (
        <ul className="connection-strip connection-problems" aria-label="Connection problems">
          {problems.map((connection) => (
            <ConnectionItem key={connection.connectionId} connection={connection} />
          ))}
        </ul>
      )}
    </>
  );
}

function ConnectionItem({ connection, isStillAuditing = false }: { connection: ConnectionResult; isStillAuditing?: boolean }) {
  return (
    <li className={`connection-status connection-${connection.status}`}>
      <ConnectionLine connection={connection} isStillAuditing={isStillAuditing} />
    </li>
  );
}

function ConnectionLine({ connection, isStillAuditing = false }: { connection: ConnectionResult; isStillAuditing?: boolean }) {
  const keyCount = connection.accounts.reduce((sum, account) => sum + account.keyCount, 0);
  const failedAccounts = connection.accounts.filter((account) => account.status === 'failed');
  const summary = (
    <div className="connection-summary">
      <span className={`status-dot status-${connection.status}`} aria-hidden="true" />
      <strong>{connection.label}</strong>
      <span className="muted">{EXCHANGE_NAMES[connection.exchange]}</span>
      <span className={`status-text status-text-${connection.status}`}>
        {isStillAuditing && connection.status === 'ok' ? 'Reading…' : STATUS_TEXT[connection.status]}
      </span>
      <span className="muted">
        {connection.accounts.length} {connection.accounts.length === 1 ? 'account' : 'accounts'}, {keyCount}{' '}
        {keyCount === 1 ? 'key' : 'keys'}
      </span>
    </div>
  );
  if (connection.status === 'ok') return summary;
  return (
    <div role="alert">
      {summary}
      <ul className="connection-failures">
        {connection.error && <li>{connection.error.message}</li>}
        {failedAccounts.map((account) => (
          <li key={`${account.account.kind}:${account.account.name}`}>
            {account.account.kind === 'master' ? 'Master account' : `Sub-account ${account.account.name}`}:{' '}
            {account.error?.message ?? 'could not be read'}
          </li>
        ))}
      </ul>
    </div>
  );
}
