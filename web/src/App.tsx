import { useEffect, useMemo, useState } from 'react';
import { api, type Session } from './api';
import { AppContext } from './app-state';
import { cartCount, loadCart, saveCart, type CartLine } from './cart';
import { Link, navigate, usePath } from './router';
import { Loading } from './ui';
import { LoginPage, RegisterPage } from './pages/Auth';
import { CatalogPage } from './pages/Catalog';
import { CartPage } from './pages/Cart';
import { OrdersPage, OrderDetailPage } from './pages/Orders';
import { SettingsPage } from './pages/Settings';
import { DashboardPage } from './admin/Dashboard';
import { AdminInventoryPage } from './admin/Inventory';
import { AdminUsersPage } from './admin/Users';
import { AdminOrdersPage } from './admin/Orders';
import { AdminWebhooksPage } from './admin/Webhooks';

export function App() {
  const path = usePath();
  const [session, setSession] = useState<Session | null>(api.current);
  const [restoring, setRestoring] = useState(true);
  const [cart, setCartState] = useState<CartLine[]>(loadCart());
  const [theme, setThemeState] = useState<'light' | 'dark'>('light');
  // preferences are one JSON object replaced by PUT: keep what is there and change only the theme
  const [preferences, setPreferences] = useState<Record<string, unknown>>({});

  useEffect(() => api.onChange(setSession), []);
  useEffect(() => {
    api.restore().finally(() => setRestoring(false));
  }, []);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  useEffect(() => {
    if (!session) return;
    api.get<Record<string, unknown> | null>('/api/v1/users/me/preferences')
      .then((r) => {
        const prefs = r.data && typeof r.data === 'object' ? r.data : {};
        setPreferences(prefs);
        setThemeState(prefs.theme === 'dark' ? 'dark' : 'light');
      })
      .catch(() => undefined);
  }, [session?.user.id]);

  const state = useMemo(() => ({
    session,
    cart,
    setCart: (lines: CartLine[]) => {
      saveCart(lines);
      setCartState(lines);
    },
    theme,
    setTheme: (t: 'light' | 'dark') => {
      setThemeState(t);
      const next = { ...preferences, theme: t };
      setPreferences(next);
      return api.put('/api/v1/users/me/preferences', next).then(() => undefined);
    },
  }), [session, cart, theme, preferences]);

  const publicPaths = ['/login', '/register'];
  useEffect(() => {
    if (!restoring && !session && !publicPaths.includes(path)) navigate('/login');
  }, [restoring, session, path]);

  if (restoring) return <main className="container"><Loading what="Starting" /></main>;

  return (
    <AppContext.Provider value={state}>
      <a className="skip" href="#main">Skip to content</a>
      <header className="topbar">
        <Link href="/" className="brand">Orderfleet</Link>
        {session && (
          <nav aria-label="Main">
            <Link href="/">Catalog</Link>
            <Link href="/cart">Cart ({cartCount(cart)})</Link>
            <Link href="/orders">My orders</Link>
            {session.user.role === 'admin' && (
              <>
                <Link href="/admin">Dashboard</Link>
                <Link href="/admin/inventory">Inventory</Link>
                <Link href="/admin/orders">All orders</Link>
                <Link href="/admin/users">Users</Link>
                <Link href="/admin/webhooks">Webhooks</Link>
              </>
            )}
            <Link href="/settings">Settings</Link>
            <button type="button" className="link" onClick={() => api.logout().then(() => navigate('/login'))}>
              Log out {session.user.name}
            </button>
          </nav>
        )}
      </header>
      <main id="main" className="container">{route(path, session)}</main>
    </AppContext.Provider>
  );
}

function route(path: string, session: Session | null) {
  if (path === '/login') return <LoginPage />;
  if (path === '/register') return <RegisterPage />;
  if (!session) return <Loading />;
  const admin = session.user.role === 'admin';
  const order = path.match(/^\/orders\/([0-9a-f-]{36})$/);
  if (path === '/' || path === '/catalog') return <CatalogPage />;
  if (path === '/cart') return <CartPage />;
  if (path === '/orders') return <OrdersPage />;
  if (order) return <OrderDetailPage id={order[1]} />;
  if (path === '/settings') return <SettingsPage />;
  if (admin && path === '/admin') return <DashboardPage />;
  if (admin && path === '/admin/inventory') return <AdminInventoryPage />;
  if (admin && path === '/admin/orders') return <AdminOrdersPage />;
  if (admin && path === '/admin/users') return <AdminUsersPage />;
  if (admin && path === '/admin/webhooks') return <AdminWebhooksPage />;
  return <section><h1>Not found</h1><p>There is no page at {path}. <Link href="/">Back to the catalog</Link></p></section>;
}
