import type { MouseEvent } from 'react';
import type { Change } from '@contract/history.ts';
import { describeChangeSides } from '@contract/describe-change.ts';
import { SeverityBadge } from '../../../components/severity-badge.tsx';
import { CHANGE_KIND_LABELS } from '../utils/change-labels.ts';
import { keyHref } from '../utils/key-href.ts';
import { writeUrlSearch } from '../../../lib/url-search-store.ts';

/** Within the page, so the audit on screen is kept (a page load would audit every exchange again); a new tab still opens normally. */
function openInPage(event: MouseEvent<HTMLAnchorElement>) {
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
  event.preventDefault();
  writeUrlSearch(new URL(event.currentTarget.href).searchParams, 'push');
}

/** One change: its severity and kind, the plain sentence, before → after in the exchange's words, and a link to the key. */
export function ChangeItem({ change }: { change: Change }) {
  const { before, after } = describeChangeSides(change);
  const href = keyHref(change);
  const added = change.ipEntriesAdded ?? [];
  const removed = change.ipEntriesRemoved ?? [];
  return (
    <li className={`change-item change-${change.kind}`}>
      <div className="change-head">
        <SeverityBadge level={change.severity} />
        <span className="change-kind">{CHANGE_KIND_LABELS[change.kind]}</span>
        {change.kind === 'finding-resolved' && <span className="badge badge-ok">Resolved</span>}
        {href && (
          <a className="change-key-link" href={href} onClick={openInPage}>
            Show key{change.label ? ` ${change.label}` : ''} in Keys
          </a>
        )}
      </div>
      <p className="change-summary">{change.summary}</p>
      {(before !== null || after !== null) && (
        <p className="change-sides">
          <span className="muted">Before:</span> <code>{before ?? 'nothing'}</code> <span aria-hidden="true">→</span> <span className="muted">After:</span>{' '}
          <code>{after ?? 'nothing'}</code>
        </p>
      )}
      {(added.length > 0 || removed.length > 0) && (
        <p className="change-sides">
          {added.length > 0 && (
            <>
              <span className="muted">IP entries added:</span> <code>{added.join(', ')}</code>{' '}
            </>
          )}
          {removed.length > 0 && (
            <>
              <span className="muted">IP entries removed:</span> <code>{removed.join(', ')}</code>
            </>
          )}
        </p>
      )}
    </li>
  );
}
