import { describe, expect, it } from 'vitest';
import { createGatedAdapter, exchangeKey, sub, testConnection } from './make-test-adapter.ts';
import { rereadAfterDisable } from './reread-after-disable.ts';
import { toAuditedKeys } from './key-id.ts';

const connection = testConnection();
const enabled = exchangeKey(sub('bots'), 'grid');

function setup(listed: Parameters<typeof createGatedAdapter>[0]) {
  const { adapter, release } = createGatedAdapter(listed);
  release('bots');
  const [key] = toAuditedKeys(connection.id, [enabled]);
  return { adapter, key: key!, connection, evaluateFindings: () => [] };
}

describe(rereadAfterDisable.name, () => {
  it('says disabled when the account, read again, lists the key switched off, and keeps it in the delta', async () => {
    const outcome = await rereadAfterDisable(setup({ bots: [{ ...enabled, isDisabled: true }] }));
    expect(outcome).toMatchObject({ confirmation: 'disabled', message: null, delta: { removedKeyIds: [] } });
    expect(outcome.delta.accounts[0]!.keys[0]).toMatchObject({ label: 'grid', isDisabled: true });
  });

  it('says differs when the exchange answered done but still lists the key enabled, or no longer lists it', async () => {
    expect(await rereadAfterDisable(setup({ bots: [enabled] }))).toMatchObject({ confirmation: 'differs', message: expect.stringContaining('still lists it as enabled') });
    expect(await rereadAfterDisable(setup({ bots: [] }))).toMatchObject({ confirmation: 'differs', message: expect.stringContaining('no longer lists it') });
  });

  it('says unconfirmed when the account cannot be read again, and changes nothing in the run', async () => {
    expect(await rereadAfterDisable(setup({ bots: new Error('down') }))).toMatchObject({ confirmation: 'unconfirmed', delta: { accounts: [], removedKeyIds: [] } });
  });
});
