import { useRef, useState } from 'react';
import type { AuditedKey } from '@contract/audited-key.ts';
import { exchangeInfo } from '@contract/exchanges.ts';
import { DisableKeyDialog } from './disable-key-dialog.tsx';

type DisableActionProps = {
  keyInfo: AuditedKey;
  /** Set while the key cannot be acted on yet (its connection is still being read): the button is disabled, this is its tooltip. */
  unavailableReason?: string | null;
};

/**
 * "Disable" beside Revoke, where the exchange table allows disabling and the key's adapter says this key can be;
 * nothing on other exchanges. Owns its dialog and its result line, which stays after the button is gone (the key is
 * disabled then, and listed as such).
 */
export function DisableAction({ keyInfo, unavailableReason = null }: DisableActionProps) {
  const [isOpen, setIsOpen] = useState(false);
  const [result, setResult] = useState<{ keyId: string; message: string } | null>(null);
  const resultRef = useRef<HTMLParagraphElement>(null);
  const isOffered = exchangeInfo(keyInfo.exchange).api.disableKeys !== 'none' && keyInfo.disablability?.canDisable === true && !keyInfo.isDisabled;
  // The live region stays mounted (emptied) so the result is announced; a result belongs to the key it was for.
  const message = result?.keyId === keyInfo.id ? result.message : '';
  return (
    <>
      {isOffered && (
        <button
          type="button"
          className="button-secondary button-small detail-disable"
          onClick={() => setIsOpen(true)}
          disabled={unavailableReason !== null}
          title={unavailableReason ?? keyInfo.disablability?.reason}
        >
          Disable
        </button>
      )}
      <p role="status" ref={resultRef} tabIndex={-1} className={message ? 'detail-disable-result' : 'visually-hidden'}>
        {message}
      </p>
      {isOpen && (
        <DisableKeyDialog
          keyInfo={keyInfo}
          onClose={() => setIsOpen(false)}
          onDisabled={(text) => setResult({ keyId: keyInfo.id, message: text })}
          getFallbackFocus={() => resultRef.current}
        />
      )}
    </>
  );
}
