import { describe, expect, it } from 'vitest';
import { EXCHANGE_IDS } from './exchange-id.ts';
import { CREDENTIAL_FIELDS, credentialFieldsOf, credentialFieldsProblem, EXCHANGE_NAMES, exchangeInfo } from './exchanges.ts';

const filled = (exchange: (typeof EXCHANGE_IDS)[number]) =>
  Object.fromEntries(credentialFieldsOf(exchange).map(({ field, format }) => [field, format?.example ?? `${field}-value`]));

describe('the exchange table', () => {
  it.each(EXCHANGE_IDS)('%s: asks for an API key and a secret first, a passphrase only where its row has one; only the key is shown', (exchange) => {
    const fields = credentialFieldsOf(exchange);
    expect(fields.slice(0, 2).map(({ field }) => field)).toEqual(['apiKey', 'secret']);
    expect(fields.some(({ field }) => field === 'passphrase')).toBe(exchangeInfo(exchange).credentials.passphrase !== null);
    for (const { field, isSecret, label } of fields) {
      expect(isSecret, field).toBe(field !== 'apiKey');
      expect(label.trim()).not.toBe('');
    }
  });

  it.each(EXCHANGE_IDS)('%s: accepts exactly its credential fields and names the first one missing, blank or too many', (exchange) => {
    const exact = filled(exchange);
    const name = EXCHANGE_NAMES[exchange];
    expect(credentialFieldsProblem(exchange, exact)).toBeNull();
    for (const { field, label } of credentialFieldsOf(exchange)) {
      expect(credentialFieldsProblem(exchange, { ...exact, [field]: undefined })).toBe(`${name} API keys need "${field}" (${label}).`);
      expect(credentialFieldsProblem(exchange, { ...exact, [field]: '  ' })).toBe(`${name} API keys need "${field}" (${label}).`);
    }
    for (const field of CREDENTIAL_FIELDS.filter((candidate) => !(candidate in exact))) {
      expect(credentialFieldsProblem(exchange, { ...exact, [field]: '' })).toBe(`${name} API keys have no ${field}: leave "${field}" out.`);
    }
  });

  it.each(EXCHANGE_IDS)('%s: refuses a value not of a field\'s declared form, with the row\'s own sentence, and never checks a secret\'s', (exchange) => {
    for (const { field, format, isSecret } of credentialFieldsOf(exchange).filter((info) => info.format)) {
      expect(isSecret, field).toBe(false);
      expect(format!.pattern.test(format!.example), field).toBe(true);
      expect(credentialFieldsProblem(exchange, { ...filled(exchange), [field]: 'AbCdEfGh12345678' })).toBe(format!.problem);
    }
  });

  it('refuses a Coinbase key name that is not a CDP key, saying Coinbase retired legacy keys', () => {
    const problem = credentialFieldsProblem('coinbase', { apiKey: 'aBcD1234EfGh5678', secret: '-----BEGIN EC PRIVATE KEY-----' });
    expect(problem).toContain('retired its legacy API keys');
    expect(credentialFieldsProblem('coinbase', filled('coinbase'))).toBeNull();
  });

  it.each(EXCHANGE_IDS)('%s: its pages are https, and its API hosts are bare https origins a connection can use as they are', (exchange) => {
    const { manageKeysUrl, apiBaseUrl, otherApiBaseUrls } = exchangeInfo(exchange);
    expect(new URL(manageKeysUrl).protocol).toBe('https:');
    for (const host of [apiBaseUrl, ...otherApiBaseUrls]) {
      expect(new URL(host).protocol, host).toBe('https:');
      expect(new URL(host).origin, host).toBe(host);
    }
    expect(otherApiBaseUrls).not.toContain(apiBaseUrl);
  });

  it('gives every exchange its own name, as EXCHANGE_NAMES reports it', () => {
    const names = EXCHANGE_IDS.map((id) => exchangeInfo(id).name);
    expect(new Set(names).size).toBe(EXCHANGE_IDS.length);
    expect(EXCHANGE_IDS.map((id) => EXCHANGE_NAMES[id])).toEqual(names);
  });

  it.each(EXCHANGE_IDS)('%s: says why master keys cannot be restricted wherever they cannot, and bounds every whitelist', (exchange) => {
    const { restrict } = exchangeInfo(exchange).api;
    const masterFalls = !restrict.masterKeys.ips || !restrict.masterKeys.permissions;
    expect(restrict.masterKeysWhy !== null, exchange).toBe(masterFalls);
    if (restrict.subKeys.ips || restrict.masterKeys.ips) expect(restrict.maxIps).toBeGreaterThan(0);
    if (restrict.subKeys.permissions) expect(restrict.droppableWords.length).toBeGreaterThan(0);
  });

  it.each(EXCHANGE_IDS)('%s: says which permission words its audit key needs, and in one sentence why', (exchange) => {
    const { permissions, why } = exchangeInfo(exchange).auditKeyNeeds;
    // Kraken's GetApiKeyInfo needs no permission at all: an empty list there, and the sentence says so.
    expect(permissions.length > 0 || /no permission/.test(why)).toBe(true);
    for (const word of permissions) expect(word.trim(), word).toBe(word);
    expect(why).toMatch(/^[A-Z].*[.)]$/);
    expect(why).toContain(EXCHANGE_NAMES[exchange]);
  });
});
