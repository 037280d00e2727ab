import { useState } from 'react';
import type { AuditedKey } from '@contract/audited-key.ts';
import { KeysPanel } from '../features/keys/components/keys-panel.tsx';
import { RevokeKeyDialog } from '../features/revoke/components/revoke-key-dialog.tsx';

/** Keys plus the revoke dialog: the two features meet here, not inside each other. */
export function KeysView({ demoKeyPassphrase }: { demoKeyPassphrase: string | null }) {
  const [keyToRevoke, setKeyToRevoke] = useState<AuditedKey | null>(null);
  const [announcement, setAnnouncement] = useState('');
  return (
    <>
      <p role="status" className="announcement">
        {announcement}
      </p>
      <KeysPanel
        onRevokeKey={(key) => {
          setAnnouncement('');
          setKeyToRevoke(key);
        }}
      />
      {keyToRevoke && (
        <RevokeKeyDialog
          keyInfo={keyToRevoke}
          demoKeyPassphrase={demoKeyPassphrase}
          onClose={() => setKeyToRevoke(null)}
          onRevoked={setAnnouncement}
          getFallbackFocus={() => document.getElementById('keys-title')}
        />
      )}
    </>
  );
}
