import type { SignedOutReason } from '../lib/session-store.ts';

const WHY: Record<SignedOutReason, string | null> = {
  'no-link': null,
  'link-rejected': 'That link was already used or has expired. Links work once.',
  expired: 'Your session ended, for example because keyaudit was restarted.',
  idle: 'Signed out after 15 minutes without activity, so nobody else can use this open page (a vault still unlocked locks too). Open a fresh link from the terminal to go on.',
  unreachable: 'The keyaudit server did not answer. Make sure it is still running.',
};
/** Said when it happens, maybe while the user looks elsewhere: a polite status, not an alert. */
const POLITE: ReadonlySet<SignedOutReason> = new Set(['idle']);

/** Shown without a session: the only way in is the one-time link printed by the server. */
export function LaunchLinkRequired({ reason }: { reason: SignedOutReason }) {
  const why = WHY[reason];
  return (
    <main className="centered-panel">
      <div className="panel">
        <h1>Open the link printed in your terminal</h1>
        {why && (
          <p role={POLITE.has(reason) ? 'status' : 'alert'} className="error-text">
            {why}
          </p>
        )}
        <p>
          For your safety keyaudit only opens through the one-time link it prints when it starts, like{' '}
          <code>{window.location.origin}/#t=…</code>. Copy that link from the terminal where you ran <code>npm start</code> into
          this tab.
        </p>
        <p className="muted">
          Each link works once. For a new one, press Enter in the terminal where keyaudit runs.
        </p>
      </div>
    </main>
  );
}
