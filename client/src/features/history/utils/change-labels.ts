import type { ChangeKind } from '@contract/history.ts';

/** Each change kind in words, for the badge beside the sentence. */
export const CHANGE_KIND_LABELS: Record<ChangeKind, string> = {
  'key-added': 'Key added',
  'key-removed': 'Key removed',
  'permissions-changed': 'Permissions changed',
  'ip-whitelist-changed': 'IP whitelist changed',
  'account-added': 'Sub-account added',
  'account-removed': 'Sub-account removed',
  'finding-opened': 'Finding opened',
  'finding-resolved': 'Finding resolved',
  'finding-accepted': 'Risk accepted',
  'connection-failing': 'Connection failing',
  'connection-recovered': 'Connection recovered',
};
