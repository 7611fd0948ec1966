import AxeBuilder from '@axe-core/playwright';
import { expect, type APIRequestContext, type Page } from '@playwright/test';

export const ADMIN_EMAIL = process.env.E2E_ADMIN_EMAIL ?? 'admin@orderfleet.local';
export const ADMIN_PASSWORD = process.env.E2E_ADMIN_PASSWORD ?? '';
export const DEMO_SHOPPER_EMAIL = process.env.E2E_SHOPPER_EMAIL ?? 'shopper@orderfleet.local';
export const DEMO_SHOPPER_PASSWORD = process.env.E2E_SHOPPER_PASSWORD ?? '';
export const SHOTS = 'e2e-screenshots';

/** Saves the screen to e2e-screenshots/ and checks it with axe: no serious or critical violation. */
export async function shot(page: Page, name: string) {
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  await accessible(page, name);
}

/** axe-core on the current screen (WCAG 2.x A and AA rules): serious and critical violations fail the test. */
export async function accessible(page: Page, screen: string) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = bad.map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')})`);
  expect(report, `accessibility of ${screen}`).toEqual([]);
}

/** A unique suffix per run, so a suite can run against a fleet that already has data. */
export const RUN = Date.now().toString(36).toUpperCase();

export async function apiToken(request: APIRequestContext, email: string, password: string): Promise<string> {
  const r = await request.post('/api/v1/auth/login', { data: { email, password } });
  expect(r.status(), `login of ${email}`).toBe(200);
  return ((await r.json()) as { accessToken: string }).accessToken;
}

/** Creates an item through the API as the admin (each scenario owns its SKU). */
export async function createItem(request: APIRequestContext, adminToken: string, sku: string, name: string,
  priceCents: number, available: number) {
  const r = await request.post('/api/v1/inventory/items', {
    headers: { Authorization: `Bearer ${adminToken}` },
    data: { sku, name, description: 'Made by the end-to-end suite', priceCents, available },
  });
  expect(r.status(), await r.text()).toBe(201);
}

export async function item(request: APIRequestContext, token: string, sku: string) {
  const r = await request.get(`/api/v1/inventory/items/${sku}`, { headers: { Authorization: `Bearer ${token}` } });
  expect(r.status()).toBe(200);
  return r.json() as Promise<{ sku: string; available: number; reserved: number }>;
}

export async function registerInUi(page: Page, name: string, email: string, password: string) {
  await page.goto('/register');
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel(/^Password/).fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { name: 'Catalog' })).toBeVisible();
}

export async function loginInUi(page: Page, email: string, password: string, catalogHeading = 'Catalog') {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('heading', { name: catalogHeading })).toBeVisible();
}

/** Registers a shopper through the API; gives their token. */
export async function registerViaApi(request: APIRequestContext, name: string, email: string, password: string): Promise<string> {
  const r = await request.post('/api/v1/auth/register', { data: { name, email, password } });
  expect(r.status(), await r.text()).toBe(201);
  return ((await r.json()) as { accessToken: string }).accessToken;
}

export async function searchCatalog(page: Page, text: string) {
  await page.getByRole('link', { name: 'Catalog' }).click();
  await page.getByLabel('Search the catalog').fill(text);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
}

/** Places an order through the API (as the demo shopper) for one unit of an item that is in stock. */
export async function placeOrderViaApi(request: APIRequestContext, token: string): Promise<string> {
  const auth = { Authorization: `Bearer ${token}` };
  const items = await (await request.get('/api/v1/inventory/items?inStock=true&size=1', { headers: auth })).json();
  const sku = items.content[0].sku as string;
  const r = await request.post('/api/v1/orders', {
    headers: { ...auth, 'Idempotency-Key': `e2e-${RUN}-${sku}-${crypto.randomUUID()}` }, data: { items: [{ sku, qty: 1 }] },
  });
  expect(r.status(), await r.text()).toBe(201);
  return (await r.json()).id;
}
