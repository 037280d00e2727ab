import { open } from 'node:fs/promises';
import { join } from 'node:path';
import type { HistoryStatus } from '@contract/history.ts';
import type { Logger } from '../logging/logger.ts';
import { assertPrivateFile } from '../vault/private-file.ts';
import { InsecureFileError } from '../vault/vault-errors.ts';
import type { Vault } from '../vault/vault.ts';
import { HistoryUnavailableError } from './history-errors.ts';
import type { HistoryAccess, HistoryStore } from './history-store.ts';
import { describeFailure } from './record-finished-run.ts';
import { openSqliteHistory } from './sqlite-history-store.ts';
import { VaultLockedError } from '../vault/vault-errors.ts';

export const HISTORY_FILE_NAME = 'history.sqlite';

/** history.sqlite and the files SQLite keeps beside it in WAL mode; SQLite gives them the main file's mode. */
export const historyFiles = (dataDir: string) => ['', '-wal', '-shm'].map((suffix) => join(dataDir, HISTORY_FILE_NAME + suffix));

/** The live history: history.sqlite in the data directory, open while the vault is unlocked (its key is in the vault). */
export interface FileHistory extends HistoryAccess {
  /** Opens the database with the vault's history key; a failure leaves status() 'unavailable' with the reason. */
  open(vault: Vault): Promise<void>;
  /** Closes the database and forgets the key: status() is 'locked' again. */
  close(): void;
}

export function createFileHistory({ dataDir, logger }: { dataDir: string; logger: Logger }): FileHistory {
  let state: { kind: 'locked' } | { kind: 'open'; store: HistoryStore } | { kind: 'failed'; reason: string } = { kind: 'locked' };
  const close = () => {
    if (state.kind === 'open') state.store.close();
    state = { kind: 'locked' };
  };
  return {
    async open(vault) {
      close();
      try {
        const historyKey = await vault.historyKey();
        try {
          await createPrivateFile(join(dataDir, HISTORY_FILE_NAME));
          state = { kind: 'open', store: openSqliteHistory({ location: join(dataDir, HISTORY_FILE_NAME), historyKey }) };
        } finally {
          historyKey.fill(0);
        }
      } catch (error) {
        const reason = error instanceof InsecureFileError ? 'history.sqlite can be read by other users; keyaudit refuses to use it (chmod 600 it).' : describeFailure(error);
        logger.warn(`history: unavailable (${reason})`);
        state = { kind: 'failed', reason: error instanceof HistoryUnavailableError || error instanceof InsecureFileError ? reason : `history.sqlite could not be opened (${reason}).` };
      }
    },
    close,
    status(): HistoryStatus {
      if (state.kind === 'locked') return { state: 'locked' };
      if (state.kind === 'failed') return { state: 'unavailable', reason: state.reason };
      try {
        return { state: 'available', storage: 'file', runs: state.store.listRuns().length };
      } catch (error) {
        return { state: 'unavailable', reason: describeFailure(error) };
      }
    },
    store() {
      if (state.kind === 'locked') throw new VaultLockedError();
      if (state.kind === 'failed') throw new HistoryUnavailableError(state.reason);
      return state.store;
    },
  };
}

/** Creates the file 0600 before SQLite does (it would use the umask), and refuses one others can read. */
async function createPrivateFile(path: string): Promise<void> {
  const handle = await open(path, 'a', 0o600);
  await handle.close();
  for (const file of [path, `${path}-wal`, `${path}-shm`]) {
    await assertPrivateFile(file).catch((error: unknown) => {
      if (!(error instanceof Error && 'code' in error && error.code === 'ENOENT')) throw error;
    });
  }
}
