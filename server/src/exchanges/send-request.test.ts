import { describe, expect, it } from 'vitest';
import { sendRequest } from './send-request.ts';
import { rejection } from '../../test/test-support/exchange-error-catchers.ts';
import type { HttpRequest } from './http-transport.ts';

const REQUEST: HttpRequest = { method: 'GET', url: 'http://127.0.0.1:1/api/time?signature=KA_CANARY_SIG', headers: {} };

describe(sendRequest.name, () => {
  it('hands back what the transport answered', async () => {
    const answer = { status: 500, headers: {}, body: 'oops' };
    expect(await sendRequest(async () => answer, REQUEST)).toBe(answer);
  });

  it.each([
    ['a refused connection', new TypeError('fetch failed KA_CANARY_SIG'), 'unreachable'],
    ['a timeout', Object.assign(new Error('KA_CANARY_SIG'), { name: 'TimeoutError' }), 'timeout'],
    ['an oversized answer', new Error('response too large'), 'bad-response'],
  ])('turns %s into %s, in plain words without the original text', async (_name, thrown, kind) => {
    const error = await rejection(sendRequest(async () => {
      throw thrown;
    }, REQUEST));
    expect(error.kind).toBe(kind);
    expect(error.message).not.toMatch(/KA_CANARY|fetch failed|too large/);
  });
});
