import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiRequestError } from './api-client.ts';
import { isSessionRejected } from './session.ts';
import { endSession } from './session-store.ts';
import { statusQueryKeys } from '../features/status/api/get-status.ts';

/**
 * The app's one QueryClient. A 401 from any call ends the session: the cache is dropped and
 * the page asks for a new link from the terminal.
 */
export function createAppQueryClient(): QueryClient {
  const onError = (error: unknown) => {
    // The vault locked under the page (its passphrase changed in a terminal): the status answer says why, and the page asks for it.
    if (error instanceof ApiRequestError && (error.code === 'vault-locked' || error.code === 'vault-reopen-required')) {
      void queryClient.invalidateQueries({ queryKey: statusQueryKeys.all });
      return;
    }
    if (!isSessionRejected(error)) return;
    queryClient.clear();
    endSession('expired');
  };
  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        refetchOnWindowFocus: false,
        // Client errors (401, 404, validation) will not change on retry; one retry for network or 5xx.
        retry: (failureCount, error) => !isClientError(error) && failureCount < 1,
      },
    },
  });
  return queryClient;
}

function isClientError(error: unknown): boolean {
  return error instanceof ApiRequestError && error.status >= 400 && error.status < 500;
}
