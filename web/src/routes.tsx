import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { createBrowserRouter, Link, Navigate, Outlet, useLocation, type RouteObject } from 'react-router';
import { api } from './api';
import { Shell } from './App';
import { LoginPage, RegisterPage } from './pages/Auth';
import { CartPage } from './pages/Cart';
import { CatalogPage } from './pages/Catalog';
import { OrderDetailPage, OrdersPage } from './pages/Orders';
import { ProfilePage } from './pages/Profile';
import { useSession } from './session';
import { Loading } from './ui';

// The admin area is its own chunk: it is fetched only when an admin opens an admin route
// (RequireAdmin renders nothing of it for anyone else), so a shopper never downloads it.
const admin = () => import('./admin');
const DashboardPage = lazy(() => admin().then((m) => ({ default: m.DashboardPage })));
const AdminInventoryPage = lazy(() => admin().then((m) => ({ default: m.AdminInventoryPage })));
const AdminOrdersPage = lazy(() => admin().then((m) => ({ default: m.AdminOrdersPage })));
const AdminOrderPage = lazy(() => admin().then((m) => ({ default: m.AdminOrderPage })));
const AdminUsersPage = lazy(() => admin().then((m) => ({ default: m.AdminUsersPage })));
const AdminWebhooksPage = lazy(() => admin().then((m) => ({ default: m.AdminWebhooksPage })));

function RequireSession() {
  return useSession() ? <Outlet /> : <Navigate to="/login" replace />;
}

function RequireAdmin() {
  const session = useSession();
  if (session?.user.role !== 'admin') return <NotFound />;
  return <Suspense fallback={<Loading />}><Outlet /></Suspense>;
}

export function NotFound() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  return (
    <section>
      <h1>{t('Not found')}</h1>
      <p>{t('There is no page at {{path}}.', { path: pathname })} <Link to="/">{t('Back to the catalog')}</Link></p>
    </section>
  );
}

function Starting() {
  const { t } = useTranslation();
  return <main className="container"><Loading what={t('Starting')} /></main>;
}

export const routes: RouteObject[] = [
  {
    path: '/',
    Component: Shell,
    // a reload restores the session from the refresh token before any screen renders
    loader: async () => {
      await api.restore();
      return null;
    },
    shouldRevalidate: () => false,
    HydrateFallback: Starting,
    children: [
      { path: 'login', Component: LoginPage },
      { path: 'register', Component: RegisterPage },
      {
        Component: RequireSession,
        children: [
          { index: true, Component: CatalogPage },
          { path: 'catalog', element: <Navigate to="/" replace /> },
          { path: 'cart', Component: CartPage },
          { path: 'orders', Component: OrdersPage },
          { path: 'orders/:id', Component: OrderDetailPage },
          { path: 'profile', Component: ProfilePage },
          { path: 'settings', element: <Navigate to="/profile" replace /> },
          {
            path: 'admin',
            Component: RequireAdmin,
            children: [
              { index: true, Component: DashboardPage },
              { path: 'inventory', Component: AdminInventoryPage },
              { path: 'orders', Component: AdminOrdersPage },
              { path: 'orders/:id', Component: AdminOrderPage },
              { path: 'users', Component: AdminUsersPage },
              { path: 'webhooks', Component: AdminWebhooksPage },
            ],
          },
          { path: '*', Component: NotFound },
        ],
      },
    ],
  },
];

export function createAppRouter() {
  return createBrowserRouter(routes);
}
