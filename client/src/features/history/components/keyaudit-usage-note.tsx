import { useQuery } from '@tanstack/react-query';
import { apiRoutes } from '@contract/api.ts';
import { callApi } from '../../../lib/api-client.ts';

/**
 * "Last used by keyaudit": the one use of a key keyaudit can vouch for, its own signed calls with the connection's
 * key. Labelled as such, because a bot using the same key elsewhere is invisible to keyaudit.
 */
export function KeyauditUsageNote({ keyId }: { keyId: string }) {
  const usage = useQuery({
    queryKey: ['history', 'keyaudit-usage', keyId],
    queryFn: () => callApi(apiRoutes.getKeyauditUsage, { params: { keyId } }),
    refetchOnMount: 'always',
  });
  if (!usage.data) return null;
  const at = usage.data.lastUsedByKeyauditAt;
  return (
    <p className="hint" data-testid="keyaudit-usage">
      {at === null
        ? 'keyaudit has recorded no use of this key yet.'
        : `Last used by keyaudit: ${new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })}.`}{' '}
      Only keyaudit’s own calls are counted; another application’s use of this key is invisible here.
    </p>
  );
}
