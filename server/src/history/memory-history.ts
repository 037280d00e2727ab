import { randomBytes } from 'node:crypto';
import type { HistoryAccess, HistoryStore } from './history-store.ts';
import { HistoryUnavailableError } from './history-errors.ts';
import { HISTORY_KEY_BYTES } from './history-cipher.ts';
import { describeFailure } from './record-finished-run.ts';
import { openSqliteHistory } from './sqlite-history-store.ts';

/** The demo's history: SQLite in memory under a random key, nothing on disk; gone when the demo stops. */
export function createMemoryHistory(): HistoryAccess & { close(): void } {
  let store: HistoryStore | null = null;
  let failure: string | null = null;
  try {
    const historyKey = randomBytes(HISTORY_KEY_BYTES);
    store = openSqliteHistory({ location: ':memory:', historyKey });
    historyKey.fill(0);
  } catch (error) {
    failure = describeFailure(error);
  }
  return {
    status: () => (store ? { state: 'available', storage: 'memory', runs: store.listRuns().length } : { state: 'unavailable', reason: failure! }),
    store() {
      if (!store) throw new HistoryUnavailableError(failure!);
      return store;
    },
    close: () => store?.close(),
  };
}
