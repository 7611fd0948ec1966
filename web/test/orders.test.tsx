import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Route, Routes } from 'react-router';
import { api } from '../src/api';
import { AdminOrderPage, AdminOrdersPage } from '../src/admin/Orders';
import { setLanguage } from '../src/i18n';
import { OrderDetailPage, OrdersPage } from '../src/pages/Orders';
import { json, session, user } from './fakeServer';
import { renderScreen } from './render';
import { routes } from './routes';

const ID = '11111111-2222-3333-4444-555555555555';
const order = (status: string, extra: object = {}) => ({
  id: ID, userId: 7, status, totalCents: 17800, createdAt: '2026-11-30T10:00:00Z', updatedAt: '2026-11-30T10:00:00Z',
  items: [{ sku: 'KB-001', name: 'Keyboard', qty: 2, unitPriceCents: 8900, lineTotalCents: 17800 }], ...extra,
});
const rejected = order('REJECTED', { totalCents: 0, items: [{ sku: 'KB-001', name: null, qty: 2, unitPriceCents: null, lineTotalCents: null }] });
const page = (content: unknown[]) => ({ content, page: { number: 0, size: 20, totalElements: content.length, totalPages: 1 } });

beforeEach(async () => {
  vi.stubGlobal('fetch', routes({ 'POST /api/v1/auth/login': () => json(200, { ...session(1), user: { ...user, role: 'admin' } }) }).fetch);
  await api.login('a@b.c', 'pw-123456');
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const detail = (ui: React.ReactElement, path: string, pattern: string) =>
  renderScreen(<Routes><Route path={pattern} element={ui} /></Routes>, { path });

describe('a rejected order', () => {
  it('shows the lines it asked for and "not charged" instead of $0.00, and cannot be cancelled', async () => {
    vi.stubGlobal('fetch', routes({
      [`GET /api/v1/orders/${ID}`]: () => json(200, rejected),
      [`GET /api/v1/orders/${ID}/events`]: () => json(200, []),
    }).fetch);
    detail(<OrderDetailPage />, `/orders/${ID}`, '/orders/:id');

    const lines = await screen.findByRole('table');
    expect(within(lines).getByRole('cell', { name: 'KB-001' })).toBeInTheDocument();
    expect(within(lines).getByRole('cell', { name: '2' })).toBeInTheDocument();
    expect(screen.getByText('not charged', { selector: '.total *' })).toBeInTheDocument();
    expect(document.body).not.toHaveTextContent('$0.00');
    expect(screen.queryByRole('button', { name: 'Cancel order' })).toBeNull();
  });

  it('says "not charged" in the list of orders too', async () => {
    vi.stubGlobal('fetch', routes({ 'GET /api/v1/orders': () => json(200, page([rejected, order('CONFIRMED', { id: 'aaaaaaaa-2222-3333-4444-555555555555' })])) }).fetch);
    renderScreen(<OrdersPage />);

    const rows = await screen.findAllByRole('row');
    expect(rows[1]).toHaveTextContent('not charged');
    expect(rows[2]).toHaveTextContent('$178.00');
  });
});

describe('the operator order screens', () => {
  it('offer only "cancel" for a PENDING order: the saga alone confirms or rejects it', async () => {
    const net = routes({
      'GET /api/v1/orders': () => json(200, page([order('PENDING'), order('CONFIRMED', { id: 'bbbbbbbb-2222-3333-4444-555555555555' })])),
      [`POST /api/v1/orders/${ID}/cancel`]: () => json(200, order('CANCELLED')),
    });
    vi.stubGlobal('fetch', net.fetch);
    renderScreen(<AdminOrdersPage />);

    const pending = (await screen.findAllByRole('row')).find((r) => r.dataset.order === ID)!;
    expect(within(pending).getAllByRole('button').map((b) => b.textContent)).toEqual(['cancel']);
    const confirmed = screen.getAllByRole('row').find((r) => r.dataset.order?.startsWith('bbbbbbbb'))!;
    expect(within(confirmed).getAllByRole('button').map((b) => b.textContent)).toEqual(['ship', 'cancel']);

    fireEvent.click(within(pending).getByRole('button', { name: 'cancel order 11111111' }));
    await waitFor(() => expect(net.requests.some((r) => r.method === 'POST' && r.url.endsWith('/cancel'))).toBe(true));
    expect(net.requests.filter((r) => r.url.endsWith('/status'))).toHaveLength(0);
  });

  it('opens one order by deep link with its customer and the allowed moves', async () => {
    let status = 'CONFIRMED';
    const net = routes({
      [`GET /api/v1/orders/${ID}`]: () => json(200, order(status)),
      [`GET /api/v1/orders/${ID}/events`]: () => json(200, []),
      'GET /api/v1/users/7': () => json(200, { ...user, orderCount: 3 }),
      [`POST /api/v1/orders/${ID}/status`]: () => { status = 'SHIPPED'; return json(200, order(status)); },
    });
    vi.stubGlobal('fetch', net.fetch);
    detail(<AdminOrderPage />, `/admin/orders/${ID}`, '/admin/orders/:id');

    expect(await screen.findByText(/ada@example\.test/)).toBeInTheDocument();
    const moves = screen.getByRole('group', { name: 'Move the order' });
    fireEvent.click(within(moves).getByRole('button', { name: 'ship order 11111111' }));

    expect(await screen.findByText('SHIPPED')).toBeInTheDocument();
    expect(net.requests.find((r) => r.method === 'POST')?.body).toEqual({ status: 'SHIPPED' });
    expect(within(moves).getAllByRole('button').map((b) => b.textContent)).toEqual(['deliver', 'cancel']);
  });
});

describe('the order timeline', () => {
  const event = (id: number, type: string, description: string, newValue: string | null, actorId: string | null = null) =>
    ({ id, orderId: ID, type, description, oldValue: null, newValue, actorId, createdAt: '2026-11-30T10:00:00Z' });
  const trail = [
    event(1, 'CREATED', 'Order placed', 'PENDING', '7'),
    event(2, 'STATUS_CHANGED', 'Stock reserved', 'CONFIRMED'),
    event(3, 'STATUS_CHANGED', 'Status set to SHIPPED by an administrator', 'SHIPPED', '1'),
    event(4, 'CANCELLED', 'Cancelled: cancelled by the customer', 'CANCELLED', '7'),
    event(5, 'CANCELLED', 'Cancelled: wrong size', 'CANCELLED', '7'),
    event(6, 'STATUS_CHANGED', 'Rejected: Insufficient stock for KB-001: 1 available, 2 requested.', 'REJECTED'),
    event(7, 'USER_CHECK_SKIPPED', 'users-service was unreachable; the signed access token was trusted', null),
    event(8, 'SOMETHING_NEW', 'A text this app does not know', null),
  ];
  const timeline = async () => {
    vi.stubGlobal('fetch', routes({
      [`GET /api/v1/orders/${ID}`]: () => json(200, order('CANCELLED')),
      [`GET /api/v1/orders/${ID}/events`]: () => json(200, trail),
    }).fetch);
    detail(<OrderDetailPage />, `/orders/${ID}`, '/orders/:id');
    const list = await screen.findByRole('list', { name: /Order timeline|Verlauf der Bestellung/ });
    // what each entry says: its kind, then its text (the time is left out)
    return within(list).getAllByRole('listitem').map((li) => `${li.querySelector('strong')?.textContent} | ${li.querySelector('span')?.textContent}`);
  };
  afterEach(async () => {
    await setLanguage('en');
  });

  it('is told in German from the events\' codes, and keeps the free text that people and services wrote', async () => {
    await setLanguage('de');

    expect(await timeline()).toEqual([
      'angelegt | Bestellung aufgegeben → OFFEN',
      'Status geändert | Ware reserviert → BESTÄTIGT',
      'Status geändert | Status von einem Administrator auf VERSANDT gesetzt → VERSANDT',
      'storniert | Storniert: vom Kunden storniert → STORNIERT',
      'storniert | Storniert: wrong size → STORNIERT',
      'Status geändert | Abgelehnt: Insufficient stock for KB-001: 1 available, 2 requested. → ABGELEHNT',
      'Benutzerprüfung übersprungen | Der Benutzerdienst war nicht erreichbar; dem signierten Zugangstoken wurde vertraut',
      'something new | A text this app does not know',
    ]);
  });

  it('reads as the service wrote it in English', async () => {
    expect(await timeline()).toEqual([
      'created | Order placed → PENDING',
      'status changed | Stock reserved → CONFIRMED',
      'status changed | Status set to SHIPPED by an administrator → SHIPPED',
      'cancelled | Cancelled: cancelled by the customer → CANCELLED',
      'cancelled | Cancelled: wrong size → CANCELLED',
      'status changed | Rejected: Insufficient stock for KB-001: 1 available, 2 requested. → REJECTED',
      'user check skipped | users-service was unreachable; the signed access token was trusted',
      'something new | A text this app does not know',
    ]);
  });
});
