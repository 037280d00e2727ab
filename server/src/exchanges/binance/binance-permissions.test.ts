// Binance's permission flags against the tables in docs/exchanges/binance.md#permissions, which are the lists the
// normalizer follows: every documented flag maps as documented, the normalizer knows no flag the docs do not, and an
// unknown true flag is never dropped.
import { describe, expect, it } from 'vitest';
import {
  BINANCE_CALLING_KEY_FLAGS,
  BINANCE_SUB_ACCOUNT_KEY_FLAGS,
  toBinanceCallingKeyCapabilities,
  toBinanceSubAccountKeyCapabilities,
} from './binance-normalize.ts';
import { readDocumentedPermissions } from '../../../test/test-support/documented-permissions.ts';

const IMPLICIT_READ = { capability: 'read', from: 'enableReading', isUncertain: false };

const TABLES = [
  { name: 'calling key', header: 'flag (apiRestrictions)', table: BINANCE_CALLING_KEY_FLAGS, map: toBinanceCallingKeyCapabilities, implicit: [] },
  { name: 'sub-account key', header: 'flag (subAccountApi)', table: BINANCE_SUB_ACCOUNT_KEY_FLAGS, map: toBinanceSubAccountKeyCapabilities, implicit: [IMPLICIT_READ] },
] as const;

describe.each(TABLES)('$name flags', ({ header, table, map, implicit }) => {
  const documented = readDocumentedPermissions('binance', header);
  const words = documented.flatMap((row) => row.words);

  it.each(documented.flatMap(({ words: flags, capabilities, isUncertain }) => flags.map((flag) => [flag, capabilities, isUncertain] as const)))(
    'maps %s to %j (uncertain: %s), as the docs say',
    (flag, capabilities, isUncertain) => {
      expect(map([flag])).toEqual([...implicit, ...capabilities.map((capability) => ({ capability, from: flag, isUncertain }))]);
    },
  );

  it('knows exactly the documented flags, each once', () => {
    expect(new Set(words).size).toBe(words.length);
    expect(Object.keys(table).sort()).toEqual([...words].sort());
  });

  it.each([
    ['canWithdrawToAnyone', 'withdraw'],
    ['enableCryptoWithdrawals2', 'withdraw'],
    ['canSubAccountTransfer', 'transfer-internal'],
    ['canTeleport', 'trade-spot'],
    ['enableSomethingNew', 'trade-spot'],
  ])('reads the unknown flag %s as an uncertain %s, never as nothing', (flag, capability) => {
    expect(map([flag])).toEqual([...implicit, { capability, from: flag, isUncertain: true }]);
  });
});
