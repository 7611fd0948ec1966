import { cleanup, screen, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { api } from '../src/api';
import { DashboardPage } from '../src/admin/Dashboard';
import { AdminUsersPage } from '../src/admin/Users';
import { AdminOrderPage } from '../src/admin/Orders';
import { setLanguage } from '../src/i18n';
import '../src/admin/i18n';
import { json, session } from './fakeServer';
import { renderScreen } from './render';
import { routes } from './routes';

const item = (sku: string, available: number) => ({
  sku, name: `Item ${sku}`, description: null, priceCents: 100, available, reserved: 0, createdAt: '', updatedAt: '', version: 1,
});
const forecast = (sku: string, available: number, daysUntilOut: number | null) => ({
  sku, available, windowDays: 14, unitsSold: daysUntilOut === null ? 0 : 14, unitsSoldPerDay: daysUntilOut === null ? 0 : 1,
  daysUntilOut, salesPerDay: [],
});
const stats = {
  orders: { totalOrders: 0, revenueCents: 0, byStatus: {}, perDay: [] },
  users: { totalUsers: 1, activeUsers: 1, byRole: { admin: 1 }, signupsPerDay: [] },
  stock: {
    totalSkus: 5, totalUnits: 9, outOfStock: 1,
    lowStock: [item('GONE-1', 0), item('SOON-1', 1), item('NEXT-1', 2), item('SLOW-1', 6), item('IDLE-1', 9)],
    lowStockForecasts: [forecast('GONE-1', 0, 0), forecast('SOON-1', 1, 0), forecast('NEXT-1', 2, 1),
      forecast('SLOW-1', 6, 23), forecast('IDLE-1', 9, null)],
  },
};

function dashboardServer() {
  return routes({
    'GET /api/v1/orders/stats': () => json(200, stats.orders),
    'GET /api/v1/users/stats': () => json(200, stats.users),
    'GET /api/v1/inventory/stats': () => json(200, stats.stock),
  });
}

const adminUser = (id: number, extra: object) => ({
  id, name: `User ${id}`, email: `u${id}@example.test`, role: 'user', active: true, createdAt: '2026-01-01T00:00:00Z', ...extra,
});

beforeEach(async () => {
  vi.stubGlobal('fetch', routes({ 'POST /api/v1/auth/login': () => json(200, session(1)) }).fetch);
  await api.login('a@b.c', 'pw-123456');
});
afterEach(async () => {
  cleanup();
  await setLanguage('en');
  vi.unstubAllGlobals();
});

describe('the low-stock panel', () => {
  it('says when each low item runs out at the rate it sold', async () => {
    vi.stubGlobal('fetch', dashboardServer().fetch);
    renderScreen(<DashboardPage />);

    const row = async (sku: string) => within(await screen.findByRole('row', { name: new RegExp(sku) }));
    expect((await row('GONE-1')).getByText('sold out')).toBeInTheDocument();
    expect((await row('SOON-1')).getByText('runs out today')).toBeInTheDocument();
    expect((await row('NEXT-1')).getByText('runs out in about a day')).toBeInTheDocument();
    expect((await row('SLOW-1')).getByText('runs out in about 23 days')).toBeInTheDocument();
    expect((await row('IDLE-1')).getByText('no sales in 14 days')).toBeInTheDocument();
  });

  it('says it in German', async () => {
    await setLanguage('de');
    vi.stubGlobal('fetch', dashboardServer().fetch);
    renderScreen(<DashboardPage />);

    expect(await screen.findByText('reicht noch etwa 23 Tage')).toBeInTheDocument();
    expect(screen.getByText('keine Verkäufe in 14 Tagen')).toBeInTheDocument();
    expect(screen.getByRole('columnheader', { name: 'Prognose' })).toBeInTheDocument();
  });

  it('shows a dash when the stats come without forecasts', async () => {
    vi.stubGlobal('fetch', routes({
      'GET /api/v1/orders/stats': () => json(200, stats.orders),
      'GET /api/v1/users/stats': () => json(200, stats.users),
      'GET /api/v1/inventory/stats': () => json(200, { ...stats.stock, lowStockForecasts: undefined }),
    }).fetch);
    renderScreen(<DashboardPage />);

    expect(within(await screen.findByRole('row', { name: /SLOW-1/ })).getByText('—')).toBeInTheDocument();
  });
});

describe("the users' order totals", () => {
  it('are columns of the admin users screen', async () => {
    vi.stubGlobal('fetch', routes({
      'GET /api/v1/users': () => json(200, {
        content: [adminUser(3, { orderCount: 4, lifetimeSpendCents: 399800, lastOrderAt: '2026-11-30T10:00:00Z' }),
          adminUser(4, { orderCount: 0, lifetimeSpendCents: 0, lastOrderAt: null })],
        page: { number: 0, size: 20, totalElements: 2, totalPages: 1 },
      }),
    }).fetch);
    renderScreen(<AdminUsersPage />);

    const buyer = within(await screen.findByRole('row', { name: /u3@example.test/ }));
    expect(screen.getByRole('columnheader', { name: 'Lifetime spend' })).toBeInTheDocument();
    expect(buyer.getByText('4')).toBeInTheDocument();
    expect(buyer.getByText('$3,998.00')).toBeInTheDocument();
    expect(buyer.getByText(/Nov 30, 2026/)).toBeInTheDocument();
    const idle = within(screen.getByRole('row', { name: /u4@example.test/ }));
    expect(idle.getByText('never')).toBeInTheDocument();
    expect(idle.getByText('$0.00')).toBeInTheDocument();
  });

  it('are shown with the customer of an order', async () => {
    const id = '0e3f4b1c-6d2a-4a53-9c1e-1f2a3b4c5d6e';
    vi.stubGlobal('fetch', routes({
      [`GET /api/v1/orders/${id}`]: () => json(200, {
        id, userId: 3, status: 'CONFIRMED', items: [{ sku: 'KB-1', name: 'Keyboard', qty: 1, unitPriceCents: 1999, lineTotalCents: 1999 }],
        totalCents: 1999, createdAt: '2026-11-30T10:00:00Z', updatedAt: '2026-11-30T10:00:00Z',
      }),
      [`GET /api/v1/orders/${id}/events`]: () => json(200, []),
      'GET /api/v1/users/3': () => json(200, adminUser(3, { orderCount: 4, lifetimeSpendCents: 399800, lastOrderAt: null })),
    }).fetch);
    renderScreen(<Routes><Route path="/admin/orders/:id" element={<AdminOrderPage />} /></Routes>, { path: `/admin/orders/${id}` });

    expect(await screen.findByTestId('customer-totals')).toHaveTextContent('4 orders placed, $3,998.00 lifetime spend, last order never');
  });
});
