import { useMutation } from '@tanstack/react-query';
import { apiRoutes, type CredentialInput } from '@contract/api.ts';
import { callApi } from '../../../lib/api-client.ts';

/** Asks the exchange what these credentials can do, without saving them. */
export function testConnection(input: CredentialInput) {
  return callApi(apiRoutes.testConnection, { body: input });
}

export function useTestConnection() {
  return useMutation({ mutationFn: testConnection });
}
