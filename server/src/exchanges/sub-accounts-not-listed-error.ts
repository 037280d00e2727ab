import type { ExchangeErrorKind } from '@contract/exchange-error-kind.ts';
import type { CoverageNote } from '@contract/coverage-note.ts';
import { ExchangeError } from './exchange-error.ts';

/**
 * fetchSubAccounts refused for a reason that lasts (Bitget lists virtual sub-accounts only to a main-account key bound to
 * an IP): the audit keeps the calling key, reports the connection as read, and carries the message as a coverage note,
 * so the gap is said plainly instead of looking like an outage to retry. Anything passing-by stays a plain ExchangeError.
 */
export class SubAccountsNotListedError extends ExchangeError {
  readonly note: CoverageNote;

  constructor(kind: ExchangeErrorKind, message: string, options: { exchangeCode?: string | null } = {}) {
    super(kind, message, options);
    this.name = 'SubAccountsNotListedError';
    this.note = { gap: 'sub-accounts-not-listed', message };
  }
}
