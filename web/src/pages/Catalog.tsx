import { useState } from 'react';
import { api, money, type Page } from '../api';
import { useApp } from '../app-state';
import { addToCart } from '../cart';
import { useLoad } from '../hooks';
import type { Item } from '../types';
import { Empty, ErrorBox, Loading, Notice, Pager, StockBadge } from '../ui';

export function CatalogPage() {
  const { cart, setCart } = useApp();
  const [q, setQ] = useState('');
  const [query, setQuery] = useState('');
  const [inStock, setInStock] = useState(false);
  const [page, setPage] = useState(0);
  const [added, setAdded] = useState<string | null>(null);
  const params = new URLSearchParams({ page: String(page), size: '12', sort: 'name,asc' });
  if (query) params.set('q', query);
  if (inStock) params.set('inStock', 'true');
  const { data, error, loading } = useLoad(() => api.get<Page<Item>>(`/api/v1/inventory/items?${params}`).then((r) => r.data),
    [params.toString()]);
  return (
    <section>
      <h1>Catalog</h1>
      <form className="toolbar" role="search" onSubmit={(e) => { e.preventDefault(); setPage(0); setQuery(q.trim()); }}>
        <label htmlFor="catalog-q" className="sr-only">Search the catalog</label>
        <input id="catalog-q" type="search" placeholder="Search by name or SKU" value={q} onChange={(e) => setQ(e.target.value)} />
        <button type="submit">Search</button>
        <label className="inline"><input type="checkbox" checked={inStock} onChange={(e) => { setPage(0); setInStock(e.target.checked); }} /> In stock only</label>
      </form>
      {added && <Notice>Added {added} to your cart.</Notice>}
      <ErrorBox message={error} />
      {loading && <Loading what="Loading the catalog" />}
      {data && data.content.length === 0 && <Empty>No items match.</Empty>}
      {data && (
        <ul className="grid" aria-label="Items">
          {data.content.map((item) => (
            <li key={item.sku} className="card" data-sku={item.sku}>
              <h2>{item.name}</h2>
              <p className="muted">{item.sku}</p>
              {item.description && <p>{item.description}</p>}
              <p className="price">{money(item.priceCents)}</p>
              <StockBadge available={item.available} />
              <button type="button" disabled={item.available <= 0}
                onClick={() => { setCart(addToCart(cart, { sku: item.sku, name: item.name, priceCents: item.priceCents })); setAdded(item.name); }}
                aria-label={`Add ${item.name} to cart`}>Add to cart</button>
            </li>
          ))}
        </ul>
      )}
      {data && <Pager page={data.page.number} totalPages={data.page.totalPages} onPage={setPage} />}
    </section>
  );
}
