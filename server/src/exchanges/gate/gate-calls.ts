import type { GateCall } from './gate-client.ts';

/**
 * The Gate endpoints keyaudit calls (docs/exchanges/gate.md). `endpoint` names the rate-limit bucket:
 * Gate counts each endpoint separately, per UID.
 */
export const GATE_CALLS = {
  accountDetail: { method: 'GET', path: '/account/detail', endpoint: 'GET /account/detail' },
  mainKeys: { method: 'GET', path: '/account/main_keys', endpoint: 'GET /account/main_keys' },
  // type=0: "all types of sub-accounts (currently supporting cross-margin sub-accounts and regular sub-accounts)";
  // without it Gate lists regular sub-accounts only. Gate does not paginate this list.
  subAccounts: { method: 'GET', path: '/sub_accounts', endpoint: 'GET /sub_accounts', query: [['type', '0']] },
  subAccountKeys: (userId: string): GateCall => ({
    method: 'GET',
    path: `/sub_accounts/${userId}/keys`,
    endpoint: 'GET /sub_accounts/{user_id}/keys',
  }),
  deleteSubAccountKey: (userId: string, apiKey: string): GateCall => ({
    method: 'DELETE',
    path: `/sub_accounts/${userId}/keys/${apiKey}`,
    endpoint: 'DELETE /sub_accounts/{user_id}/keys/{key}',
  }),
  /** A full replace: the body is the whole key (docs/exchanges/gate.md#key-update). */
  updateSubAccountKey: (userId: string, apiKey: string, body: string): GateCall => ({
    method: 'PUT',
    path: `/sub_accounts/${userId}/keys/${apiKey}`,
    endpoint: 'PUT /sub_accounts/{user_id}/keys/{key}',
    body,
  }),
} satisfies Record<string, GateCall | ((...args: string[]) => GateCall)>;
