/**
 * One suite, every exchange: each adapter against its own simulator over real HTTP. What one
 * adapter promises (list, normalize, revoke, and failures in the audit's vocabulary) all must keep.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXCHANGE_IDS, type ExchangeId } from '@contract/exchange-id.ts';
import { exchangeKeySchema, type ExchangeKey } from '@contract/audited-key.ts';
import { EXCHANGE_ERROR_KINDS } from '@contract/exchange-error-kind.ts';
import { credentialFieldsOf, exchangeInfo } from '@contract/exchanges.ts';
import { isSameKeyState, planRestriction } from '@contract/restriction-plan.ts';
import { createAdapter } from '../src/exchanges/registry.ts';
import type { AdapterDeps, Credentials, ExchangeAdapter } from '../src/exchanges/exchange-adapter.ts';
import { ExchangeError } from '../src/exchanges/exchange-error.ts';
import type { SimulatorFaults } from '../src/simulator/simulator-faults.ts';
import { fetchTransport } from '../src/exchanges/http-transport.ts';
import { KUCOIN_DEMO_KEY_PASSPHRASE } from '../src/simulator/kucoin/kucoin-demo-seed.ts';
import { redact } from '../src/secrets/redacted.ts';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../src/simulator/create-simulator.ts';
import { GATE_VARIANTS } from '../src/simulator/gate/gate-simulator.ts';
import { BINANCE_VARIANTS } from '../src/simulator/binance/binance-simulator.ts';
import { createDemoConnections } from '../src/workspace/demo-connections.ts';
import { auditConnection, type ConnectionAudit } from '../src/audit/audit-connection.ts';
import { evaluateFindings } from '../src/findings/index.ts';
import { isNonIdentifyingApiKey } from '../src/exchanges/masked-api-keys.ts';
import type { SimulatorVariant } from '../src/simulator/simulator-variant.ts';

type SimulatorState = { setFaults(faults: Partial<SimulatorFaults>): void; clearFaults(): void; findKey(apiKey: string): { key: object } | undefined; listAllKeys(): { account: string; apiKey: string; label: string }[] };

/** The only per-exchange knowledge the suite needs: where each simulator keeps a key's IP whitelist. */
const restrictToForeignIp: Record<ExchangeId, (key: Record<string, unknown>) => void> = {
  kucoin: (key) => void (key.ipWhitelist = '8.8.8.8'),
  okx: (key) => void (key.ip = '8.8.8.8'),
  gate: (key) => void (key.ipWhitelist = ['8.8.8.8']),
  binance: (key) => void (key.ipList = ['8.8.8.8']),
  bybit: (key) => void (key.ips = ['8.8.8.8']),
  deribit: (key) => void (key.ipWhitelist = ['8.8.8.8']),
  coinbase: (key) => void (key.allowedIps = ['8.8.8.8']),
  kraken: (key) => void (key.ipAllowlist = ['8.8.8.8']),
  bitget: (key) => void (key.ips = '8.8.8.8'),
  htx: (key) => void (key.ipAddresses = '8.8.8.8'),
};

/**
 * Exchanges whose refusal of a caller outside the key's IP allowlist is the same as any refused key's, and the kind they
 * map it to: Coinbase answers HTTP 401 for all of them (docs/exchanges/coinbase.md#errors).
 */
const IP_REFUSED_LIKE_ANY_KEY: Partial<Record<ExchangeId, 'bad-signature'>> = { coinbase: 'bad-signature' };

/**
 * Where an exchange's docs and SDKs describe an answer in more than one shape, its simulator can speak each one, and
 * the suite runs against every variant (Gate's main_keys as a list or one object, Binance's sub-account key page as
 * `rows` or `list`).
 */
const VARIANTS: Partial<Record<ExchangeId, readonly { name: string; options: SimulatorOptions }[]>> = {
  gate: GATE_VARIANTS.map((variant) => ({ name: variant, options: { gate: { variant } } })),
  binance: BINANCE_VARIANTS.map((variant) => ({ name: variant, options: { binance: { variant } } })),
};
const CASES = EXCHANGE_IDS.flatMap((exchange) =>
  (VARIANTS[exchange] ?? [{ name: 'documented', options: {} }]).map(({ name, options }) => [exchange, name, options] as const));

const noSleep = async () => {};

describe.each(CASES)('%s adapter against its simulator (%s)', (exchange, _variant, options) => {
  let simulator: RunningSimulator;
  beforeAll(async () => void (simulator = await startSimulator({ rateLimits: 'relaxed', ...options })));
  afterAll(() => simulator.close());
  const state = () => simulator[exchange].state as unknown as SimulatorState;
  const connection = () => createDemoConnections(simulator.baseUrls).find((candidate) => candidate.exchange === exchange)!;
  const adapter = (): ExchangeAdapter =>
    createAdapter(exchange, { transport: fetchTransport, baseUrl: simulator.baseUrls[exchange], now: Date.now, sleep: noSleep } as AdapterDeps);
  const credentials = (): Credentials => connection().credentials;

  async function listEverything(target: ExchangeAdapter): Promise<ExchangeKey[]> {
    const calling = await target.fetchCallingKey(credentials());
    const others = (await target.fetchOtherMasterKeys?.(credentials()))?.keys ?? [];
    const subs = await target.fetchSubAccounts(credentials());
    const subKeys = await Promise.all(subs.map((account) => target.fetchSubAccountKeys(credentials(), account)));
    return [calling, ...others, ...subKeys.flat()];
  }

  async function failureOf(promise: Promise<unknown>): Promise<ExchangeError> {
    const error = await promise.then(() => null, (caught: unknown) => caught);
    expect(error).toBeInstanceOf(ExchangeError);
    expect(EXCHANGE_ERROR_KINDS).toContain((error as ExchangeError).kind);
    return error as ExchangeError;
  }

  it('finds the calling master key and every sub-account key, each a valid normalized key', async () => {
    const keys = await listEverything(adapter());
    for (const key of keys) expect(exchangeKeySchema.parse(key)).toEqual(key);
    expect(keys[0]).toMatchObject({ exchange, isCallingKey: true, account: { kind: 'master' } });
    const found = new Set(keys.map((key) => key.apiKey));
    // The keys the API can list: every sub-account's, or where it lists none of those (Deribit), the master account's
    // other keys (the calling key is listed masked).
    const { api } = exchangeInfo(exchange);
    const simulatedListable = state().listAllKeys().filter((key) => (api.canListSubAccountKeys
      ? key.account !== 'master'
      : key.account === 'master' && api.canListOtherMasterKeys && key.apiKey !== credentials().apiKey));
    // Where the API lists no key but the calling one (Coinbase), there is nothing more to find.
    if (api.canListSubAccountKeys || api.canListOtherMasterKeys) expect(simulatedListable.length).toBeGreaterThan(3);
    expect(simulatedListable.filter((key) => !found.has(key.apiKey))).toEqual([]);
    // Some key is open to any IP, where the exchange reports whitelists at all; where it does not, none is shown as open.
    const isWhitelistReported = keys.some((key) => !key.unreported?.includes('ip-whitelist'));
    expect(keys.some((key) => key.ipWhitelist === null)).toBe(isWhitelistReported);
    for (const key of keys) expect(key.permissions.length + key.capabilities.length, key.label).toBeGreaterThan(0);
  });

  it('does exactly what the exchange table says its API can do', async () => {
    const { api } = exchangeInfo(exchange);
    const target = adapter();
    const calling = await target.fetchCallingKey(credentials());
    expect(typeof target.fetchOtherMasterKeys === 'function').toBe(api.canListOtherMasterKeys);
    const listing = await target.fetchOtherMasterKeys?.(credentials());
    const others = listing?.keys ?? [];
    // Listed, or said not to be listed (Gate's single-object answer): never silently missing.
    expect(others.length > 0 || listing?.note?.gap === 'other-master-keys-not-listed').toBe(api.canListOtherMasterKeys);
    const subs = await target.fetchSubAccounts(credentials());
    expect(subs.length > 0).toBe(api.canListSubAccounts);
    const subKeys = (await Promise.all(subs.map((account) => target.fetchSubAccountKeys(credentials(), account)))).flat();
    expect(subKeys.length > 0).toBe(api.canListSubAccountKeys);

    const revocableSubKeys = subKeys.filter((key) => !key.isCallingKey && key.revocability.canRevoke);
    expect(revocableSubKeys.length > 0).toBe(api.revokeSubKeys !== 'website-only');
    for (const key of revocableSubKeys) expect(key.revocability.how, key.label).toBe(api.revokeSubKeys);
    expect(others.some((key) => key.revocability.canRevoke)).toBe(api.revokeMasterKeys === 'other-keys');
    for (const key of others.filter((other) => other.revocability.canRevoke)) expect(key.revocability.how, key.label).toBe('api');
    expect(calling.revocability.canRevoke).toBe(api.revokeMasterKeys === 'calling-key-only');
    for (const key of [calling, ...others, ...subKeys]) expect(key.revocability.manageUrl).toBe(exchangeInfo(exchange).manageKeysUrl);
    // Disabling (a key switched off, not deleted): offered exactly where the table says, never on the calling key.
    expect(typeof target.disableKey === 'function').toBe(api.disableKeys !== 'none');
    expect([calling, ...others, ...subKeys].some((key) => key.disablability?.canDisable)).toBe(api.disableKeys !== 'none');
    if (api.disableKeys === 'none') for (const key of [calling, ...others, ...subKeys]) expect(key.disablability, key.label).toBeUndefined();
    expect(calling.disablability?.canDisable ?? false).toBe(false);
  });

  it("signs with exactly the exchange table's credential fields: each one is needed", async () => {
    const fields = credentialFieldsOf(exchange).map((info) => info.field);
    const given = credentials();
    const exact: Credentials = { apiKey: given.apiKey, secret: given.secret, ...(fields.includes('passphrase') ? { passphrase: given.passphrase } : {}) };
    expect((await adapter().fetchCallingKey(exact)).isCallingKey).toBe(true);
    for (const field of fields) {
      const without: Credentials = { ...exact, [field]: field === 'apiKey' ? '' : undefined };
      if (field === 'secret') without.secret = redact('');
      await failureOf(adapter().fetchCallingKey(without));
    }
  });

  it('revokes a sub-account key (or, where only those can be, another master key): the simulator no longer has it', async () => {
    const target = adapter();
    const keys = await listEverything(target);
    const revocable = keys.filter((key) => key.revocability.canRevoke && !key.revocability.revokesOwnConnection);
    const { api } = exchangeInfo(exchange);
    if (api.revokeSubKeys === 'website-only' && api.revokeMasterKeys === 'none') {
      // Nothing the API can delete (Coinbase): nothing is offered, and a request to delete changes nothing.
      expect(revocable).toEqual([]);
      const before = state().listAllKeys();
      await failureOf(target.revokeKey(credentials(), { account: keys[0]!.account, apiKey: credentials().apiKey }, undefined));
      return void expect(state().listAllKeys()).toEqual(before);
    }
    const victim = revocable.find((key) => key.account.kind === 'sub') ?? revocable.find((key) => key.account.kind === 'master' && !key.isCallingKey)!;
    expect(victim, 'a revocable key').toBeDefined();
    expect(victim.account.kind).toBe(api.revokeSubKeys === 'website-only' ? 'master' : 'sub');
    const passphrase = victim.revocability.how === 'api-needs-key-passphrase' ? redact(KUCOIN_DEMO_KEY_PASSPHRASE) : undefined;
    await target.revokeKey(credentials(), { account: victim.account, apiKey: victim.apiKey }, passphrase);
    expect(state().findKey(victim.apiKey)).toBeUndefined();
  });

  it('restricts a sub-account key exactly where the table says it can: the re-read shows the asked state', async () => {
    const { restrict } = exchangeInfo(exchange).api;
    const target = adapter();
    const canRestrict = [restrict.subKeys, restrict.masterKeys].some((kind) => kind.ips || kind.permissions);
    expect(typeof target.restrictKey === 'function').toBe(canRestrict);
    if (!target.restrictKey || !restrict.subKeys.ips) return;
    const keys = await listEverything(target);
    const subject = keys.find((key) => key.account.kind === 'sub' && !key.isCallingKey && key.ipWhitelist === null && !key.isApiKeyMasked)!;
    expect(subject, 'an unbound sub-account key').toBeDefined();
    const outcome = planRestriction(subject, { ips: ['198.51.100.77'] }, exchangeInfo(exchange));
    if (!outcome.ok) throw new Error(outcome.reason);
    const passphrase = restrict.needsKeyPassphrase ? redact(KUCOIN_DEMO_KEY_PASSPHRASE) : undefined;
    await target.restrictKey(credentials(), { account: subject.account, apiKey: subject.apiKey }, outcome.plan, passphrase);
    const reread = (await target.fetchSubAccountKeys(credentials(), subject.account)).find((key) => key.apiKey === subject.apiKey)!;
    expect(isSameKeyState(outcome.plan.after, { permissions: reread.permissions, ipWhitelist: reread.ipWhitelist })).toBe(true);
  });

  it('reports a wrong secret as an authentication failure, not a crash', async () => {
    const error = await failureOf(adapter().fetchCallingKey({ ...credentials(), secret: redact('0'.repeat(32)) }));
    expect(['bad-signature', 'bad-passphrase', 'unknown-key']).toContain(error.kind);
    expect(error.message).not.toMatch(/0{32}/);
  });

  it('corrects a clock that is a minute off', async () => {
    state().setFaults({ clockSkewMs: 60_000 });
    try {
      expect((await adapter().fetchCallingKey(credentials())).isCallingKey).toBe(true);
    } finally {
      state().clearFaults();
    }
  });

  it("reports 'ip-not-allowed' when this machine is not on the key's whitelist", async () => {
    const key = state().findKey(credentials().apiKey)!.key as Record<string, unknown>;
    const original = structuredClone(key);
    restrictToForeignIp[exchange](key);
    try {
      const error = await failureOf(adapter().fetchCallingKey(credentials()));
      const sameAnswerForEveryRefusal = IP_REFUSED_LIKE_ANY_KEY[exchange];
      expect(error.kind).toBe(sameAnswerForEveryRefusal ?? 'ip-not-allowed');
      // Where the exchange answers an IP refusal like any refused key, the message still names the allowlist.
      if (sameAnswerForEveryRefusal) expect(error.message).toContain('IP allowlist');
    } finally {
      Object.assign(key, original);
    }
  });

  it("reports 'rate-limited' when the exchange keeps refusing", async () => {
    state().setFaults({ rateLimitEveryRequest: true });
    try {
      expect((await failureOf(adapter().fetchCallingKey(credentials()))).kind).toBe('rate-limited');
    } finally {
      state().clearFaults();
    }
  });

  it('fails one sub-account alone when the exchange errors on it', async () => {
    const target = adapter();
    await target.fetchCallingKey(credentials());
    const subs = await target.fetchSubAccounts(credentials());
    // An exchange whose API walks no sub-accounts has none to fail (the table says so; checked above).
    if (!exchangeInfo(exchange).api.canListSubAccounts) return void expect(subs).toEqual([]);
    const [broken, healthy] = subs;
    state().setFaults({ failSubAccounts: [broken.name] });
    try {
      await failureOf(target.fetchSubAccountKeys(credentials(), broken));
      expect(Array.isArray(await target.fetchSubAccountKeys(credentials(), healthy))).toBe(true);
    } finally {
      state().clearFaults();
    }
  });

  it('reports garbage answers as bad-response without echoing them', async () => {
    state().setFaults({ garbage: true });
    try {
      const error = await failureOf(adapter().fetchCallingKey(credentials()));
      expect(['bad-response', 'exchange-error']).toContain(error.kind);
      expect(error.message).not.toContain('<html>');
    } finally {
      state().clearFaults();
    }
  });
});

/**
 * The variant dimension: documented ways an exchange may answer (server/src/simulator/simulator-variant.ts), each run
 * against the unchanged adapter and audit. Whatever the variant, no simulated key goes missing without its account
 * being reported, no two keys share an id, and nothing is offered for revoking that cannot be named to the exchange.
 */
type VariantCase = {
  exchange: ExchangeId;
  variant: Record<string, string>;
  /** What this variant in particular must produce. */
  check(context: { audit: ConnectionAudit; adapter: ExchangeAdapter; credentials: Credentials }): Promise<void>;
};

/** The simulator the variant cases switch at run time: one for all of them, each case setting then resetting its variant. */
let switchedSimulator: RunningSimulator;

const noExtraCheck = async () => {};
const VARIANT_CASES: VariantCase[] = [
  { exchange: 'okx', variant: { subAccountApiKeyIds: 'shown' }, check: noExtraCheck },
  {
    exchange: 'okx',
    variant: { subAccountApiKeyIds: 'masked' },
    async check({ audit, adapter, credentials }) {
      const subKeys = audit.keys.filter((key) => key.account.kind === 'sub');
      for (const key of subKeys) {
        expect(key, key.label).toMatchObject({ apiKey: '******', isApiKeyMasked: true, revocability: { canRevoke: false, manageUrl: exchangeInfo('okx').manageKeysUrl } });
      }
      // Masked, yet judged: the demo's trade keys bound to no IP still get their finding.
      const findings = evaluateFindings(audit.keys, { now: Date.now() });
      expect(findings.some((finding) => finding.ruleId === 'trade-without-ip-whitelist' && subKeys.some((key) => key.id === finding.keyId))).toBe(true);
      const before = switchedSimulator.okx.state.listAllKeys().length;
      const error = await adapter.revokeKey(credentials, { account: subKeys[0]!.account, apiKey: subKeys[0]!.apiKey }, undefined).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ExchangeError);
      expect(switchedSimulator.okx.state.listAllKeys().length).toBe(before);
    },
  },
  { exchange: 'bybit', variant: { masterKeys: 'as-seeded' }, check: noExtraCheck },
  {
    exchange: 'bybit',
    variant: { masterKeys: 'read-only' },
    async check({ audit }) {
      expect(audit.result).toMatchObject({ status: 'partial', error: { kind: 'permission-denied', exchangeCode: '10005' } });
      expect(audit.result.error!.message).toContain(exchangeInfo('bybit').auditKeyNeeds.why);
      const findings = evaluateFindings(audit.keys, { now: Date.now() });
      expect(findings.filter((finding) => finding.ruleId === 'audit-key-too-powerful')).toEqual([]);
    },
  },
  { exchange: 'kucoin', variant: { wrongKeyPassphraseCode: '400100' }, check: checkWrongKeyPassphrase },
  { exchange: 'kucoin', variant: { wrongKeyPassphraseCode: '400004' }, check: checkWrongKeyPassphrase },
];

/** KuCoin: a wrong passphrase for the deleted key is that key's problem, never the connection's; nothing is deleted. */
async function checkWrongKeyPassphrase({ audit, adapter, credentials }: Parameters<VariantCase['check']>[0]): Promise<void> {
  const victim = audit.keys.find((key) => key.account.kind === 'sub' && key.revocability.canRevoke)!;
  const error = await adapter.revokeKey(credentials, { account: victim.account, apiKey: victim.apiKey }, redact('not-the-key-passphrase')).catch((caught: unknown) => caught);
  expect(error).toMatchObject({ kind: 'key-passphrase-wrong' });
  expect(switchedSimulator.kucoin.state.findKey(victim.apiKey)).toBeDefined();
}

describe.each(VARIANT_CASES.map((testCase) => [testCase.exchange, JSON.stringify(testCase.variant), testCase] as const))(
  '%s adapter against its simulator answering %s',
  (exchange, _name, { variant, check }) => {
    beforeAll(async () => void (switchedSimulator = await startSimulator({ rateLimits: 'relaxed' })));
    afterAll(() => switchedSimulator.close());
    const switchable = () => switchedSimulator[exchange as 'okx' | 'bybit' | 'kucoin'].variant as SimulatorVariant<Record<string, string>>;
    const connection = () => createDemoConnections(switchedSimulator.baseUrls).find((candidate) => candidate.exchange === exchange)!;
    const adapter = () => createAdapter(exchange, { transport: fetchTransport, baseUrl: switchedSimulator.baseUrls[exchange], now: Date.now, sleep: noSleep } as AdapterDeps);

    it('hides no key, gives each its own id, offers revoke only for keys it can name, and answers as the variant documents', async () => {
      switchable().set(variant);
      try {
        const target = adapter();
        const audit = await auditConnection(connection(), () => target, { concurrency: 4 });
        expect(new Set(audit.keys.map((key) => key.id)).size).toBe(audit.keys.length);
        for (const key of audit.keys.filter((candidate) => candidate.revocability.canRevoke)) expect(isNonIdentifyingApiKey(key.apiKey), key.label).toBe(false);

        const listed = audit.result.error === null; // the connection's error: its sub-accounts could not be listed
        const simulated = (switchedSimulator[exchange].state as unknown as SimulatorState).listAllKeys().filter((key) => key.account !== 'master');
        for (const account of new Set(simulated.map((key) => key.account))) {
          const found = audit.keys.filter((key) => key.account.kind === 'sub' && key.account.name === account).length;
          const reported = audit.result.accounts.find((candidate) => candidate.account.name === account);
          // Every simulated key is found, unless its account (or the whole sub-account list) is reported as failed.
          if (listed && reported?.status !== 'failed') expect(found, account).toBe(simulated.filter((key) => key.account === account).length);
          else expect(audit.result.status).toBe('partial');
        }
        await check({ audit, adapter: target, credentials: connection().credentials });
      } finally {
        switchable().reset();
      }
    });
  },
);
