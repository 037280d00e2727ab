import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiRoutes } from '@contract/api.ts';
import { apiError, reply, stubApi } from '../testing/fetch-stub.ts';
import { ApiRequestError, callApi } from './api-client.ts';

describe(callApi.name, () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    sessionStorage.clear();
  });

  it('fills and encodes path params, sends JSON with the bearer token, and parses the answer', async () => {
    sessionStorage.setItem('keyaudit.session', 'tok-1');
    const api = stubApi({ 'PATCH /api/connections/a%2Fb%20c': reply({ id: 'a/b c', exchange: 'kucoin', label: 'New', maskedKey: 'abcd…wxyz', baseUrl: null }) });

    const result = await callApi(apiRoutes.renameConnection, { params: { connectionId: 'a/b c' }, body: { label: 'New' } });

    expect(result.label).toBe('New');
    const [call] = api.calls;
    expect(call!.headers).toMatchObject({ authorization: 'Bearer tok-1', 'content-type': 'application/json' });
    expect(call!.body).toEqual({ label: 'New' });
  });

  it('sends no Content-Type and no body on a GET', async () => {
    const api = stubApi({ 'GET /api/status': reply({ mode: 'demo', demoKeyPassphrase: null, vault: 'none' }) });
    await callApi(apiRoutes.getStatus);
    expect(api.calls[0]!.headers['content-type']).toBeUndefined();
    expect(api.calls[0]!.body).toBeUndefined();
  });

  it('throws ApiRequestError with the status, code, message and request id of an error answer', async () => {
    stubApi({ 'POST /api/vault/unlock': apiError(429, 'too-many-attempts', 'Too many attempts, wait 30 seconds.') });
    const error = await callApi(apiRoutes.unlockVault, { body: { passphrase: 'x' } }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiRequestError);
    expect(error).toMatchObject({ status: 429, code: 'too-many-attempts', message: 'Too many attempts, wait 30 seconds.', requestId: 'req-test' });
  });

  it('adds the request id to the message of an unexpected (internal) error only, so the user can quote it', async () => {
    stubApi({ 'GET /api/audit': apiError(500, 'internal', 'Something went wrong inside keyaudit.'), 'POST /api/vault/lock': apiError(423, 'vault-locked', 'The vault is locked.') });
    await expect(callApi(apiRoutes.getAudit)).rejects.toMatchObject({ code: 'internal', message: 'Something went wrong inside keyaudit. (request id req-test)' });
    await expect(callApi(apiRoutes.lockVault, { body: {} })).rejects.toMatchObject({ code: 'vault-locked', message: 'The vault is locked.' });
  });

  it('reports an error answer in an unknown shape as a bad response with its status', async () => {
    stubApi({ 'GET /api/status': reply({ error: 'not_a_known_code', message: 'x', requestId: 'r' }, 502) });
    await expect(callApi(apiRoutes.getStatus)).rejects.toMatchObject({ status: 502, code: 'bad-response', message: 'The keyaudit server answered with HTTP 502.' });
  });

  it('rejects an answer that does not match the route schema', async () => {
    stubApi({ 'GET /api/status': reply({ mode: 'production' }) });
    await expect(callApi(apiRoutes.getStatus)).rejects.toMatchObject({ code: 'bad-response' });
  });

  it('reports an unreachable server in plain words', async () => {
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')));
    await expect(callApi(apiRoutes.getStatus)).rejects.toMatchObject({ status: 0, code: 'unreachable' });
  });
});
