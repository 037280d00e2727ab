import type { ActionLogEntryInput } from '../action-log/action-log-entry.ts';

export type ActionEntry = ActionLogEntryInput;

/** The action log as the audit and the routes see it: append-only, durable before it resolves. */
export interface ActionRecorder {
  append(entry: ActionEntry): Promise<unknown>;
}
