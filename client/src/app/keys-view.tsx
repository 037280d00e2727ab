import { useEffect, useRef, useState } from 'react';
import type { AuditedKey } from '@contract/audited-key.ts';
import { KeysPanel } from '../features/keys/components/keys-panel.tsx';
import { BulkRevokeDialog } from '../features/revoke/components/bulk-revoke-dialog.tsx';
import { RevokeKeyDialog } from '../features/revoke/components/revoke-key-dialog.tsx';
import { RestrictDialog } from '../features/restrict/components/restrict-dialog.tsx';
import type { RestrictAsk } from '../features/keys/components/restrict-request.ts';

const keysHeading = () => document.getElementById('keys-title');

/** Keys plus the revoke dialogs: the features meet here, not inside each other. */
export function KeysView({ demoKeyPassphrase }: { demoKeyPassphrase: string | null }) {
  const [keyToRevoke, setKeyToRevoke] = useState<AuditedKey | null>(null);
  // A snapshot taken when the dialog opens: the audit refetched mid-run must not change its list.
  const [keysToRevoke, setKeysToRevoke] = useState<{ keys: AuditedKey[]; deselect: (keyIds: readonly string[]) => void } | null>(null);
  // After a bulk run the button that opened it may be gone or disabled: focus goes to its result, or the heading.
  const [focusAfterBulk, setFocusAfterBulk] = useState<{ to: 'summary' | 'heading' } | null>(null);
  const summaryRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    // Runs after the dialog's own cleanup (unmount effects run first), so this is where focus ends up.
    if (focusAfterBulk) (focusAfterBulk.to === 'summary' ? summaryRef.current : keysHeading())?.focus();
  }, [focusAfterBulk]);
  const [restrictAsk, setRestrictAsk] = useState<{ keys: AuditedKey[]; ask: RestrictAsk } | null>(null);
  const [announcement, setAnnouncement] = useState('');
  return (
    <>
      {/* The live region stays in the page (emptied, never removed) so the next message is announced too. */}
      <div className={announcement ? 'announcement-bar' : undefined}>
        <p role="status" className="announcement" ref={summaryRef} tabIndex={-1}>
          {announcement}
        </p>
        {announcement && (
          <button type="button" className="button-link announcement-dismiss" aria-label="Dismiss this message" onClick={() => setAnnouncement('')}>
            Dismiss
          </button>
        )}
      </div>
      <KeysPanel
        onRevokeKey={(key) => {
          setAnnouncement('');
          setKeyToRevoke(key);
        }}
        onRevokeKeys={(keys, deselect) => {
          setAnnouncement('');
          setKeysToRevoke({ keys, deselect });
        }}
        onRestrictKeys={(keys, ask) => {
          setAnnouncement('');
          setRestrictAsk({ keys, ask });
        }}
      />
      {restrictAsk && (
        <RestrictDialog
          keys={restrictAsk.keys}
          mode={restrictAsk.ask}
          demoKeyPassphrase={demoKeyPassphrase}
          onClose={(summary) => {
            setRestrictAsk(null);
            if (summary) setAnnouncement(summary);
          }}
          getFallbackFocus={keysHeading}
        />
      )}
      {keyToRevoke && (
        <RevokeKeyDialog
          keyInfo={keyToRevoke}
          demoKeyPassphrase={demoKeyPassphrase}
          onClose={() => setKeyToRevoke(null)}
          onRevoked={setAnnouncement}
          getFallbackFocus={keysHeading}
        />
      )}
      {keysToRevoke && (
        <BulkRevokeDialog
          keys={keysToRevoke.keys}
          demoKeyPassphrase={demoKeyPassphrase}
          onClose={(summary, done) => {
            keysToRevoke.deselect(done);
            setKeysToRevoke(null);
            if (summary) setAnnouncement(summary);
            if (summary || done.length > 0) setFocusAfterBulk({ to: summary ? 'summary' : 'heading' });
          }}
          getFallbackFocus={keysHeading}
        />
      )}
    </>
  );
}
