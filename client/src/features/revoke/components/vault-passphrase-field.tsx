import { useId } from 'react';

type VaultPassphraseFieldProps = { value: string; onChange: (value: string) => void; purpose?: string };

/** Asked inline when the server answers reauth-required: live revokes and acceptances need a recent vault passphrase. */
export function VaultPassphraseField({ value, onChange, purpose = 'revoking' }: VaultPassphraseFieldProps) {
  const id = useId();
  return (
    <div className="field reauth-field">
      <label htmlFor={id}>Vault passphrase</label>
      <input
        id={id}
        type="password"
        name="keyaudit-vault-passphrase"
        autoComplete="off"
        autoFocus
        required
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-describedby={`${id}-hint`}
      />
      <p id={`${id}-hint`} className="hint">
        For your safety, {purpose} needs the vault passphrase entered in the last five minutes.
      </p>
    </div>
  );
}
