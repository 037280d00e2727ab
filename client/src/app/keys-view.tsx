import { useState } from 'react';
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
  const [keysToRevoke, setKeysToRevoke] = useState<AuditedKey[] | null>(null);
  const [restrictAsk, setRestrictAsk] = useState<{ keys: AuditedKey[]; ask: RestrictAsk } | null>(null);
  const [announcement, setAnnouncement] = useState('');
  return (
    <>
      {/* The live region stays in the page (emptied, never removed) so the next message is announced too. */}
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
      <KeysPanel
        onRevokeKey={(key) => {
          setAnnouncement('');
          setKeyToRevoke(key);
        }}
        onRevokeKeys={(keys) => {
          setAnnouncement('');
          setKeysToRevoke(keys);
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
          keys={keysToRevoke}
          demoKeyPassphrase={demoKeyPassphrase}
          onClose={(summary) => {
            setKeysToRevoke(null);
            if (summary) setAnnouncement(summary);
          }}
          getFallbackFocus={keysHeading}
        />
      )}
    </>
  );
}
