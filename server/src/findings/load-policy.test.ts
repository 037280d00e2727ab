import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PolicyError, loadPolicy, parsePolicy } from './load-policy.ts';
import { defaultPolicy } from './policy.ts';

describe(loadPolicy.name, () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'keyaudit-policy-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function write(name: string, text: string): Promise<string> {
    const filePath = join(dir, name);
    await writeFile(filePath, text);
    return filePath;
  }

  it('returns the defaults when the file does not exist', async () => {
    await expect(loadPolicy(join(dir, 'absent.json'))).resolves.toEqual(defaultPolicy);
  });

  it('fills every omitted field with its default', async () => {
    const policy = await loadPolicy(await write('partial.json', '{ "thresholds": { "maxKeyAgeDays": 90 } }'));
    expect(policy.thresholds).toEqual({ maxKeyAgeDays: 90, expiresSoonDays: 14, maxIpv4PrefixWidth: 24, maxIpv6PrefixWidth: 48 });
    expect(policy).toMatchObject({ version: 1, disabledRules: [], severityOverrides: {}, acceptances: [] });
  });

  it('reads a complete file', async () => {
    const text = JSON.stringify({
      version: 1,
      thresholds: { maxKeyAgeDays: 365, expiresSoonDays: 7, maxIpv4PrefixWidth: 28, maxIpv6PrefixWidth: 56 },
      disabledRules: ['read-only-with-whitelist'],
      severityOverrides: { 'key-older-than-threshold': 'low' },
      acceptances: [{ ruleId: 'withdraw-enabled', apiKey: 'abc', exchange: 'kucoin', reason: 'payout bot', expiresAt: '2027-01-01' }],
    });
    const policy = await loadPolicy(await write('full.json', text));
    expect(policy.severityOverrides).toEqual({ 'key-older-than-threshold': 'low' });
    expect(policy.acceptances[0]?.reason).toBe('payout bot');
  });

  it('reads a file written before acceptances named their connection and account', async () => {
    const old = { version: 1, acceptances: [{ ruleId: 'withdraw-enabled', apiKey: '6705f5c311545b000157d3eb', exchange: 'kucoin', reason: 'payout bot', expiresAt: '2027-01-01' }] };
    const policy = await loadPolicy(await write('before-scopes.json', JSON.stringify(old)));
    expect(policy.acceptances).toEqual(old.acceptances);
  });

  it('reads an acceptance scoped to a connection, an account and a key id', async () => {
    const scoped = {
      ruleId: 'withdraw-enabled', apiKey: '******', exchange: 'okx', connectionId: 'c1', account: { kind: 'sub', name: 'bots' }, keyId: 'k1',
      reason: 'payout bot', expiresAt: '2027-01-01',
    };
    const policy = await loadPolicy(await write('scoped.json', JSON.stringify({ acceptances: [scoped] })));
    expect(policy.acceptances).toEqual([scoped]);
  });

  it.each([
    { name: 'a connection without its account', scope: { connectionId: 'c1' }, problem: 'acceptances[0].account: connectionId and account go together' },
    { name: 'an account without its connection', scope: { account: { kind: 'sub', name: 'bots' } }, problem: 'acceptances[0].connectionId: connectionId and account go together' },
    { name: 'a key id without its connection', scope: { keyId: 'k1' }, problem: 'acceptances[0].connectionId: a keyId needs the connectionId' },
    { name: 'an account of unknown kind', scope: { connectionId: 'c1', account: { kind: 'main', name: 'x' } }, problem: 'acceptances[0].account.kind' },
  ])('rejects an acceptance that names $name', ({ scope, problem }) => {
    const acceptance = { ruleId: 'withdraw-enabled', apiKey: 'abc', exchange: 'kucoin', reason: 'r', expiresAt: '2027-01-01', ...scope };
    const error = (() => {
      try {
        return parsePolicy({ acceptances: [acceptance] }, 'policy.json');
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(PolicyError);
    expect((error as PolicyError).problems.join('\n')).toContain(problem);
  });

  it.each([
    { name: 'empty file', text: '' },
    { name: 'truncated JSON', text: '{ "thresholds": { ' },
    { name: 'comments', text: '// my policy\n{}' },
  ])('rejects malformed JSON ($name) naming the file instead of using defaults', async ({ name, text }) => {
    const filePath = await write(`${name.replace(/\W/g, '-')}.json`, text);
    const error = await loadPolicy(filePath).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PolicyError);
    expect((error as PolicyError).forTerminal()).toContain(filePath);
    expect((error as PolicyError).forTerminal()).toContain('not valid JSON');
    expect((error as PolicyError).message).not.toContain(filePath);
  });

  it('rejects a file that cannot be read (a directory) rather than treating it as missing', async () => {
    await expect(loadPolicy(dir)).rejects.toBeInstanceOf(PolicyError);
  });
});

function problemsOf(value: unknown): string[] {
  try {
    parsePolicy(value, 'policy.json');
  } catch (error) {
    if (error instanceof PolicyError) return [...error.problems];
    throw error;
  }
  throw new Error('expected the policy to be rejected');
}

describe(parsePolicy.name, () => {
  it.each([
    { name: 'a threshold of the wrong type', value: { thresholds: { maxKeyAgeDays: '180' } }, path: 'thresholds.maxKeyAgeDays:' },
    { name: 'a negative threshold', value: { thresholds: { expiresSoonDays: -1 } }, path: 'thresholds.expiresSoonDays:' },
    { name: 'an IPv4 prefix above 32', value: { thresholds: { maxIpv4PrefixWidth: 40 } }, path: 'thresholds.maxIpv4PrefixWidth:' },
    { name: 'a misspelled threshold', value: { thresholds: { maxKeyAgeDay: 90 } }, path: 'thresholds: unknown field "maxKeyAgeDay"' },
    { name: 'an unknown top-level field', value: { disabledRule: [] }, path: '(top level): unknown field "disabledRule"' },
    { name: 'the wrong version', value: { version: 2 }, path: 'version: unsupported policy version' },
    { name: 'disabledRules not an array', value: { disabledRules: 'expires-soon' }, path: 'disabledRules:' },
    { name: 'an unknown disabled rule', value: { disabledRules: ['expires-soon', 'withdraw-without-whitelist'] }, path: 'disabledRules[1]: unknown rule id "withdraw-without-whitelist"' },
    { name: 'an override of an unknown rule', value: { severityOverrides: { 'old-key': 'low' } }, path: 'severityOverrides.old-key: unknown rule id "old-key"' },
    { name: 'an override to an unknown severity', value: { severityOverrides: { 'expires-soon': 'severe' } }, path: 'severityOverrides.expires-soon: expected one of critical, high' },
    { name: 'an acceptance of an unknown rule', value: { acceptances: [{ ruleId: 'nope', apiKey: 'a', exchange: 'kucoin', reason: 'r', expiresAt: '2027-01-01' }] }, path: 'acceptances[0].ruleId: unknown rule id "nope"' },
    { name: 'an acceptance without a reason', value: { acceptances: [{ ruleId: 'expires-soon', apiKey: 'a', exchange: 'kucoin', expiresAt: '2027-01-01' }] }, path: 'acceptances[0].reason:' },
    { name: 'an acceptance with a bad date', value: { acceptances: [{ ruleId: 'expires-soon', apiKey: 'a', exchange: 'kucoin', reason: 'r', expiresAt: 'next year' }] }, path: 'acceptances[0].expiresAt: expected a date' },
    { name: 'an acceptance for an unknown exchange', value: { acceptances: [{ ruleId: 'expires-soon', apiKey: 'a', exchange: 'kukoin', reason: 'r', expiresAt: '2027-01-01' }] }, path: 'acceptances[0].exchange:' },
    { name: 'an array instead of an object', value: [], path: '(top level):' },
  ])('rejects $name, naming the path', ({ value, path }) => {
    expect(problemsOf(value).some((problem) => problem.startsWith(path))).toBe(true);
  });

  it('lists every problem at once, one per line, with the known rule ids', () => {
    const value = {
      thresholds: { maxKeyAgeDays: 'x' },
      disabledRules: ['typo-one'],
      severityOverrides: { 'typo-two': 'low', 'expires-soon': 'severe' },
    };
    let message = '';
    try {
      parsePolicy(value, '/data/policy.json');
    } catch (error) {
      message = (error as PolicyError).localDetail ?? '';
    }
    const lines = message.split('\n');
    expect(lines[0]).toBe('The policy file /data/policy.json is not valid:');
    expect(lines.filter((line) => line.startsWith('  - '))).toHaveLength(4);
    expect(message).toContain('Known rule ids: withdraw-without-ip-whitelist,');
  });

  it('accepts an ISO date-time with offset as acceptance expiry', () => {
    const policy = parsePolicy(
      { acceptances: [{ ruleId: 'expires-soon', apiKey: 'a', exchange: 'gate', reason: 'r', expiresAt: '2027-01-01T12:00:00+02:00' }] },
      'policy.json',
    );
    expect(policy.acceptances).toHaveLength(1);
  });
});
