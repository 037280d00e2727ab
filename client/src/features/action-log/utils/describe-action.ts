import type { ActionLogEntry } from '@contract/api.ts';
import { ACTION_LOG_ACTIONS, type ActionLogAction } from '@contract/action-log-actions.ts';
import { exchangeIdSchema } from '@contract/exchange-id.ts';
import { EXCHANGE_NAMES } from '@contract/exchanges.ts';

type Details = ActionLogEntry['details'];
/** One fact of a line, named for people: "Exchange: KuCoin", "Why: payout key, rotated weekly". */
export type ActionFact = { name: string; value: string };
/** A line of the action log in people's words. */
export type DescribedAction = { action: string; outcome: string; facts: ActionFact[] };
/** Connection id → its label, from the vault now; null when not known (the demo): ids are then left unnamed. */
export type ConnectionLabels = ReadonlyMap<string, string> | null;

type Words = {
  /** The action, by outcome where it reads differently ("Revoke failed"). */
  action: (details: Details, outcome: string) => string;
  /** What only this action's lines carry, after the common facts (exchange, connection, account, key). */
  extra?: (details: Details) => (ActionFact | null)[];
};

const text = (value: Details[string] | undefined): string | null => (value === undefined || value === null || value === '' ? null : String(value));
const fact = (name: string, value: Details[string] | undefined): ActionFact | null => {
  const shown = text(value);
  return shown === null ? null : { name, value: shown };
};
const failedOr = (done: string, failed: string) => (_details: Details, outcome: string) => (outcome === 'ok' ? done : failed);
const errorFact = (details: Details) => fact('Error', details.errorKind);

const RESTRICT_PHASES: Record<string, string> = {
  asked: 'Restrict key: asked the exchange',
  confirmed: 'Restricted key',
  unconfirmed: 'Restricted key (not confirmed by a re-read)',
  refused: 'Restrict key refused',
  mismatched: 'Restricted key: the exchange reports otherwise',
};

/**
 * The words for every action the log records. Keyed by the contract's list: a new action without words here fails
 * typecheck. (Helpers adding actions: add their words here.)
 */
const ACTION_WORDS: Record<ActionLogAction, Words> = {
  'connection.add': { action: () => 'Added connection' },
  'connection.remove': { action: () => 'Removed connection' },
  'connection.rename': { action: () => 'Renamed connection', extra: (d) => [fact('New name', d.label)] },
  'key.revoke': { action: failedOr('Revoked key', 'Revoke failed'), extra: (d) => [errorFact(d)] },
  'key.restrict': {
    action: (d, outcome) => RESTRICT_PHASES[String(d.phase)] ?? (outcome === 'ok' ? 'Restricted key' : 'Restrict key failed'),
    extra: (d) => [
      fact('Why refused', d.reason),
      d.ipsBefore !== undefined ? fact('IP whitelist', `${d.ipsBefore} → ${d.ipsReported ?? d.ipsAfter}`) : null,
      d.permissionsBefore !== undefined ? fact('Permissions', `${d.permissionsBefore} → ${d.permissionsReported ?? d.permissionsAfter}`) : null,
      errorFact(d),
    ],
  },
  'key.disable': {
    action: (d, outcome) => (outcome === 'ok' ? 'Disabled key' : d.errorKind === 'not-listed-disabled' ? 'Disabled key: the exchange still lists it enabled' : 'Disable failed'),
    extra: (d) => [d.errorKind === 'not-listed-disabled' ? null : errorFact(d)],
  },
  'key.annotate': {
    action: (d) => (d.fields === 'cleared' ? 'Cleared owner and tags' : 'Set owner and tags'),
    // The log names which fields were set, never what they say: the notes stay in the encrypted vault.
    extra: (d) => [d.fields === 'cleared' ? null : fact('Fields set', d.fields)],
  },
  'finding.accept': { action: () => 'Accepted risk', extra: (d) => [fact('Finding', d.rule ?? d.ruleId), fact('Why', d.reason), fact('Until', d.until)] },
  'finding.acceptance-edit': {
    action: () => 'Changed accepted risk',
    extra: (d) => [
      fact('Finding', d.rule ?? d.ruleId),
      fact('Why', d.reason),
      fact('Until', d.untilBefore === undefined ? d.until : `${d.untilBefore} → ${d.until}`),
      fact('Why before', d.reasonBefore),
    ],
  },
  'finding.acceptance-revoke': {
    action: () => 'Revoked accepted risk',
    extra: (d) => [fact('Finding', d.rule ?? d.ruleId), fact('Why it was accepted', d.reason), fact('Was until', d.until)],
  },
  'vault.unlock': { action: () => 'Unlocked vault' },
  'vault.lock': {
    action: () => 'Locked vault',
    extra: (d) => [fact('Why', LOCK_REASONS[String(d.reason)] ?? d.reason)],
  },
  'vault.unlock-failed-burst': {
    action: () => 'Too many wrong passphrases',
    extra: (d) => [fact('Unlocking paused for', d.lockedOutSeconds === undefined ? null : `${d.lockedOutSeconds} s`)],
  },
  'vault.passwd': { action: () => 'Changed vault passphrase' },
  'history.prune': {
    action: () => 'Pruned audit history',
    extra: (d) => [fact('Runs removed', d.runsRemoved), fact('Older than', d.olderThanDays === undefined ? null : `${d.olderThanDays} days`)],
  },
  'alert-channel.add': { action: () => 'Added alert channel', extra: (d) => [fact('Channel', d.label), fact('Kind', d.kind)] },
  'alert-channel.remove': { action: () => 'Removed alert channel', extra: (d) => [fact('Channel', d.label), fact('Kind', d.kind)] },
};

const LOCK_REASONS: Record<string, string> = {
  manual: 'locked from the dashboard',
  idle: 'nobody used the dashboard for 15 minutes',
  'vault-changed': 'the vault was changed in a terminal (passphrase)',
};

const OUTCOMES: Record<string, string> = { ok: 'Done', denied: 'Refused', failed: 'Failed' };

/** Detail names the words above say; any other (a field added later) is still shown, under its own name. */
const SAID = new Set([
  'connectionId', 'exchange', 'account', 'apiKey', 'label', 'phase', 'errorKind', 'reason', 'ruleId', 'until',
  'ipsBefore', 'ipsAfter', 'ipsReported', 'permissionsBefore', 'permissionsAfter', 'permissionsReported',
  'lockedOutSeconds', 'runsRemoved', 'olderThanDays', 'kind', 'channelId', 'trigger', 'fields', 'rule', 'untilBefore',
  'reasonBefore',
]);

const isKnownAction = (action: string): action is ActionLogAction => (ACTION_LOG_ACTIONS as readonly string[]).includes(action);

/** "sub:gridbot2" → "sub-account gridbot2"; "master:…" → "master account". */
function describeAccountDetail(value: Details[string] | undefined): string | null {
  const account = text(value);
  if (account === null) return null;
  const [kind, ...rest] = account.split(':');
  if (kind === 'master') return 'master account';
  if (kind === 'sub') return `sub-account ${rest.join(':')}`;
  return account;
}

/**
 * One log line in people's words: the action, the exchange, the connection by its label ("removed connection" when
 * it is gone from the vault), the account, the key's label and masked key, then what only that action carries (the
 * reason of an accepted risk). A line of an action this page does not know is shown as it is, never dropped.
 */
export function describeAction(entry: Pick<ActionLogEntry, 'action' | 'outcome' | 'details'>, connectionLabels: ConnectionLabels): DescribedAction {
  const { details } = entry;
  const outcome = OUTCOMES[entry.outcome] ?? entry.outcome;
  if (!isKnownAction(entry.action)) {
    return { action: entry.action, outcome, facts: Object.entries(details).flatMap(([name, value]) => fact(name, value) ?? []) };
  }
  const words = ACTION_WORDS[entry.action];
  const exchange = exchangeIdSchema.safeParse(details.exchange);
  const connectionId = text(details.connectionId);
  const connection =
    connectionId === null || connectionLabels === null ? null : (connectionLabels.get(connectionId) ?? (entry.action === 'connection.remove' ? null : 'removed connection'));
  // A removed connection's own line names it by the label it had; a rename's label is the new name.
  const connectionName = entry.action === 'connection.add' || entry.action === 'connection.remove' ? text(details.label) : connection;
  const keyLabel = entry.action.startsWith('key.') || entry.action.startsWith('finding.') ? text(details.label) : null;
  const maskedKey = text(details.apiKey);
  const facts = [
    fact('Exchange', exchange.success ? EXCHANGE_NAMES[exchange.data] : details.exchange),
    fact('Connection', connectionName),
    fact('Account', describeAccountDetail(details.account)),
    fact('Key', keyLabel === null ? maskedKey : maskedKey === null ? keyLabel : `${keyLabel} (${maskedKey})`),
    ...(words.extra?.(details) ?? []),
    ...Object.entries(details).map(([name, value]) => (SAID.has(name) ? null : fact(name, value))),
  ].filter((entryFact): entryFact is ActionFact => entryFact !== null);
  return { action: words.action(details, entry.outcome), outcome, facts };
}
