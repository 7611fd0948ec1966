import { afterEach, describe, expect, it } from 'vitest';
import { Api } from '../src/api';
import { Checkout } from '../src/checkout';
import { setLanguage } from '../src/i18n';
import { fakeFetch, json, memoryStorage, session } from './fakeServer';

const cart = [{ sku: 'KB-001', name: 'Keyboard', priceCents: 8900, qty: 2 }];
const order = { id: '11111111-2222-3333-4444-555555555555', userId: 7, status: 'CONFIRMED', totalCents: 17800, items: [], createdAt: '', updatedAt: '' };
/** The gateway's answer when orders-service took longer than the route's timeout. */
const gatewayTimeout = () => json(504, { type: 'https://orderfleet.io/problems/gateway-timeout', title: 'Gateway timeout', status: 504,
  detail: 'The orders service did not answer within 6s; the request may still take effect. Repeat it (with the same Idempotency-Key, if it had one) to learn its outcome.' });

async function loggedIn(responses: Parameters<typeof fakeFetch>[0]) {
  const net = fakeFetch([json(200, session(1)), ...responses]);
  const api = new Api(net.fetch, memoryStorage());
  await api.login('a@b.c', 'pw-123456');
  let n = 0;
  return { net, checkout: new Checkout(api, () => `key-${++n}`) };
}

describe('checkout', () => {
  it('a double click sends one request and both clicks get the same order', async () => {
    const { net, checkout } = await loggedIn([json(201, order)]);

    const [a, b] = await Promise.all([checkout.place(cart), checkout.place(cart)]);

    expect(a).toEqual(b);
    expect(a.kind).toBe('placed');
    expect(net.requests.filter((r) => r.url === '/api/v1/orders')).toHaveLength(1);
    expect(net.requests[1].body).toEqual({ items: [{ sku: 'KB-001', qty: 2 }] });
  });

  it('409 out of stock names the SKU and what is left', async () => {
    const { checkout } = await loggedIn([json(409, { status: 409, title: 'Insufficient stock', detail: 'Insufficient stock for KB-001', sku: 'KB-001', available: 1 })]);

    const outcome = await checkout.place(cart);

    expect(outcome).toMatchObject({ kind: 'out-of-stock', sku: 'KB-001', available: 1 });
    expect(outcome.kind === 'out-of-stock' && outcome.message).toContain('only 1 of KB-001 available');
  });

  it('503 says nothing was ordered and when to retry', async () => {
    const { checkout } = await loggedIn([json(503, { status: 503, title: 'Service unavailable' }, { 'Retry-After': '5' })]);

    const outcome = await checkout.place(cart);

    expect(outcome).toMatchObject({ kind: 'unavailable', retryAfter: 5 });
    expect(outcome.kind === 'unavailable' && outcome.message).toMatch(/nothing was charged or reserved.*5 s/);
  });

  describe('after a 504 from the gateway', () => {
    afterEach(async () => {
      await setLanguage('en');
    });

    it('says the outcome is unknown and that pressing again is safe, instead of the gateway\'s detail', async () => {
      const { checkout } = await loggedIn([gatewayTimeout()]);

      const outcome = await checkout.place(cart);

      expect(outcome.kind).toBe('unknown');
      expect(outcome.kind === 'unknown' && outcome.message).toBe('The store took too long to answer, so we cannot tell yet whether your order was placed. '
        + 'Press the button again: it is safe, a retry cannot place a second order.');
    });

    it('says so in German', async () => {
      await setLanguage('de');
      const { checkout } = await loggedIn([gatewayTimeout()]);

      const outcome = await checkout.place(cart);

      expect(outcome.kind === 'unknown' && outcome.message).toBe('Der Shop hat zu lange nicht geantwortet, daher wissen wir noch nicht, ob Ihre Bestellung '
        + 'aufgegeben wurde. Drücken Sie die Schaltfläche erneut: Das ist sicher, ein erneuter Versuch kann keine zweite Bestellung aufgeben.');
    });

    it('keeps the key, so the retry answers the order the first request may have made instead of making a second one', async () => {
      const { net, checkout } = await loggedIn([gatewayTimeout(), gatewayTimeout(), json(200, order), json(201, { ...order, id: '22222222-2222-3333-4444-555555555555' })]);

      await checkout.place(cart);
      await checkout.place(cart);
      const third = await checkout.place(cart);
      const next = await checkout.place(cart);

      const keys = net.requests.filter((r) => r.url === '/api/v1/orders').map((r) => r.headers['Idempotency-Key']);
      expect(keys).toEqual(['key-1', 'key-1', 'key-1', 'key-2']);
      expect(third).toMatchObject({ kind: 'placed', order: { id: order.id } });
      expect(next.kind).toBe('placed');
    });
  });

  it('422 shows the field errors', async () => {
    const { checkout } = await loggedIn([json(422, { status: 422, detail: 'items: must have 1 to 50 lines', errors: [{ field: 'items', message: 'must have 1 to 50 lines' }] })]);

    const outcome = await checkout.place(cart);

    expect(outcome).toMatchObject({ kind: 'invalid' });
    expect(outcome.kind === 'invalid' && outcome.message).toContain('items: must have 1 to 50 lines');
  });

  it('keeps the key after a 503 that names no order: nothing was written, or the gateway cannot know', async () => {
    const { net, checkout } = await loggedIn([
      json(503, { status: 503, detail: 'The orders service did not answer; try again shortly.' }, { 'Retry-After': '5' }),
      json(200, order),
    ]);

    await checkout.place(cart);
    const second = await checkout.place(cart);

    const keys = net.requests.filter((r) => r.url === '/api/v1/orders').map((r) => r.headers['Idempotency-Key']);
    expect(keys).toEqual(['key-1', 'key-1']);
    expect(second).toMatchObject({ kind: 'placed', order: { id: order.id } });
  });

  it('uses a new key after a 503 that names the order it rejected, so the retry is a new order and not its replay', async () => {
    const { net, checkout } = await loggedIn([
      json(503, { status: 503, detail: 'Inventory is unavailable right now', orderId: '99999999-2222-3333-4444-555555555555' }, { 'Retry-After': '5' }),
      json(201, order),
    ]);

    const first = await checkout.place(cart);
    const second = await checkout.place(cart);

    expect(first).toMatchObject({ kind: 'unavailable', retryAfter: 5 });
    const keys = net.requests.filter((r) => r.url === '/api/v1/orders').map((r) => r.headers['Idempotency-Key']);
    expect(keys).toEqual(['key-1', 'key-2']);
    expect(second.kind).toBe('placed');
  });

  it('keeps the key across retries of the same cart and changes it when the cart changes', async () => {
    const { net, checkout } = await loggedIn([
      json(503, { status: 503 }, { 'Retry-After': '1' }),
      json(503, { status: 503 }, { 'Retry-After': '1' }),
      json(201, order),
    ]);

    await checkout.place(cart);
    await checkout.place(cart);
    await checkout.place([{ ...cart[0], qty: 3 }]);

    const keys = net.requests.filter((r) => r.url === '/api/v1/orders').map((r) => r.headers['Idempotency-Key']);
    expect(keys).toEqual(['key-1', 'key-1', 'key-2']);
  });

  it('uses a fresh key after an out-of-stock rejection so the next try is a new order', async () => {
    const { net, checkout } = await loggedIn([
      json(409, { status: 409, detail: 'Insufficient stock for KB-001', sku: 'KB-001', available: 1 }),
      json(201, order),
    ]);

    await checkout.place(cart);
    const second = await checkout.place(cart);

    const keys = net.requests.filter((r) => r.url === '/api/v1/orders').map((r) => r.headers['Idempotency-Key']);
    expect(keys).toEqual(['key-1', 'key-2']);
    expect(second.kind).toBe('placed');
  });

  it('a replayed key that answers with a rejected order is shown as rejected, not as placed, and the next press is a new order', async () => {
    const { net, checkout } = await loggedIn([json(200, { ...order, status: 'REJECTED' }), json(201, order)]);

    const outcome = await checkout.place(cart);
    await checkout.place(cart);

    expect(outcome.kind).toBe('rejected');
    expect(outcome.kind === 'rejected' && outcome.message).toContain('nothing was reserved or charged');
    const keys = net.requests.filter((r) => r.url === '/api/v1/orders').map((r) => r.headers['Idempotency-Key']);
    expect(keys).toEqual(['key-1', 'key-2']);
  });
});
