import { ZodError } from 'zod';
import { InvalidInputError, UserFacingError } from './user-facing-error.ts';

/**
 * The user-facing form of anything thrown, or null for a bug. A ZodError is input that failed
 * its schema: only the field names are kept, never zod's messages (which may quote the input).
 */
export function toUserFacingError(error: unknown): UserFacingError | null {
  if (error instanceof UserFacingError) return error;
  if (error instanceof ZodError) {
    const fields = [...new Set(error.issues.map((issue) => issue.path.join('.') || 'body'))].join(', ');
    return new InvalidInputError(`Check these fields: ${fields}.`);
  }
  return null;
}
