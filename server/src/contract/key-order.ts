import type { AccountRef, AuditedKey } from './audited-key.ts';

type Placed = { exchange: string; account: AccountRef };

/** Accounts in list order: by exchange, the master account first, then by account name. */
export function byExchangeThenAccount(a: Placed, b: Placed): number {
  return (
    a.exchange.localeCompare(b.exchange) ||
    (a.account.kind === b.account.kind ? 0 : a.account.kind === 'master' ? -1 : 1) ||
    a.account.name.localeCompare(b.account.name)
  );
}

/** The order keys are listed in: by exchange, master account first, then account name and label. */
export function byAccountThenLabel(a: AuditedKey, b: AuditedKey): number {
  return byExchangeThenAccount(a, b) || a.label.localeCompare(b.label);
}
