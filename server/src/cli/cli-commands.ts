import { addCommand } from './commands/add-command.ts';
import { annotateCommand } from './commands/annotate-command.ts';
import { auditCommand } from './commands/audit-command.ts';
import { revokeCommand } from './commands/revoke-command.ts';
import { disableCommand } from './commands/disable-command.ts';
import { restrictCommand } from './commands/restrict-command.ts';
import { historyCommand, historyPruneCommand } from './commands/history-command.ts';
import { changesCommand } from './commands/changes-command.ts';
import type { CliCommand } from './commands/cli-command.ts';
import { watchCommand } from './commands/watch-command.ts';
import { notifyAddCommand, notifyListCommand, notifyRemoveCommand, notifyTestCommand } from './commands/notify-commands.ts';
import { importCommand } from './commands/import-command.ts';
import { listCommand } from './commands/list-command.ts';
import { logVerifyCommand } from './commands/log-verify-command.ts';
import { openCommand } from './commands/open-command.ts';
import { passwdCommand } from './commands/passwd-command.ts';
import { removeCommand } from './commands/remove-command.ts';
import { renameCommand } from './commands/rename-command.ts';

/** Every `keyaudit <command>`. A name may have two words ('log verify'). Adding a command is one line here. */
export const CLI_COMMANDS: Record<string, CliCommand> = {
  add: addCommand,
  list: listCommand,
  rename: renameCommand,
  remove: removeCommand,
  passwd: passwdCommand,
  import: importCommand,
  'log verify': logVerifyCommand,
  audit: auditCommand,
  revoke: revokeCommand,
  disable: disableCommand,
  restrict: restrictCommand,
  annotate: annotateCommand,
  open: openCommand,
  history: historyCommand,
  'history prune': historyPruneCommand,
  changes: changesCommand,
  watch: watchCommand,
  'notify add': notifyAddCommand,
  'notify list': notifyListCommand,
  'notify remove': notifyRemoveCommand,
  'notify test': notifyTestCommand,
};
