import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../vault/atomic-write.ts';
import { withDataDirLock } from '../vault/data-dir-lock.ts';
import { loadPolicy, parsePolicy } from './load-policy.ts';
import { defaultPolicy, type Acceptance, type Policy } from './policy.ts';
import { acceptanceIds } from './acceptance-ids.ts';
import { AcceptanceNotFoundError } from './acceptance-errors.ts';

/** What `change` returns: the acceptance as it should be, or null to remove it. */
export type AcceptanceChange = (acceptance: Acceptance) => Acceptance | null;
export type ChangedAcceptance = { before: Acceptance; after: Acceptance | null };

export const POLICY_FILE_NAME = 'policy.json';

/** Where the audit reads its policy and the UI records acceptances. */
export interface PolicyStore {
  load(): Promise<Policy>;
  /** Adds an acceptance; the file stays valid (checked before writing) and is replaced atomically. */
  accept(acceptance: Acceptance): Promise<void>;
  /**
   * Edits or removes the acceptance with this id (acceptance-ids.ts) in one read-check-write; an edited entry keeps the id,
   * written into it. Rejects with AcceptanceNotFoundError when no acceptance has it, and PolicyError as accept does.
   */
  changeAcceptance(id: string, change: AcceptanceChange): Promise<ChangedAcceptance>;
}

/** The acceptances after the change, and what changed; throws AcceptanceNotFoundError for an unknown id. */
function applyChange(acceptances: readonly Acceptance[], id: string, change: AcceptanceChange): ChangedAcceptance & { index: number; written: Acceptance | null } {
  const index = acceptanceIds(acceptances).indexOf(id);
  if (index === -1) throw new AcceptanceNotFoundError();
  const before = acceptances[index]!;
  const after = change(before);
  return { before, after, index, written: after && { id, ...after } };
}

/** policy.json in the data directory. Edits keep whatever else the user wrote in the file. */
export function createFilePolicyStore(dataDir: string): PolicyStore {
  const filePath = join(dataDir, POLICY_FILE_NAME);
  return {
    load: () => loadPolicy(filePath),
    accept: (acceptance) => withDataDirLock(dataDir, async () => {
      await loadPolicy(filePath); // refuses to edit a file that is already invalid
      let raw: Record<string, unknown> = {};
      try {
        raw = JSON.parse(await readFile(filePath, 'utf8'));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
      const acceptances = Array.isArray(raw.acceptances) ? raw.acceptances : [];
      const next = { version: 1, ...raw, acceptances: [...acceptances, acceptance] };
      parsePolicy(next, filePath);
      await writeFileAtomic(dataDir, POLICY_FILE_NAME, Buffer.from(JSON.stringify(next, null, 2) + '\n'));
    }),
    changeAcceptance: (id, change) => withDataDirLock(dataDir, async () => {
      const policy = await loadPolicy(filePath); // valid, so its acceptances are the file's entries, in order
      const { before, after, index, written } = applyChange(policy.acceptances, id, change);
      const raw = JSON.parse(await readFile(filePath, 'utf8')) as Record<string, unknown> & { acceptances: unknown[] };
      const acceptances = [...raw.acceptances];
      if (written) acceptances[index] = written;
      else acceptances.splice(index, 1);
      const next = { ...raw, acceptances };
      parsePolicy(next, filePath);
      await writeFileAtomic(dataDir, POLICY_FILE_NAME, Buffer.from(JSON.stringify(next, null, 2) + '\n'));
      return { before, after };
    }),
  };
}

/** Demo mode: the policy lives in memory and disappears with the process. */
export function createMemoryPolicyStore(initial: Policy = defaultPolicy): PolicyStore {
  let policy = initial;
  return {
    load: async () => policy,
    async accept(acceptance) {
      policy = parsePolicy({ ...policy, acceptances: [...policy.acceptances, acceptance] }, 'demo policy');
    },
    async changeAcceptance(id, change) {
      const { before, after, index, written } = applyChange(policy.acceptances, id, change);
      const acceptances = [...policy.acceptances];
      if (written) acceptances[index] = written;
      else acceptances.splice(index, 1);
      policy = parsePolicy({ ...policy, acceptances }, 'demo policy');
      return { before, after };
    },
  };
}
