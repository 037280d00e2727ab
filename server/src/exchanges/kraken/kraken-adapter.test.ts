import { describe, expect, it } from 'vitest';
import { redact } from '../../secrets/redacted.ts';
import type { HttpRequest, HttpResponse } from '../http-transport.ts';
import { createKrakenAdapter } from './kraken-adapter.ts';
import { KRAKEN_MIN_CALL_GAP_MS } from './kraken-client.ts';

const CREDENTIALS = { apiKey: 'k'.repeat(56), secret: redact(Buffer.alloc(64, 7).toString('base64')) };
const INFO = { apiKeyName: 'bot', apiKey: 'k'.repeat(56), permissions: ['query-funds'], ipAllowlist: [], validUntil: 0, createdTime: 1, lastUsed: null };
const ok = { status: 200, headers: {}, body: JSON.stringify({ error: [], result: INFO }) };
const refused = (text: string): HttpResponse => ({ status: 200, headers: {}, body: JSON.stringify({ error: [text] }) });

/** A fake Kraken answering from a script, a clock that moves only when slept, and the nonces sent. */
function harness(answers: HttpResponse[]) {
  let nowMs = 1_800_000_000_000;
  const sent: HttpRequest[] = [];
  const slept: number[] = [];
  const adapter = createKrakenAdapter({
    baseUrl: 'https://api.kraken.com',
    now: () => nowMs,
    sleep: async (ms) => void (slept.push(ms), (nowMs += ms)),
    random: () => 0,
    transport: async (request) => {
      sent.push(request);
      return answers.shift() ?? ok;
    },
  });
  const nonces = () => sent.map((request) => BigInt(new URLSearchParams(request.body).get('nonce')!));
  return { adapter, sent, slept, nonces };
}

describe(createKrakenAdapter.name, () => {
  it('reads the calling key with one POST to GetApiKeyInfo and lists nothing else', async () => {
    const { adapter, sent } = harness([]);
    expect(await adapter.fetchCallingKey(CREDENTIALS)).toMatchObject({ exchange: 'kraken', label: 'bot', ipWhitelist: null, isCallingKey: true });
    expect(sent.map((request) => `${request.method} ${request.url}`)).toEqual(['POST https://api.kraken.com/0/private/GetApiKeyInfo']);
    expect(await adapter.fetchSubAccounts(CREDENTIALS)).toEqual([]);
    await expect(adapter.revokeKey(CREDENTIALS, { account: { kind: 'master', name: 'master' }, apiKey: 'x' }, undefined)).rejects.toMatchObject({ kind: 'invalid-request' });
    expect(sent).toHaveLength(1);
  });

  it('retries a refused nonce once with a higher one', async () => {
    const { adapter, nonces } = harness([refused('EAPI:Invalid nonce')]);
    await adapter.fetchCallingKey(CREDENTIALS);
    const [first, second] = nonces();
    expect(second! > first!).toBe(true);
  });

  it('gives up after a second refused nonce, saying so in its own words', async () => {
    const { adapter, sent } = harness([refused('EAPI:Invalid nonce'), refused('EAPI:Invalid nonce')]);
    await expect(adapter.fetchCallingKey(CREDENTIALS)).rejects.toMatchObject({ kind: 'clock-skew', exchangeCode: 'EAPI:Invalid nonce' });
    expect(sent).toHaveLength(2);
  });

  it('waits out a rate limit and keeps its calls a second apart', async () => {
    const { adapter, slept, sent } = harness([refused('EAPI:Rate limit exceeded')]);
    await adapter.fetchCallingKey(CREDENTIALS);
    expect(sent).toHaveLength(2);
    expect(slept).toEqual([3_000]);
    await adapter.fetchCallingKey(CREDENTIALS);
    await adapter.fetchCallingKey(CREDENTIALS);
    expect(slept.slice(1)).toEqual([KRAKEN_MIN_CALL_GAP_MS, KRAKEN_MIN_CALL_GAP_MS]);
  });

  it('reads a refused GetApiKeyInfo, which needs no permission, as an IP outside the allowlist', async () => {
    const { adapter } = harness([refused('EGeneral:Permission denied')]);
    await expect(adapter.fetchCallingKey(CREDENTIALS)).rejects.toMatchObject({ kind: 'ip-not-allowed', exchangeCode: 'EGeneral:Permission denied' });
  });

  it('sends strictly increasing nonces, even within one millisecond and across connections', async () => {
    const one = harness([]);
    const two = harness([]);
    await Promise.all([one.adapter.fetchCallingKey(CREDENTIALS), two.adapter.fetchCallingKey(CREDENTIALS)]);
    const all = [...one.nonces(), ...two.nonces()];
    expect(new Set(all.map(String)).size).toBe(all.length);
  });
});
