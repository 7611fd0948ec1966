import { createContext, useContext } from 'react';
import type { Session } from './api';
import type { CartLine } from './cart';
import type { Language } from './i18n';
import type { Preferences } from './preferences';

export type AppState = {
  session: Session | null;
  cart: CartLine[];
  setCart: (lines: CartLine[]) => void;
  theme: 'light' | 'dark';
  language: Language;
  /** Merges the change into the saved preferences (theme, language, ...). */
  savePreferences: (change: Preferences) => Promise<unknown>;
};

export const AppContext = createContext<AppState | null>(null);

export function useApp(): AppState {
  const state = useContext(AppContext);
  if (!state) throw new Error('AppContext missing');
  return state;
}
