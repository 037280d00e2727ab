import { describe, expect, it } from 'vitest';
import { describeKeyView } from './describe-key-view.ts';
import { DEFAULT_KEY_VIEW_STATE } from './key-view-state.ts';

describe(describeKeyView.name, () => {
  it('names every active filter in words, and that fully accepted keys are hidden', () => {
    expect(describeKeyView({ ...DEFAULT_KEY_VIEW_STATE, q: 'bot', exchange: 'okx', account: 'sub:desk', noWhitelist: true, severity: 'critical' })).toBe(
      'search "bot"; exchange OKX; account desk; worst finding critical; no IP whitelist; keys whose findings are all accepted hidden',
    );
  });

  it('says nothing is filtered out when every key is shown, whatever the sort', () => {
    expect(describeKeyView({ ...DEFAULT_KEY_VIEW_STATE, showAccepted: true, sort: { column: 'label', direction: 'asc' } })).toBe('no filters: every key of the run');
  });
});
