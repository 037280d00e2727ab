import type { Status } from '@contract/api.ts';
import { useSession, useSessionIdleSignOut } from '../lib/session.ts';
import { useStatus } from '../features/status/api/get-status.ts';
import { DemoBanner } from '../features/status/components/demo-banner.tsx';
import { UnlockVaultForm } from '../features/vault/components/unlock-vault-form.tsx';
import { VaultOutsideChangeNotice } from '../features/vault/components/vault-outside-change-notice.tsx';
import { ConnectionsPanel } from '../features/connections/components/connections-panel.tsx';
import { ActivityLog } from '../features/action-log/components/activity-log.tsx';
import { ChangesView } from '../features/history/components/changes-view.tsx';
import { AcceptedRisksView } from '../features/acceptances/components/accepted-risks-view.tsx';
import { AppHeader } from './app-header.tsx';
import { KeysView } from './keys-view.tsx';
import { LaunchLinkRequired } from './launch-link-required.tsx';
import { useView, type View } from './use-view.ts';

export function App() {
  const session = useSession();
  if (session.status === 'starting') return <p role="status" className="centered-panel">Connecting to keyaudit…</p>;
  if (session.status === 'signed-out') return <LaunchLinkRequired reason={session.reason} />;
  return <Dashboard />;
}

function Dashboard() {
  const status = useStatus();
  useSessionIdleSignOut(status.data?.sessionIdleMs);
  if (status.isPending) return <p role="status" className="centered-panel">Loading…</p>;
  if (status.isError) {
    return (
      <main className="centered-panel">
        <div role="alert" className="panel error-panel">
          <p>Could not reach keyaudit. {status.error.message}</p>
          <button type="button" className="button-secondary" onClick={() => status.refetch()}>
            Retry
          </button>
        </div>
      </main>
    );
  }
  if (status.data.vault === 'locked') return <UnlockVaultForm lockedBecause={status.data.lockedBecause ?? null} />;
  return <UnlockedApp status={status.data} />;
}

function UnlockedApp({ status }: { status: Status }) {
  const requested = useView();
  const views: View[] = status.mode === 'live' ? ['keys', 'changes', 'accepted', 'connections', 'activity'] : ['keys', 'changes', 'accepted', 'activity'];
  const view = views.includes(requested) ? requested : 'keys';
  return (
    <div className="app-shell">
      {status.mode === 'demo' && <DemoBanner />}
      <AppHeader status={status} view={view} views={views} />
      <main className="app-main">
        {status.mode === 'live' && <VaultOutsideChangeNotice outsideChanges={status.outsideChanges} />}
        {view === 'keys' && <KeysView demoKeyPassphrase={status.demoKeyPassphrase} />}
        {view === 'changes' && <ChangesView />}
        {view === 'accepted' && <AcceptedRisksView />}
        {view === 'connections' && <ConnectionsPanel />}
        {view === 'activity' && <ActivityLog />}
      </main>
    </div>
  );
}
