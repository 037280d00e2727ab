import { z } from 'zod';

/**
 * Who uses a key and what for: owner, purpose and tags, written by the user (the detail panel, `keyaudit annotate`).
 * Kept in the encrypted vault (memory in the demo), never in a plain file: which bot or person holds which key is
 * an attacker's map of who to phish. Limits keep a cell readable and the vault small.
 */
export const KEY_ANNOTATION_LIMITS = { owner: 80, purpose: 200, tag: 32, tags: 10 } as const;

/** One line of text: trimmed, no control characters (they would reach a terminal or a report). Empty means none. */
const lineSchema = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `at most ${max} characters`)
    .regex(/^[^\p{Cc}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]*$/u, 'must not contain control characters')
    .transform((value) => (value === '' ? null : value));

/**
 * A tag: a letter or digit first (so no tag reads as a spreadsheet formula or a CLI flag), then letters, digits and
 * . _ : / -; compared lower-cased, so `Prod` and `prod` are one tag.
 */
export const keyTagSchema = z
  .string()
  .trim()
  .min(1, 'a tag must not be empty')
  .max(KEY_ANNOTATION_LIMITS.tag, `a tag has at most ${KEY_ANNOTATION_LIMITS.tag} characters`)
  .regex(/^[\p{L}\p{N}][\p{L}\p{N}._:/-]*$/u, 'a tag starts with a letter or digit and holds only letters, digits and . _ : / -')
  .transform((tag) => tag.toLowerCase());

/** What the user writes for one key; every field optional, an all-empty annotation removes the key's. */
export const keyAnnotationInputSchema = z.strictObject({
  owner: lineSchema(KEY_ANNOTATION_LIMITS.owner).nullable().optional(),
  purpose: lineSchema(KEY_ANNOTATION_LIMITS.purpose).nullable().optional(),
  tags: z
    .array(keyTagSchema)
    .max(KEY_ANNOTATION_LIMITS.tags, `at most ${KEY_ANNOTATION_LIMITS.tags} tags`)
    .optional()
    .transform((tags) => [...new Set(tags ?? [])]),
});
export type KeyAnnotationInput = z.input<typeof keyAnnotationInputSchema>;

/** An annotation as stored and shown: null where nothing was written; tags lower-cased, unique, in the order given. */
export const keyAnnotationSchema = z.strictObject({
  owner: z.string().max(KEY_ANNOTATION_LIMITS.owner).nullable(),
  purpose: z.string().max(KEY_ANNOTATION_LIMITS.purpose).nullable(),
  tags: z.array(z.string().max(KEY_ANNOTATION_LIMITS.tag)).max(KEY_ANNOTATION_LIMITS.tags),
});
export type KeyAnnotation = z.infer<typeof keyAnnotationSchema>;

export function toKeyAnnotation(input: unknown): KeyAnnotation {
  const { owner, purpose, tags } = keyAnnotationInputSchema.parse(input);
  return { owner: owner ?? null, purpose: purpose ?? null, tags };
}

export const isEmptyKeyAnnotation = (annotation: KeyAnnotation) => annotation.owner === null && annotation.purpose === null && annotation.tags.length === 0;

/** GET /api/key-annotations: every stored annotation by the id its key has in the audits (stable across runs). */
export const keyAnnotationListSchema = z.object({
  annotations: z.array(keyAnnotationSchema.extend({ keyId: z.string(), updatedAt: z.iso.datetime() })),
});
export type KeyAnnotationList = z.infer<typeof keyAnnotationListSchema>;
export type KeyAnnotationEntry = KeyAnnotationList['annotations'][number];
