import { useEffect, useId, useRef, type KeyboardEvent } from 'react';
import { EXCHANGE_NAMES } from '@contract/exchanges.ts';
import type { AuditedKey } from '@contract/audited-key.ts';
import type { ConnectionResult } from '@contract/audit-run.ts';
import { SeverityBadge } from '../../../components/severity-badge.tsx';
import { FindingItem } from '../../findings/components/finding-item.tsx';
import { keyDisplayName } from '../../../utils/key-display-name.ts';
import type { KeyRowModel } from '../utils/key-row-model.ts';
import { KeyFacts } from './key-facts.tsx';
import { KeyMarkers } from './key-markers.tsx';
import { ACCEPT_WAITS_FOR_CONNECTION } from './revoke-gate.ts';
import { exchangeInfo } from '@contract/exchanges.ts';
import { restrictFixFor, type RestrictAsk } from './restrict-request.ts';
import { KeyTimelineSection } from '../../history/components/key-timeline.tsx';
import { KeyauditUsageNote } from '../../history/components/keyaudit-usage-note.tsx';
import { KeyAnnotationForm } from './key-annotation-form.tsx';
import { DisableAction } from '../../disable/components/disable-action.tsx';

type KeyDetailPanelProps = {
  row: KeyRowModel;
  connection: ConnectionResult | undefined;
  onClose: () => void;
  onRevoke: (key: AuditedKey) => void;
  /** Restrict instead of revoke; absent where the view offers no restrict. */
  onRestrict?: (key: AuditedKey, ask: RestrictAsk) => void;
  /** Set while this key cannot be acted on yet (its connection is still being read): Revoke and Accept risk are disabled, this is the tooltip. */
  revokeUnavailableReason?: string | null;
};

/**
 * A side panel over the table: findings with their fixes first, then the key exactly as the exchange
 * reported it. Not modal, so another row's details can be opened from the table; Escape closes it.
 */
export function KeyDetailPanel({ row, connection, onClose, onRevoke, onRestrict, revokeUnavailableReason = null }: KeyDetailPanelProps) {
  const titleId = useId();
  const titleRef = useRef<HTMLHeadingElement>(null);
  const { key: keyInfo, findings } = row;
  useEffect(() => {
    titleRef.current?.focus();
  }, [keyInfo.id]);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    onClose();
  };
  return (
    <div className="detail-panel" role="dialog" aria-labelledby={titleId} onKeyDown={onKeyDown}>
      <div className="detail-header">
        <h2 id={titleId} ref={titleRef} tabIndex={-1}>
          Key details: {keyDisplayName(keyInfo)}
        </h2>
        <button type="button" className="button-secondary button-small" aria-label="Close key details" onClick={onClose}>
          Close
        </button>
      </div>
      <div className="detail-body">
        <div className="detail-summary">
          <SeverityBadge level={row.level} />
          <span>
            {findings.open.length} open {findings.open.length === 1 ? 'finding' : 'findings'}
            {findings.accepted.length > 0 && `, ${findings.accepted.length} accepted`}
          </span>
          <DisableAction keyInfo={keyInfo} unavailableReason={revokeUnavailableReason} />
          {keyInfo.revocability.canRevoke ? (
            <button
              type="button"
              className="button-danger button-small detail-revoke"
              onClick={() => onRevoke(keyInfo)}
              disabled={revokeUnavailableReason !== null}
              title={revokeUnavailableReason ?? undefined}
            >
              Revoke this key
            </button>
          ) : (
            <span className="detail-revoke muted">
              {keyInfo.revocability.reason}{' '}
              {keyInfo.revocability.manageUrl && (
                <a href={keyInfo.revocability.manageUrl} target="_blank" rel="noreferrer">
                  Manage on {EXCHANGE_NAMES[keyInfo.exchange]}
                </a>
              )}
            </span>
          )}
        </div>
        {onRestrict && <RestrictActions keyInfo={keyInfo} onRestrict={onRestrict} unavailableReason={revokeUnavailableReason} />}
        <KeyMarkers keyInfo={keyInfo} />
        <section aria-labelledby={`${titleId}-findings`}>
          <h3 id={`${titleId}-findings`}>Findings</h3>
          {findings.all.length === 0 ? (
            <p className="muted">No findings: no rule flags this key.</p>
          ) : (
            <ul className="finding-list">
              {findings.all.map((finding) => (
                <FindingItem
                  key={finding.ruleId}
                  finding={finding}
                  // Acceptances name keys of a finished connection, as revokes do.
                  acceptUnavailableReason={revokeUnavailableReason === null ? null : ACCEPT_WAITS_FOR_CONNECTION}
                  fix={onRestrict && canRestrictHere(keyInfo) ? fixOf(finding.ruleId, () => onRestrict(keyInfo, restrictFixFor(finding.ruleId)!.ask)) : undefined}
                />
              ))}
            </ul>
          )}
        </section>
        <KeyAnnotationForm keyId={keyInfo.id} />
        <section aria-labelledby={`${titleId}-reported`}>
          <h3 id={`${titleId}-reported`}>As {EXCHANGE_NAMES[keyInfo.exchange]} reports it</h3>
          <KeyFacts keyInfo={keyInfo} connection={connection} />
          {keyInfo.isCallingKey && <KeyauditUsageNote keyId={keyInfo.id} />}
        </section>
        <KeyTimelineSection keyId={keyInfo.id} hasCreationDate={keyInfo.createdAt !== null} />
        <section aria-labelledby={`${titleId}-capabilities`}>
          <h3 id={`${titleId}-capabilities`}>Capabilities (normalized)</h3>
          {keyInfo.capabilities.length === 0 ? (
            <p className="muted">None</p>
          ) : (
            <ul className="capability-list">
              {keyInfo.capabilities.map((granted) => (
                <li key={`${granted.capability}:${granted.from}`}>
                  <strong>{granted.capability}</strong> <span className="muted">from “{granted.from}”</span>
                  {granted.isUncertain && (
                    <span className="uncertain-mark" title="The exchange does not document this mapping; keyaudit infers it">
                      uncertain
                    </span>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </div>
  );
}

/** Whether the exchange's API can narrow this kind of key at all; the dialog's preview says the rest, key by key. */
function canRestrictHere(keyInfo: AuditedKey): boolean {
  const { restrict } = exchangeInfo(keyInfo.exchange).api;
  const dimensions = keyInfo.account.kind === 'sub' ? restrict.subKeys : restrict.masterKeys;
  return !keyInfo.isCallingKey && (dimensions.ips || dimensions.permissions);
}

function fixOf(ruleId: string, onClick: () => void): { label: string; onClick: () => void } | undefined {
  const fix = restrictFixFor(ruleId);
  return fix ? { label: fix.label, onClick } : undefined;
}

/** Restrict IPs and Remove permissions, or why the exchange cannot, with its page (as revoke does). */
function RestrictActions({ keyInfo, onRestrict, unavailableReason }: { keyInfo: AuditedKey; onRestrict: (key: AuditedKey, ask: RestrictAsk) => void; unavailableReason: string | null }) {
  const info = exchangeInfo(keyInfo.exchange);
  if (!canRestrictHere(keyInfo)) {
    const why = keyInfo.isCallingKey
      ? 'keyaudit does not restrict the key it signs with: a wrong whitelist would lock it out.'
      : keyInfo.account.kind === 'master' && info.api.restrict.masterKeysWhy
        ? info.api.restrict.masterKeysWhy
        : `${info.name}'s API cannot restrict this key.`;
    return (
      <p className="detail-restrict muted">
        {why}{' '}
        <a href={info.manageKeysUrl} target="_blank" rel="noreferrer">
          Manage on {info.name}
        </a>
      </p>
    );
  }
  return (
    <div className="detail-restrict">
      <button type="button" className="button-secondary button-small" disabled={unavailableReason !== null} title={unavailableReason ?? undefined} onClick={() => onRestrict(keyInfo, { kind: 'ips' })}>
        Restrict IPs
      </button>
      <button
        type="button"
        className="button-secondary button-small"
        disabled={unavailableReason !== null}
        title={unavailableReason ?? undefined}
        onClick={() => onRestrict(keyInfo, { kind: 'drop', drop: [] })}
      >
        Remove permissions
      </button>
    </div>
  );
}
