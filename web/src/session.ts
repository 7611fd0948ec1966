import { useSyncExternalStore } from 'react';
import { api, type Session } from './api';

/** The signed-in session as React state: follows login, silent refresh, a failed refresh and logout. */
export function useSession(): Session | null {
  return useSyncExternalStore((onChange) => api.onChange(onChange), () => api.current);
}
