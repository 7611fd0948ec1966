// Renders a screen the way the app does: inside a data router, TanStack Query and the app state.
import { QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { vi } from 'vitest';
import { api } from '../src/api';
import { AppContext, type AppState } from '../src/app-state';
import { newQueryClient } from '../src/query';

export function renderScreen(ui: ReactElement, { path = '/', state = {} }: { path?: string; state?: Partial<AppState> } = {}) {
  const app: AppState = {
    session: api.current, cart: [], setCart: vi.fn(), theme: 'light', language: 'en', savePreferences: vi.fn(() => Promise.resolve()), ...state,
  };
  const client = newQueryClient();
  const router = createMemoryRouter([{ path: '*', element: <AppContext.Provider value={app}>{ui}</AppContext.Provider> }], { initialEntries: [path] });
  const result = render(<QueryClientProvider client={client}><RouterProvider router={router} /></QueryClientProvider>);
  return { ...result, router, client, app };
}
