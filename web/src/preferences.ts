import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './api';
import { isLanguage, type Language } from './i18n';

export type Preferences = Record<string, unknown>;
const KEY = ['users', 'me', 'preferences'] as const;

/**
 * The preferences object of the signed-in user (GET/PUT /users/me/preferences). PUT replaces the whole
 * object, so a change is merged into what the server holds: keys this app does not know are kept.
 */
const fetchPreferences = ({ signal }: { signal?: AbortSignal }) =>
  api.get<Preferences | null>('/api/v1/users/me/preferences', {}, signal)
    .then((r) => (r.data && typeof r.data === 'object' ? r.data : {}));

export function usePreferences(enabled: boolean) {
  const client = useQueryClient();
  const query = useQuery({ queryKey: KEY, queryFn: fetchPreferences, enabled, staleTime: Infinity });
  const save = useMutation({
    mutationFn: async (change: Preferences) => {
      // a change made while the first load is still under way waits for it: merged into nothing it would drop
      // the keys the server holds, and the load landing after it would put the old value back on screen
      const held = await client.ensureQueryData({ queryKey: KEY, queryFn: fetchPreferences });
      const next = { ...held, ...change };
      client.setQueryData(KEY, next); // the choice applies here at once, saved or not
      await api.put('/api/v1/users/me/preferences', next);
      return next;
    },
  });
  const prefs = query.data ?? {};
  const theme: 'light' | 'dark' = prefs.theme === 'dark' ? 'dark' : 'light';
  const language: Language | undefined = isLanguage(prefs.language) ? prefs.language : undefined;
  return { loaded: query.isSuccess, theme, language, save: save.mutateAsync };
}
