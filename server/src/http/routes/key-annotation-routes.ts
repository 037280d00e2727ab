import { Router } from 'express';
import { apiRoutes } from '@contract/api.ts';
import { keyAnnotationInputSchema, type KeyAnnotationList } from '@contract/key-annotation.ts';
import type { WorkspaceServices } from '../../workspace/workspace-services.ts';
import { ConnectionStillReadingError, KeyNotFoundError } from '../../audit/audit-errors.ts';
import { InvalidInputError } from '../../errors/user-facing-error.ts';
import { annotateKey, toKeyAnnotationEntries } from '../../key-annotations/key-annotations-service.ts';

const FIELD_NAMES: Record<string, string> = { owner: 'Owner', purpose: 'Purpose', tags: 'Tags' };

/**
 * Owner, purpose and tags per key. Writing one needs the unlocked vault (it is saved there) but not a recent
 * passphrase: an annotation changes no key and hides no finding. docs/security-model.md#key-annotations
 */
export function createKeyAnnotationRoutes({ audits, annotations, actionLog }: Pick<WorkspaceServices, 'audits' | 'annotations' | 'actionLog'>): Router {
  const router = Router();

  // Every stored annotation by key id; the page shows those of the keys it lists (a gone key's stays stored, unseen).
  router.get(apiRoutes.listKeyAnnotations.path, async (_req, res) => {
    audits.current(); // VaultLockedError while locked, like every view of the keys
    res.json({ annotations: toKeyAnnotationEntries(await annotations.list()) } satisfies KeyAnnotationList);
  });

  router.post(apiRoutes.setKeyAnnotation.path, async (req, res) => {
    const audit = audits.current();
    const parsed = keyAnnotationInputSchema.safeParse(req.body);
    if (!parsed.success) {
      // Only the schema's own sentences, which quote nothing: a stray field's name is not repeated back.
      const problems = parsed.error.issues.map((issue) => {
        const field = FIELD_NAMES[String(issue.path[0])];
        return field && issue.code !== 'unrecognized_keys' ? `${field}: ${issue.message}` : 'owner, purpose and tags are the only fields';
      });
      throw new InvalidInputError(`${[...new Set(problems)].join('; ')}.`);
    }
    const keyId = String(req.params.keyId);
    const key = audit.findKey(keyId);
    if (!key && audit.isKeyBeingRead(keyId)) throw new ConnectionStillReadingError();
    if (!key) throw new KeyNotFoundError();
    const { owner, purpose, tags } = parsed.data;
    const stored = await annotateKey({ annotations, actions: actionLog }, key, { owner: owner ?? null, purpose: purpose ?? null, tags });
    res.json({ annotations: stored ? toKeyAnnotationEntries([stored]) : [] } satisfies KeyAnnotationList);
  });
  return router;
}
