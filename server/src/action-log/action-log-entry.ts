import { createHash, createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

// The list lives in the contract, where the page reads it too.
export { ACTION_LOG_ACTIONS } from '@contract/action-log-actions.ts';
import { ACTION_LOG_ACTIONS } from '@contract/action-log-actions.ts';
/**
 * The only entries written while the vault is locked, so without a MAC and without moving the anchored head. Any
 * other entry without a MAC after the log's first authenticated one is forged (docs/security-model.md#log-macs).
 */
export const ACTIONS_LOGGED_WHILE_LOCKED: readonly string[] = ['vault.unlock-failed-burst'];

export const ACTION_LOG_OUTCOMES = ['ok', 'denied', 'failed'] as const;

/**
 * Details are for humans reading the log: connection ids, exchange ids, labels, masked keys
 * ("abcd…wxyz"), HTTP status classes, exchange error codes. Never secrets, passphrases, tokens,
 * signatures or request bodies: the log is plaintext (docs/security-model.md#log-contents). Callers are
 * responsible for what they pass; the limits below only keep lines short and flat.
 */
const detailValueSchema = z.union([z.string().max(200), z.number().finite(), z.boolean(), z.null()]);
const detailsSchema = z
  .record(z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]{0,39}$/), detailValueSchema)
  .refine((details) => Object.keys(details).length <= 20, 'at most 20 details');

export const actionLogEntryInputSchema = z
  .object({ action: z.enum(ACTION_LOG_ACTIONS), outcome: z.enum(ACTION_LOG_OUTCOMES), details: detailsSchema })
  .strict();
export type ActionLogEntryInput = z.infer<typeof actionLogEntryInputSchema>;

/** One line of actions.log as written; `prev` chains it to the line before. */
export const actionLogLineSchema = z
  .object({
    seq: z.number().int().min(1),
    at: z.iso.datetime(),
    prev: z.string().regex(/^[0-9a-f]{64}$/),
    // Any dotted name, so a log written by a newer version still verifies.
    action: z.string().regex(/^[a-z][a-z0-9.-]{0,63}$/),
    outcome: z.enum(ACTION_LOG_OUTCOMES),
    details: z.record(z.string(), detailValueSchema),
    /** HMAC-SHA256 (hex) of the line without this field, under the key of actionLogMacKey. Absent while locked and in old logs. */
    mac: z.string().regex(/^[0-9a-f]{64}$/).optional(),
  })
  .strict();
export type ActionLogLine = z.infer<typeof actionLogLineSchema>;

/** `prev` of the first line. */
export const GENESIS_PREV = '0'.repeat(64);

/** SHA-256 hex of a line's exact bytes, without its newline. */
export function hashLine(line: string): string {
  return createHash('sha256').update(line, 'utf8').digest('hex');
}

/** Serialises with the keys in a fixed order, so the bytes (and the hash) are predictable. */
export function formatLine(line: ActionLogLine): string {
  const { seq, at, prev, action, outcome, details, mac } = line;
  return JSON.stringify(mac === undefined ? { seq, at, prev, action, outcome, details } : { seq, at, prev, action, outcome, details, mac });
}

/** Its own HKDF label, so the log key can never be mistaken for (or reveal) the vault's encryption key. */
const MAC_KEY_INFO = 'keyaudit action-log mac v1';

/** The log's MAC key, derived from the vault key (RFC 5869 HKDF-SHA256). */
export function deriveActionLogMacKey(vaultKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', vaultKey, Buffer.alloc(0), MAC_KEY_INFO, 32));
}

/** The MAC of a line: over its exact bytes without `mac`, so it covers seq, prev (the chain) and every detail. */
export function macOfLine(line: ActionLogLine, macKey: Buffer): string {
  const { mac: _ignored, ...unsigned } = line;
  return createHmac('sha256', macKey).update(formatLine(unsigned), 'utf8').digest('hex');
}

export function hasValidMac(line: ActionLogLine, macKey: Buffer): boolean {
  if (line.mac === undefined) return false;
  return timingSafeEqual(Buffer.from(line.mac, 'hex'), Buffer.from(macOfLine(line, macKey), 'hex'));
}

export function parseLine(text: string): ActionLogLine | null {
  try {
    const parsed = actionLogLineSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
