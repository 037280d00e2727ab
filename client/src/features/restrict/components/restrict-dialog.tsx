import { useEffect, useId, useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { AuditedKey } from '@contract/audited-key.ts';
import type { RestrictPreview, RestrictResult } from '@contract/api.ts';
import { exchangeInfo } from '@contract/exchanges.ts';
import { RESTRICT_DROPS, type RestrictDrop, type RestrictKeyState, type RestrictRequest } from '@contract/restriction-plan.ts';
import { ModalDialog } from '../../../components/modal-dialog.tsx';
import { describeAccount } from '../../../utils/describe-account.ts';
import { keyDisplayName } from '../../../utils/key-display-name.ts';
import { isReauthRequired } from '../../revoke/api/revoke-key.ts';
import { VaultPassphraseField } from '../../revoke/components/vault-passphrase-field.tsx';
import { useVaultPassphraseDue } from '../../vault/api/use-vault-passphrase-due.ts';
import { previewRestriction, restrictKeyAndApply } from '../api/restrict-keys.ts';
import type { RestrictAsk } from '../../keys/components/restrict-request.ts';

export type RestrictMode = RestrictAsk;

type RestrictDialogProps = {
  /** One key from its details, or the selection (a snapshot taken when the dialog opens). */
  keys: readonly AuditedKey[];
  mode: RestrictMode;
  demoKeyPassphrase: string | null;
  /** With a sentence to announce when at least one key was restricted. */
  onClose: (announcement: string | null) => void;
  getFallbackFocus?: () => HTMLElement | null;
};

type Outcome = { status: 'restricting' } | { status: 'done'; result: RestrictResult } | { status: 'failed'; message: string };

const DROP_LABELS: Record<RestrictDrop, string> = { withdraw: 'Withdrawals', transfer: 'Transfers', trade: 'Trading' };
const plural = (count: number) => `${count} ${count === 1 ? 'key' : 'keys'}`;

function describeState(state: RestrictKeyState): string {
  const ips = Array.isArray(state.ipWhitelist) ? state.ipWhitelist.join(', ') : state.ipWhitelist === null ? 'any IP' : 'unknown';
  return `${state.permissions.join(', ') || '(none)'} · IPs: ${ips}`;
}

/**
 * Restrict instead of revoke, for one key or many: one IP list or one permission drop, a preview per key before
 * anything is sent (before → after in the exchange's words, or why not, with its page), then each key in turn, its
 * re-read result in place. A key the exchange reports differently from what was asked is shown in red.
 */
export function RestrictDialog({ keys, mode, demoKeyPassphrase, onClose, getFallbackFocus }: RestrictDialogProps) {
  const queryClient = useQueryClient();
  const ipsId = useId();
  const [ipsText, setIpsText] = useState('');
  const [drop, setDrop] = useState<RestrictDrop[]>(mode.kind === 'drop' ? mode.drop : []);
  const [previews, setPreviews] = useState<RestrictPreview[] | null>(null);
  const [outcomes, setOutcomes] = useState<Record<string, Outcome>>({});
  const [keyPassphrase, setKeyPassphrase] = useState('');
  const [vaultPassphrase, setVaultPassphrase] = useState('');
  const [needsVaultPassphrase, setNeedsVaultPassphrase] = useState(false);
  // Asked before the button when the recent-passphrase window has passed, not as an error after it.
  const isVaultPassphraseDue = useVaultPassphraseDue();
  useEffect(() => {
    if (isVaultPassphraseDue) setNeedsVaultPassphrase(true);
  }, [isVaultPassphraseDue]);
  const [isBusy, setIsBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const request: RestrictRequest =
    mode.kind === 'ips' ? { ips: ipsText.split(/[\s,]+/).map((entry) => entry.trim()).filter((entry) => entry !== '') } : { drop };
  const byId = new Map(keys.map((key) => [key.id, key]));
  const planned = (previews ?? []).filter((preview) => preview.ok);
  const skipped = (previews ?? []).filter((preview) => !preview.ok);
  const remaining = planned.filter((preview) => outcomes[preview.keyId]?.status !== 'done');
  const needsKeyPassphrase = remaining.some((preview) => exchangeInfo(byId.get(preview.keyId)!.exchange).api.restrict.needsKeyPassphrase);
  const doneCount = planned.length - remaining.length;
  const hasStarted = Object.keys(outcomes).length > 0;

  const onPreview = async (event: FormEvent) => {
    event.preventDefault();
    setIsBusy(true);
    setError(null);
    try {
      setPreviews(await Promise.all(keys.map((key) => previewRestriction(key.id, request))));
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setIsBusy(false);
    }
  };

  // One key after another, as bulk revoke does: a reauth-required stops the run there, every later key would fail alike.
  const onApply = async (event: FormEvent) => {
    event.preventDefault();
    setIsBusy(true);
    let vault = needsVaultPassphrase ? vaultPassphrase : undefined;
    for (const preview of remaining) {
      const key = byId.get(preview.keyId)!;
      setOutcomes((previous) => ({ ...previous, [key.id]: { status: 'restricting' } }));
      try {
        const needsOwn = exchangeInfo(key.exchange).api.restrict.needsKeyPassphrase;
        const result = await restrictKeyAndApply(queryClient, { keyId: key.id, request, keyPassphrase: needsOwn ? keyPassphrase : undefined, vaultPassphrase: vault });
        vault = undefined;
        setOutcomes((previous) => ({ ...previous, [key.id]: { status: 'done', result } }));
      } catch (caught) {
        if (isReauthRequired(caught)) {
          setNeedsVaultPassphrase(true);
          setOutcomes((previous) => {
            const { [key.id]: _dropped, ...rest } = previous;
            return rest;
          });
          break;
        }
        setOutcomes((previous) => ({ ...previous, [key.id]: { status: 'failed', message: caught instanceof Error ? caught.message : String(caught) } }));
      }
    }
    setIsBusy(false);
  };

  const close = () => onClose(doneCount > 0 ? `Restricted ${doneCount} of ${plural(planned.length)}` : null);
  const title = mode.kind === 'ips' ? `Restrict IPs of ${plural(keys.length)}` : `Remove permissions from ${plural(keys.length)}`;

  return (
    <ModalDialog title={title} onClose={close} isCloseBlocked={isBusy} getFallbackFocus={getFallbackFocus} isWide>
      <form onSubmit={previews === null ? onPreview : onApply} className="modal-body">
        {previews === null && mode.kind === 'ips' && (
          <div className="field">
            <label htmlFor={ipsId}>Bind to these IPs (comma-separated)</label>
            <input id={ipsId} data-autofocus required value={ipsText} onChange={(event) => setIpsText(event.target.value)} placeholder="203.0.113.7, 203.0.113.8" />
            <p className="hint">The whole whitelist the key will have. It can only narrow the key: every address must lie inside its current whitelist.</p>
          </div>
        )}
        {previews === null && mode.kind === 'drop' && (
          <fieldset className="field">
            <legend>Take away</legend>
            {RESTRICT_DROPS.map((candidate) => (
              <label key={candidate} className="inline-check">
                <input
                  type="checkbox"
                  checked={drop.includes(candidate)}
                  onChange={(event) => setDrop((previous) => (event.target.checked ? [...previous, candidate] : previous.filter((word) => word !== candidate)))}
                />
                {DROP_LABELS[candidate]}
              </label>
            ))}
          </fieldset>
        )}
        {previews !== null && (
          <div className="bulk-scroll">
            {planned.length > 0 && (
              <ol className="bulk-list" aria-label="Keys to restrict">
                {planned.map((preview) => {
                  if (!preview.ok) return null;
                  const key = byId.get(preview.keyId)!;
                  const outcome = outcomes[key.id];
                  return (
                    <li key={key.id} className="bulk-item" data-key-id={key.id}>
                      <strong>{keyDisplayName(key)}</strong> <span className="muted">{describeAccount(key.account, key.exchange)}</span>
                      <p className="restrict-before">Before: {describeState(preview.plan.before)}</p>
                      <p className="restrict-after">After: {describeState(preview.plan.after)}</p>
                      {preview.plan.forcedAlong.map((sentence) => (
                        <p key={sentence} className="hint">
                          {sentence}
                        </p>
                      ))}
                      {outcome?.status === 'restricting' && <p className="muted">Restricting…</p>}
                      {outcome?.status === 'failed' && <p className="error-text">Not restricted: {outcome.message}</p>}
                      {outcome?.status === 'done' && outcome.result.confirmation === 'as-asked' && <p className="ok-text">Restricted; read back as asked.</p>}
                      {outcome?.status === 'done' && outcome.result.confirmation !== 'as-asked' && (
                        <p className="error-text" role="alert">
                          {outcome.result.message}
                          {outcome.result.reported && ` Now: ${describeState(outcome.result.reported)}`}
                        </p>
                      )}
                    </li>
                  );
                })}
              </ol>
            )}
            {skipped.length > 0 && (
              <section aria-labelledby="restrict-skipped-title" className="bulk-skipped">
                <h3 id="restrict-skipped-title">Skipped ({skipped.length})</h3>
                <ul>
                  {skipped.map((preview) => {
                    if (preview.ok) return null;
                    const key = byId.get(preview.keyId)!;
                    return (
                      <li key={key.id}>
                        <strong>{keyDisplayName(key)}</strong> <span className="muted">{describeAccount(key.account, key.exchange)}</span>: {preview.reason}{' '}
                        <a href={preview.manageUrl} target="_blank" rel="noreferrer">
                          Manage on {exchangeInfo(key.exchange).name}
                        </a>
                      </li>
                    );
                  })}
                </ul>
              </section>
            )}
          </div>
        )}
        {previews !== null && needsKeyPassphrase && (
          <div className="field">
            <label htmlFor={`${ipsId}-key-passphrase`}>API passphrase of the key{remaining.length > 1 ? 's' : ''}</label>
            <input id={`${ipsId}-key-passphrase`} type="password" autoComplete="off" required value={keyPassphrase} onChange={(event) => setKeyPassphrase(event.target.value)} />
            <p className="hint">The exchange asks for the passphrase that was set when the key was created.</p>
            {demoKeyPassphrase !== null && (
              <p className="demo-note">
                Demo keys use the passphrase <code>{demoKeyPassphrase}</code>
              </p>
            )}
          </div>
        )}
        {needsVaultPassphrase && <VaultPassphraseField value={vaultPassphrase} onChange={setVaultPassphrase} purpose="restricting" />}
        {error && (
          <p role="alert" className="error-text">
            {error}
          </p>
        )}
        <p role="status" className="bulk-progress">
          {hasStarted && !isBusy ? `Restricted ${doneCount} of ${plural(planned.length)}.` : ''}
        </p>
        <div className="modal-actions">
          <button type="button" className="button-secondary" onClick={close} disabled={isBusy}>
            {hasStarted ? 'Close' : 'Cancel'}
          </button>
          {previews === null ? (
            <button type="submit" className="button-primary" disabled={isBusy || (mode.kind === 'drop' && drop.length === 0)}>
              Preview
            </button>
          ) : (
            remaining.length > 0 && (
              <button type="submit" className="button-danger" disabled={isBusy}>
                {isBusy ? 'Restricting…' : `Restrict ${plural(remaining.length)}`}
              </button>
            )
          )}
        </div>
      </form>
    </ModalDialog>
  );
}
