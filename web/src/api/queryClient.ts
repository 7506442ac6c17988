import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError } from './client';

export const ME_KEY = ['auth', 'me'] as const;
const EXPIRED_KEY = 'gearbridge.sessionExpired';

/** True once after a session ended under the user's feet, so the login page can say why they are there. */
export function sessionExpired(): boolean {
  try {
    return sessionStorage.getItem(EXPIRED_KEY) === '1';
  } catch {
    return false;
  }
}
export function clearSessionExpired(): void {
  try {
    sessionStorage.removeItem(EXPIRED_KEY);
  } catch {
    // nothing to clear
  }
}

/** A 401 anywhere means the session is gone: forget the user, and the router sends them to the login page. */
function onError(err: unknown) {
  if (isApiError(err) && err.status === 401 && queryClient.getQueryData(ME_KEY)) {
    try {
      sessionStorage.setItem(EXPIRED_KEY, '1');
    } catch {
      // no storage: the login page simply shows no notice
    }
    queryClient.setQueryData(ME_KEY, null);
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
  }
}

export const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError }),
  mutationCache: new MutationCache({ onError }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // Client errors will not fix themselves; network and server errors get two more tries.
      retry: (count, err) => !(isApiError(err) && err.status >= 400 && err.status < 500) && count < 2,
    },
    mutations: { retry: false },
  },
});
