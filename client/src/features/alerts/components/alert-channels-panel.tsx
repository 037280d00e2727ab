import { useState, type FormEvent } from 'react';
import { ALERT_CHANNEL_FIELDS, ALERT_CHANNEL_KINDS, type AlertChannelKind, type AlertChannelSummary } from '@contract/alert-channels.ts';
import { TextField } from '../../../components/text-field.tsx';
import { useAddAlertChannel, useAlertChannels, useRemoveAlertChannel, useTestAlertChannel } from '../api/alert-channels-api.ts';
import { WatchScheduleNote } from './watch-schedule-note.tsx';

const KIND_NAMES: Record<AlertChannelKind, string> = { webhook: 'Webhook', slack: 'Slack', discord: 'Discord', telegram: 'Telegram', ntfy: 'ntfy' };
const when = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function lastDelivery(channel: AlertChannelSummary): string {
  const last = channel.lastDelivery;
  if (last === null) return 'Never sent';
  const what = last.event === 'test' ? 'Test ' : '';
  return last.ok ? `${what}delivered ${when(last.at)}` : `${what}failed ${when(last.at)}: ${last.reason ?? 'unknown reason'}`;
}

/** Where `keyaudit watch` sends alerts: listed without their URLs or tokens, which go in once and never come back. */
export function AlertChannelsPanel() {
  const channels = useAlertChannels();
  return (
    <section className="panel alert-channels" aria-labelledby="alert-channels-title">
      <h2 id="alert-channels-title">Alert channels</h2>
      <WatchScheduleNote />
      {channels.isPending && <p role="status">Loading alert channels…</p>}
      {channels.isError && <p role="alert" className="error-text">Could not load alert channels. {channels.error.message}</p>}
      {channels.data && channels.data.length === 0 && <p className="empty-state">No alert channels yet.</p>}
      {channels.data && channels.data.length > 0 && (
        <table className="simple-table">
          <caption className="visually-hidden">Alert channels</caption>
          <thead>
            <tr>
              <th scope="col">Label</th>
              <th scope="col">Kind</th>
              <th scope="col">Where</th>
              <th scope="col">Last delivery</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {channels.data.map((channel) => (
              <AlertChannelRow key={channel.id} channel={channel} />
            ))}
          </tbody>
        </table>
      )}
      <AddAlertChannelForm />
    </section>
  );
}

function AlertChannelRow({ channel }: { channel: AlertChannelSummary }) {
  const [confirming, setConfirming] = useState(false);
  const test = useTestAlertChannel();
  const remove = useRemoveAlertChannel();
  return (
    <tr>
      <td>{channel.label}</td>
      <td>{KIND_NAMES[channel.kind]}</td>
      <td>{channel.description}</td>
      <td>{lastDelivery(channel)}</td>
      <td>
        {!confirming && (
          <div className="row-actions">
            <button type="button" className="button-link" aria-label={`Send a test message to ${channel.label}`} disabled={test.isPending} onClick={() => test.mutate(channel.id)}>
              {test.isPending ? 'Sending…' : 'Send test'}
            </button>
            <button type="button" className="button-link danger-text" aria-label={`Remove alert channel ${channel.label}`} onClick={() => setConfirming(true)}>
              Remove
            </button>
          </div>
        )}
        {confirming && (
          <div className="confirm-box" role="group" aria-label={`Confirm removing ${channel.label}`}>
            <p>Remove this channel? Its URL and token are deleted from the vault; the webhook or bot itself stays at the service.</p>
            <button type="button" className="button-danger" disabled={remove.isPending} onClick={() => remove.mutate(channel.id)}>
              {remove.isPending ? 'Removing…' : 'Remove channel'}
            </button>
            <button type="button" className="button-secondary" autoFocus onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        )}
        <p role="status" className={test.data?.ok === false ? 'error-text' : 'success-text'}>
          {test.data && (test.data.ok ? `Test delivered: ${test.data.reason}.` : `Test not delivered: ${test.data.reason}.`)}
        </p>
        {test.isError && <p role="alert" className="error-text">{test.error.message}</p>}
        {remove.isError && <p role="alert" className="error-text">{remove.error.message}</p>}
      </td>
    </tr>
  );
}

/** Settings are write-only: password inputs, never prefilled, cleared once saved; the server checks them with the CLI's schema. */
function AddAlertChannelForm() {
  const [kind, setKind] = useState<AlertChannelKind>('webhook');
  const [label, setLabel] = useState('');
  const [settings, setSettings] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState<string | null>(null);
  const add = useAddAlertChannel();
  const fields = ALERT_CHANNEL_FIELDS[kind];
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const config = Object.fromEntries(fields.map(({ field }) => [field, settings[field]?.trim() ? settings[field]!.trim() : null]));
    add.mutate(
      { kind, label, config },
      {
        onSuccess: (channel) => {
          setSettings({});
          setLabel('');
          setSaved(channel.label);
        },
      },
    );
  };
  const canSave = label.trim() !== '' && fields.every(({ field, optional }) => optional || (settings[field] ?? '').trim() !== '') && !add.isPending;
  return (
    <form className="add-alert-channel" onSubmit={onSubmit} aria-labelledby="add-alert-channel-title" autoComplete="off">
      <h3 id="add-alert-channel-title">Add alert channel</h3>
      <div className="form-grid">
        <div className="field">
          <label htmlFor="alert-channel-kind">Kind</label>
          <select id="alert-channel-kind" value={kind} onChange={(event) => (setKind(event.target.value as AlertChannelKind), setSettings({}), setSaved(null))}>
            {ALERT_CHANNEL_KINDS.map((id) => (
              <option key={id} value={id}>
                {KIND_NAMES[id]}
              </option>
            ))}
          </select>
        </div>
        <TextField id="alert-channel-label" label="Label" value={label} maxLength={80} onChange={(value) => (setLabel(value), setSaved(null))} hint="Your name for it, e.g. “ops room”." />
        {fields.map(({ field, label: fieldLabel, secret, optional, hint }) => (
          <TextField
            key={`${kind}-${field}`}
            id={`alert-channel-${field}`}
            label={`${fieldLabel}${optional ? ' (optional)' : ''}`}
            type={secret ? 'password' : 'text'}
            value={settings[field] ?? ''}
            onChange={(value) => (setSettings((current) => ({ ...current, [field]: value })), setSaved(null))}
            hint={hint}
          />
        ))}
      </div>
      <p className="hint">URLs and tokens are stored encrypted in the vault and never shown again. <code>keyaudit watch</code> sends one message per run with what is new.</p>
      <div className="form-actions">
        <button type="submit" className="button-primary" disabled={!canSave}>
          {add.isPending ? 'Saving…' : 'Add channel'}
        </button>
      </div>
      {add.isError && <p role="alert" className="error-text">Could not add the channel: {add.error.message}</p>}
      <p role="status" className="success-text">{saved && `Added ${saved}. Send it a test message to check it.`}</p>
    </form>
  );
}
