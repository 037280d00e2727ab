import type { ReactNode } from 'react';
import { EXCHANGE_NAMES } from '@contract/exchanges.ts';
import type { AuditedKey } from '@contract/audited-key.ts';
import type { ConnectionResult } from '@contract/audit-run.ts';
import { describeAccount } from '../../../utils/describe-account.ts';
import { formatAbsoluteTime, formatRelativeTime } from '../../../utils/format-relative-time.ts';
import { maskApiKey } from '@contract/mask-api-key.ts';

type KeyFactsProps = { keyInfo: AuditedKey; connection: ConnectionResult | undefined };

/** Every field as the exchange reported it, before keyaudit interpreted anything. */
export function KeyFacts({ keyInfo, connection }: KeyFactsProps) {
  const facts: Array<[string, ReactNode]> = [
    ['Exchange', EXCHANGE_NAMES[keyInfo.exchange]],
    ['Account', describeAccount(keyInfo.account, keyInfo.exchange)],
    ['Connection', connection ? connection.label : keyInfo.connectionId],
    ['Label', keyInfo.label.trim() || <span className="muted">(no label)</span>],
    ['API key', <ApiKey keyInfo={keyInfo} />],
    ['Permissions', <RawPermissions words={keyInfo.permissions} />],
    ['IP whitelist', <Whitelist keyInfo={keyInfo} />],
    ['Created', <When iso={keyInfo.createdAt} missing="Not reported" />],
    ['Expires', <When iso={keyInfo.expiresAt} missing="No expiry reported" />],
    ['Last used', <When iso={keyInfo.lastUsedAt} missing="Not reported" />],
    ['Linked to a third party', keyInfo.isThirdPartyBound == null ? <span className="muted">Not reported</span> : keyInfo.isThirdPartyBound ? 'Yes: an application outside the exchange is bound to this key' : 'No'],
  ];
  if (keyInfo.unreported?.includes('withdraw')) {
    facts.push(['Withdraw', <span className="warning-unknown">Not reported by {EXCHANGE_NAMES[keyInfo.exchange]}: check this key's withdrawal permission on its API page</span>]);
  }
  if (keyInfo.observedAt) facts.push(['Listed', <When iso={keyInfo.observedAt} missing="" />]);
  return (
    <dl className="facts key-facts">
      {facts.map(([term, value]) => (
        <div key={term} className="fact">
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Masked by the exchange: shown as sent ("******"), with a note, since masking it again would hide that it names no key. */
function ApiKey({ keyInfo }: { keyInfo: AuditedKey }) {
  if (!keyInfo.isApiKeyMasked) return <code>{maskApiKey(keyInfo.apiKey)}</code>;
  return (
    <>
      <code>{keyInfo.apiKey}</code>{' '}
      <span className="muted">{EXCHANGE_NAMES[keyInfo.exchange]} did not report this key's full API key</span>
    </>
  );
}

function RawPermissions({ words }: { words: readonly string[] }) {
  if (words.length === 0) return <span className="muted">None reported</span>;
  return (
    <ul className="raw-words">
      {words.map((word) => (
        <li key={word}>
          <code>{word}</code>
        </li>
      ))}
    </ul>
  );
}

function Whitelist({ keyInfo }: { keyInfo: AuditedKey }) {
  const value = keyInfo.ipWhitelist;
  if (keyInfo.unread?.includes('ip-whitelist')) return <span className="warning-unknown">Unknown: the exchange did not answer when keyaudit read it</span>;
  if (value === 'unknown') {
    const text = keyInfo.unreported?.includes('ip-whitelist') ? `Unknown (not reported by ${EXCHANGE_NAMES[keyInfo.exchange]})` : 'Not reported by the exchange';
    return <span className="muted">{text}</span>;
  }
  if (value === null || value.length === 0) return <span className="warning-any-ip">None: works from any IP address</span>;
  return (
    <ul className="raw-words">
      {value.map((entry) => (
        <li key={entry}>
          <code>{entry}</code>
        </li>
      ))}
    </ul>
  );
}

function When({ iso, missing }: { iso: string | null; missing: string }) {
  if (iso === null) return <span className="muted">{missing}</span>;
  const date = new Date(iso);
  return (
    <time dateTime={iso}>
      {formatAbsoluteTime(date)} <span className="muted">({formatRelativeTime(date)})</span>
    </time>
  );
}
