// createDeribitAdapter against its simulator over real HTTP (127.0.0.1, ephemeral port, fetchTransport):
// what an audit and a revoke really send, and how each failure reaches the audit.
import express from 'express';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exchangeKeySchema } from '@contract/audited-key.ts';
import { exchangeInfo } from '@contract/exchanges.ts';
import { maskApiKey } from '@contract/mask-api-key.ts';
import { createDeribitAdapter, type DeribitAdapterDeps } from './deribit-adapter.ts';
import { createDeribitSimulator, type DeribitSimulatorOptions } from '../../simulator/deribit/deribit-simulator.ts';
import { createDeribitDemoSeed, DERIBIT_DEMO_CONNECTION, DERIBIT_DEMO_REFERENCE_MS, demoDeribitClientId } from '../../simulator/deribit/deribit-demo-seed.ts';
import { createLoopbackServers } from '../../../test/test-support/loopback-server.ts';
import { rejection } from '../../../test/test-support/exchange-error-catchers.ts';
import { fetchTransport, type HttpRequest, type HttpResponse } from '../http-transport.ts';
import { redact } from '../../secrets/redacted.ts';
import type { Credentials } from '../exchange-adapter.ts';

const MAIN: Credentials = { apiKey: DERIBIT_DEMO_CONNECTION.apiKey, secret: redact(DERIBIT_DEMO_CONNECTION.secret) };
const MAIN_ACCOUNT = { kind: 'master', name: 'master' } as const;
const OLD_TREASURY = demoDeribitClientId('main/old_treasury');
const TAX_EXPORT = demoDeribitClientId('main/tax_export');

let clockMs: number;
const loopback = createLoopbackServers();
beforeEach(() => {
  clockMs = DERIBIT_DEMO_REFERENCE_MS;
});
afterEach(() => loopback.closeAll());

async function setup(options: DeribitSimulatorOptions = {}, deps: Partial<DeribitAdapterDeps> = {}) {
  const simulator = createDeribitSimulator({ now: () => clockMs, seed: createDeribitDemoSeed(), ...options });
  const app = express();
  app.use(simulator.router);
  const baseUrl = await loopback.listen(app);
  const sleeps: number[] = [];
  const requests: HttpRequest[] = [];
  const responses: HttpResponse[] = [];
  const adapter = createDeribitAdapter({
    transport: async (request) => {
      requests.push(request);
      const response = await fetchTransport(request);
      responses.push(response);
      return response;
    },
    baseUrl,
    now: () => clockMs,
    sleep: async (ms) => {
      sleeps.push(ms);
      clockMs += ms;
    },
    ...deps,
  });
  const methods = () => requests.map((request) => new URL(request.url).pathname.replace('/api/v2/', ''));
  return { ...simulator, adapter, sleeps, requests, responses, methods };
}

describe(createDeribitAdapter.name, () => {
  it('finds the calling key by its Client ID in the account listing, masked and never deleted through its own connection', async () => {
    const { adapter } = await setup();
    const key = await adapter.fetchCallingKey(MAIN);
    expect(exchangeKeySchema.parse(key)).toEqual(key);
    expect(key).toMatchObject({
      exchange: 'deribit',
      account: MAIN_ACCOUNT,
      apiKey: maskApiKey(MAIN.apiKey),
      label: 'keyaudit',
      permissions: ['account:read_write', 'trade:none', 'wallet:none', 'block_trade:none'],
      ipWhitelist: ['127.0.0.1'],
      createdAt: null,
      isCallingKey: true,
      revocability: { canRevoke: false, how: 'website-only', manageUrl: exchangeInfo('deribit').manageKeysUrl },
    });
  });

  it("lists the account's other keys from the same answer, drops every client_secret, and keeps a disabled key's powers", async () => {
    const { adapter, methods, responses, state } = await setup();
    await adapter.fetchCallingKey(MAIN);
    const { keys, note } = await adapter.fetchOtherMasterKeys!(MAIN);
    expect(methods()).toEqual(['public/get_time', 'private/list_api_keys', 'private/get_subaccounts']);
    // The trap: the simulator, like Deribit's example, sent each key's secret; none of it survives normalizing.
    const secrets = state.listKeys(MAIN_ACCOUNT).map((key) => key.secret);
    expect(secrets.every((secret) => responses[1]!.body.includes(secret))).toBe(true);
    for (const secret of secrets) expect(JSON.stringify(keys)).not.toContain(secret);
    expect(keys.map((key) => key.label)).toEqual(['options_mm', 'tax_export', 'old_treasury', 'paused_bot', 'custody_link']);
    const treasury = keys.find((key) => key.apiKey === OLD_TREASURY)!;
    expect(treasury).toMatchObject({ ipWhitelist: null, isCallingKey: false, revocability: { canRevoke: true, how: 'api' } });
    expect(treasury.capabilities.map((granted) => granted.capability)).toEqual(expect.arrayContaining(['withdraw', 'trade-futures']));
    const paused = keys.find((key) => key.label === 'paused_bot')!;
    expect(paused.permissions).toContain('enabled=false');
    expect(paused.capabilities.some((granted) => granted.capability === 'withdraw')).toBe(true);
    expect(keys.find((key) => key.label === 'options_mm')!.permissions).toContain('feature:restricted_block_trades');
    // The sub-accounts' keys are not listed: the note names the sub-accounts instead.
    expect(note).toMatchObject({ gap: 'sub-accounts-not-listed' });
    expect(note!.message).toContain('2 sub-accounts (vol_desk, basis_bot)');
    expect(await adapter.fetchSubAccounts(MAIN)).toEqual([]);
  });

  it('says the sub-accounts could not be named when get_subaccounts fails, and says nothing when there are none', async () => {
    const { adapter, state } = await setup();
    const withoutSubs = await setup({ seed: { ...createDeribitDemoSeed(), subAccounts: [] } });
    expect((await withoutSubs.adapter.fetchOtherMasterKeys!(MAIN)).note).toBeUndefined();
    const key = state.findKey(MAIN.apiKey)!.key;
    await adapter.fetchCallingKey(MAIN);
    key.maxScope = 'trade:read';
    const { note } = await adapter.fetchOtherMasterKeys!(MAIN);
    expect(note!.message).toContain('could not list the sub-accounts');
  });

  it('deletes another key by its id with remove_api_key: the simulator no longer has it', async () => {
    const { adapter, requests, state } = await setup();
    await adapter.revokeKey(MAIN, { account: MAIN_ACCOUNT, apiKey: OLD_TREASURY }, undefined);
    expect(state.findKey(OLD_TREASURY)).toBeUndefined();
    const removal = new URL(requests.at(-1)!.url);
    expect(removal.pathname).toBe('/api/v2/private/remove_api_key');
    expect(removal.searchParams.get('id')).toBe(String(createDeribitDemoSeed().master.keys.find((key) => key.apiKey === OLD_TREASURY)!.id));
  });

  it('never deletes the key it signs with, a key it cannot name, or anything without account:read_write', async () => {
    const { adapter, state, requests } = await setup();
    expect((await rejection(adapter.revokeKey(MAIN, { account: MAIN_ACCOUNT, apiKey: MAIN.apiKey }, undefined))).kind).toBe('invalid-request');
    expect((await rejection(adapter.revokeKey(MAIN, { account: MAIN_ACCOUNT, apiKey: 'a&id=1' }, undefined))).kind).toBe('invalid-request');
    expect((await rejection(adapter.revokeKey(MAIN, { account: { kind: 'sub', name: 'vol_desk' }, apiKey: OLD_TREASURY }, undefined))).kind).toBe('invalid-request');
    expect(requests).toEqual([]);
    expect((await rejection(adapter.revokeKey(MAIN, { account: MAIN_ACCOUNT, apiKey: 'gone1234' }, undefined))).kind).toBe('not-found');
    state.findKey(MAIN.apiKey)!.key.maxScope = 'account:read';
    expect((await rejection(adapter.revokeKey(MAIN, { account: MAIN_ACCOUNT, apiKey: TAX_EXPORT }, undefined))).kind).toBe('permission-denied');
    expect(state.findKey(TAX_EXPORT)).toBeDefined();
    expect(requests.some((request) => request.url.includes('remove_api_key'))).toBe(false);
  });

  it('reports a security-key (TFA) challenge plainly and deletes nothing', async () => {
    const { adapter, state } = await setup();
    state.requireSecurityKey(true);
    const error = await rejection(adapter.revokeKey(MAIN, { account: MAIN_ACCOUNT, apiKey: TAX_EXPORT }, undefined));
    expect(error).toMatchObject({ kind: 'permission-denied' });
    expect(error.message).toContain('two-factor (TFA)');
    expect(state.findKey(TAX_EXPORT)).toBeDefined();
  });

  it('names the missing scope when the key cannot read the account', async () => {
    const { adapter, state } = await setup();
    state.findKey(MAIN.apiKey)!.key.maxScope = 'trade:read wallet:read';
    const error = await rejection(adapter.fetchCallingKey(MAIN));
    expect(error).toMatchObject({ kind: 'permission-denied', exchangeCode: '13021' });
    expect(error.message).toContain('account:read');
  });

  it('waits out too_many_requests for a refill and then succeeds; gives up after repeated refusals', async () => {
    // A pool smaller than Deribit's default: the second call finds it empty, is refused once, and goes through after the wait.
    const { adapter, state, sleeps } = await setup({ credits: { costPerRequest: 500, maxCredits: 500, refillPerSecond: 1_000 } });
    await adapter.fetchCallingKey(MAIN);
    await adapter.fetchCallingKey(MAIN);
    expect(state.stats.rateLimited).toBe(1);
    expect(sleeps).toContain(1_000);
    state.setFaults({ rateLimitEveryRequest: true });
    expect((await rejection(adapter.fetchCallingKey(MAIN))).kind).toBe('rate-limited');
    expect(state.stats.rateLimited).toBe(1 + 4);
  });

  it('signs with the offset to Deribit\'s clock, measured once', async () => {
    const { adapter, state, methods } = await setup();
    state.setFaults({ clockSkewMs: 120_000 });
    expect((await adapter.fetchCallingKey(MAIN)).isCallingKey).toBe(true);
    expect((await adapter.fetchCallingKey(MAIN)).isCallingKey).toBe(true);
    expect(methods().filter((method) => method === 'public/get_time')).toHaveLength(1);
  });

  it('reports a disabled or unknown calling key as unknown-key, and a wrong secret as bad-signature', async () => {
    const { adapter, state } = await setup();
    expect((await rejection(adapter.fetchCallingKey({ ...MAIN, secret: redact('wrong') }))).kind).toBe('bad-signature');
    state.findKey(MAIN.apiKey)!.key.enabled = false;
    expect((await rejection(adapter.fetchCallingKey(MAIN))).kind).toBe('unknown-key');
  });
});

describe('disabling a Deribit key (a gentler revoke)', () => {
  it('disables another key by its id with disable_api_key: the simulator keeps it, enabled false, and the listing says so', async () => {
    const { adapter, requests, state } = await setup();
    await adapter.disableKey!(MAIN, { account: MAIN_ACCOUNT, apiKey: OLD_TREASURY });
    expect(state.findKey(OLD_TREASURY)!.key.enabled).toBe(false);
    const call = new URL(requests.at(-1)!.url);
    expect(call.pathname).toBe('/api/v2/private/disable_api_key');
    expect(call.searchParams.get('id')).toBe(String(createDeribitDemoSeed().master.keys.find((key) => key.apiKey === OLD_TREASURY)!.id));
    const listed = (await adapter.fetchOtherMasterKeys!(MAIN)).keys.find((key) => key.apiKey === OLD_TREASURY)!;
    // Still listed and still judged by what it could do once enabled again; only the new marker and the offer change.
    expect(listed).toMatchObject({ isDisabled: true, disablability: { canDisable: false }, revocability: { canRevoke: true } });
    expect(listed.permissions).toContain('enabled=false');
    expect(listed.capabilities.some((granted) => granted.capability === 'withdraw')).toBe(true);
  });

  it('offers disabling on the other enabled keys only, where the connection key has account:read_write', async () => {
    const { adapter, state } = await setup();
    const calling = await adapter.fetchCallingKey(MAIN);
    expect(calling.disablability).toMatchObject({ canDisable: false, reason: expect.stringContaining('locked out') });
    const keys = (await adapter.fetchOtherMasterKeys!(MAIN)).keys;
    expect(keys.filter((key) => key.disablability?.canDisable).map((key) => key.label)).toEqual(['options_mm', 'tax_export', 'old_treasury', 'custody_link']);
    expect(keys.find((key) => key.label === 'paused_bot')).toMatchObject({ isDisabled: true, disablability: { canDisable: false } });
    state.findKey(MAIN.apiKey)!.key.maxScope = 'account:read';
    await adapter.fetchCallingKey(MAIN); // reads the listing again, as every audit does
    const readOnly = (await adapter.fetchOtherMasterKeys!(MAIN)).keys;
    expect(readOnly.some((key) => key.disablability?.canDisable)).toBe(false);
  });

  it('never disables the key it signs with, a key it cannot name, or anything without account:read_write', async () => {
    const { adapter, state, requests } = await setup();
    expect((await rejection(adapter.disableKey!(MAIN, { account: MAIN_ACCOUNT, apiKey: MAIN.apiKey }))).kind).toBe('invalid-request');
    expect((await rejection(adapter.disableKey!(MAIN, { account: MAIN_ACCOUNT, apiKey: 'a&id=1' }))).kind).toBe('invalid-request');
    expect((await rejection(adapter.disableKey!(MAIN, { account: { kind: 'sub', name: 'vol_desk' }, apiKey: OLD_TREASURY }))).kind).toBe('invalid-request');
    expect(requests).toEqual([]);
    expect((await rejection(adapter.disableKey!(MAIN, { account: MAIN_ACCOUNT, apiKey: 'gone1234' }))).kind).toBe('not-found');
    state.findKey(MAIN.apiKey)!.key.maxScope = 'account:read';
    expect((await rejection(adapter.disableKey!(MAIN, { account: MAIN_ACCOUNT, apiKey: TAX_EXPORT }))).kind).toBe('permission-denied');
    expect(state.findKey(TAX_EXPORT)!.key.enabled).toBe(true);
    expect(requests.some((request) => request.url.includes('disable_api_key'))).toBe(false);
  });

  it("answers a security-key (TFA) challenge with a sentence saying keyaudit cannot give a second factor, and Deribit's API page; nothing changes", async () => {
    const { adapter, state } = await setup();
    state.requireSecurityKey(true);
    const error = await rejection(adapter.disableKey!(MAIN, { account: MAIN_ACCOUNT, apiKey: TAX_EXPORT }));
    expect(error).toMatchObject({ kind: 'permission-denied' });
    expect(error.message).toMatch(/second factor .* keyaudit cannot provide one/);
    expect(error.message).toContain(exchangeInfo('deribit').manageKeysUrl);
    expect(state.findKey(TAX_EXPORT)!.key.enabled).toBe(true);
  });
});
