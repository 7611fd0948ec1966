import { QueryClient, queryOptions, type QueryKey } from '@tanstack/react-query';
import { api, ApiError } from './api';

// Server state lives in TanStack Query. The Api object underneath stays the one place that attaches
// the access token and refreshes it (once, shared by concurrent requests): queries and mutations only
// call it. Keys start with the owning service, so a mutation invalidates what it may have changed
// by prefix: ['inventory'], ['orders'], ['users'], ['webhooks'].
export function newQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 10_000,
        // an answer from the server (4xx, 503 with its detail) is shown at once; only a network failure is retried once
        retry: (failures, error) => !(error instanceof ApiError) && failures < 1,
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  });
}

/** A GET of the API as a query: aborted when the key changes or the screen goes away. */
export function apiQuery<T>(queryKey: QueryKey, path: string) {
  return queryOptions({
    queryKey,
    queryFn: ({ signal }) => api.get<T>(path, {}, signal).then((r) => r.data),
  });
}
