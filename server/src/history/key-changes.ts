import type { AuditedKey, IpWhitelist } from '@contract/audited-key.ts';
import type { Capability } from '@contract/capability.ts';
import { EXCHANGE_NAMES } from '@contract/exchanges.ts';
import { SEVERITIES, type Finding, type Severity } from '@contract/finding.ts';
import type { Change, ChangeKind } from '@contract/history.ts';
import { maskApiKey } from '@contract/mask-api-key.ts';
import { toPrintableText } from '@contract/printable-text.ts';

/** A key as one run saw it: the key and its findings in that run. */
export type KeySnapshot = { key: AuditedKey; findings: readonly Finding[] };

/** Capabilities that send funds out of the exchange account: the ones a stolen key is used for. */
const MOVES_FUNDS: readonly Capability[] = ['withdraw', 'transfer-external'];
/** Capabilities that can lose money or reach other accounts without sending it out. */
const ACTS_ON_FUNDS: readonly Capability[] = ['trade-spot', 'trade-margin', 'trade-futures', 'trade-options', 'transfer-internal', 'manage-subaccounts'];

const capabilitiesOf = (key: AuditedKey): Set<Capability> => new Set(key.capabilities.map((granted) => granted.capability));
const movesFunds = (key: AuditedKey) => MOVES_FUNDS.some((capability) => capabilitiesOf(key).has(capability));
const actsOnFunds = (key: AuditedKey) => ACTS_ON_FUNDS.some((capability) => capabilitiesOf(key).has(capability));
const fromAnyIp = (key: AuditedKey) => key.ipWhitelist === null;

export const severityRank = (severity: Severity): number => SEVERITIES.indexOf(severity);
export const worstSeverity = (...severities: Severity[]): Severity => severities.reduce((worst, next) => (severityRank(next) < severityRank(worst) ? next : worst), 'info');

/** Exchange text made printable for a sentence: a label or an account name can hold anything. */
export const printable = (value: string) => toPrintableText(value, 80);

/** "sub-account alpha on KuCoin", "the master account on OKX". */
export function describeAccount(exchange: AuditedKey['exchange'], account: AuditedKey['account']): string {
  const where = account.kind === 'master' ? 'the master account' : `sub-account ${printable(account.name)}`;
  return `${where} on ${EXCHANGE_NAMES[exchange]}`;
}

/** `Key "bot-7" (abcd…wxyz) on sub-account alpha on KuCoin`. */
function describeKey(key: AuditedKey): string {
  const name = key.label.trim() ? `"${printable(key.label)}"` : 'without a label';
  return `Key ${name} (${maskApiKey(key.apiKey)}) on ${describeAccount(key.exchange, key.account)}`;
}

const listWords = (words: readonly string[]) => (words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`);

function keyChange(key: AuditedKey, kind: ChangeKind, severity: Severity, summary: string, rest: Partial<Change> = {}): Change {
  return {
    kind,
    severity,
    exchange: key.exchange,
    connectionId: key.connectionId,
    account: key.account,
    apiKey: maskApiKey(key.apiKey),
    label: printable(key.label),
    keyId: key.id,
    summary,
    before: null,
    after: null,
    capabilitiesGained: [],
    capabilitiesLost: [],
    ...rest,
  };
}

/** What the change report shows of a key that came or went: its permission words and where it can be used from. */
const keyFacts = (key: AuditedKey) => ({ permissions: key.permissions, ipWhitelist: key.ipWhitelist });

const openFindings = (findings: readonly Finding[]) => findings.filter((finding) => finding.acceptance == null);

/**
 * How bad a newly seen key is: one that can move funds out from any IP is what a leaked key is used for
 * (critical); the worst finding the rules gave it counts too, so the change is never milder than the audit.
 */
function addedKeySeverity({ key, findings }: KeySnapshot): Severity {
  const byCapability: Severity = movesFunds(key) ? (fromAnyIp(key) ? 'critical' : 'high') : actsOnFunds(key) ? (fromAnyIp(key) ? 'high' : 'medium') : 'low';
  return worstSeverity(byCapability, ...openFindings(findings).map((finding) => finding.severity));
}

/**
 * The changes of one key between two runs: added (before null), removed (after null), or its permissions,
 * IP whitelist and findings compared. Shared by the run comparison and the key's timeline.
 */
export function diffKey(before: KeySnapshot | null, after: KeySnapshot | null): Change[] {
  if (!before && !after) return [];
  if (!before) {
    const { key } = after!;
    const severity = addedKeySeverity(after!);
    const power = movesFunds(key) ? ' It can move funds out' : actsOnFunds(key) ? ' It can trade or move funds between accounts' : '';
    const reach = power ? (fromAnyIp(key) ? ', from any IP address.' : ', from whitelisted IPs only.') : '';
    return [keyChange(key, 'key-added', severity, `${describeKey(key)} appeared.${power}${reach}`, { after: keyFacts(key), capabilitiesGained: [...capabilitiesOf(key)] })];
  }
  if (!after) {
    const { key } = before;
    return [keyChange(key, 'key-removed', 'low', `${describeKey(key)} is gone: the exchange no longer lists it.`, { before: keyFacts(key), capabilitiesLost: [...capabilitiesOf(key)] })];
  }
  return [...diffPermissions(before.key, after.key), ...diffIpWhitelist(before.key, after.key), ...diffFindings(before, after)];
}

function diffPermissions(before: AuditedKey, after: AuditedKey): Change[] {
  const had = capabilitiesOf(before);
  const has = capabilitiesOf(after);
  const gained = [...has].filter((capability) => !had.has(capability));
  const lost = [...had].filter((capability) => !has.has(capability));
  const sameWords = before.permissions.length === after.permissions.length && before.permissions.every((word, index) => word === after.permissions[index]);
  if (gained.length === 0 && lost.length === 0 && sameWords) return [];
  let severity: Severity = 'info';
  if (gained.some((capability) => MOVES_FUNDS.includes(capability))) severity = fromAnyIp(after) ? 'critical' : 'high';
  else if (gained.some((capability) => ACTS_ON_FUNDS.includes(capability))) severity = fromAnyIp(after) ? 'high' : 'medium';
  else if (gained.length > 0) severity = 'low';
  else if (lost.length === 0) severity = 'low'; // only the exchange's words changed: worth a look, nothing gained or lost for sure
  const parts = [gained.length > 0 && `gained ${listWords(gained)}`, lost.length > 0 && `lost ${listWords(lost)}`].filter(Boolean);
  const what = parts.length > 0 ? parts.join(' and ') : 'had its permission words changed';
  return [
    keyChange(after, 'permissions-changed', severity, `${describeKey(after)} ${what}.`, {
      before: before.permissions,
      after: after.permissions,
      capabilitiesGained: gained,
      capabilitiesLost: lost,
    }),
  ];
}

const sameWhitelist = (a: IpWhitelist, b: IpWhitelist) =>
  a === b || (Array.isArray(a) && Array.isArray(b) && a.length === b.length && [...a].sort().every((entry, index) => entry === [...b].sort()[index]));

function diffIpWhitelist(before: AuditedKey, after: AuditedKey): Change[] {
  const was = before.ipWhitelist;
  const is = after.ipWhitelist;
  if (sameWhitelist(was, is)) return [];
  const added = Array.isArray(is) ? is.filter((entry) => !(Array.isArray(was) && was.includes(entry))) : [];
  const removed = Array.isArray(was) ? was.filter((entry) => !(Array.isArray(is) && is.includes(entry))) : [];
  const rest = { before: was, after: is, ipEntriesAdded: Array.isArray(was) ? added : [], ipEntriesRemoved: Array.isArray(is) ? removed : [] };
  if (is === null) {
    // The key now works from anywhere: what made a leak survivable is gone.
    const severity: Severity = movesFunds(after) ? 'critical' : actsOnFunds(after) ? 'high' : 'medium';
    const from = Array.isArray(was) ? 'its IP whitelist was removed' : 'it is now usable from any IP address';
    return [keyChange(after, 'ip-whitelist-changed', severity, `${describeKey(after)}: ${from}; it is usable from any IP address.`, rest)];
  }
  if (is === 'unknown') return [keyChange(after, 'ip-whitelist-changed', 'low', `${describeKey(after)}: the exchange no longer reports its IP whitelist.`, rest)];
  if (was === null) return [keyChange(after, 'ip-whitelist-changed', 'info', `${describeKey(after)} got an IP whitelist (${is.map(printable).join(', ')}).`, rest)];
  if (was === 'unknown') return [keyChange(after, 'ip-whitelist-changed', 'info', `${describeKey(after)}: the exchange now reports its IP whitelist (${is.map(printable).join(', ')}).`, rest)];
  const severity: Severity = rest.ipEntriesAdded.length === 0 ? 'info' : movesFunds(after) ? 'medium' : 'low';
  const parts = [
    rest.ipEntriesAdded.length > 0 && `${listWords(rest.ipEntriesAdded.map(printable))} added`,
    rest.ipEntriesRemoved.length > 0 && `${listWords(rest.ipEntriesRemoved.map(printable))} removed`,
  ].filter(Boolean);
  return [keyChange(after, 'ip-whitelist-changed', severity, `${describeKey(after)}: IP whitelist changed, ${parts.join(', ')}.`, rest)];
}

const findingFacts = (finding: Finding) => ({ ruleId: finding.ruleId, severity: finding.severity, title: finding.title, acceptance: finding.acceptance ?? null });

/**
 * A finding is opened, resolved (the rule no longer flags the key: shown, never silently dropped) or
 * accepted; an acceptance that ended opens it again.
 */
function diffFindings(before: KeySnapshot, after: KeySnapshot): Change[] {
  const changes: Change[] = [];
  const key = after.key;
  const was = new Map(before.findings.map((finding) => [finding.ruleId, finding]));
  const is = new Map(after.findings.map((finding) => [finding.ruleId, finding]));
  for (const [ruleId, finding] of is) {
    const old = was.get(ruleId);
    const accepted = finding.acceptance != null;
    const wasAccepted = old?.acceptance != null;
    if (old && accepted === wasAccepted) continue;
    const rest = { ruleId, before: old ? findingFacts(old) : null, after: findingFacts(finding) };
    if (accepted) {
      changes.push(keyChange(key, 'finding-accepted', 'info', `${describeKey(key)}: "${finding.title}" was accepted as a risk until ${finding.acceptance!.expiresAt} (${printable(finding.acceptance!.reason)}).`, rest));
    } else {
      const again = wasAccepted ? ' again: its acceptance ended' : '';
      changes.push(keyChange(key, 'finding-opened', finding.severity, `${describeKey(key)}: ${finding.severity} finding "${finding.title}" is open${again}.`, rest));
    }
  }
  for (const [ruleId, old] of was) {
    if (is.has(ruleId)) continue;
    changes.push(keyChange(key, 'finding-resolved', 'info', `${describeKey(key)}: "${old.title}" is resolved.`, { ruleId, before: findingFacts(old), after: null }));
  }
  return changes;
}
