import { useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { VaultOutsideChanges } from '@contract/api.ts';
import { statusQueryKeys } from '../../status/api/get-status.ts';
import { alertQueryKeys } from '../../alerts/api/alert-channels-api.ts';
import { changesConnections, describeOutsideChange } from '../utils/describe-outside-change.ts';

/**
 * Says so when `keyaudit add`, `remove`, `rename` or `notify add` changed the vault in a terminal while this page was
 * open (the server has reloaded it already), and reads again what that made stale: everything drawn from the
 * connections — the audit runs afresh — or only the alert channels. Polite: it waits for the reader.
 */
export function VaultOutsideChangeNotice({ outsideChanges }: { outsideChanges: VaultOutsideChanges | undefined }) {
  const queryClient = useQueryClient();
  const seen = useRef<number | null>(null);
  const [message, setMessage] = useState('');
  const count = outsideChanges?.count ?? null;

  // Back from the terminal: the window regains focus without the tab ever being hidden (no visibilitychange).
  useEffect(() => {
    const askAgain = () => void queryClient.invalidateQueries({ queryKey: statusQueryKeys.all });
    window.addEventListener('focus', askAgain);
    return () => window.removeEventListener('focus', askAgain);
  }, [queryClient]);

  useEffect(() => {
    if (count === null || outsideChanges === undefined) return;
    const before = seen.current;
    seen.current = count;
    // The first answer this page sees is its starting point: changes before it were read with everything else.
    if (before === null || count <= before) return;
    setMessage(describeOutsideChange(outsideChanges.last));
    void queryClient.invalidateQueries(
      changesConnections(outsideChanges.last)
        ? { predicate: (query) => query.queryKey[0] !== statusQueryKeys.all[0] }
        : { queryKey: alertQueryKeys.all },
    );
  }, [count, outsideChanges, queryClient]);

  return (
    <div className={message ? 'announcement-bar' : undefined}>
      <p role="status" className="announcement">
        {message}
      </p>
      {message && (
        <button type="button" className="button-link announcement-dismiss" aria-label="Dismiss this message" onClick={() => setMessage('')}>
          Dismiss
        </button>
      )}
    </div>
  );
}
