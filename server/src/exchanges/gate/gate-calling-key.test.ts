// How the calling key is classified from what Gate answers, including answers the simulator never gives
// (what Gate tells a sub-account key on main_keys is not documented).
import { describe, expect, it } from 'vitest';
import { fetchGateCallingKey } from './gate-calling-key.ts';
import type { GateCall, GateClient } from './gate-client.ts';
import { ExchangeError } from '../exchange-error.ts';
import { redact } from '../../secrets/redacted.ts';

const API_KEY = 'c5dcfbf1f3a7e2d4c6b8a0f1e3d5c7b9';
const CREDENTIALS = { apiKey: API_KEY, secret: redact('s') };
const DETAIL = { user_id: 1, ip_whitelist: [] };
const FORBIDDEN = new ExchangeError('permission-denied', 'denied', { exchangeCode: 'FORBIDDEN' });

/** Answers by endpoint: a value, or an error to throw. */
function fakeClient(answers: Record<string, unknown>): GateClient & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    async fetchPrivate(_credentials: unknown, call: GateCall) {
      calls.push(call.endpoint);
      const answer = answers[call.endpoint];
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };
}

describe(fetchGateCallingKey.name, () => {
  it('recognises the main key by its masked identifier and user id', async () => {
    const listed = { key: 'c5dcfbf1f3a7*****', user_id: 1, name: 'audit', perms: [{ name: 'spot', read_only: true }] };
    const client = fakeClient({ 'GET /account/detail': DETAIL, 'GET /account/main_keys': [{ key: 'aaaaaaaaaaaa*****', user_id: 1 }, listed] });
    expect(await fetchGateCallingKey(client, CREDENTIALS)).toEqual({ detail: DETAIL, isMaster: true, listed: expect.objectContaining({ name: 'audit' }) });
  });

  it('does not match a key of another user with the same visible start', async () => {
    const client = fakeClient({ 'GET /account/detail': DETAIL, 'GET /account/main_keys': [{ key: 'c5dcfbf1f3a7*****', user_id: 2 }] });
    expect(await fetchGateCallingKey(client, CREDENTIALS)).toMatchObject({ isMaster: false, listed: null });
  });

  it('reads a listing without the calling key as a sub-account key', async () => {
    const client = fakeClient({ 'GET /account/detail': DETAIL, 'GET /account/main_keys': [{ key: 'aaaaaaaaaaaa*****', user_id: 1 }] });
    expect(await fetchGateCallingKey(client, CREDENTIALS)).toMatchObject({ isMaster: false, listed: null });
  });

  it('reads a listing of unrecognisable keys of the same user as the main account', async () => {
    const client = fakeClient({ 'GET /account/detail': DETAIL, 'GET /account/main_keys': [{ key: { mode: 1 }, user_id: 1 }, { key: 'c5dc***', user_id: 1 }] });
    expect(await fetchGateCallingKey(client, CREDENTIALS)).toMatchObject({ isMaster: true, listed: null });
  });

  it('after a refused main_keys, recognises the main account by its right to list sub-accounts', async () => {
    const client = fakeClient({ 'GET /account/detail': DETAIL, 'GET /account/main_keys': FORBIDDEN, 'GET /sub_accounts': [] });
    expect(await fetchGateCallingKey(client, CREDENTIALS)).toMatchObject({ isMaster: true, listed: null });
    expect(client.calls).toEqual(['GET /account/detail', 'GET /account/main_keys', 'GET /sub_accounts']);
  });

  it('reads two refusals as a sub-account key', async () => {
    const client = fakeClient({ 'GET /account/detail': DETAIL, 'GET /account/main_keys': FORBIDDEN, 'GET /sub_accounts': FORBIDDEN });
    expect(await fetchGateCallingKey(client, CREDENTIALS)).toMatchObject({ isMaster: false, listed: null });
  });

  // Gate's schema and official SDK (getAccountMainKeys(): AccountKeyInfo) answer one object, whose `key` is {mode},
  // `name` an array in the SDK and times strings (docs/exchanges/gate.md#main-account-keys).
  const SINGLE_RECORD = {
    state: 1, mode: 1, name: ['audit'], user_id: 1, perms: [{ name: 'spot', read_only: false }], ip_whitelist: [], key: { mode: 1 },
    created_at: '1753030929', updated_at: '1756300567', last_access: '1753030929',
  };

  it("takes a single-object answer as the calling key's own record, on the main account", async () => {
    const client = fakeClient({ 'GET /account/detail': DETAIL, 'GET /account/main_keys': SINGLE_RECORD });
    expect(await fetchGateCallingKey(client, CREDENTIALS)).toEqual({
      detail: DETAIL,
      isMaster: true,
      listed: expect.objectContaining({ name: 'audit', perms: [{ name: 'spot', read_only: false }] }),
    });
  });

  it("does not take a single record of another user's key for the calling key's", async () => {
    const client = fakeClient({ 'GET /account/detail': DETAIL, 'GET /account/main_keys': { ...SINGLE_RECORD, user_id: 2 } });
    expect(await fetchGateCallingKey(client, CREDENTIALS)).toMatchObject({ isMaster: false, listed: null });
  });

  it.each([
    ['a server error', new ExchangeError('exchange-error', 'down')],
    ['an answer it cannot read', { unexpected: true }],
    ['an object without permissions', { key: { mode: 1 }, user_id: 1 }],
  ])('after %s on main_keys, still recognises the main account by its right to list sub-accounts', async (_name, answer) => {
    const client = fakeClient({ 'GET /account/detail': DETAIL, 'GET /account/main_keys': answer, 'GET /sub_accounts': [] });
    expect(await fetchGateCallingKey(client, CREDENTIALS)).toMatchObject({ isMaster: true, listed: null });
    expect(client.calls).toEqual(['GET /account/detail', 'GET /account/main_keys', 'GET /sub_accounts']);
  });

  it('counts a key whose main_keys and sub-account probes both fail as a main key, so the sub-account listing reports the failure', async () => {
    const broken = new ExchangeError('exchange-error', 'down');
    const client = fakeClient({ 'GET /account/detail': DETAIL, 'GET /account/main_keys': broken, 'GET /sub_accounts': broken });
    expect(await fetchGateCallingKey(client, CREDENTIALS)).toMatchObject({ isMaster: true, listed: null });
  });

  it("names Gate's Account permission when /account/detail is FORBIDDEN", async () => {
    const client = fakeClient({ 'GET /account/detail': FORBIDDEN });
    await expect(fetchGateCallingKey(client, CREDENTIALS)).rejects.toMatchObject({
      kind: 'permission-denied',
      exchangeCode: 'FORBIDDEN',
      message: expect.stringMatching(/Account.*permission.*read-only/),
    });
  });
});
