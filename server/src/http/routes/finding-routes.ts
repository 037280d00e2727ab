import { randomBytes } from 'node:crypto';
import { Router } from 'express';
import { apiRoutes } from '@contract/api.ts';
import type { AcceptanceView } from '@contract/acceptances.ts';
import { toPrintableText } from '@contract/printable-text.ts';
import { RULE_IDS } from '../../findings/rules.ts';
import { toAcceptanceScope } from '../../findings/policy-acceptance.ts';
import { describeAcceptances } from '../../findings/describe-acceptances.ts';
import { maskApiKey } from '@contract/mask-api-key.ts';
import type { WorkspaceServices } from '../../workspace/workspace-services.ts';
import { KeyNotFoundError } from '../../audit/audit-errors.ts';
import { InvalidInputError } from '../../errors/user-facing-error.ts';
import { sessionIdOf } from '../require-session.ts';

/** An acceptance's reason as the action log keeps it: enough to recognise it; the full text stays in policy.json. */
const ACCEPT_REASON_IN_LOG = 120;

const todayUtc = () => new Date().toISOString().slice(0, 10);

/** An acceptance in the action log's terms: the rule in words, the key masked, the reason shortened. */
function describeForLog(view: AcceptanceView) {
  return {
    ruleId: view.ruleId,
    rule: toPrintableText(view.ruleTitle, 120),
    exchange: view.exchange,
    account: view.account ? toPrintableText(`${view.account.kind}:${view.account.name}`, 120) : 'not recorded',
    apiKey: toPrintableText(view.key?.maskedKey ?? view.recordedMaskedKey, 60),
    ...(view.key ? { label: toPrintableText(view.key.label, 120) } : {}),
    until: view.expiresAt.slice(0, 10),
    reason: toPrintableText(view.reason, 80),
  };
}

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
    if (input.expiresAt <= todayUtc()) throw new InvalidInputError('The acceptance must end in the future.');
    // Scoped to the key's connection and account (policy-acceptance.ts): an apiKey alone may be masked or listed twice.
    // The id lets the Accepted risks view edit or revoke this entry later; acceptedAt is shown there.
    await policy.accept({
      id: `acc_${randomBytes(9).toString('base64url')}`, ruleId: input.ruleId as (typeof RULE_IDS)[number], ...toAcceptanceScope(key),
      reason: input.reason, expiresAt: input.expiresAt, acceptedAt: new Date().toISOString(),
    });
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

  // Reads the policy and the last completed audit only: opening the list never makes an exchange request.
  router.get(apiRoutes.listAcceptances.path, async (_req, res) => {
    const run = audits.current().lastCompleted();
    res.json({ acceptances: describeAcceptances(await policy.load(), run) });
  });

  router.patch(apiRoutes.editAcceptance.path, async (req, res) => {
    const audit = audits.current();
    const input = apiRoutes.editAcceptance.input.parse(req.body);
    const id = String(req.params.acceptanceId);
    // A new end day can extend the silence, and a new reason rewrites why it was allowed: either is a fresh decision to
    // accept, so it needs what accepting needs.
    vault.requireRecentPassphrase('change an accepted risk', sessionIdOf(res));
    if (input.expiresAt !== undefined && input.expiresAt <= todayUtc()) throw new InvalidInputError('The acceptance must end in the future.');
    const { before } = await policy.changeAcceptance(id, (acceptance) => ({
      ...acceptance,
      ...(input.reason !== undefined ? { reason: input.reason } : {}),
      ...(input.expiresAt !== undefined ? { expiresAt: input.expiresAt } : {}),
    }));
    const run = audit.lastCompleted();
    const view = describeAcceptances(await policy.load(), run).find((candidate) => candidate.id === id)!;
    const old = describeAcceptances({ ...(await policy.load()), acceptances: [{ ...before, id }] }, run)[0]!;
    await actionLog.append({
      action: 'finding.acceptance-edit',
      outcome: 'ok',
      details: {
        ...describeForLog(view),
        ...(old.expiresAt !== view.expiresAt ? { untilBefore: old.expiresAt.slice(0, 10) } : {}),
        ...(old.reason !== view.reason ? { reasonBefore: toPrintableText(old.reason, 80) } : {}),
      },
    });
    res.json(view);
  });

  // Revoking an acceptance needs no fresh passphrase: it can only make the audit stricter (the finding counts again),
  // never hide a key, so a session that can read the audit may undo a silence. It is still logged, and refused while
  // the vault is locked (audits.current() throws), since a log line written then would carry no MAC.
  router.delete(apiRoutes.revokeAcceptance.path, async (req, res) => {
    const run = audits.current().lastCompleted();
    const id = String(req.params.acceptanceId);
    const { before } = await policy.changeAcceptance(id, () => null);
    const view = describeAcceptances({ ...(await policy.load()), acceptances: [{ ...before, id }] }, run)[0]!;
    await actionLog.append({ action: 'finding.acceptance-revoke', outcome: 'ok', details: describeForLog(view) });
    res.json({ ok: true });
  });
  return router;
}
