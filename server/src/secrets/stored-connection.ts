import type { ExchangeId } from '@contract/exchange-id.ts';
import type { Credentials } from '../exchanges/exchange-adapter.ts';

/** One credential the user gave us, as the server holds it in memory. */
export type StoredConnection = {
  id: string;
  exchange: ExchangeId;
  label: string;
  /** Override of the exchange's base URL: a simulator, a mirror, tests. */
  baseUrl: string | null;
  credentials: Credentials;
};

/** Where the audit gets its connections from: the vault, or the demo simulators. */
export interface ConnectionSource {
  listConnections(): Promise<StoredConnection[]>;
}
