import { z } from 'zod';

/**
 * The newest log line as the vault remembers it. The vault is saved with the head of the entry
 * about to be appended, then the line is appended; after a crash in between, the line itself is
 * here to re-append (docs/security-model.md#anchor-and-recovery).
 */
export const actionLogHeadSchema = z
  .object({
    seq: z.number().int().min(1),
    /** SHA-256 hex of `line`. */
    hash: z.string().regex(/^[0-9a-f]{64}$/),
    /** The exact line, without its newline. Holds no secrets (see action-log-entry.ts). */
    line: z.string().min(1),
  })
  .strict();
export type ActionLogHead = z.infer<typeof actionLogHeadSchema>;
