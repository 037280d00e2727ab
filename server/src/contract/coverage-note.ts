import { z } from 'zod';

/**
 * What an audit of a connection could not see, said once for the whole connection (per-key gaps are
 * ExchangeKey.unreported). A gap is not a failure: everything the exchange did answer is in the run.
 */
export const COVERAGE_GAPS = ['other-master-keys-not-listed', 'withdraw-not-reported', 'ip-whitelist-unreadable', 'sub-accounts-not-listed'] as const;
export const coverageNoteSchema = z.object({ gap: z.enum(COVERAGE_GAPS), message: z.string() });
export type CoverageNote = z.infer<typeof coverageNoteSchema>;
