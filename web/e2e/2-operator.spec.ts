import { expect, test } from '@playwright/test';
import { ADMIN_EMAIL, ADMIN_PASSWORD, DEMO_SHOPPER_EMAIL, DEMO_SHOPPER_PASSWORD, RUN, apiToken, loginInUi, placeOrderViaApi, shot } from './support';

// The operator's screens against the real fleet: each shows its data and no error. Runs after
// 1-shopper.spec.ts (one worker, file order), whose orders and shopper it finds.
test.beforeEach(async ({ page }) => {
  await loginInUi(page, ADMIN_EMAIL, ADMIN_PASSWORD);
});

test('the dashboard shows KPIs, the per-day chart, the status breakdown, low stock and signups', async ({ page }) => {
  await page.getByRole('link', { name: 'Dashboard' }).click();
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
  await expect(page.locator('.kpi')).toHaveCount(5);
  await expect(page.getByRole('img', { name: 'Orders per day' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Status breakdown' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Low stock' })).toBeVisible();
  await expect(page.getByRole('img', { name: 'Signups per day' })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await shot(page, '20-admin-dashboard');
});

test('all orders can be filtered by status and moved along the state machine', async ({ page, request }) => {
  expect(DEMO_SHOPPER_PASSWORD, 'E2E_SHOPPER_PASSWORD must be set').not.toBe('');
  const orderId = await placeOrderViaApi(request, await apiToken(request, DEMO_SHOPPER_EMAIL, DEMO_SHOPPER_PASSWORD));

  await page.getByRole('link', { name: 'All orders' }).click();
  await page.getByLabel('Status').selectOption('CONFIRMED');
  const row = page.locator(`tr[data-order="${orderId}"]`);
  await expect(row).toContainText('CONFIRMED');
  await expect(page.locator('tbody')).not.toContainText('CANCELLED');
  await row.getByRole('button', { name: 'shipped' }).click();
  await expect(row).toHaveCount(0); // no longer CONFIRMED
  await page.getByLabel('Status').selectOption('SHIPPED');
  await expect(row).toContainText('SHIPPED');
  await expect(row.getByRole('button', { name: 'delivered' })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await page.getByLabel('Status').selectOption('');
  await expect(page.locator('tbody tr').first()).toBeVisible();
  await shot(page, '21-admin-orders');
});

test('users can be searched and filtered by role', async ({ page }) => {
  await page.getByRole('link', { name: 'Users' }).click();
  await page.getByLabel('Search users').fill('e2e.test');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page.locator('tbody tr').first()).toContainText('@e2e.test');
  await page.getByLabel('Search users').fill('');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.getByLabel('Role').selectOption('admin');
  await expect(page.locator('tbody')).toContainText(ADMIN_EMAIL);
  await expect(page.locator('tbody')).not.toContainText('@e2e.test');
  await shot(page, '22-admin-users');
});

test('a webhook is created with its secret shown once, pinged, and its deliveries listed', async ({ page, request }) => {
  const token = await apiToken(request, ADMIN_EMAIL, ADMIN_PASSWORD);
  const probe = await request.get('/api/v1/webhooks', { headers: { Authorization: `Bearer ${token}` } });
  test.skip(probe.status() === 404, 'this build of orders-service has no webhooks API yet');

  await page.getByRole('link', { name: 'Webhooks' }).click();
  await page.getByLabel('URL').fill(`http://127.0.0.1:9/e2e-${RUN}`);
  await page.getByLabel('Description').fill('e2e sink (nothing listens)');
  await page.getByRole('button', { name: 'Create webhook' }).click();
  await expect(page.getByText('shown once')).toBeVisible();
  const row = page.locator('tbody tr', { hasText: `e2e-${RUN}` });
  await row.getByRole('button', { name: 'Ping' }).click();
  await row.getByRole('button', { name: 'Deliveries' }).click();
  await expect(page.getByRole('heading', { name: /^Deliveries to/ })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await shot(page, '23-admin-webhooks');
  await page.reload();
  await expect(page.getByText('shown once')).toHaveCount(0);
});
