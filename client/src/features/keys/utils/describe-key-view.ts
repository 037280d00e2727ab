import { EXCHANGE_NAMES } from '@contract/exchanges.ts';
import { DEFAULT_SORT, toSearchParams, type KeyViewState } from './key-view-state.ts';

/** How each filter of the key list reads in a report's "chosen by" line. */
const WORDS: Record<string, (value: string) => string> = {
  q: (value) => `search "${value}"`,
  exchange: (value) => `exchange ${EXCHANGE_NAMES[value as keyof typeof EXCHANGE_NAMES] ?? value}`,
  account: (value) => (value === 'master' ? 'master account' : `account ${value.replace(/^sub:/, '')}`),
  capability: (value) => `can ${value}`,
  severity: (value) => (value === 'none' ? 'no open findings' : `worst finding ${value}`),
  noWhitelist: () => 'no IP whitelist',
  canWithdraw: () => 'can withdraw',
  thirdParty: () => 'linked to a third party',
  owner: (value) => `owner ${value}`,
  noOwner: () => 'no owner',
  tag: (value) => `tag ${value}`,
};

/**
 * The key list's filters in words, for an export of what is on screen: "search "bot"; exchange OKX; no IP whitelist".
 * A filter without words here (a newer one) still appears, as its URL parameter, rather than being left out.
 */
export function describeKeyView(state: KeyViewState): string {
  const params = toSearchParams({ ...state, sort: DEFAULT_SORT, showAccepted: false }, '');
  const parts = [...params.entries()].map(([name, value]) => (WORDS[name] ? WORDS[name](value) : `${name}=${value}`));
  if (!state.showAccepted) parts.push('keys whose findings are all accepted hidden');
  return parts.length === 0 ? 'no filters: every key of the run' : parts.join('; ');
}
