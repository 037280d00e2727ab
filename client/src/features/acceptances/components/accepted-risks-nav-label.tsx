import { useNow } from '../../../utils/use-now.ts';
import { useAcceptances } from '../api/acceptances-api.ts';
import { countInForce } from '../utils/acceptance-status.ts';

/** "Accepted risks (3)": the nav item counts the acceptances still in force, so a forgotten silence is visible from every view. */
export function AcceptedRisksNavLabel() {
  const acceptances = useAcceptances();
  const nowMs = useNow(60_000);
  const count = acceptances.data ? countInForce(acceptances.data.acceptances, nowMs) : null;
  return <>Accepted risks{count !== null && count > 0 ? ` (${count})` : ''}</>;
}
