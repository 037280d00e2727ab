import type { ActionLog } from '../action-log/action-log.ts';
import type { ActionLogEntryInput } from '../action-log/action-log-entry.ts';
import type { ActionLogHead } from '../action-log/action-log-head.ts';

/**
 * The order of docs/security-model.md#anchor-and-recovery: build the entry, save the vault with that entry anchored as its
 * head, then append the entry. `save` receives the head to pass as `{ actionLogHead }`.
 */
export async function recordAction<T>(
  log: ActionLog,
  entry: ActionLogEntryInput,
  save: (head: ActionLogHead) => Promise<T>,
): Promise<T> {
  let result: T | undefined;
  await log.append(entry, {
    beforeWrite: async (head) => {
      result = await save(head);
    },
  });
  return result as T;
}
