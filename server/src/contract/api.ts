import { z } from 'zod';
import { auditRunSchema } from './audit-run.ts';

/** Every error the API sends: a stable code, plain words, and an id to find the log line. */
export const apiErrorSchema = z.object({
  error: z.string(),
  message: z.string(),
  requestId: z.string(),
});
export type ApiError = z.infer<typeof apiErrorSchema>;

export const createSessionInputSchema = z.object({ launchToken: z.string().min(1).max(200) });
export type CreateSessionInput = z.infer<typeof createSessionInputSchema>;
export const sessionSchema = z.object({ sessionToken: z.string() });

export const statusSchema = z.object({
  /** demo: built-in simulators with seeded accounts; live: the user's own connections. */
  mode: z.enum(['demo', 'live']),
  /** In demo mode, the passphrase every demo sub-account key was created with, so revoke can be tried. */
  demoKeyPassphrase: z.string().nullable(),
});
export type Status = z.infer<typeof statusSchema>;

export const revokeKeyInputSchema = z.object({
  /** The revoked key's own passphrase, where the exchange requires it (KuCoin). */
  keyPassphrase: z.string().max(256).optional(),
});
export type RevokeKeyInput = z.infer<typeof revokeKeyInputSchema>;
export const revokeResultSchema = z.object({ revoked: z.literal(true), keyId: z.string() });
export type RevokeResult = z.infer<typeof revokeResultSchema>;

/**
 * The route table both sides use: the server mounts handlers under these paths,
 * the client's api-client fills the params and parses responses with these schemas.
 */
export const apiRoutes = {
  createSession: { method: 'POST', path: '/api/session', input: createSessionInputSchema, output: sessionSchema },
  getStatus: { method: 'GET', path: '/api/status', output: statusSchema },
  getAudit: { method: 'GET', path: '/api/audit', output: auditRunSchema },
  revokeKey: { method: 'POST', path: '/api/keys/:keyId/revoke', input: revokeKeyInputSchema, output: revokeResultSchema },
} as const;
export type ApiRoutes = typeof apiRoutes;
