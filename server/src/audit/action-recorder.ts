/** The action log as the audit and the routes see it: append-only, durable before it resolves. */
export type ActionEntry = {
  action: string;
  outcome: 'ok' | 'denied' | 'failed';
  /** Ids, labels and masked keys only: never a secret. */
  details: Record<string, string | number | boolean | null>;
};

export interface ActionRecorder {
  append(entry: ActionEntry): Promise<unknown>;
}
