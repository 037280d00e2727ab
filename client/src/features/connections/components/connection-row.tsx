import { useId, useState, type FormEvent } from 'react';
import { EXCHANGE_NAMES } from '@contract/exchanges.ts';
import type { ConnectionSummary } from '@contract/api.ts';
import { useRenameConnection } from '../api/rename-connection.ts';
import { useRemoveConnection } from '../api/remove-connection.ts';

type Mode = 'view' | 'rename' | 'confirm-remove';

export function ConnectionRow({ connection }: { connection: ConnectionSummary }) {
  const [mode, setMode] = useState<Mode>('view');
  const rename = useRenameConnection();
  const remove = useRemoveConnection();
  return (
    <tr>
      <td>{mode === 'rename' ? <RenameForm connection={connection} rename={rename} onDone={() => setMode('view')} /> : connection.label}</td>
      <td>{EXCHANGE_NAMES[connection.exchange]}</td>
      <td>
        <code>{connection.maskedKey}</code>
      </td>
      <td>{connection.baseUrl ?? <span className="muted">default</span>}</td>
      <td>
        {mode === 'view' && (
          <div className="row-actions">
            <button type="button" className="button-link" aria-label={`Rename ${connection.label}`} onClick={() => setMode('rename')}>
              Rename
            </button>
            <button type="button" className="button-link danger-text" aria-label={`Remove ${connection.label}`} onClick={() => setMode('confirm-remove')}>
              Remove
            </button>
          </div>
        )}
        {mode === 'confirm-remove' && (
          <div className="confirm-box" role="group" aria-label={`Confirm removing ${connection.label}`}>
            <p>Forget this connection's credentials? The key stays valid on {EXCHANGE_NAMES[connection.exchange]}.</p>
            <button type="button" className="button-danger" disabled={remove.isPending} onClick={() => remove.mutate(connection.id)}>
              {remove.isPending ? 'Removing…' : 'Remove connection'}
            </button>
            <button type="button" className="button-secondary" autoFocus onClick={() => setMode('view')}>
              Cancel
            </button>
          </div>
        )}
        {remove.isError && <p role="alert" className="error-text">{remove.error.message}</p>}
      </td>
    </tr>
  );
}

type RenameFormProps = {
  connection: ConnectionSummary;
  rename: ReturnType<typeof useRenameConnection>;
  onDone: () => void;
};

function RenameForm({ connection, rename, onDone }: RenameFormProps) {
  const [label, setLabel] = useState(connection.label);
  const inputId = useId();
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    rename.mutate({ connectionId: connection.id, label }, { onSuccess: onDone });
  };
  return (
    <form className="inline-form" onSubmit={onSubmit}>
      <label htmlFor={inputId} className="visually-hidden">
        New label for {connection.label}
      </label>
      <input id={inputId} autoFocus required maxLength={80} value={label} onChange={(event) => setLabel(event.target.value)} />
      <button type="submit" className="button-secondary" disabled={rename.isPending}>
        Save
      </button>
      <button type="button" className="button-link" onClick={onDone}>
        Cancel
      </button>
      {rename.isError && <p role="alert" className="error-text">{rename.error.message}</p>}
    </form>
  );
}
