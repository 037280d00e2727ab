import { dirname } from 'node:path';
import { crashIfRequested } from '../vault/crash-point.ts';
import { withDataDirLock } from '../vault/data-dir-lock.ts';
import type { ActionLogHead } from './action-log-head.ts';
import { actionLogEntryInputSchema, formatLine, GENESIS_PREV, hashLine, macOfLine, type ActionLogEntryInput } from './action-log-entry.ts';
import { appendLine, openLogForAppend, readLastLine } from './action-log-file.ts';

type Env = Record<string, string | undefined>;

export type AppendOptions = {
  /**
   * Runs after the line is built and before it is written. Save the vault here with
   * `{ actionLogHead: head }`: if the process dies before the append, recoverActionLog
   * re-appends the anchored line on the next start. If it throws, nothing is appended.
   */
  beforeWrite?: (head: ActionLogHead) => Promise<void>;
  /** Instead of the log's own: the vault that is being locked, already gone from the session. */
  anchor?: ActionLogAnchor;
};

/**
 * What the open vault gives every entry (docs/security-model.md#log-macs): the key its MAC is made with, and
 * a save that anchors it as the vault's head. Null while the vault is locked: the entry is then written bare.
 */
export type ActionLogAnchor = {
  macKey(): Buffer;
  anchor(head: ActionLogHead): Promise<void>;
};

export interface ActionLog {
  readonly path: string;
  /** Appends one line (O_APPEND, fsync) and resolves with its seq and hash once it is on disk. */
  append(entry: ActionLogEntryInput, options?: AppendOptions): Promise<{ seq: number; hash: string }>;
}

export class InvalidActionLogEntryError extends Error {
  constructor() {
    super('Action log entry rejected: unknown action/outcome, or details that are not short flat values.');
    this.name = 'InvalidActionLogEntryError';
  }
}

/**
 * The hash-chained action log of docs/security-model.md#hash-chain. Appends are serialised across processes by
 * the data directory's lock, taken before the last line is read: two writers can never give two lines one
 * sequence number.
 */
export function createActionLog(
  filePath: string,
  options: { env?: Env; now?: () => Date; anchor?: () => ActionLogAnchor | null } = {},
): ActionLog {
  const env = options.env ?? process.env;
  const now = options.now ?? (() => new Date());
  let queue: Promise<unknown> = Promise.resolve();

  async function appendNow(entry: ActionLogEntryInput, { beforeWrite, anchor: given }: AppendOptions) {
    const parsed = actionLogEntryInputSchema.safeParse(entry);
    if (!parsed.success) throw new InvalidActionLogEntryError();
    const handle = await openLogForAppend(filePath);
    try {
      const last = await readLastLine(handle, filePath);
      const seq = last ? last.line.seq + 1 : 1;
      const prev = last ? hashLine(last.text) : GENESIS_PREV;
      const anchor = given ?? options.anchor?.() ?? null;
      const unsigned = { seq, at: now().toISOString(), prev, ...parsed.data };
      const line = formatLine(anchor ? { ...unsigned, mac: withKey(anchor, (key) => macOfLine(unsigned, key)) } : unsigned);
      const head: ActionLogHead = { seq, hash: hashLine(line), line };
      // A mutation saves the vault with the head itself; every other entry is anchored by a save of its own.
      await (beforeWrite ?? anchor?.anchor)?.(head);
      crashIfRequested('after-vault-before-audit', env);
      await appendLine(handle, line);
      return { seq, hash: head.hash };
    } finally {
      await handle.close();
    }
  }

  return {
    path: filePath,
    append(entry, appendOptions = {}) {
      return withDataDirLock(dirname(filePath), () => {
        const run = queue.then(() => appendNow(entry, appendOptions));
        queue = run.catch(() => {});
        return run;
      });
    },
  };
}

function withKey<T>(anchor: ActionLogAnchor, use: (key: Buffer) => T): T {
  const key = anchor.macKey();
  try {
    return use(key);
  } finally {
    key.fill(0);
  }
}
