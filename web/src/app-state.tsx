import { createContext, useContext } from 'react';
import type { Session } from './api';
import type { CartLine } from './cart';

export type AppState = {
  session: Session | null;
  cart: CartLine[];
  setCart: (lines: CartLine[]) => void;
  theme: 'light' | 'dark';
  setTheme: (theme: 'light' | 'dark') => Promise<void>;
};

export const AppContext = createContext<AppState | null>(null);

export function useApp(): AppState {
  const state = useContext(AppContext);
  if (!state) throw new Error('AppContext missing');
  return state;
}
