import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, ScrollRestoration, useNavigate } from 'react-router';
import { api } from './api';
import { AppContext, type AppState } from './app-state';
import { cartCount, loadCart, saveCart, type CartLine } from './cart';
import { isLanguage, setLanguage } from './i18n';
import { usePreferences } from './preferences';
import { useSession } from './session';

/** The frame of every screen: skip link, header with the navigation, and the routed page. */
export function Shell() {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [cart, setCartState] = useState<CartLine[]>(loadCart);
  const prefs = usePreferences(session !== null);

  // a different user (or none) must not see the previous one's cached data
  const userId = session?.user.id;
  const lastUser = useRef(userId);
  useEffect(() => {
    if (lastUser.current !== userId) client.clear();
    lastUser.current = userId;
  }, [userId, client]);
  useEffect(() => {
    document.documentElement.dataset.theme = prefs.theme;
  }, [prefs.theme]);
  // the saved language applies when the preferences arrive, that is on login or reload
  useEffect(() => {
    if (prefs.language) void setLanguage(prefs.language);
  }, [prefs.language]);

  const language = isLanguage(i18n.language) ? i18n.language : 'en';
  const state = useMemo<AppState>(() => ({
    session,
    cart,
    setCart: (lines) => {
      saveCart(lines);
      setCartState(lines);
    },
    theme: prefs.theme,
    language,
    savePreferences: prefs.save,
  }), [session, cart, prefs.theme, prefs.save, language]);

  return (
    <AppContext.Provider value={state}>
      <a className="skip" href="#main">{t('Skip to content')}</a>
      <header className="topbar">
        <Link to="/" className="brand">Orderfleet</Link>
        {session && (
          <nav aria-label={t('Main')}>
            <NavLink to="/" end>{t('Catalog')}</NavLink>
            <NavLink to="/cart">{t('Cart ({{count}})', { count: cartCount(cart) })}</NavLink>
            <NavLink to="/orders" end>{t('My orders')}</NavLink>
            {session.user.role === 'admin' && (
              <>
                <NavLink to="/admin" end>{t('Dashboard')}</NavLink>
                <NavLink to="/admin/inventory">{t('Inventory')}</NavLink>
                <NavLink to="/admin/orders">{t('All orders')}</NavLink>
                <NavLink to="/admin/users">{t('Users')}</NavLink>
                <NavLink to="/admin/webhooks">{t('Webhooks')}</NavLink>
              </>
            )}
            <NavLink to="/profile">{t('Profile')}</NavLink>
            <button type="button" className="link" onClick={() => api.logout().then(() => navigate('/login'))}>
              {t('Log out {{name}}', { name: session.user.name })}
            </button>
          </nav>
        )}
      </header>
      <main id="main" className="container" tabIndex={-1}><Outlet /></main>
      <ScrollRestoration />
    </AppContext.Provider>
  );
}
