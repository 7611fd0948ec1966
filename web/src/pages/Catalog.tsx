import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Page } from '../api';
import { useApp } from '../app-state';
import { addToCart } from '../cart';
import { money } from '../i18n';
import { apiQuery } from '../query';
import type { Item } from '../types';
import { Empty, ErrorBox, errorText, Loading, Notice, Pager, StockBadge } from '../ui';

export function CatalogPage() {
  const { t } = useTranslation();
  const { cart, setCart } = useApp();
  const [q, setQ] = useState('');
  const [query, setQuery] = useState('');
  const [inStock, setInStock] = useState(false);
  const [page, setPage] = useState(0);
  const [added, setAdded] = useState<string | null>(null);
  const params = new URLSearchParams({ page: String(page), size: '12', sort: 'name,asc' });
  if (query) params.set('q', query);
  if (inStock) params.set('inStock', 'true');
  // a newer search aborts the older request, so a late answer can never replace a newer one
  const { data, error, isPending } = useQuery({
    ...apiQuery<Page<Item>>(['inventory', 'items', params.toString()], `/api/v1/inventory/items?${params}`),
    placeholderData: keepPreviousData,
  });
  return (
    <section>
      <h1>{t('Catalog')}</h1>
      <form className="toolbar" role="search" onSubmit={(e) => { e.preventDefault(); setPage(0); setQuery(q.trim()); }}>
        <label htmlFor="catalog-q" className="sr-only">{t('Search the catalog')}</label>
        <input id="catalog-q" type="search" placeholder={t('Search by name or SKU')} value={q} onChange={(e) => setQ(e.target.value)} />
        <button type="submit">{t('Search')}</button>
        <label className="inline"><input type="checkbox" checked={inStock} onChange={(e) => { setPage(0); setInStock(e.target.checked); }} /> {t('In stock only')}</label>
      </form>
      {added && <Notice>{t('Added {{name}} to your cart.', { name: added })}</Notice>}
      <ErrorBox message={errorText(error)} />
      {isPending && <Loading what={t('Loading the catalog')} />}
      {data && data.content.length === 0 && <Empty>{t('No items match.')}</Empty>}
      {data && (
        <ul className="grid" aria-label={t('Items')}>
          {data.content.map((item) => (
            <li key={item.sku} className="card" data-sku={item.sku}>
              <h2>{item.name}</h2>
              <p className="muted">{item.sku}</p>
              {item.description && <p>{item.description}</p>}
              <p className="price">{money(item.priceCents)}</p>
              <StockBadge available={item.available} />
              <button type="button" disabled={item.available <= 0}
                onClick={() => { setCart(addToCart(cart, { sku: item.sku, name: item.name, priceCents: item.priceCents })); setAdded(item.name); }}
                aria-label={t('Add {{name}} to cart', { name: item.name })}>{t('Add to cart')}</button>
            </li>
          ))}
        </ul>
      )}
      {data && <Pager page={data.page.number} totalPages={data.page.totalPages} onPage={setPage} />}
    </section>
  );
}
