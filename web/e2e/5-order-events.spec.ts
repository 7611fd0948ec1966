import { expect, test, type APIRequestContext } from '@playwright/test';
import { ADMIN_EMAIL, ADMIN_PASSWORD, RUN, apiToken, createItem, item } from './support';

// The order-event path across the real services and the real broker: orders-service writes an outbox
// row per order change, its relay publishes it to orderfleet.orders.v1, and inventory-service (sales,
// stock forecast) and users-service (order count, lifetime spend, last order) project it. Nothing here
// talks to Kafka: the spec places orders through the gateway and waits, bounded, until both
// projections show them. Against a fleet without a broker (./fleet --no-kafka) the polls time out.
test.describe.configure({ mode: 'serial' });

const SKU = `E2E-EV-${RUN}`;
const PRICE = 1250;
const STOCK = 10;
const SHOPPER = { name: 'Olive Events', email: `olive-${RUN.toLowerCase()}@e2e.test`, password: 'correct-horse-battery' };
/** Well above the path's normal latency (a few hundred ms), far below the test's timeout. */
const EVENTUAL = { timeout: 30_000 };

type Order = { id: string; status: string; totalCents: number; createdAt: string };
type Forecast = { sku: string; available: number; windowDays: number; unitsSold: number; daysUntilOut: number | null;
  salesPerDay: { date: string; units: number }[] };
type AdminUser = { id: number; email: string; orderCount: number; lifetimeSpendCents: number; lastOrderAt: string | null };

let adminToken = '';
let shopperToken = '';
let shopperId = 0;
/** What the first test leaves behind, for the second to build on. */
let unitsSold = 0;
let spendCents = 0;
let ordersPlaced = 0;

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

async function placeOrder(request: APIRequestContext, qty: number) {
  return request.post('/api/v1/orders', {
    headers: { ...auth(shopperToken), 'Idempotency-Key': `e2e-events-${RUN}-${crypto.randomUUID()}` },
    data: { items: [{ sku: SKU, qty }] },
  });
}

async function placeConfirmed(request: APIRequestContext, qty: number): Promise<Order> {
  const r = await placeOrder(request, qty);
  expect(r.status(), await r.text()).toBe(201);
  const order = (await r.json()) as Order;
  // the saga reserves and confirms before it answers
  expect(order).toMatchObject({ status: 'CONFIRMED', totalCents: qty * PRICE });
  return order;
}

async function forecast(request: APIRequestContext): Promise<Forecast> {
  const r = await request.get(`/api/v1/inventory/items/${SKU}/forecast`, { headers: auth(adminToken) });
  expect(r.status(), await r.text()).toBe(200);
  return r.json();
}

async function adminView(request: APIRequestContext): Promise<AdminUser> {
  const r = await request.get(`/api/v1/users/${shopperId}`, { headers: auth(adminToken) });
  expect(r.status(), await r.text()).toBe(200);
  return r.json();
}

/** The order as orders-service stores it (the event's createdAt is this one, to the microsecond). */
async function order(request: APIRequestContext, id: string): Promise<Order> {
  const r = await request.get(`/api/v1/orders/${id}`, { headers: auth(shopperToken) });
  expect(r.status(), await r.text()).toBe(200);
  return r.json();
}

function expectConsistentForecast(f: Forecast) {
  expect(f.salesPerDay.reduce((sum, d) => sum + d.units, 0)).toBe(f.unitsSold);
  expect(f.daysUntilOut).toBe(f.unitsSold === 0 ? null : Math.floor((f.available * f.windowDays) / f.unitsSold));
}

test.beforeAll(async ({ request }) => {
  expect(ADMIN_PASSWORD, 'E2E_ADMIN_PASSWORD must be set').not.toBe('');
  adminToken = await apiToken(request, ADMIN_EMAIL, ADMIN_PASSWORD);
  await createItem(request, adminToken, SKU, `Event Gadget ${RUN}`, PRICE, STOCK);
  const r = await request.post('/api/v1/auth/register', { data: SHOPPER });
  expect(r.status(), await r.text()).toBe(201);
  const registered = (await r.json()) as { accessToken: string; user: { id: number } };
  shopperToken = registered.accessToken;
  shopperId = registered.user.id;
});

test('confirmed and cancelled orders reach the stock forecast and the shopper\'s admin view through Kafka', async ({ request }) => {
  // nothing sold yet, no orders yet: the starting point both projections are measured against
  expect(await forecast(request)).toMatchObject({ sku: SKU, available: STOCK, unitsSold: 0, daysUntilOut: null, salesPerDay: [] });
  expect(await adminView(request)).toMatchObject({ email: SHOPPER.email, orderCount: 0, lifetimeSpendCents: 0, lastOrderAt: null });

  const kept1 = await placeConfirmed(request, 2);
  const cancelled = await placeConfirmed(request, 3);
  const kept2 = await placeConfirmed(request, 4);
  expect(await item(request, adminToken, SKU)).toMatchObject({ available: STOCK - 9, reserved: 9 });

  const c = await request.post(`/api/v1/orders/${cancelled.id}/cancel`, { headers: auth(shopperToken), data: { reason: 'e2e: changed my mind' } });
  expect(c.status(), await c.text()).toBe(200);
  expect(await c.json()).toMatchObject({ id: cancelled.id, status: 'CANCELLED' });

  unitsSold = 2 + 4; // confirmed, minus the cancelled order's 3
  spendCents = kept1.totalCents + kept2.totalCents;
  ordersPlaced = 3; // every order placed counts, the cancelled one too
  const last = await order(request, kept2.id);

  // inventory-service: the confirmed lines count as sold, the cancellation takes its units back; the
  // stock itself comes back through the release worker (orders-service calling inventory, not Kafka)
  await expect.poll(async () => {
    const f = await forecast(request);
    return { available: f.available, unitsSold: f.unitsSold };
  }, EVENTUAL).toEqual({ available: STOCK - unitsSold, unitsSold });
  const f = await forecast(request);
  expect(f.salesPerDay).toHaveLength(1); // all on today's UTC day (a run straddling midnight UTC would split them)
  expectConsistentForecast(f);

  // users-service: three orders, the spend of the two that stayed confirmed, the last one's time
  await expect.poll(async () => {
    const u = await adminView(request);
    return { orderCount: u.orderCount, lifetimeSpendCents: u.lifetimeSpendCents, lastOrderAt: u.lastOrderAt && Date.parse(u.lastOrderAt) };
  }, EVENTUAL).toEqual({ orderCount: ordersPlaced, lifetimeSpendCents: spendCents, lastOrderAt: Date.parse(last.createdAt) });
});

test('an order refused for insufficient stock counts as an order but sells nothing and spends nothing', async ({ request }) => {
  const before = await item(request, adminToken, SKU);
  expect(before).toMatchObject({ available: STOCK - unitsSold, reserved: unitsSold });

  const r = await placeOrder(request, before.available + 1);
  expect(r.status(), await r.text()).toBe(409);
  const problem = (await r.json()) as { orderId: string };
  expect(problem).toMatchObject({ title: 'Insufficient stock', sku: SKU, available: before.available });
  const refused = await order(request, problem.orderId);
  expect(refused.status).toBe('REJECTED');
  expect(await item(request, adminToken, SKU)).toMatchObject({ available: before.available, reserved: before.reserved });

  // a confirmed order placed after it: once both projections show this one, the relay (oldest first)
  // has long published the refused order's events
  const canary = await placeConfirmed(request, before.available);
  unitsSold += before.available;
  spendCents += canary.totalCents;
  ordersPlaced += 2; // users-service counts every order placed, the refused one too (its events carry no spend)
  const last = await order(request, canary.id);

  await expect.poll(async () => {
    const u = await adminView(request);
    return { orderCount: u.orderCount, lifetimeSpendCents: u.lifetimeSpendCents, lastOrderAt: u.lastOrderAt && Date.parse(u.lastOrderAt) };
  }, EVENTUAL).toEqual({ orderCount: ordersPlaced, lifetimeSpendCents: spendCents, lastOrderAt: Date.parse(last.createdAt) });
  // only the canary's units: the refused order's lines never count as sold
  await expect.poll(async () => (await forecast(request)).unitsSold, EVENTUAL).toBe(unitsSold);
  const f = await forecast(request);
  expect(f).toMatchObject({ available: 0, unitsSold, daysUntilOut: 0 });
  expectConsistentForecast(f);

  // the dashboard's low-stock list carries the same forecast (threshold 1: the items that have none left)
  const s = await request.get('/api/v1/inventory/stats?lowStockThreshold=1', { headers: auth(adminToken) });
  expect(s.status(), await s.text()).toBe(200);
  const stats = (await s.json()) as { lowStock: { sku: string }[]; lowStockForecasts: Forecast[] };
  expect(stats.lowStockForecasts.map((x) => x.sku)).toEqual(stats.lowStock.map((x) => x.sku));
  const mine = stats.lowStockForecasts.find((x) => x.sku === SKU);
  expect(mine, `${SKU} among the items with no stock left`).toMatchObject({ available: 0, unitsSold, daysUntilOut: 0 });
});
