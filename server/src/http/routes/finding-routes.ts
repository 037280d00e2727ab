import { Router } from 'express';
import { apiRoutes } from '@contract/api.ts';
import { RULE_IDS } from '../../findings/rules.ts';
import { toAcceptanceScope } from '../../findings/policy-acceptance.ts';
import { maskApiKey } from '@contract/mask-api-key.ts';
import type { WorkspaceServices } from '../../workspace/workspace-services.ts';
import { KeyNotFoundError } from '../../audit/audit-errors.ts';
import { InvalidInputError } from '../../errors/user-facing-error.ts';
import { sessionIdOf } from '../require-session.ts';
import { toPrintableText } from '@contract/printable-text.ts';

/** An acceptance's reason as the action log keeps it: enough to recognise it; the full text stays in policy.json. */
const ACCEPT_REASON_IN_LOG = 120;

export function createFindingRoutes({ audits, policy, actionLog, vault }: Pick<WorkspaceServices, 'audits' | 'policy' | 'actionLog' | 'vault'>): Router {
  const router = Router();

  // Accepting a risk is a policy edit: it is written to policy.json (memory in the demo) and logged.
  router.post(apiRoutes.acceptFinding.path, async (req, res) => {
    const audit = audits.current();
    const input = apiRoutes.acceptFinding.input.parse(req.body);
    // Hiding a finding until a date is as consequential as a revoke: the passphrase, entered recently by this session.
    vault.requireRecentPassphrase('accept a risk', sessionIdOf(res));
    const key = audit.findKey(input.keyId);
    if (!key) throw new KeyNotFoundError();
    if (!(RULE_IDS as readonly string[]).includes(input.ruleId)) throw new InvalidInputError('Unknown rule.');
    if (input.expiresAt <= new Date().toISOString().slice(0, 10)) throw new InvalidInputError('The acceptance must end in the future.');
    // Scoped to the key's connection and account (policy-acceptance.ts): an apiKey alone may be masked or listed twice.
    await policy.accept({ ruleId: input.ruleId as (typeof RULE_IDS)[number], ...toAcceptanceScope(key), reason: input.reason, expiresAt: input.expiresAt });
    await actionLog.append({
      action: 'finding.accept',
      outcome: 'ok',
      details: {
        ruleId: input.ruleId, exchange: key.exchange, connectionId: key.connectionId, account: `${key.account.kind}:${key.account.name}`,
        apiKey: maskApiKey(key.apiKey), label: key.label, until: input.expiresAt,
        // Why, shortened: the Activity view shows it. Not a secret (docs/security-model.md#log-contents), but the user's own words: capped.
        reason: toPrintableText(input.reason, ACCEPT_REASON_IN_LOG),
      },
    });
    res.json({ ok: true });
  });
  return router;
}
