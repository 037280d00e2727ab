import { useId, useMemo, useState } from 'react';
import type { AcceptanceView } from '@contract/acceptances.ts';
import { EXCHANGE_NAMES } from '@contract/exchanges.ts';
import { SeverityBadge } from '../../../components/severity-badge.tsx';
import { accountShortName } from '../../../utils/describe-account.ts';
import { formatCalendarDay } from '../../../utils/calendar-day.ts';
import { formatAbsoluteTime, formatRelativeTime } from '../../../utils/format-relative-time.ts';
import { useNow } from '../../../utils/use-now.ts';
import { openInPage } from '../../../lib/open-in-page.ts';
import { useAcceptances } from '../api/acceptances-api.ts';
import { ACCEPTANCE_EXPIRING_DAYS, ACCEPTANCE_STATUS_LABELS, acceptanceStatus, sortByEndDate, type AcceptanceStatus } from '../utils/acceptance-status.ts';
import { EditAcceptanceDialog } from './edit-acceptance-dialog.tsx';
import { RevokeAcceptanceDialog } from './revoke-acceptance-dialog.tsx';
import './accepted-risks.css';

type Shown = 'all' | 'expiring' | 'expired' | 'gone';
const SHOWN_MATCHES: Record<Exclude<Shown, 'all'>, readonly AcceptanceStatus[]> = {
  expiring: ['expiring'],
  expired: ['expired'],
  gone: ['key-gone', 'unscoped'],
};

/** "grid bot (KuCoin, sub-account bots)", the key as the list and its dialogs name it. */
function keyName(acceptance: AcceptanceView): string {
  const where = [EXCHANGE_NAMES[acceptance.exchange], acceptance.account && accountShortName(acceptance.account)].filter(Boolean).join(', ');
  return `${acceptance.key?.label ?? acceptance.key?.maskedKey ?? acceptance.recordedMaskedKey} (${where})`;
}

/** The Keys view with this key's details open (`?key=`, as links from the Changes view do). */
function keyHref(keyId: string): string {
  return `${window.location.pathname}?${new URLSearchParams({ key: keyId, showAccepted: '1' }).toString()}`;
}

/**
 * The Accepted risks view: every acceptance in the policy, soonest end first, with the key it covers in the last audit.
 * Each can get a new reason or end date, or be revoked (the finding counts again).
 */
export function AcceptedRisksView() {
  const acceptances = useAcceptances();
  const nowMs = useNow(60_000);
  const filterId = useId();
  const [shown, setShown] = useState<Shown>('all');
  const [editing, setEditing] = useState<AcceptanceView | null>(null);
  const [revoking, setRevoking] = useState<AcceptanceView | null>(null);
  const [announcement, setAnnouncement] = useState('');

  const rows = useMemo(
    () => sortByEndDate(acceptances.data?.acceptances ?? []).map((acceptance) => ({ acceptance, status: acceptanceStatus(acceptance, nowMs) })),
    [acceptances.data, nowMs],
  );
  const counts = useMemo(() => {
    const count = (statuses: readonly AcceptanceStatus[]) => rows.filter((row) => statuses.includes(row.status)).length;
    return { all: rows.length, expiring: count(SHOWN_MATCHES.expiring), expired: count(SHOWN_MATCHES.expired), gone: count(SHOWN_MATCHES.gone) };
  }, [rows]);
  const visible = shown === 'all' ? rows : rows.filter((row) => SHOWN_MATCHES[shown].includes(row.status));

  return (
    <section aria-labelledby="accepted-title" className="accepted-risks">
      <div className="toolbar">
        <h1 id="accepted-title">Accepted risks</h1>
        {rows.length > 0 && (
          <div className="toolbar-actions">
            <label htmlFor={filterId}>Show</label>
            <select id={filterId} value={shown} onChange={(event) => setShown(event.target.value as Shown)}>
              <option value="all">All ({counts.all})</option>
              <option value="expiring">
                Ending within {ACCEPTANCE_EXPIRING_DAYS} days ({counts.expiring})
              </option>
              <option value="expired">Ended ({counts.expired})</option>
              <option value="gone">Key no longer listed ({counts.gone})</option>
            </select>
          </div>
        )}
      </div>
      <p className="view-intro">
        Findings accepted with a reason and an end date are listed on their key but not counted. From the end date on they count again.
      </p>
      <div className={announcement ? 'announcement-bar' : undefined}>
        <p role="status" className="announcement">
          {announcement}
        </p>
        {announcement && (
          <button type="button" className="button-link announcement-dismiss" aria-label="Dismiss this message" onClick={() => setAnnouncement('')}>
            Dismiss
          </button>
        )}
      </div>
      {counts.expiring > 0 && shown === 'all' && (
        <p className="expiring-note">
          <strong>
            {counts.expiring} {counts.expiring === 1 ? 'acceptance ends' : 'acceptances end'} within {ACCEPTANCE_EXPIRING_DAYS} days.
          </strong>{' '}
          <button type="button" className="button-link" onClick={() => setShown('expiring')}>
            Show only those
          </button>
        </p>
      )}
      {acceptances.isPending && <p role="status">Loading accepted risks…</p>}
      {acceptances.isError && (
        <div role="alert" className="error-panel">
          <p>Could not load the accepted risks. {acceptances.error.message}</p>
          <button type="button" className="button-secondary" onClick={() => acceptances.refetch()}>
            Retry
          </button>
        </div>
      )}
      {acceptances.data && rows.length === 0 && (
        <div className="empty-state">
          <h2>No accepted risks</h2>
          <p>
            Accept one from a finding in the{' '}
            <a href={window.location.pathname} onClick={openInPage}>
              Keys view
            </a>
            : open a key, then "Accept risk" on the finding.
          </p>
        </div>
      )}
      {rows.length > 0 && visible.length === 0 && (
        <div className="empty-state">
          <h2>None of them match</h2>
          <button type="button" className="button-secondary" onClick={() => setShown('all')}>
            Show all {rows.length}
          </button>
        </div>
      )}
      {visible.length > 0 && (
        <div className="table-scroll accepted-scroll">
          <table className="simple-table accepted-table">
            <caption className="visually-hidden">Accepted risks, soonest end first</caption>
            <thead>
              <tr>
                <th scope="col">Finding</th>
                <th scope="col">Key</th>
                <th scope="col">Reason</th>
                <th scope="col">Accepted on</th>
                <th scope="col">Ends</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {visible.map(({ acceptance, status }) => (
                <AcceptanceRow key={acceptance.id} acceptance={acceptance} status={status} nowMs={nowMs} onEdit={setEditing} onRevoke={setRevoking} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editing && <EditAcceptanceDialog acceptance={editing} keyName={keyName(editing)} onClose={() => setEditing(null)} onSaved={setAnnouncement} />}
      {revoking && (
        <RevokeAcceptanceDialog
          acceptance={revoking}
          keyName={keyName(revoking)}
          onClose={() => setRevoking(null)}
          onRevoked={setAnnouncement}
          getFallbackFocus={() => document.getElementById('accepted-title')}
        />
      )}
    </section>
  );
}

type AcceptanceRowProps = {
  acceptance: AcceptanceView;
  status: AcceptanceStatus;
  nowMs: number;
  onEdit: (acceptance: AcceptanceView) => void;
  onRevoke: (acceptance: AcceptanceView) => void;
};

function AcceptanceRow({ acceptance, status, nowMs, onEdit, onRevoke }: AcceptanceRowProps) {
  const ends = new Date(acceptance.expiresAt);
  const name = keyName(acceptance);
  return (
    <tr className={`acceptance-row status-${status}`} data-acceptance-id={acceptance.id}>
      <td data-label="Finding">
        <SeverityBadge level={acceptance.severity} /> <span className="acceptance-rule">{acceptance.ruleTitle}</span>
      </td>
      <td data-label="Key">
        {acceptance.key ? (
          <a href={keyHref(acceptance.key.keyId)} onClick={openInPage} aria-label={`Open ${acceptance.key.label} in the Keys view`}>
            {acceptance.key.label}
          </a>
        ) : (
          <span className="muted-text">{acceptance.match === 'unscoped' ? 'No single key' : 'Key no longer listed'}</span>
        )}
        <div className="acceptance-key-facts">
          {EXCHANGE_NAMES[acceptance.exchange]}
          {acceptance.account && ` · ${accountShortName(acceptance.account)}`} · <code>{acceptance.key?.maskedKey ?? acceptance.recordedMaskedKey}</code>
        </div>
      </td>
      <td data-label="Reason" className="acceptance-reason">
        {acceptance.reason}
      </td>
      <td data-label="Accepted on">
        {acceptance.acceptedAt ? (
          <time dateTime={acceptance.acceptedAt} title={formatAbsoluteTime(new Date(acceptance.acceptedAt))}>
            {formatCalendarDay(acceptance.acceptedAt)}
          </time>
        ) : (
          <span className="muted-text">Not recorded</span>
        )}
      </td>
      <td data-label="Ends">
        <time dateTime={acceptance.expiresAt} title={formatAbsoluteTime(ends)}>
          {status === 'expired' ? `ended ${formatRelativeTime(ends, nowMs)}` : formatRelativeTime(ends, nowMs)}
        </time>
        <div className="acceptance-key-facts">{formatCalendarDay(acceptance.expiresAt)}</div>
      </td>
      <td data-label="Status">
        <span className={`acceptance-status acceptance-status-${status}`}>{ACCEPTANCE_STATUS_LABELS[status]}</span>
      </td>
      <td className="acceptance-actions">
        <button type="button" className="button-secondary" onClick={() => onEdit(acceptance)} aria-label={`Edit acceptance of ${acceptance.ruleTitle} on ${name}`}>
          Edit
        </button>
        <button type="button" className="button-danger-outline" onClick={() => onRevoke(acceptance)} aria-label={`Revoke acceptance of ${acceptance.ruleTitle} on ${name}`}>
          Revoke
        </button>
      </td>
    </tr>
  );
}
