import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { api } from '../src/api';
import { CartPage } from '../src/pages/Cart';
import { fakeFetch, json, session } from './fakeServer';
import { renderScreen } from './render';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function renderCart(setCart = vi.fn()) {
  const { router } = renderScreen(<CartPage />, { path: '/cart', state: { cart: [{ sku: 'KB-001', name: 'Keyboard', priceCents: 8900, qty: 1 }], setCart } });
  return { setCart, router };
}

describe('the cart page', () => {
  it('places one order on a double click, empties the cart and opens the order', async () => {
    let release: (r: Response) => void = () => undefined;
    const net = fakeFetch([json(200, session(1)), () => new Promise<Response>((r) => { release = r; })]);
    vi.stubGlobal('fetch', net.fetch);
    await api.login('a@b.c', 'pw-123456');
    const { setCart, router } = renderCart();

    const button = screen.getByRole('button', { name: 'Place order' });
    fireEvent.click(button);
    fireEvent.click(button);
    expect(await screen.findByRole('button', { name: 'Placing your order…' })).toBeDisabled();
    release(json(201, { id: '11111111-2222-3333-4444-555555555555', status: 'CONFIRMED', items: [], totalCents: 8900 }));

    await waitFor(() => expect(router.state.location.pathname).toBe('/orders/11111111-2222-3333-4444-555555555555'));
    expect(net.requests.filter((r) => r.url === '/api/v1/orders')).toHaveLength(1);
    expect(setCart).toHaveBeenCalledWith([]);
  });

  it('after a 504 keeps the cart, says pressing again is safe, and the second press replays the same key and opens the order', async () => {
    const net = fakeFetch([json(200, session(1)),
      json(504, { status: 504, title: 'Gateway timeout', detail: 'The orders service did not answer within 6s; the request may still take effect.' }),
      json(200, { id: '11111111-2222-3333-4444-555555555555', status: 'CONFIRMED', items: [], totalCents: 8900 })]);
    vi.stubGlobal('fetch', net.fetch);
    await api.login('a@b.c', 'pw-123456');
    const { setCart, router } = renderCart();

    fireEvent.click(screen.getByRole('button', { name: 'Place order' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('we cannot tell yet whether your order was placed. Press the button again: it is safe');
    expect(alert).not.toHaveTextContent('did not answer within');
    expect(setCart).not.toHaveBeenCalled();

    fireEvent.click(screen.getByRole('button', { name: 'Place order' }));

    await waitFor(() => expect(router.state.location.pathname).toBe('/orders/11111111-2222-3333-4444-555555555555'));
    const keys = net.requests.filter((r) => r.url === '/api/v1/orders').map((r) => r.headers['Idempotency-Key']);
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    expect(setCart).toHaveBeenCalledWith([]);
  });

  it('shows the out-of-stock message and keeps the cart', async () => {
    const net = fakeFetch([json(200, session(1)),
      json(409, { status: 409, detail: 'Insufficient stock for KB-001', sku: 'KB-001', available: 0 })]);
    vi.stubGlobal('fetch', net.fetch);
    await api.login('a@b.c', 'pw-123456');
    const { setCart } = renderCart();

    fireEvent.click(screen.getByRole('button', { name: 'Place order' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Out of stock: only 0 of KB-001 available');
    expect(setCart).not.toHaveBeenCalled();
  });
});
