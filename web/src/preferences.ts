import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './api';
import { isLanguage, type Language } from './i18n';

export type Preferences = Record<string, unknown>;
const KEY = ['users', 'me', 'preferences'] as const;

/**
 * The preferences object of the signed-in user (GET/PUT /users/me/preferences). PUT replaces the whole
 * object, so a change is merged into what the server holds: keys this app does not know are kept.
 */
export function usePreferences(enabled: boolean) {
  const client = useQueryClient();
  const query = useQuery({
    queryKey: KEY,
    queryFn: ({ signal }) => api.get<Preferences | null>('/api/v1/users/me/preferences', {}, signal)
      .then((r) => (r.data && typeof r.data === 'object' ? r.data : {})),
    enabled,
    staleTime: Infinity,
  });
  const save = useMutation({
    mutationFn: (change: Preferences) => {
      const next = { ...(client.getQueryData<Preferences>(KEY) ?? {}), ...change };
      client.setQueryData(KEY, next); // the choice applies here at once, saved or not
      return api.put('/api/v1/users/me/preferences', next).then(() => next);
    },
  });
  const prefs = query.data ?? {};
  const theme: 'light' | 'dark' = prefs.theme === 'dark' ? 'dark' : 'light';
  const language: Language | undefined = isLanguage(prefs.language) ? prefs.language : undefined;
  return { loaded: query.isSuccess, theme, language, save: save.mutateAsync };
}
