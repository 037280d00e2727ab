import { useConnections } from '../api/get-connections.ts';
import { AddConnectionForm } from './add-connection-form.tsx';
import { ConnectionRow } from './connection-row.tsx';
import { AlertChannelsPanel } from '../../alerts/components/alert-channels-panel.tsx';

/** The Connections view (live mode): stored credentials and the form to add one. */
export function ConnectionsPanel() {
  const connections = useConnections();
  return (
    <section className="connections-panel" aria-labelledby="connections-title">
      <div className="toolbar">
        <h1 id="connections-title">Connections</h1>
      </div>
      {connections.isPending && <p role="status">Loading connections…</p>}
      {connections.isError && (
        <div role="alert" className="error-panel">
          <p>Could not load connections. {connections.error.message}</p>
          <button type="button" className="button-secondary" onClick={() => connections.refetch()}>
            Retry
          </button>
        </div>
      )}
      {connections.data && connections.data.length === 0 && (
        <p className="empty-state">No connections yet. Add the API key of your exchange's master account below.</p>
      )}
      {connections.data && connections.data.length > 0 && (
        <table className="simple-table">
          <caption className="visually-hidden">Stored connections</caption>
          <thead>
            <tr>
              <th scope="col">Label</th>
              <th scope="col">Exchange</th>
              <th scope="col">API key</th>
              <th scope="col">Base URL</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {connections.data.map((connection) => (
              <ConnectionRow key={connection.id} connection={connection} />
            ))}
          </tbody>
        </table>
      )}
      <AddConnectionForm />
      <AlertChannelsPanel />
    </section>
  );
}
