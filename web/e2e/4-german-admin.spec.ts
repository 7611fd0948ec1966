import { expect, test, type APIRequestContext } from '@playwright/test';
import { ADMIN_EMAIL, ADMIN_PASSWORD, RUN, apiToken, createItem, loginInUi, registerViaApi, shot } from './support';

// The operator's screens in German (screenshots 44-de-admin-*), for an admin of this run whose saved
// language is German, so the seeded admin's preferences stay English for the other scenarios.
const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

async function germanAdmin(request: APIRequestContext, rootToken: string): Promise<string> {
  const email = `de-admin-${RUN.toLowerCase()}@e2e.test`;
  const created = await request.post('/api/v1/users', {
    headers: auth(rootToken), data: { name: 'Greta Betrieb', email, password: 'betrieb-password', role: 'admin' },
  });
  expect(created.status(), await created.text()).toBe(201);
  const token = await apiToken(request, email, 'betrieb-password');
  const saved = await request.put('/api/v1/users/me/preferences', { headers: auth(token), data: { language: 'de' } });
  expect(saved.status(), await saved.text()).toBe(200);
  return email;
}

test('an English-speaking shopper never downloads the German strings', async ({ page, request }) => {
  const email = `en-only-${RUN.toLowerCase()}@e2e.test`;
  await registerViaApi(request, 'Eddie English', email, 'english-password');
  const german: string[] = [];
  page.on('request', (r) => {
    if (/\/assets\/de-[\w-]+\.js$/.test(new URL(r.url()).pathname)) german.push(r.url());
  });
  await loginInUi(page, email, 'english-password');
  await page.getByRole('link', { name: 'My orders' }).click();
  await expect(page.getByRole('heading', { name: 'My orders' })).toBeVisible();
  expect(german).toEqual([]);
});

test('the operator screens and an order\'s timeline are German for an admin who chose German', async ({ page, request }) => {
  const root = await apiToken(request, ADMIN_EMAIL, ADMIN_PASSWORD);
  const email = await germanAdmin(request, root);
  // an order the saga confirmed and an operator shipped, for the timeline
  const sku = `E2E-DEADM-${RUN}`;
  await createItem(request, root, sku, `Werkbank ${RUN}`, 45000, 5);
  const shopper = await registerViaApi(request, 'Kurt Kunde', `de-kunde-${RUN.toLowerCase()}@e2e.test`, 'kunden-password');
  const placed = await request.post('/api/v1/orders', {
    headers: { ...auth(shopper), 'Idempotency-Key': `e2e-de-admin-${RUN}` }, data: { items: [{ sku, qty: 1 }] },
  });
  expect(placed.status(), await placed.text()).toBe(201);
  const orderId = ((await placed.json()) as { id: string }).id;
  const shipped = await request.post(`/api/v1/orders/${orderId}/status`, { headers: auth(root), data: { status: 'SHIPPED' } });
  expect(shipped.status(), await shipped.text()).toBe(200);

  await loginInUi(page, email, 'betrieb-password', 'Katalog');
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');

  await page.getByRole('link', { name: 'Übersicht', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Übersicht', level: 1 })).toBeVisible();
  await expect(page.getByRole('img', { name: 'Bestellungen pro Tag' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Knapper Bestand' })).toBeVisible();
  await shot(page, '44-de-admin-dashboard');

  await page.getByRole('link', { name: 'Lager', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Lager', level: 1 })).toBeVisible();
  await page.getByLabel('Artikel suchen').fill(sku);
  await page.getByRole('button', { name: 'Suchen', exact: true }).click();
  await page.getByRole('button', { name: `${sku} bearbeiten` }).click();
  await expect(page.getByRole('region', { name: `${sku} bearbeiten` })).toContainText('Bewegungen');
  await shot(page, '45-de-admin-inventory');

  await page.getByRole('link', { name: 'Alle Bestellungen', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Alle Bestellungen', level: 1 })).toBeVisible();
  await expect(page.locator(`tr[data-order="${orderId}"]`)).toContainText('VERSANDT');
  await shot(page, '46-de-admin-orders');

  await page.goto(`/admin/orders/${orderId}`);
  const timeline = page.getByRole('list', { name: 'Verlauf der Bestellung' });
  await expect(timeline).toContainText('Bestellung aufgegeben');
  await expect(timeline).toContainText('Ware reserviert → BESTÄTIGT');
  await expect(timeline).toContainText('Status von einem Administrator auf VERSANDT gesetzt → VERSANDT');
  await expect(timeline).not.toContainText('Order placed');
  await shot(page, '47-de-admin-order-detail');

  await page.getByRole('link', { name: 'Benutzer', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Benutzer', level: 1 })).toBeVisible();
  await page.getByLabel('Benutzer suchen').fill(email);
  await page.getByRole('button', { name: 'Suchen', exact: true }).click();
  await expect(page.locator('tbody')).toContainText(email);
  await shot(page, '48-de-admin-users');

  await page.getByRole('link', { name: 'Webhooks', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Webhooks', level: 1 })).toBeVisible();
  await shot(page, '49-de-admin-webhooks');
  await expect(page.getByRole('alert')).toHaveCount(0);
});
