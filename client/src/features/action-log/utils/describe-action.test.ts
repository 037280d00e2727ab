import { describe, expect, it } from 'vitest';
import { ACTION_LOG_ACTIONS } from '@contract/action-log-actions.ts';
import { describeAction, type ActionFact } from './describe-action.ts';

const labels = new Map([['c_0123abcd', 'KuCoin main']]);
const keyDetails = { connectionId: 'c_0123abcd', exchange: 'kucoin', account: 'sub:gridbot2', apiKey: '8f3a…c2d1', label: 'grid bot' };
const factsOf = (facts: ActionFact[]) => Object.fromEntries(facts.map(({ name, value }) => [name, value]));

describe(describeAction.name, () => {
  it('names every action the log records in words, never its internal name', () => {
    for (const action of ACTION_LOG_ACTIONS) {
      const described = describeAction({ action, outcome: 'ok', details: {} }, labels);
      expect(described.action, action).not.toContain('.');
      expect(described.action, action).toMatch(/^[A-Z]/);
    }
  });

  it.each([
    ['key.revoke', 'ok', 'Revoked key'],
    ['key.revoke', 'failed', 'Revoke failed'],
    ['finding.accept', 'ok', 'Accepted risk'],
    ['vault.unlock', 'ok', 'Unlocked vault'],
    ['vault.lock', 'ok', 'Locked vault'],
    ['vault.passwd', 'ok', 'Changed vault passphrase'],
    ['vault.unlock-failed-burst', 'denied', 'Too many wrong passphrases'],
    ['connection.add', 'ok', 'Added connection'],
    ['connection.remove', 'ok', 'Removed connection'],
    ['connection.rename', 'ok', 'Renamed connection'],
    ['history.prune', 'ok', 'Pruned audit history'],
    ['alert-channel.add', 'ok', 'Added alert channel'],
    ['alert-channel.remove', 'ok', 'Removed alert channel'],
    ['key.disable', 'ok', 'Disabled key'],
    ['key.disable', 'failed', 'Disable failed'],
    ['key.annotate', 'ok', 'Set owner and tags'],
    ['finding.acceptance-edit', 'ok', 'Changed accepted risk'],
    ['finding.acceptance-revoke', 'ok', 'Revoked accepted risk'],
  ])('%s (%s) reads "%s"', (action, outcome, words) => {
    expect(describeAction({ action, outcome, details: {} }, labels).action).toBe(words);
  });

  it('a revoke: exchange, connection by label, account, key label and masked key', () => {
    const described = describeAction({ action: 'key.revoke', outcome: 'ok', details: keyDetails }, labels);
    expect(described.outcome).toBe('Done');
    expect(factsOf(described.facts)).toEqual({ Exchange: 'KuCoin', Connection: 'KuCoin main', Account: 'sub-account gridbot2', Key: 'grid bot (8f3a…c2d1)' });
    expect(factsOf(describeAction({ action: 'key.revoke', outcome: 'failed', details: { ...keyDetails, errorKind: 'auth' } }, labels).facts).Error).toBe('auth');
  });

  it('a connection gone from the vault reads "removed connection"; unknown labels (the demo) leave it out', () => {
    const gone = { ...keyDetails, connectionId: 'c_99999999' };
    expect(factsOf(describeAction({ action: 'key.revoke', outcome: 'ok', details: gone }, labels).facts).Connection).toBe('removed connection');
    expect(factsOf(describeAction({ action: 'key.revoke', outcome: 'ok', details: gone }, null).facts).Connection).toBeUndefined();
    // The removal's own line names the connection by the label it had.
    const removal = describeAction({ action: 'connection.remove', outcome: 'ok', details: { connectionId: 'c_99999999', exchange: 'okx', label: 'OKX desk', apiKey: 'ab12…cd34' } }, labels);
    expect(factsOf(removal.facts)).toEqual({ Exchange: 'OKX', Connection: 'OKX desk', Key: 'ab12…cd34' });
  });

  it('an accepted risk says why, and until when', () => {
    const described = describeAction(
      { action: 'finding.accept', outcome: 'ok', details: { ...keyDetails, account: 'master:master', ruleId: 'withdraw-enabled', until: '2099-01-01', reason: 'payout key, rotated weekly' } },
      labels,
    );
    expect(factsOf(described.facts)).toMatchObject({ Account: 'master account', Why: 'payout key, rotated weekly', Until: '2099-01-01', Finding: 'withdraw-enabled' });
  });

  it('a disable whose re-read still lists the key enabled says so instead of naming an error kind', () => {
    const described = describeAction({ action: 'key.disable', outcome: 'failed', details: { ...keyDetails, exchange: 'deribit', errorKind: 'not-listed-disabled' } }, labels);
    expect(described.action).toBe('Disabled key: the exchange still lists it enabled');
    expect(factsOf(described.facts)).toEqual({ Exchange: 'Deribit', Connection: 'KuCoin main', Account: 'sub-account gridbot2', Key: 'grid bot (8f3a…c2d1)' });
  });

  it('an annotation names the fields set, and a cleared one says cleared', () => {
    expect(factsOf(describeAction({ action: 'key.annotate', outcome: 'ok', details: { ...keyDetails, fields: 'owner tags' } }, labels).facts)['Fields set']).toBe('owner tags');
    const cleared = describeAction({ action: 'key.annotate', outcome: 'ok', details: { ...keyDetails, fields: 'cleared' } }, labels);
    expect(cleared.action).toBe('Cleared owner and tags');
    expect(factsOf(cleared.facts)['Fields set']).toBeUndefined();
  });

  it('an edited acceptance shows the rule in words, the key, and the end day before → after', () => {
    const details = { ...keyDetails, ruleId: 'withdraw-enabled', rule: 'Can withdraw', until: '2027-03-01', untilBefore: '2027-01-01', reason: 'payout key' };
    const described = describeAction({ action: 'finding.acceptance-edit', outcome: 'ok', details }, labels);
    expect(factsOf(described.facts)).toMatchObject({ Key: 'grid bot (8f3a…c2d1)', Finding: 'Can withdraw', Until: '2027-01-01 → 2027-03-01', Why: 'payout key' });
    const { untilBefore: _untilBefore, ...revokeDetails } = details;
    const revoked = describeAction({ action: 'finding.acceptance-revoke', outcome: 'ok', details: revokeDetails }, labels);
    expect(factsOf(revoked.facts)).toMatchObject({ Finding: 'Can withdraw', 'Why it was accepted': 'payout key', 'Was until': '2027-03-01' });
  });

  it('a restrict by phase, with before → after', () => {
    const described = describeAction(
      { action: 'key.restrict', outcome: 'ok', details: { ...keyDetails, phase: 'confirmed', ipsBefore: 'any', ipsAfter: '198.51.100.4', permissionsBefore: 'General', permissionsAfter: 'General' } },
      labels,
    );
    expect(described.action).toBe('Restricted key');
    expect(factsOf(described.facts)['IP whitelist']).toBe('any → 198.51.100.4');
    expect(describeAction({ action: 'key.restrict', outcome: 'denied', details: { phase: 'refused', reason: 'not an IP' } }, labels).action).toBe('Restrict key refused');
  });

  it('the vault locked itself, in words', () => {
    expect(factsOf(describeAction({ action: 'vault.lock', outcome: 'ok', details: { reason: 'idle' } }, labels).facts).Why).toBe('nobody used the dashboard for 15 minutes');
  });

  it('a line of an action it does not know (a newer keyaudit) is shown as it is, not dropped', () => {
    const described = describeAction({ action: 'key.frobnicate', outcome: 'ok', details: { keyId: 'k1', count: 2 } }, labels);
    expect(described).toEqual({ action: 'key.frobnicate', outcome: 'Done', facts: [{ name: 'keyId', value: 'k1' }, { name: 'count', value: '2' }] });
  });
});
