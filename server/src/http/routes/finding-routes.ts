import { Router } from 'express';
import { apiRoutes } from '@contract/api.ts';
import { RULE_IDS } from '../../findings/rules.ts';
import { toAcceptanceScope } from '../../findings/policy-acceptance.ts';
import { maskApiKey } from '@contract/mask-api-key.ts';
import type { Workspace } from '../../workspace/workspace.ts';
import { HttpError } from '../api-error.ts';
import { vaultLocked } from './audit-routes.ts';

export function createFindingRoutes(workspace: Workspace): Router {
  const router = Router();

  // Accepting a risk is a policy edit: it is written to policy.json (memory in the demo) and logged.
  router.post(apiRoutes.acceptFinding.path, async (req, res) => {
    const audit = workspace.audit() ?? (() => { throw vaultLocked(); })();
    const input = apiRoutes.acceptFinding.input.parse(req.body);
    const key = audit.findKey(input.keyId);
    if (!key) throw new HttpError(404, 'key_not_found', 'That key is not in the latest audit. Refresh and try again.');
    if (!(RULE_IDS as readonly string[]).includes(input.ruleId)) throw new HttpError(400, 'invalid_input', 'Unknown rule.');
    if (input.expiresAt <= new Date().toISOString().slice(0, 10)) throw new HttpError(400, 'invalid_input', 'The acceptance must end in the future.');
    // Scoped to the key's connection and account (policy-acceptance.ts): an apiKey alone may be masked or listed twice.
    await workspace.policy.accept({ ruleId: input.ruleId as (typeof RULE_IDS)[number], ...toAcceptanceScope(key), reason: input.reason, expiresAt: input.expiresAt });
    await workspace.actions.append({
      action: 'finding.accept',
      outcome: 'ok',
      details: {
        ruleId: input.ruleId, exchange: key.exchange, connectionId: key.connectionId, account: `${key.account.kind}:${key.account.name}`,
        apiKey: maskApiKey(key.apiKey), label: key.label, until: input.expiresAt,
      },
    });
    res.json({ ok: true });
  });
  return router;
}
