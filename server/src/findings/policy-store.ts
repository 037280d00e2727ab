import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../vault/atomic-write.ts';
import { withDataDirLock } from '../vault/data-dir-lock.ts';
import { loadPolicy, parsePolicy } from './load-policy.ts';
import { defaultPolicy, type Acceptance, type Policy } from './policy.ts';

export const POLICY_FILE_NAME = 'policy.json';

/** Where the audit reads its policy and the UI records acceptances. */
export interface PolicyStore {
  load(): Promise<Policy>;
  /** Adds an acceptance; the file stays valid (checked before writing) and is replaced atomically. */
  accept(acceptance: Acceptance): Promise<void>;
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
  };
}
