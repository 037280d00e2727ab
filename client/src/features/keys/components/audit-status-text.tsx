import { useNow } from '../../../utils/use-now.ts';
import { describeAuditStatus, type AuditStatusInput } from '../utils/describe-audit-status.ts';

/** The progress line, on its own clock so a rate-limit countdown re-renders this text and not the table. */
export function AuditStatusText(input: Omit<AuditStatusInput, 'nowMs'>) {
  const isWaiting = input.progress?.reading.some((connection) => connection.waiting != null) ?? false;
  const nowMs = useNow(isWaiting ? 1_000 : 60_000);
  return <>{describeAuditStatus({ ...input, nowMs })}</>;
}
