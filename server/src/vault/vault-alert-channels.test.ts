import { readFile } from 'node:fs/promises';
import { inspect } from 'node:util';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AlertChannelNotFoundError, InvalidAlertChannelError } from '../alerts/alert-errors.ts';
import { createVault, openVault } from './open-vault.ts';
import { decryptVaultBytes, writeVaultFile } from './vault-file.ts';
import { canaryConnection, FAST_KDF_ENV, makeTempDir, PASSPHRASE } from './vault-test-support.ts';

const options = { env: FAST_KDF_ENV };
const SLACK_URL = 'https://hooks.slack.com/services/T0/B0/KA_CANARY_vault_slack';
const NTFY_TOKEN = 'tk_KA_CANARY_vault_ntfy_token';
let temp: Awaited<ReturnType<typeof makeTempDir>>;
beforeEach(async () => { temp = await makeTempDir(); });
afterEach(async () => { await temp.cleanup(); });
const stored = async () => (await decryptVaultBytes(await readFile(join(temp.dataDir, 'vault.kav')), PASSPHRASE, options)).content;
const backupText = async () => readFile(join(temp.dataDir, 'vault.kav.bak'));

describe('alert channels in the vault', () => {
  it('round-trip through a save and a reopen, with the other sections kept, and are seen by another open handle', async () => {
    const vault = await createVault(temp.dataDir, PASSPHRASE, options);
    await vault.addConnection(canaryConnection());
    const historyKey = await vault.historyKey();
    const other = await openVault(temp.dataDir, PASSPHRASE, options);
    const slack = await vault.addAlertChannel({ label: 'ops room', config: { kind: 'slack', url: SLACK_URL } });
    const ntfy = await other.addAlertChannel({ label: 'phone', config: { kind: 'ntfy', serverUrl: 'https://ntfy.sh', topic: 'keys', accessToken: NTFY_TOKEN } });
    expect(slack.id).toMatch(/^ch_[0-9a-f]{8}$/);
    expect(ntfy.id).not.toBe(slack.id);

    const reopened = await openVault(temp.dataDir, PASSPHRASE, options);
    const channels = await reopened.listAlertChannels();
    expect(channels.map(({ id, kind, label }) => ({ id, kind, label }))).toEqual([
      { id: slack.id, kind: 'slack', label: 'ops room' },
      { id: ntfy.id, kind: 'ntfy', label: 'phone' },
    ]);
    expect(JSON.parse(channels[0]!.config.reveal())).toEqual({ kind: 'slack', url: SLACK_URL });
    expect(JSON.parse(channels[1]!.config.reveal())).toMatchObject({ accessToken: NTFY_TOKEN, topic: 'keys' });
    expect(await reopened.historyKey()).toEqual(historyKey);
    expect((await reopened.listConnections())).toHaveLength(1);
    // the first handle takes in what the second saved
    expect((await vault.listAlertChannels()).map((channel) => channel.id)).toEqual([slack.id, ntfy.id]);

    await vault.removeAlertChannel(slack.id);
    expect((await stored()).alertChannels?.map((channel) => channel.id)).toEqual([ntfy.id]);
    expect((await backupText()).includes(Buffer.from(SLACK_URL))).toBe(false); // ciphertext anyway; and the .bak is rewritten
    const backup = await decryptVaultBytes(await backupText(), PASSPHRASE, options);
    expect(JSON.stringify(backup.content)).not.toContain(SLACK_URL);
    await expect(vault.removeAlertChannel(slack.id)).rejects.toBeInstanceOf(AlertChannelNotFoundError);
  });

  it('opens an older vault without the field as no channels, and keeps its other sections when the first channel is added', async () => {
    const vault = await createVault(temp.dataDir, PASSPHRASE, options);
    await vault.addConnection(canaryConnection());
    const before = await stored();
    expect(before.alertChannels).toBeUndefined();
    // an older keyaudit's file: no alertChannels, no historyKey
    const { vaultKey } = await decryptVaultBytes(await readFile(join(temp.dataDir, 'vault.kav')), PASSPHRASE, options);
    const { alertChannels: _none, historyKey: _noKey, ...older } = before;
    await writeVaultFile(temp.dataDir, vaultKey, { ...older, generation: before.generation + 1 }, FAST_KDF_ENV);

    const reopened = await openVault(temp.dataDir, PASSPHRASE, options);
    expect(await reopened.listAlertChannels()).toEqual([]);
    await reopened.addAlertChannel({ label: 'hook', config: { kind: 'webhook', url: 'http://127.0.0.1:9/x', signingSecret: null } });
    const after = await stored();
    expect(after.actionLogKey).toBe(before.actionLogKey);
    expect(after.connections).toEqual(before.connections);
    expect(after.alertChannels).toHaveLength(1);
  });

  it('is never serialized: printing, JSON-encoding or inspecting a channel shows no URL or token; a bad setting is refused without quoting it', async () => {
    const vault = await createVault(temp.dataDir, PASSPHRASE, options);
    const channel = await vault.addAlertChannel({ label: 'ops', config: { kind: 'ntfy', serverUrl: 'https://ntfy.example.org', topic: 'k', accessToken: NTFY_TOKEN } });
    const list = await vault.listAlertChannels();
    for (const text of [JSON.stringify(channel), JSON.stringify(list), inspect(list, { depth: 10 }), `${channel.config}`, String(list)]) {
      expect(text).not.toContain(NTFY_TOKEN);
      expect(text).not.toContain('ntfy.example.org');
    }
    const refused = await vault.addAlertChannel({ label: 'bad', config: { kind: 'slack', url: `https://evil.example/${SLACK_URL}` } }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(InvalidAlertChannelError);
    expect(String((refused as Error).message)).not.toContain('KA_CANARY');
    expect(String((refused as Error).message)).toContain('url');
    // locking wipes the settings of every channel this handle handed out
    vault.lock();
    expect(() => channel.config.reveal()).toThrow();
  });
});
