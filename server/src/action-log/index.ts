export { createActionLog, InvalidActionLogEntryError, type ActionLog, type ActionLogAnchor, type AppendOptions } from './action-log.ts';
export { readActionLog } from './read-action-log.ts';
export { verifyActionLog, type ActionLogVerdict } from './verify-action-log.ts';
export { recoverActionLog, type RecoveryOutcome } from './recover-action-log.ts';
export { ActionLogDamagedError } from './action-log-file.ts';
export { actionLogHeadSchema, type ActionLogHead } from './action-log-head.ts';
export {
  ACTION_LOG_ACTIONS, ACTION_LOG_OUTCOMES, GENESIS_PREV, hashLine, type ActionLogEntryInput, type ActionLogLine,
} from './action-log-entry.ts';
