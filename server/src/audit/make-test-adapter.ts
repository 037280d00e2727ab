import type { AccountRef, ExchangeKey } from '@contract/audited-key.ts';
import type { CoverageNote } from '@contract/coverage-note.ts';
import type { ExchangeAdapter } from '../exchanges/exchange-adapter.ts';
import { makeKey } from '../findings/make-test-key.ts';
import { redact } from '../secrets/redacted.ts';
import type { StoredConnection } from '../secrets/stored-connection.ts';

/** Test fixtures for the audit tests: a fake exchange whose sub-accounts answer only when a test releases them. */

export function exchangeKey(account: AccountRef, label: string, overrides: Partial<ExchangeKey> = {}): ExchangeKey {
  const { id: _id, connectionId: _connectionId, ...key } = makeKey({ account, label, apiKey: `api-${account.name}-${label}`, ...overrides });
  return key;
}

export const MASTER: AccountRef = { kind: 'master', name: 'master' };
export const sub = (name: string): AccountRef => ({ kind: 'sub', name });

type SubAccountAnswer = ExchangeKey[] | Error;

/**
 * The calling key is a master key; `answers` maps each sub-account to its keys (or the error
 * it fails with). Nothing a sub-account holds is returned until `release(name)`; a revoke removes the
 * key from its sub-account's list.
 */
export function createGatedAdapter(
  answers: Record<string, SubAccountAnswer>,
  { masterKeys = [exchangeKey(MASTER, 'master key', { isCallingKey: true })], masterKeysNote }: { masterKeys?: ExchangeKey[]; masterKeysNote?: CoverageNote } = {},
) {
  const subAccounts = { ...answers };
  const gates = new Map(Object.keys(subAccounts).map((name) => [name, createGate()]));
  const adapter: ExchangeAdapter = {
    id: 'kucoin',
    fetchCallingKey: async () => masterKeys[0]!,
    fetchOtherMasterKeys: async () => ({ keys: masterKeys.slice(1), ...(masterKeysNote ? { note: masterKeysNote } : {}) }),
    fetchSubAccounts: async () => Object.keys(subAccounts).map(sub),
    async fetchSubAccountKeys(_credentials, account) {
      await gates.get(account.name)!.opened;
      const answer = subAccounts[account.name]!;
      if (answer instanceof Error) throw answer;
      return answer;
    },
    // Deletes like an exchange does: the next listing of that account no longer has the key.
    async revokeKey(_credentials, key) {
      const answer = subAccounts[key.account.name];
      if (Array.isArray(answer)) subAccounts[key.account.name] = answer.filter((candidate) => candidate.apiKey !== key.apiKey);
    },
  };
  return { adapter, release: (name: string) => gates.get(name)!.open() };
}

function createGate() {
  let open = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

export function testConnection(id = 'conn-1', label = 'KuCoin main'): StoredConnection {
  return { id, exchange: 'kucoin', label, baseUrl: null, credentials: { apiKey: 'test-api-key', secret: redact('test-secret') } };
}

/** Lets every pending promise callback run, so released sub-accounts are reported. */
export const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
