import type { KeyDeadline } from '@contract/key-deadline.ts';
import { useNow } from '../../../utils/use-now.ts';
import { describeDeadline, unusedDaysIn } from '../utils/describe-deadline.ts';

/** An exchange rule's countdown on a finding, with the rule's official source one click away. */
export function KeyDeadlineNote({ deadline }: { deadline: KeyDeadline }) {
  const nowMs = useNow(60_000);
  return (
    <p className="key-deadline">
      <strong>{describeDeadline(deadline, nowMs, unusedDaysIn(deadline.rule))}.</strong>{' '}
      <a href={deadline.sourceUrl} target="_blank" rel="noreferrer noopener">
        The exchange’s rule
      </a>{' '}
      <span className="muted">(read {deadline.readOn})</span>
    </p>
  );
}
