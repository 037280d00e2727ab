import { useState } from 'react';
import type { AuditedKey } from '@contract/audited-key.ts';
import { maskApiKey } from '@contract/mask-api-key.ts';
import { keyDisplayName } from '../../../utils/key-display-name.ts';

/** Why the badge: which keys a user reaches through keyaudit, and which are held by someone or something else. */
export const HELD_BY_KEYAUDIT =
  "keyaudit holds this key: its secret is in keyaudit's encrypted vault and keyaudit signs every request to the exchange with it. Every other key listed here is held elsewhere.";

/** The API key, masked until the user asks; the connection's own key arrives masked and stays so. */
export function ApiKeyCell({ keyInfo }: { keyInfo: AuditedKey }) {
  const [isRevealed, setIsRevealed] = useState(false);
  if (keyInfo.isCallingKey) {
    return (
      <div className="api-key-cell">
        <code className="api-key">{maskApiKey(keyInfo.apiKey)}</code>
        <span className="badge badge-calling" title={HELD_BY_KEYAUDIT}>
          held by keyaudit
        </span>
      </div>
    );
  }
  const name = keyDisplayName(keyInfo);
  return (
    <div className="api-key-cell">
      <code className="api-key">{isRevealed ? keyInfo.apiKey : maskApiKey(keyInfo.apiKey)}</code>
      <button
        type="button"
        className="button-link"
        aria-label={`${isRevealed ? 'Hide' : 'Show'} API key for ${name}`}
        onClick={() => setIsRevealed((revealed) => !revealed)}
      >
        {isRevealed ? 'Hide' : 'Show'}
      </button>
    </div>
  );
}
