import { EXCHANGE_NAMES } from '@contract/exchanges.ts';
import type { ConnectionTestResult as TestResult } from '@contract/api.ts';
import { PermissionChips } from '../../../components/permission-chips.tsx';
import { IpWhitelist } from '../../../components/ip-whitelist.tsx';

/** What a credential test found: what the key can do, or why the exchange refused it. */
export function ConnectionTestResult({ result }: { result: TestResult }) {
  if (!result.ok) {
    const isIpRefused = result.error?.kind === 'ip-not-allowed';
    return (
      <div role="alert" className="test-result test-result-failed">
        <p>
          <strong>{isIpRefused ? "This machine's IP is not on the key's whitelist" : 'The exchange refused these credentials'}</strong>
        </p>
        {result.error && <p>{result.error.message}</p>}
      </div>
    );
  }
  const key = result.callingKey;
  return (
    <div role="status" className="test-result test-result-ok">
      <p>
        <strong>Connection works.</strong> {key ? 'This key can:' : ''}
      </p>
      {key && (
        <dl className="facts">
          <dt>Permissions</dt>
          <dd>
            <PermissionChips permissions={key.permissions} capabilities={key.capabilities} />
          </dd>
          <dt>IP whitelist</dt>
          <dd>
            <IpWhitelist whitelist={key.ipWhitelist} notReportedBy={key.unreported?.includes('ip-whitelist') ? EXCHANGE_NAMES[key.exchange] : undefined} />
          </dd>
        </dl>
      )}
      {result.excess && (
        <div className="test-result-warning" role="note" aria-label="More than an audit needs">
          <p>
            <strong>This key can do more than an audit needs.</strong> {result.excess.why}
          </p>
          <p>{result.excess.fix}</p>
        </div>
      )}
    </div>
  );
}
