import type { ExchangeId } from '@contract/exchange-id.ts';
import type { AccountRef, ExchangeKey } from '@contract/audited-key.ts';
import type { CoverageNote } from '@contract/coverage-note.ts';
import type { RestrictionPlan } from '@contract/restriction-plan.ts';
import type { HttpTransport } from './http-transport.ts';
import type { Redacted } from '../secrets/redacted.ts';

/** What keyaudit signs with. Secrets stay wrapped until a signer reveals them. */
export type Credentials = {
  apiKey: string;
  secret: Redacted;
  /** Only where the exchange's keys have one (credentialFieldsOf in @contract/exchanges.ts). */
  passphrase?: Redacted;
};

export type AdapterDeps = {
  /** The only way out to the network. */
  transport: HttpTransport;
  /** Real exchange in production, a simulator in demo mode and tests. */
  baseUrl: string;
  /** Milliseconds since epoch; injected so signatures are reproducible. */
  now: () => number;
};

/**
 * The master account's other keys, and what the exchange left out of that listing. A `note` is the adapter's
 * one channel for a connection-level coverage gap (@contract/coverage-note.ts): the audit copies it into the
 * connection's result. A listing that could not be read at all is an ExchangeError instead.
 */
export type OtherMasterKeys = { keys: ExchangeKey[]; note?: CoverageNote };

/** A key the adapter can revoke: enough to address it on the exchange. */
export type KeyAddress = { account: AccountRef; apiKey: string };

export interface ExchangeAdapter {
  /** Its name, credentials, hosts and what its API can do are in the exchange table (@contract/exchanges.ts). */
  readonly id: ExchangeId;
  /**
   * Reads the connection's own key and learns whether it belongs to a master account.
   * Read-only. Rejects with ExchangeError.
   */
  fetchCallingKey(credentials: Credentials): Promise<ExchangeKey>;
  /** Sub-accounts reachable with a master key, every page of them. Empty for a sub-account key. */
  fetchSubAccounts(credentials: Credentials): Promise<AccountRef[]>;
  /** Every key of one sub-account. */
  fetchSubAccountKeys(credentials: Credentials, account: AccountRef): Promise<ExchangeKey[]>;
  /**
   * The master account's keys other than the calling one. Present exactly where the exchange table says
   * canListOtherMasterKeys; elsewhere the exchange has no such endpoint and those keys are invisible to the API.
   * Resolves with a note when the exchange answered but did not list them all (Gate's single-object answer).
   */
  fetchOtherMasterKeys?(credentials: Credentials): Promise<OtherMasterKeys>;
  /**
   * Deletes a key on the exchange. Resolves only once the exchange confirmed the deletion.
   * keyPassphrase is the revoked key's own passphrase where the exchange requires it.
   */
  revokeKey(credentials: Credentials, key: KeyAddress, keyPassphrase: Redacted | undefined): Promise<void>;
  /**
   * Switches a key off without deleting it: it stops working at once and can be switched on again on the exchange.
   * Present exactly where the exchange table's disableKeys is not 'none'. Resolves once the exchange confirmed; the
   * caller reads the key's account again to see whether it is listed as disabled.
   */
  disableKey?(credentials: Credentials, key: KeyAddress): Promise<void>;
  /**
   * Narrows a key to plan.after (restriction-plan.ts decided it, and refused anything wider). Present exactly where the
   * exchange table says some key can be restricted. Sends whatever the exchange needs to keep the rest of the key as
   * it was (Bybit's IP list, Gate's and KuCoin's whole key). Resolves once the exchange confirmed the update; the
   * caller reads the key again to see what the exchange really did. keyPassphrase: the key's own, where the table says.
   */
  restrictKey?(credentials: Credentials, key: KeyAddress, plan: RestrictionPlan, keyPassphrase: Redacted | undefined): Promise<void>;
}
