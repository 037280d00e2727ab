import type { AccountRef } from '@contract/audited-key.ts';
import { createSimulatorFaults } from './simulator-faults.ts';

/** How one exchange's seed names things; the rest of its accounts and keys is the exchange's own business. */
export type SeedVocabulary<Key, Sub, Uid> = {
  masterUid: Uid;
  /** The sub-account's name in keyaudit's AccountRef: KuCoin's subName, Binance's email, Bybit's UID, … */
  nameOf: (sub: Sub) => string;
  uidOf: (sub: Sub) => Uid;
  /** The key's label as the exchange shows it (remark, apiName, label, note, name). */
  labelOf: (key: Key) => string;
};

export type SimulatorKeyOwner<Key, Uid> = { account: AccountRef; uid: Uid; key: Key };

/** One line of the /_simulator view: account is 'master' or the sub-account's name. */
export type SimulatorKeyListing = {
  account: string;
  apiKey: string;
  label: string;
  /** The key as the simulator stores it (permissions, whitelist in the exchange's shape), never its secret or passphrase. */
  stored: Record<string, unknown>;
};

function withoutSecrets(key: object): Record<string, unknown> {
  const { secret: _secret, passphrase: _passphrase, ...stored } = key as Record<string, unknown>;
  return stored;
}

/**
 * What every simulator knows and does, whatever the exchange: its own copy of the seed (so deletes are real but never
 * reach the caller's fixture), its clock with the fault skew, its accounts and keys, and the fault switches and
 * counters of simulator-faults.ts. Each exchange's state adds its rate limits to this; tests inspect and change it.
 */
export function createSimulatorState<Key extends { apiKey: string }, Sub extends { keys: Key[] }, Uid>(
  seed: { master: { keys: Key[] }; subAccounts: Sub[] },
  vocabulary: SeedVocabulary<Key, Sub, Uid>,
  now: () => number,
) {
  const data = structuredClone(seed);
  const switches = createSimulatorFaults();

  const findSubAccount = (name: string) => data.subAccounts.find((sub) => vocabulary.nameOf(sub) === name);
  const keysOf = (account: AccountRef) => (account.kind === 'master' ? data.master.keys : findSubAccount(account.name)?.keys);
  /** Every account with its keys, master first. */
  const accounts = (): { account: AccountRef; uid: Uid; keys: Key[] }[] => [
    { account: { kind: 'master', name: 'master' }, uid: vocabulary.masterUid, keys: data.master.keys },
    ...data.subAccounts.map((sub) => ({ account: { kind: 'sub', name: vocabulary.nameOf(sub) } as AccountRef, uid: vocabulary.uidOf(sub), keys: sub.keys })),
  ];

  return Object.assign(switches, {
    /** The simulated exchange's clock, skew included. */
    nowMs: () => now() + switches.faults.clockSkewMs,
    masterUid: () => vocabulary.masterUid,
    listSubAccounts: (): readonly Sub[] => data.subAccounts,
    findSubAccount,
    listKeys: (account: AccountRef): readonly Key[] => keysOf(account) ?? [],
    /** Every key the simulator holds, master keys included (which some exchanges never list but to themselves). */
    listAllKeys: (): SimulatorKeyListing[] =>
      accounts().flatMap(({ account, keys }) => keys.map((key) => ({ account: account.name, apiKey: key.apiKey, label: vocabulary.labelOf(key), stored: withoutSecrets(key) }))),
    findKey(apiKey: string): SimulatorKeyOwner<Key, Uid> | undefined {
      for (const { account, uid, keys } of accounts()) {
        const key = keys.find((candidate) => candidate.apiKey === apiKey);
        if (key) return { account, uid, key };
      }
      return undefined;
    },
    deleteKey(account: AccountRef, apiKey: string): boolean {
      const keys = keysOf(account);
      const index = keys?.findIndex((key) => key.apiKey === apiKey) ?? -1;
      if (!keys || index < 0) return false;
      keys.splice(index, 1);
      return true;
    },
  });
}
