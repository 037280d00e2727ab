import type { ConnectionTestResult } from '@contract/api.ts';
import type { Credentials, ExchangeAdapter } from '../exchanges/exchange-adapter.ts';
import { toFailure } from '../exchanges/exchange-error.ts';
import { auditKeyExcess } from '../findings/audit-key-excess.ts';

/**
 * Asks the exchange what a key can do before it is saved (the dashboard's Test connection, `keyaudit add`): a refusal
 * is an answer, not an error, and a key that can do more than an audit needs comes back with the finding's words.
 */
export async function testCredentials(adapter: ExchangeAdapter, credentials: Credentials): Promise<ConnectionTestResult> {
  try {
    const callingKey = await adapter.fetchCallingKey(credentials);
    return { ok: true, callingKey, error: null, excess: auditKeyExcess(callingKey) };
  } catch (error) {
    return { ok: false, callingKey: null, error: toFailure(error) };
  }
}
