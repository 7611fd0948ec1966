import { expect, test, type Browser, type Page } from '@playwright/test';
import { ADMIN_EMAIL, ADMIN_PASSWORD, RUN, apiToken, createItem, item, loginInUi, registerInUi, searchCatalog, shot } from './support';

// One story against the real fleet: a shopper orders and follows the order, an admin restocks and the
// shopper sees it, an order for more than is left is refused and changes no stock. Each run makes its
// own SKU and shopper, so it also runs against a fleet that already has data.
test.describe.configure({ mode: 'serial' });

const SKU = `E2E-${RUN}`;
const NAME = `Test Widget ${RUN}`;
const SHOPPER = { name: 'Erin Tester', email: `erin-${RUN.toLowerCase()}@e2e.test`, password: 'correct-horse-battery' };
let adminToken = '';

test.beforeAll(async ({ request }) => {
  expect(ADMIN_PASSWORD, 'E2E_ADMIN_PASSWORD must be set').not.toBe('');
  adminToken = await apiToken(request, ADMIN_EMAIL, ADMIN_PASSWORD);
  await createItem(request, adminToken, SKU, NAME, 1250, 5);
});

async function asShopper(browser: Browser): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await loginInUi(page, SHOPPER.email, SHOPPER.password);
  return page;
}

test('a new shopper registers, browses, orders, follows the timeline and cancels', async ({ page, request }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/login$/);
  await shot(page, '01-login');

  await registerInUi(page, SHOPPER.name, SHOPPER.email, SHOPPER.password);
  await expect(page.locator('ul.grid > li').first()).toBeVisible();
  await shot(page, '02-catalog');

  await searchCatalog(page, SKU);
  const card = page.locator(`li[data-sku="${SKU}"]`);
  await expect(card).toContainText(NAME);
  await expect(card).toContainText('$12.50');
  await expect(card).toContainText('Only 5 left');
  await expect(page.locator('ul.grid > li')).toHaveCount(1);
  await card.getByRole('button', { name: `Add ${NAME} to cart` }).click();
  await expect(page.getByRole('status').filter({ hasText: `Added ${NAME}` })).toBeVisible();

  await page.getByRole('link', { name: /^Cart \(1\)/ }).click();
  await page.getByLabel(`Quantity of ${NAME}`).fill('2');
  await expect(page.getByText('$25.00').first()).toBeVisible();
  await shot(page, '03-cart');

  // a double click places one order: the button is disabled at once and the key is shared
  await page.getByRole('button', { name: 'Place order' }).dblclick();
  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}$/);
  const orderId = page.url().split('/').pop()!;
  await expect(page.getByRole('heading', { level: 1 })).toContainText('CONFIRMED');
  const timeline = page.getByRole('list', { name: 'Order timeline' });
  await expect(timeline.locator('li').first()).toBeVisible();
  expect(await timeline.locator('li').count()).toBeGreaterThanOrEqual(2);
  await shot(page, '04-order-confirmed');

  expect(await item(request, adminToken, SKU)).toMatchObject({ available: 3, reserved: 2 });
  const mine = await request.get('/api/v1/orders?size=100', { headers: { Authorization: `Bearer ${await apiToken(request, SHOPPER.email, SHOPPER.password)}` } });
  const orders = (await mine.json()).content as { id: string }[];
  expect(orders.map((o) => o.id)).toEqual([orderId]);

  await page.getByRole('link', { name: 'My orders' }).click();
  await expect(page.locator(`tr[data-order="${orderId}"]`)).toContainText('CONFIRMED');
  await expect(page.getByRole('link', { name: /^Cart \(0\)/ })).toBeVisible();
  await shot(page, '05-my-orders');

  await page.locator(`tr[data-order="${orderId}"]`).getByRole('link').click();
  await page.getByRole('button', { name: 'Cancel order' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('CANCELLED');
  await expect(timeline.locator('li[data-event="CANCELLED"], li:has-text("cancel")').first()).toBeVisible();
  await shot(page, '06-order-cancelled');
  // the release worker gives the units back right after the cancel commits
  await expect.poll(() => item(request, adminToken, SKU), { timeout: 30_000 }).toMatchObject({ available: 5, reserved: 0 });
});

test('an admin restocks in the inventory screen and the shopper sees the new stock', async ({ browser, page, request }) => {
  await loginInUi(page, ADMIN_EMAIL, ADMIN_PASSWORD);
  await page.getByRole('link', { name: 'Inventory' }).click();
  await page.getByLabel('Search items').fill(SKU);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.getByRole('button', { name: `Manage ${SKU}` }).click();
  const panel = page.getByRole('region', { name: `Manage ${SKU}` });
  await panel.getByLabel('Adjust stock by').fill('7');
  await panel.getByLabel('Reason').fill('e2e restock');
  await panel.getByRole('button', { name: 'Adjust' }).click();
  await expect(panel.getByRole('status')).toContainText('Stock adjusted by 7');
  await expect(panel).toContainText('Available 12');
  await expect(panel.locator('table')).toContainText('e2e restock');
  await expect(panel.locator('table')).toContainText('ADJUSTMENT');
  await shot(page, '07-admin-inventory-adjusted');
  expect(await item(request, adminToken, SKU)).toMatchObject({ available: 12 });

  const shopper = await asShopper(browser);
  await searchCatalog(shopper, SKU);
  await expect(shopper.locator(`li[data-sku="${SKU}"]`)).toContainText('In stock (12)');
  await shot(shopper, '08-catalog-after-restock');
});

test('an edit with a stale ETag is refused and the form says why', async ({ page, request }) => {
  await loginInUi(page, ADMIN_EMAIL, ADMIN_PASSWORD);
  await page.getByRole('link', { name: 'Inventory' }).click();
  await page.getByLabel('Search items').fill(SKU);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.getByRole('button', { name: `Manage ${SKU}` }).click();
  const panel = page.getByRole('region', { name: `Manage ${SKU}` });
  await expect(panel).toContainText('Available 12');

  // someone else changes the price meanwhile
  const other = await request.patch(`/api/v1/inventory/items/${SKU}`, { headers: { Authorization: `Bearer ${adminToken}` }, data: { priceCents: 1300 } });
  expect(other.status()).toBe(200);

  await panel.getByLabel('Name').fill(`${NAME} renamed`);
  await panel.getByRole('button', { name: 'Save' }).click();
  await expect(panel.getByRole('alert')).toContainText('Someone else changed this item');
  await expect(panel.getByLabel('Price (USD)')).toHaveValue('13.00'); // reloaded, the typed name kept
  await shot(page, '09-admin-etag-conflict');
  await panel.getByRole('button', { name: 'Save' }).click();
  await expect(panel.getByRole('status')).toContainText('Saved');
  const after = await (await request.get(`/api/v1/inventory/items/${SKU}`, { headers: { Authorization: `Bearer ${adminToken}` } })).json();
  expect(after).toMatchObject({ name: `${NAME} renamed`, priceCents: 1300 });
});

test('ordering more than is available shows the out-of-stock message and changes no stock', async ({ browser, request }) => {
  const before = await item(request, adminToken, SKU);
  expect(before).toMatchObject({ available: 12, reserved: 0 });
  const page = await asShopper(browser);
  await searchCatalog(page, SKU);
  await page.locator(`li[data-sku="${SKU}"]`).getByRole('button', { name: /^Add / }).click();
  await page.getByRole('link', { name: /^Cart/ }).click();
  await page.getByLabel(/^Quantity of/).fill('13');
  await page.getByRole('button', { name: 'Place order' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText(`Out of stock: only 12 of ${SKU} available`);
  await expect(page).toHaveURL(/\/cart$/);
  await expect(page.locator(`tr[data-sku="${SKU}"]`)).toBeVisible();
  await shot(page, '10-cart-out-of-stock');

  expect(await item(request, adminToken, SKU)).toMatchObject({ available: 12, reserved: 0 });
  const movements = await request.get(`/api/v1/inventory/items/${SKU}/movements?size=100`, { headers: { Authorization: `Bearer ${adminToken}` } });
  const kinds = ((await movements.json()).content as { kind: string; delta: number }[]).map((m) => `${m.kind}${m.delta}`);
  expect(kinds.filter((k) => k.startsWith('RESERVATION'))).toHaveLength(1); // only the first, cancelled order's

  // lowering the quantity to what is left places the order (a new key: the rejected one is settled)
  await page.getByLabel(/^Quantity of/).fill('12');
  await page.getByRole('button', { name: 'Place order' }).click();
  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('CONFIRMED');
  expect(await item(request, adminToken, SKU)).toMatchObject({ available: 0, reserved: 12 });
  await searchCatalog(page, SKU);
  await expect(page.locator(`li[data-sku="${SKU}"]`)).toContainText('Out of stock');
  await expect(page.locator(`li[data-sku="${SKU}"]`).getByRole('button', { name: /^Add / })).toBeDisabled();
});

test('the theme is saved in the preferences, survives a reload, and no token is kept in storage or the URL', async ({ browser }) => {
  const page = await asShopper(browser);
  await page.getByRole('link', { name: 'Profile' }).click();
  await page.getByLabel('Dark').check();
  await expect(page.getByRole('status')).toContainText('Saved: dark theme');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Profile', level: 1 })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.getByRole('link', { name: 'My orders' }).click();
  // cancelled, rejected (out of stock, kept for the record) and confirmed
  await expect(page.locator('tbody tr')).toHaveCount(3);
  for (const status of ['CANCELLED', 'REJECTED', 'CONFIRMED']) await expect(page.locator('tbody')).toContainText(status);
  // a rejected order was not charged: no $0.00
  const rejected = page.locator('tbody tr', { has: page.locator('[data-status="REJECTED"]') });
  await expect(rejected).toContainText('not charged');
  await expect(rejected).not.toContainText('$0.00');
  await shot(page, '11-my-orders-dark');
  await rejected.getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('REJECTED');
  await expect(page.getByRole('table')).toContainText(SKU);
  await expect(page.getByRole('table')).toContainText('13');
  await expect(page.locator('.total')).toContainText('not charged');
  await expect(page.getByRole('list', { name: 'Order timeline' }).locator('li').first()).toBeVisible();
  await shot(page, '12-order-rejected');

  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }));
  expect(stored).not.toMatch(/eyJ[\w-]+\.[\w-]+\./); // no JWT anywhere in web storage
  expect(page.url()).not.toMatch(/token/i);

  await page.getByRole('button', { name: /^Log out/ }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto('/orders');
  await expect(page).toHaveURL(/\/login$/);
});
