import type { HistoryAccess } from './history-store.ts';
import { HistoryUnavailableError } from './history-errors.ts';

/** History that cannot be used, with the reason the dashboard and the CLI show. */
export function unavailableHistory(reason: string): HistoryAccess {
  return {
    status: () => ({ state: 'unavailable', reason }),
    store: () => {
      throw new HistoryUnavailableError(reason);
    },
  };
}
