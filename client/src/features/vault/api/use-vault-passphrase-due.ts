import { useQuery } from '@tanstack/react-query';
import { statusQueryOptions } from '../../status/api/get-status.ts';
import { useNow } from '../../../utils/use-now.ts';

/** Time to type a key's passphrase and press the button: a window ending sooner than this is asked for now. */
const TYPING_MARGIN_MS = 30_000;

/**
 * Whether the server will want the vault passphrase before it revokes, restricts or accepts a risk: its
 * five-minute window (docs/security-model.md#recent-passphrase) has passed or is about to. The dialog asks for it up
 * front instead of failing after the button. Read fresh when a dialog opens (an unlock elsewhere renews the window).
 * Demo: never.
 */
export function useVaultPassphraseDue(): boolean {
  const status = useQuery({ ...statusQueryOptions(), refetchOnMount: 'always' });
  const now = useNow(10_000);
  const until = status.data?.recentPassphraseUntil;
  if (status.data?.mode !== 'live' || until === undefined) return false;
  return until === null || Date.parse(until) - TYPING_MARGIN_MS <= now;
}
