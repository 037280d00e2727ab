/**
 * `keyaudit audit` and `keyaudit revoke`, spawned as a user runs them: every format, every exit
 * code, and revokes checked in the simulator's state and the action log.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditReportSchema } from '@contract/audit-report.ts';
import { KUCOIN_DEMO_CONNECTION, KUCOIN_DEMO_KEY_PASSPHRASE } from '../simulator/kucoin/kucoin-demo-seed.ts';
import { OKX_DEMO_CONNECTION } from '../simulator/okx/okx-demo-seed.ts';
import { startSimulator, type RunningSimulator } from '../simulator/create-simulator.ts';
import { runKeyaudit, writePrivateFile } from './cli-test-support.ts';

let home: string;
let passphraseFile: string;
let simulator: RunningSimulator;
let addedOutput: { stdout: string; stderr: string };

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'keyaudit-cli-audit-'));
  passphraseFile = await writePrivateFile(await mkdtemp(join(tmpdir(), 'keyaudit-pass-')), 'pass', 'vault passphrase 1\n');
  // Many CLI runs in a row: a large pool, so KuCoin's pacing (tested elsewhere) never waits here.
  simulator = await startSimulator({ rateLimits: 'relaxed' });
  const added = await runKeyaudit(['add', 'kucoin', '--label', 'KuCoin main', '--base-url', simulator.baseUrls.kucoin], {
    home,
    passphraseFile,
    stdin: JSON.stringify(KUCOIN_DEMO_CONNECTION),
  });
  expect(added.code, added.stderr).toBe(0);
  addedOutput = added;
}, 60_000);
afterAll(async () => {
  await simulator.close();
  await rm(home, { recursive: true, force: true });
});

const run = (args: string[], stdin?: string) => runKeyaudit(args, { home, passphraseFile, stdin });

describe('keyaudit add tests the key with its exchange first', { timeout: 120_000 }, () => {
  it('says what the exchange reports of the key, and warns when it can do more than an audit needs', () => {
    expect(addedOutput.stdout).toMatch(/^Tested with KuCoin: a key of a master account with permissions General, Spot; IP whitelist: /m);
    expect(addedOutput.stderr).toMatch(/Warning: this key can do more than an audit needs\. .*'Spot'/);
  });

  it('saves nothing and exits 1 when the exchange refuses the key; --no-test saves it untested', async () => {
    const wrong = JSON.stringify({ ...KUCOIN_DEMO_CONNECTION, secret: 'not-the-secret-0000000000000000' });
    const refused = await run(['add', 'kucoin', '--label', 'Wrong secret', '--base-url', simulator.baseUrls.kucoin], wrong);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/KuCoin refused these credentials: .*\nNothing was saved\./);
    expect(refused.stderr).not.toContain('not-the-secret');
    expect((await run(['list', '--json'])).stdout).not.toContain('Wrong secret');

    const unknownKey = JSON.stringify({ ...KUCOIN_DEMO_CONNECTION, apiKey: '6705f5c311545b000157ffff', secret: 'not-the-secret-0000000000000000' });
    const untested = await run(['add', 'kucoin', '--label', 'Wrong secret', '--base-url', simulator.baseUrls.kucoin, '--no-test'], unknownKey);
    expect(untested.code, untested.stderr).toBe(0);
    expect(untested.stdout).not.toContain('Tested with');
    const listed = JSON.parse((await run(['list', '--json'])).stdout) as { id: string; label: string }[];
    const added = listed.find((connection) => connection.label === 'Wrong secret')!;
    expect((await run(['remove', added.id])).code).toBe(0);
  });
});

describe('keyaudit audit', { timeout: 120_000 }, () => {
  it('prints a schema-valid JSON report of the vault connections and exits 0 without --fail-on', async () => {
    const result = await run(['audit', '--format', 'json']);
    expect(result.code, result.stderr).toBe(0);
    const report = auditReportSchema.parse(JSON.parse(result.stdout));
    expect(report.connections).toMatchObject([{ label: 'KuCoin main', status: 'ok' }]);
    expect(report.keys.length).toBe(1 + simulator.kucoin.state.listSubAccounts().reduce((sum, sub) => sum + sub.keys.length, 0));
  });

  it('exits 3 when a finding reaches --fail-on, 0 when none does', async () => {
    expect((await run(['audit', '--fail-on', 'critical'])).code).toBe(3);
    // With every sub-account failing, only the master key (read + spot, whitelisted) is left: nothing critical.
    simulator.kucoin.state.setFaults({ failSubAccounts: simulator.kucoin.state.listSubAccounts().map((sub) => sub.subName) });
    try {
      const result = await run(['audit', '--fail-on', 'critical']);
      expect(result.code).toBe(0);
      expect(result.stderr).toContain('KuCoin main: partial');
      expect((await run(['audit', '--fail-on', 'high'])).code).toBe(3);
    } finally {
      simulator.kucoin.state.clearFaults();
    }
  }, 60_000);

  it.each([
    ['csv', /^worst,exchange,account,label,apiKey,permissions,ipWhitelist,createdAt,findings,notes,couldNotSee,topFinding,capabilities,expiresAt,lastUsedAt,acceptedFindings,acceptances,owner,purpose,tags\r\n/],
    ['html', /^<!doctype html>\n/],
    ['md', /^# keyaudit report\n/],
    ['table', /^\d+ keys in \d+ accounts on 1 connections; findings: /],
  ])('renders --format %s', async (format, pattern) => {
    const result = await run(['audit', '--format', format]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(pattern);
  });

  it('writes --output to a private file instead of stdout', async () => {
    const output = join(home, 'report.md');
    const result = await run(['audit', '--format', 'md', '--output', output]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(await readFile(output, 'utf8')).toContain('## Findings');
  });

  it('exits 1 and names the failure when the exchange cannot be read', async () => {
    simulator.kucoin.state.setFaults({ garbage: true });
    try {
      const result = await run(['audit']);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('KuCoin main: failed (bad-response)');
    } finally {
      simulator.kucoin.state.clearFaults();
    }
  });

  it('exits 2 on a bad --format or --fail-on', async () => {
    expect((await run(['audit', '--format', 'xml'])).code).toBe(2);
    expect((await run(['audit', '--fail-on', 'severe'])).code).toBe(2);
  });
});

describe('keyaudit revoke', { timeout: 120_000 }, () => {
  const subKey = () => simulator.kucoin.state.findSubAccount('portfolio-tracker')!.keys[0];

  it('deletes nothing and exits 1 with a wrong key passphrase', async () => {
    const { apiKey } = subKey();
    const result = await run(['revoke', apiKey], JSON.stringify({ passphrase: 'wrong-passphrase' }));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Not revoked');
    expect(simulator.kucoin.state.findKey(apiKey)).toBeDefined();
  });

  it('revokes with the passphrase from stdin, exits 0, and logs it', async () => {
    const { apiKey, remark } = subKey();
    const result = await run(['revoke', apiKey], JSON.stringify({ passphrase: KUCOIN_DEMO_KEY_PASSPHRASE }));
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`Revoked ${remark}`);
    expect(simulator.kucoin.state.findKey(apiKey)).toBeUndefined();
    const log = await readFile(join(home, 'actions.log'), 'utf8');
    expect(log).toContain('"action":"key.revoke","outcome":"ok"');
    expect((await run(['log', 'verify'])).code).toBe(0);
  });

  it('refuses a master key, naming the website, and a key it cannot find', async () => {
    const master = await run(['revoke', '66c2…e5f6']);
    expect(master.code).toBe(1);
    expect((await run(['revoke', 'no-such-key'])).stderr).toContain('No key with that API key');
  });
});

describe('keyaudit revoke, where the exchange listed keys with a masked API key', () => {
  let okxHome: string;
  beforeAll(async () => {
    okxHome = await mkdtemp(join(tmpdir(), 'keyaudit-cli-okx-'));
    const added = await runKeyaudit(['add', 'okx', '--label', 'OKX main', '--base-url', simulator.baseUrls.okx], {
      home: okxHome, passphraseFile, stdin: JSON.stringify(OKX_DEMO_CONNECTION),
    });
    expect(added.code, added.stderr).toBe(0);
  }, 60_000);
  afterAll(() => rm(okxHome, { recursive: true, force: true }));

  it('refuses "******", names the reason and the API page, and deletes nothing', async () => {
    simulator.okx.variant.set({ subAccountApiKeyIds: 'masked' });
    try {
      const before = simulator.okx.state.listAllKeys().length;
      const result = await runKeyaudit(['revoke', '******'], { home: okxHome, passphraseFile });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('OKX listed this key only as "******"');
      expect(result.stderr).toContain('https://www.okx.com/account/my-api');
      expect(simulator.okx.state.listAllKeys().length).toBe(before);
    } finally {
      simulator.okx.variant.reset();
    }
  }, 60_000);
});

