import type { Capability, GrantedCapability } from '@contract/capability.ts';
import type { GatePerm } from './gate-responses.ts';

type Mapping = { capabilities: readonly Capability[]; isUncertain: boolean };

/** Suffix of a read-only permission word: Gate reports {name, read_only}, keyaudit shows "spot:read_only". */
const READ_ONLY_SUFFIX = ':read_only';

/**
 * What a read-write permission group adds to reading (docs/exchanges/gate.md#permissions, names from the perms enum).
 * Every group, read-only or read-write, grants 'read'.
 */
const READ_WRITE_CAPABILITIES: Readonly<Record<string, Mapping>> = {
  // "spot: spot/margin" in Gate's enum: one group trades both.
  spot: { capabilities: ['trade-spot', 'trade-margin'], isUncertain: false },
  margin: { capabilities: ['trade-margin'], isUncertain: false },
  futures: { capabilities: ['trade-futures'], isUncertain: false },
  delivery: { capabilities: ['trade-futures'], isUncertain: false },
  options: { capabilities: ['trade-options'], isUncertain: false },
  earn: { capabilities: ['earn'], isUncertain: false },
  // Gate's permission table has a "withdrawal" group, but no such name in the perms enum (docs/exchanges/gate.md#uncertain-mappings, UNVERIFIED).
  withdrawal: { capabilities: ['withdraw'], isUncertain: false },
  withdraw: { capabilities: ['withdraw'], isUncertain: true },
  // wallet read-write: "fund transfers" (certain). Which name carries withdrawal is UNVERIFIED, and wallet is the
  // likeliest home: keyaudit assumes it may withdraw rather than miss a key that can.
  wallet: { capabilities: ['transfer-internal', 'withdraw'], isUncertain: true },
  // "account information": managing sub-accounts and their keys is a guess (docs/exchanges/gate.md#uncertain-mappings, UNVERIFIED).
  account: { capabilities: ['manage-subaccounts'], isUncertain: true },
  // Borrowing against collateral or in the unified account: nearest to margin trading.
  loan: { capabilities: ['trade-margin'], isUncertain: true },
  unified: { capabilities: ['trade-margin'], isUncertain: true },
  // Copy trading takes the nearest trade capability: Gate's copy trading is futures copy trading.
  copy: { capabilities: ['trade-futures'], isUncertain: true },
  // Pilot and Alpha are spot-like token trading zones; CrossEx trades spot and derivatives on other venues.
  pilot: { capabilities: ['trade-spot'], isUncertain: true },
  alpha: { capabilities: ['trade-spot'], isUncertain: true },
  crossx: { capabilities: ['trade-spot', 'trade-futures'], isUncertain: true },
  // OTC desk and custody fit no trade capability: 'other'.
  otc: { capabilities: ['other'], isUncertain: true },
  custody: { capabilities: ['other'], isUncertain: true },
};

const UNKNOWN: Mapping = { capabilities: ['other'], isUncertain: true };

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
    const mapping = READ_WRITE_CAPABILITIES[word.toLowerCase()] ?? UNKNOWN;
    return [read, ...mapping.capabilities.map((capability) => ({ capability, from: word, isUncertain: mapping.isUncertain }))];
  });
}
