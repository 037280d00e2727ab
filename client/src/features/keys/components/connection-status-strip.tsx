import { EXCHANGE_NAMES } from '@contract/exchange-id.ts';
import type { ConnectionResult } from '@contract/audit-run.ts';

const STATUS_TEXT: Record<ConnectionResult['status'], string> = {
  ok: 'OK',
  partial: 'Partly read',
  failed: 'Failed',
};

/** One line per connection: did the audit reach every account, and if not, which one and why. */
export function ConnectionStatusStrip({ connections }: { connections: ConnectionResult[] }) {
  if (connections.length === 0) return null;
  return (
    <ul className="connection-strip" aria-label="Connection status">
      {connections.map((connection) => (
        <li key={connection.connectionId} className={`connection-status connection-${connection.status}`}>
          <ConnectionLine connection={connection} />
        </li>
      ))}
    </ul>
  );
}

function ConnectionLine({ connection }: { connection: ConnectionResult }) {
  const keyCount = connection.accounts.reduce((sum, account) => sum + account.keyCount, 0);
  const failedAccounts = connection.accounts.filter((account) => account.status === 'failed');
  const summary = (
    <div className="connection-summary">
      <span className={`status-dot status-${connection.status}`} aria-hidden="true" />
      <strong>{connection.label}</strong>
      <span className="muted">{EXCHANGE_NAMES[connection.exchange]}</span>
      <span className={`status-text status-text-${connection.status}`}>{STATUS_TEXT[connection.status]}</span>
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
