import type { Capability, GrantedCapability } from '@contract/capability.ts';
import type { GatePerm } from './gate-responses.ts';

type Mapping = { capabilities: readonly Capability[]; isUncertain: boolean };

/** Suffix of a read-only permission word: Gate reports {name, read_only}, keyaudit shows "spot:read_only". */
const READ_ONLY_SUFFIX = ':read_only';

const certain = (...capabilities: Capability[]): Mapping => ({ capabilities, isUncertain: false });
const inferred = (...capabilities: Capability[]): Mapping => ({ capabilities, isUncertain: true });

/**
 * What a read-write permission group adds to reading: the table of docs/exchanges/gate.md#permissions, word for word
 * (gate-permissions.test.ts holds the two together). Every group, read-only or read-write, grants 'read'.
 */
export const GATE_READ_WRITE_GROUPS: Readonly<Record<string, Mapping>> = {
  // "spot: spot/margin" in Gate's enum: one group trades both.
  spot: certain('trade-spot', 'trade-margin'),
  margin: certain('trade-margin'),
  futures: certain('trade-futures'),
  delivery: certain('trade-futures'),
  options: certain('trade-options'),
  earn: certain('earn'),
  // Read-write wallet: "Query for account records & fund transfers", between the user's own accounts.
  wallet: certain('transfer-internal'),
  // The withdrawal group has no name in the perms enum: "withdrawal" is a guess. Its UID transfer sends to other users.
  withdrawal: inferred('withdraw', 'transfer-external'),
  // "account information": managing sub-accounts and their keys is a guess (docs/exchanges/gate.md#uncertain-mappings).
  account: inferred('manage-subaccounts'),
  // Borrowing against collateral or in the unified account: nearest to margin trading.
  loan: inferred('trade-margin'),
  unified: inferred('trade-margin'),
  // Copy trading takes the nearest trade capability: Gate's copy trading is futures copy trading.
  copy: inferred('trade-futures'),
  // Pilot and Alpha are spot-like token trading zones; CrossEx trades spot and derivatives on other venues.
  pilot: inferred('trade-spot'),
  alpha: inferred('trade-spot'),
  crossx: inferred('trade-spot', 'trade-futures'),
  // OTC desk and custody fit no trade capability: 'other'.
  otc: inferred('other'),
  custody: inferred('other'),
};

/**
 * A read-write name keyaudit does not know may be the withdrawal group, whose name Gate never documented: it counts as
 * an uncertain withdrawal, never as nothing.
 */
const UNKNOWN_GROUP = inferred('withdraw', 'transfer-external');

/** Gate's perms as words: the name as reported, plus ":read_only" when read_only is true. */
export function toGatePermissionWords(perms: readonly GatePerm[] | null | undefined): string[] {
  return (perms ?? []).map((perm) => (perm.read_only === true ? `${perm.name}${READ_ONLY_SUFFIX}` : perm.name));
}

/**
 * Capabilities of permission words made by toGatePermissionWords. A perm without read_only counts as read-write:
 * over-reporting is safer than missing a key that can trade or move funds.
 */
export function toGateCapabilities(words: readonly string[]): GrantedCapability[] {
  return words.flatMap((word) => {
    const read: GrantedCapability = { capability: 'read', from: word, isUncertain: false };
    if (word.endsWith(READ_ONLY_SUFFIX)) return [read];
    const mapping = Object.hasOwn(GATE_READ_WRITE_GROUPS, word.toLowerCase()) ? GATE_READ_WRITE_GROUPS[word.toLowerCase()]! : UNKNOWN_GROUP;
    return [read, ...mapping.capabilities.map((capability) => ({ capability, from: word, isUncertain: mapping.isUncertain }))];
  });
}
