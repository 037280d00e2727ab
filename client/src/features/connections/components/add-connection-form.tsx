import { useState, type FormEvent } from 'react';
import { EXCHANGE_IDS, EXCHANGE_NAMES, type ExchangeId } from '@contract/exchange-id.ts';
import type { CredentialInput } from '@contract/api.ts';
import { useTestConnection } from '../api/test-connection.ts';
import { useAddConnection } from '../api/add-connection.ts';
import { ConnectionTestResult } from './connection-test-result.tsx';
import { TextField } from '../../../components/text-field.tsx';

/** Exchanges whose keys carry a passphrase of their own (docs/exchanges/kucoin.md#signing, docs/exchanges/okx.md#signing). */
const EXCHANGES_WITH_PASSPHRASE: readonly ExchangeId[] = ['kucoin', 'okx'];

type FormFields = { exchange: ExchangeId; label: string; apiKey: string; secret: string; passphrase: string; baseUrl: string };
const EMPTY_FIELDS: FormFields = { exchange: 'kucoin', label: '', apiKey: '', secret: '', passphrase: '', baseUrl: '' };

/**
 * Test first, then save: Save unlocks only after the exchange accepted exactly these credentials.
 * Secrets are write-only: never prefilled, and cleared once saved.
 */
export function AddConnectionForm() {
  const [fields, setFields] = useState<FormFields>(EMPTY_FIELDS);
  const [savedLabel, setSavedLabel] = useState<string | null>(null);
  const test = useTestConnection();
  const add = useAddConnection();
  const needsPassphrase = EXCHANGES_WITH_PASSPHRASE.includes(fields.exchange);

  const update = (name: keyof FormFields) => (value: string) => {
    setFields((current) => ({ ...current, [name]: value }));
    test.reset();
    setSavedLabel(null);
  };
  const credentials = (): CredentialInput => ({
    exchange: fields.exchange,
    apiKey: fields.apiKey,
    secret: fields.secret,
    passphrase: needsPassphrase ? fields.passphrase : undefined,
    baseUrl: fields.baseUrl.trim() || undefined,
  });
  const onTest = () => test.mutate(credentials());
  const onSave = (event: FormEvent) => {
    event.preventDefault();
    add.mutate(
      { ...credentials(), label: fields.label },
      {
        onSuccess: (saved) => {
          setFields(EMPTY_FIELDS);
          test.reset();
          add.reset();
          setSavedLabel(saved.label);
        },
      },
    );
  };
  const canTest = fields.apiKey.trim() !== '' && fields.secret.trim() !== '' && (!needsPassphrase || fields.passphrase !== '');
  const canSave = test.data?.ok === true && fields.label.trim() !== '' && !add.isPending;

  return (
    <form className="panel add-connection" onSubmit={onSave} aria-labelledby="add-connection-title" autoComplete="off">
      <h2 id="add-connection-title">Add connection</h2>
      <div className="form-grid">
        <div className="field">
          <label htmlFor="connection-exchange">Exchange</label>
          <select id="connection-exchange" value={fields.exchange} onChange={(event) => update('exchange')(event.target.value)}>
            {EXCHANGE_IDS.map((id) => (
              <option key={id} value={id}>
                {EXCHANGE_NAMES[id]}
              </option>
            ))}
          </select>
        </div>
        <TextField id="connection-label" label="Label" value={fields.label} onChange={update('label')} maxLength={80} hint="Your name for it, e.g. “KuCoin main”." />
        <TextField id="connection-api-key" label="API key" value={fields.apiKey} onChange={update('apiKey')} />
        <TextField id="connection-secret" label="API secret" type="password" value={fields.secret} onChange={update('secret')} hint="Stored encrypted on this machine; never shown again." />
        {needsPassphrase && (
          <TextField id="connection-passphrase" label="API passphrase (not your login password)" type="password" value={fields.passphrase} onChange={update('passphrase')} />
        )}
        <TextField id="connection-base-url" label="Base URL (optional)" type="url" value={fields.baseUrl} onChange={update('baseUrl')} hint="Leave empty for the exchange's official API." />
      </div>
      <div className="form-actions">
        <button type="button" className="button-secondary" onClick={onTest} disabled={!canTest || test.isPending}>
          {test.isPending ? 'Testing…' : 'Test connection'}
        </button>
        <button type="submit" className="button-primary" disabled={!canSave}>
          {add.isPending ? 'Saving…' : 'Save'}
        </button>
        {test.data?.ok !== true && <span className="hint">Save becomes available after a successful test.</span>}
      </div>
      {test.data && <ConnectionTestResult result={test.data} />}
      {test.isError && <p role="alert" className="error-text">{test.error.message}</p>}
      {add.isError && <p role="alert" className="error-text">Could not save: {add.error.message}</p>}
      <p role="status" className="success-text">{savedLabel && `Saved ${savedLabel}. Its keys appear in the next audit.`}</p>
    </form>
  );
}
