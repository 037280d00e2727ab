import type { ErrorRequestHandler, RequestHandler } from 'express';
import { apiRoutes } from '@contract/api.ts';
import { VaultChangedError, VaultReopenRequiredError } from '../vault/vault-errors.ts';
import type { VaultSession } from '../workspace/workspace-services.ts';

/**
 * Before each API request: takes in what another keyaudit process (`keyaudit add`, `remove`, `passwd`, `notify add`)
 * saved to the open vault since the last request — one stat of the file when nothing was. A vault whose passphrase
 * was changed locks the session, and the request is answered with the reason instead of working on a stale vault.
 */
export function reconcileVaultBefore(vault: VaultSession): RequestHandler {
  return (req, _res, next) => {
    if (!vault.reconcile) return next();
    vault.reconcile().then((lockedBecause) => {
      // The status answer says why itself (lockedBecause), and is what the page asks for the passphrase by.
      if (!lockedBecause || req.path === apiRoutes.getStatus.path.slice('/api'.length)) return next();
      next(new VaultReopenRequiredError(lockedBecause === 'passphrase-changed' ? 'rekeyed' : 'unreadable'));
    }, next);
  };
}

/** A request that met such a file mid-way (a save between the stat and its own read) locks the session the same way. */
export function reconcileVaultOnError(vault: VaultSession): ErrorRequestHandler {
  return (error, _req, _res, next) => {
    if (!(error instanceof VaultChangedError) || !vault.reconcile) return next(error);
    vault.reconcile({ kind: error.kind }).then(
      () => next(new VaultReopenRequiredError(error.kind)),
      () => next(new VaultReopenRequiredError(error.kind)),
    );
  };
}
