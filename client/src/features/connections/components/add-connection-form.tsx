import { useState, type FormEvent } from 'react';
import { EXCHANGE_IDS, type ExchangeId } from '@contract/exchange-id.ts';
import { credentialFieldsOf, EXCHANGE_NAMES, exchangeInfo, type CredentialField } from '@contract/exchanges.ts';
import type { CredentialInput } from '@contract/api.ts';
import { useTestConnection } from '../api/test-connection.ts';
import { useAddConnection } from '../api/add-connection.ts';
import { describeExchangeApi } from '../utils/describe-exchange-api.ts';
import { ConnectionTestResult } from './connection-test-result.tsx';
import { TextField } from '../../../components/text-field.tsx';

type FormFields = { exchange: ExchangeId; label: string; baseUrl: string } & Record<CredentialField, string>;
const EMPTY_FIELDS: FormFields = { exchange: EXCHANGE_IDS[0], label: '', apiKey: '', secret: '', passphrase: '', baseUrl: '' };

/** Where the base URL may point instead of the exchange's own API host. */
function baseUrlHint(exchange: ExchangeId): string {
  const { name, apiBaseUrl, otherApiBaseUrls } = exchangeInfo(exchange);
  const others = otherApiBaseUrls.length > 0 ? ` ${name}'s other official hosts: ${otherApiBaseUrls.join(', ')}.` : '';
  return `Leave empty for ${apiBaseUrl}.${others}`;
}

/**
 * Test first, then save: Save unlocks only after the exchange accepted exactly these credentials.
 * Secrets are write-only: never prefilled, and cleared once saved.
 */
export function AddConnectionForm() {
  const [fields, setFields] = useState<FormFields>(EMPTY_FIELDS);
  const [savedLabel, setSavedLabel] = useState<string | null>(null);
  const test = useTestConnection();
  const add = useAddConnection();
  // Exactly the exchange table's fields: those are what is shown, checked and sent.
  const credentialFields = credentialFieldsOf(fields.exchange);

  const update = (name: keyof FormFields) => (value: string) => {
    setFields((current) => ({ ...current, [name]: value }));
    test.reset();
    setSavedLabel(null);
  };
  const credentials = (): CredentialInput => ({
    exchange: fields.exchange,
    ...(Object.fromEntries(credentialFields.map(({ field }) => [field, fields[field]])) as Pick<CredentialInput, 'apiKey' | 'secret' | 'passphrase'>),
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
  const canTest = credentialFields.every(({ field }) => fields[field].trim() !== '');
  const canSave = test.data?.ok === true && fields.label.trim() !== '' && !add.isPending;

  return (
    <form className="panel add-connection" onSubmit={onSave} aria-labelledby="add-connection-title" autoComplete="off">
      <h2 id="add-connection-title">Add connection</h2>
      <div className="form-grid">
        <div className="field">
          <label htmlFor="connection-exchange">Exchange</label>
          <select
            id="connection-exchange"
            value={fields.exchange}
            aria-describedby="connection-exchange-hint"
            onChange={(event) => update('exchange')(event.target.value)}
          >
            {EXCHANGE_IDS.map((id) => (
              <option key={id} value={id}>
                {EXCHANGE_NAMES[id]}
              </option>
            ))}
          </select>
          <p id="connection-exchange-hint" className="hint">
            {describeExchangeApi(fields.exchange).join(' ')}
          </p>
        </div>
        <TextField
          id="connection-label"
          label="Label"
          value={fields.label}
          onChange={update('label')}
          maxLength={80}
          hint={`Your name for it, e.g. “${EXCHANGE_NAMES[fields.exchange]} main”.`}
        />
        {credentialFields.map(({ field, label, hint, isSecret, isMultiline }) => (
          <TextField
            key={field}
            id={`connection-${field}`}
            label={label}
            isMultiline={isMultiline}
            type={isSecret ? 'password' : 'text'}
            value={fields[field]}
            onChange={update(field)}
            hint={hint}
          />
        ))}
        <TextField id="connection-base-url" label="Base URL (optional)" type="url" value={fields.baseUrl} onChange={update('baseUrl')} hint={baseUrlHint(fields.exchange)} />
      </div>
      <p className="hint">Secrets are stored encrypted on this machine and never shown again.</p>
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
