import type { MouseEvent } from 'react';
import type { Status } from '@contract/api.ts';
import { LockVaultButton } from '../features/vault/components/lock-vault-button.tsx';
import { AcceptedRisksNavLabel } from '../features/acceptances/components/accepted-risks-nav-label.tsx';
import { navigateTo, viewHref, type View } from './use-view.ts';

const VIEW_LABELS: Record<View, string> = { keys: 'Keys', changes: 'Changes', accepted: 'Accepted risks', connections: 'Connections', activity: 'Activity' };

type AppHeaderProps = { status: Status; view: View; views: readonly View[] };

export function AppHeader({ status, view, views }: AppHeaderProps) {
  const onNavigate = (target: View) => (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    navigateTo(target);
  };
  return (
    <header className="app-header">
      <span className="brand">
        <img src="/favicon.svg" alt="" width={20} height={20} />
        keyaudit
      </span>
      <nav aria-label="Main">
        <ul className="nav-links">
          {views.map((target) => (
            <li key={target}>
              <a href={viewHref(target)} aria-current={target === view ? 'page' : undefined} onClick={onNavigate(target)}>
                {target === 'accepted' ? <AcceptedRisksNavLabel /> : VIEW_LABELS[target]}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div className="header-end">
        <span className={`mode-pill mode-${status.mode}`}>{status.mode === 'demo' ? 'Demo mode' : 'Live'}</span>
        {status.vault === 'unlocked' && <LockVaultButton />}
      </div>
    </header>
  );
}
