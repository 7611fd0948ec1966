import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { api } from '../src/api';
import { AdminInventoryPage } from '../src/admin/Inventory';
import { CatalogPage } from '../src/pages/Catalog';
import { json, session } from './fakeServer';
import { renderScreen } from './render';
import { routes } from './routes';

const page = (content: unknown[]) => ({ content, page: { number: 0, size: 12, totalElements: content.length, totalPages: 1 } });
const item = (sku: string, available: number, extra: object = {}) => ({
  sku, name: `Item ${sku}`, description: null, priceCents: 1999, available, reserved: 0, createdAt: '', updatedAt: '', version: 3, ...extra,
});

const renderWithApp = (ui: React.ReactElement) => renderScreen(ui);

async function signIn() {
  vi.stubGlobal('fetch', routes({ 'POST /api/v1/auth/login': () => json(200, session(1)) }).fetch);
  await api.login('a@b.c', 'pw-123456');
}

beforeEach(signIn);
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('the catalog', () => {
  it('shows a stock badge per item and disables adding what is out of stock', async () => {
    vi.stubGlobal('fetch', routes({ 'GET /api/v1/inventory/items': () => json(200, page([item('A-1', 0), item('B-1', 5), item('C-1', 50)])) }).fetch);
    renderWithApp(<CatalogPage />);

    const cards = await screen.findAllByRole('listitem');
    expect(cards.map((c) => within(c).getByText(/stock|left/i).textContent)).toEqual(['Out of stock', 'Only 5 left', 'In stock (50)']);
    expect(within(cards[0]).getByRole('button', { name: /Add/ })).toBeDisabled();
    expect(within(cards[2]).getByRole('button', { name: /Add/ })).toBeEnabled();
    expect(within(cards[1]).getByText('$19.99')).toBeInTheDocument();
  });

  it('searches with the typed text from the first page, and says when nothing matches', async () => {
    const net = routes({ 'GET /api/v1/inventory/items': [() => json(200, page([item('A-1', 3)])), () => json(200, page([]))] });
    vi.stubGlobal('fetch', net.fetch);
    renderWithApp(<CatalogPage />);
    await screen.findAllByRole('listitem');

    fireEvent.change(screen.getByLabelText('Search the catalog'), { target: { value: ' zebra ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));

    expect(await screen.findByText('No items match.')).toBeInTheDocument();
    const last = new URL(net.requests.at(-1)!.url, 'http://x');
    expect(last.searchParams.get('q')).toBe('zebra');
    expect(last.searchParams.get('page')).toBe('0');
  });

  it('shows the problem detail when the catalog cannot be loaded', async () => {
    vi.stubGlobal('fetch', routes({ 'GET /api/v1/inventory/items': () => json(503, { status: 503, detail: 'Inventory is unavailable right now.' }, { 'Retry-After': '5' }) }).fetch);
    renderWithApp(<CatalogPage />);

    expect(await screen.findByRole('alert')).toHaveTextContent('Inventory is unavailable right now.');
  });
});

describe('the inventory screen', () => {
  it('sends the ETag as If-Match and, on 412, explains the conflict and saves with the fresh ETag', async () => {
    const versions = [item('KB-1', 7, { version: 3 }), item('KB-1', 7, { version: 4, priceCents: 2500 })];
    let current = 0;
    const net = routes({
      'GET /api/v1/inventory/items': () => json(200, page([versions[0]])),
      'GET /api/v1/inventory/items/KB-1': () => json(200, versions[current], { ETag: `"${versions[current].version}"` }),
      'GET /api/v1/inventory/items/KB-1/movements': () => json(200, page([])),
      'PATCH /api/v1/inventory/items/KB-1': [
        () => { current = 1; return json(412, { status: 412, detail: 'stale' }); },
        (req) => json(200, { ...versions[1], name: (req.body as { name: string }).name }),
      ],
    });
    vi.stubGlobal('fetch', net.fetch);
    renderWithApp(<AdminInventoryPage />);
    fireEvent.click(await screen.findByRole('button', { name: 'Manage KB-1' }));
    const panel = await screen.findByRole('region', { name: 'Manage KB-1' });
    const name = await within(panel).findByLabelText('Name');

    fireEvent.change(name, { target: { value: 'Keyboard, renamed' } });
    fireEvent.click(within(panel).getByRole('button', { name: 'Save' }));

    expect(await within(panel).findByRole('alert')).toHaveTextContent('Someone else changed this item');
    await waitFor(() => expect(within(panel).getByLabelText('Price (USD)')).toHaveValue(25));
    expect(within(panel).getByLabelText('Name')).toHaveValue('Keyboard, renamed');

    fireEvent.click(within(panel).getByRole('button', { name: 'Save' }));
    expect(await within(panel).findByText('Saved.')).toBeInTheDocument();
    const patches = net.requests.filter((r) => r.method === 'PATCH');
    expect(patches.map((p) => p.headers['If-Match'])).toEqual(['"3"', '"4"']);
    expect(patches[1].body).toEqual({ name: 'Keyboard, renamed' });
  });

  it('adjusts stock with a signed delta and a reason', async () => {
    const net = routes({
      'GET /api/v1/inventory/items': () => json(200, page([item('KB-1', 7)])),
      'GET /api/v1/inventory/items/KB-1': () => json(200, item('KB-1', 7), { ETag: '"3"' }),
      'GET /api/v1/inventory/items/KB-1/movements': () => json(200, page([])),
      'POST /api/v1/inventory/items/KB-1/adjustments': () => json(200, item('KB-1', 4)),
    });
    vi.stubGlobal('fetch', net.fetch);
    renderWithApp(<AdminInventoryPage />);
    fireEvent.click(await screen.findByRole('button', { name: 'Manage KB-1' }));
    const panel = await screen.findByRole('region', { name: 'Manage KB-1' });

    fireEvent.change(within(panel).getByLabelText('Adjust stock by'), { target: { value: '-3' } });
    fireEvent.change(within(panel).getByLabelText('Reason'), { target: { value: 'damaged in transit' } });
    fireEvent.click(within(panel).getByRole('button', { name: 'Adjust' }));

    expect(await within(panel).findByText('Stock adjusted by -3.')).toBeInTheDocument();
    expect(net.requests.find((r) => r.method === 'POST')?.body).toEqual({ delta: -3, reason: 'damaged in transit' });
  });
});
