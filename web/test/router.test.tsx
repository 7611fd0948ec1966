import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { api } from '../src/api';
import { setLanguage } from '../src/i18n';
import { CatalogPage } from '../src/pages/Catalog';
import { newQueryClient } from '../src/query';
import { routes } from '../src/routes';
import { json, session, user } from './fakeServer';
import { renderScreen } from './render';
import { routes as fakeRoutes } from './routes';

const page = (content: unknown[]) => ({ content, page: { number: 0, size: 12, totalElements: content.length, totalPages: 1 } });
const item = (sku: string) => ({ sku, name: `Item ${sku}`, description: null, priceCents: 100, available: 20, reserved: 0, createdAt: '', updatedAt: '', version: 1 });

function renderApp(path: string) {
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  render(<QueryClientProvider client={newQueryClient()}><RouterProvider router={router} /></QueryClientProvider>);
  return router;
}

afterEach(async () => {
  cleanup();
  await api.logout();
  vi.unstubAllGlobals();
  sessionStorage.clear();
});

describe('the router', () => {
  it('sends a signed-out visitor of a protected route to the login page', async () => {
    vi.stubGlobal('fetch', fakeRoutes({}).fetch);
    const router = renderApp('/orders');

    // generous timeouts: the first render loads the whole app, the admin chunk is a dynamic import
    expect(await screen.findByRole('heading', { name: 'Log in' }, { timeout: 10_000 })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/login');
  });

  it('restores the session from the stored refresh token before showing a deep link', async () => {
    sessionStorage.setItem('orderfleet.refresh', 'refresh-1');
    const net = fakeRoutes({
      'POST /api/v1/auth/refresh': () => json(200, session(2)),
      'GET /api/v1/users/me/preferences': () => json(200, {}),
      'GET /api/v1/orders': () => json(200, page([])),
    });
    vi.stubGlobal('fetch', net.fetch);
    const router = renderApp('/orders');

    expect(await screen.findByRole('heading', { name: 'My orders' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/orders');
    // the heading renders before the page's query sends its request: wait for the request itself
    await waitFor(() => expect(net.requests.find((r) => r.url.startsWith('/api/v1/orders'))?.headers.Authorization)
      .toBe('Bearer access-2'));
  });

  it('shows a shopper "not found" for an admin route and offers no admin links', async () => {
    vi.stubGlobal('fetch', fakeRoutes({
      'POST /api/v1/auth/login': () => json(200, session(1)),
      'GET /api/v1/users/me/preferences': () => json(200, {}),
    }).fetch);
    await api.login('ada@example.test', 'pw-123456');
    renderApp('/admin/inventory');

    expect(await screen.findByRole('heading', { name: 'Not found' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Inventory' })).toBeNull();
    expect(screen.getByRole('link', { name: 'Profile' })).toBeInTheDocument();
  });

  it('lets an admin open the lazily loaded admin area by deep link', async () => {
    vi.stubGlobal('fetch', fakeRoutes({
      'POST /api/v1/auth/login': () => json(200, { ...session(1), user: { ...user, role: 'admin' } }),
      'GET /api/v1/users/me/preferences': () => json(200, {}),
      'GET /api/v1/webhooks': () => json(200, []),
    }).fetch);
    await api.login('root@example.test', 'pw-123456');
    renderApp('/admin/webhooks');

    expect(await screen.findByRole('heading', { name: 'Webhooks' }, { timeout: 10_000 })).toBeInTheDocument();
    expect(await screen.findByText('No webhooks yet.')).toBeInTheDocument();
  });
});

describe('the saved preferences', () => {
  it('apply the saved language and theme on login, and a change keeps the keys this app does not know', async () => {
    const net = fakeRoutes({
      'POST /api/v1/auth/login': () => json(200, session(1)),
      'GET /api/v1/users/me/preferences': () => json(200, { language: 'de', theme: 'dark', pinned: ['KB-1'] }),
      'GET /api/v1/inventory/items': () => json(200, page([item('A-1')])),
      'PUT /api/v1/users/me/preferences': (req) => json(200, req.body),
    });
    vi.stubGlobal('fetch', net.fetch);
    await api.login('ada@example.test', 'pw-123456');
    renderApp('/');

    expect(await screen.findByRole('heading', { name: 'Katalog' })).toBeInTheDocument();
    expect(document.documentElement.dataset.theme).toBe('dark');
    fireEvent.click(screen.getByRole('link', { name: 'Profil' }));
    fireEvent.click(await screen.findByLabelText('Hell'));

    await waitFor(() => expect(net.requests.find((r) => r.method === 'PUT')?.body).toEqual({ language: 'de', theme: 'light', pinned: ['KB-1'] }));
    expect(document.documentElement.dataset.theme).toBe('light');
    await setLanguage('en');
  });
});

describe('server state', () => {
  it('aborts a search that a newer one replaced, so its late answer never shows', async () => {
    vi.stubGlobal('fetch', fakeRoutes({ 'POST /api/v1/auth/login': () => json(200, session(1)) }).fetch);
    await api.login('ada@example.test', 'pw-123456');
    let releaseSlow: (r: Response) => void = () => undefined;
    const net = fakeRoutes({
      'GET /api/v1/inventory/items': [
        () => json(200, page([item('A-1')])),
        () => new Promise<Response>((resolve) => { releaseSlow = resolve; }),
        () => json(200, page([item('Y-1')])),
      ],
    });
    vi.stubGlobal('fetch', net.fetch);
    renderScreen(<CatalogPage />);
    await screen.findByText('Item A-1');
    const search = (text: string) => {
      fireEvent.change(screen.getByLabelText('Search the catalog'), { target: { value: text } });
      fireEvent.click(screen.getByRole('button', { name: 'Search' }));
    };

    search('zebra');
    await waitFor(() => expect(net.requests).toHaveLength(2));
    search('yak');
    expect(await screen.findByText('Item Y-1')).toBeInTheDocument();
    releaseSlow(json(200, page([item('Z-1')])));

    expect(net.requests[1].signal?.aborted).toBe(true);
    await waitFor(() => expect(screen.queryByText('Item Z-1')).toBeNull());
    expect(screen.getByText('Item Y-1')).toBeInTheDocument();
  });
});
