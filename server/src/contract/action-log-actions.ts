/**
 * Every action the action log records. In the contract so the page can name each one in words with a map keyed by
 * this list (client/src/features/action-log/utils/describe-action.ts): a new action without words fails typecheck.
 */
export const ACTION_LOG_ACTIONS = [
  'connection.add',
  'connection.remove',
  'connection.rename',
  'key.revoke',
  'key.restrict',
  'key.disable',
  'key.annotate',
  'finding.accept',
  'finding.acceptance-edit',
  'finding.acceptance-revoke',
  'vault.unlock',
  'vault.lock',
  'vault.unlock-failed-burst',
  'vault.passwd',
  'history.prune',
  'alert-channel.add',
  'alert-channel.remove',
] as const;
export type ActionLogAction = (typeof ACTION_LOG_ACTIONS)[number];
