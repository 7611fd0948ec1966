import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, describe, type Page } from '../api';
import { dateTime, money } from '../i18n';
import { apiQuery } from '../query';
import type { Item, Movement } from '../types';
import { Empty, ErrorBox, errorText, Loading, Notice, Pager, StockBadge } from '../ui';
import { ItemsCsv } from './ItemsCsv';

export function AdminInventoryPage() {
  const { t } = useTranslation();
  const [page, setPage] = useState(0);
  const [q, setQ] = useState('');
  const [search, setSearch] = useState('');
  const [selected, setSelected] = useState<string | null>(null);
  const list = useQuery({
    ...apiQuery<Page<Item>>(['inventory', 'items', 'admin', page, search],
      `/api/v1/inventory/items?page=${page}&size=15&sort=sku,asc${search ? `&q=${encodeURIComponent(search)}` : ''}`),
    placeholderData: keepPreviousData,
  });
  return (
    <section>
      <h1>{t('Inventory')}</h1>
      <CreateItem />
      <ItemsCsv />
      <form className="toolbar" role="search" onSubmit={(e) => { e.preventDefault(); setPage(0); setSearch(q.trim()); }}>
        <label htmlFor="inv-q" className="sr-only">{t('Search items')}</label>
        <input id="inv-q" type="search" placeholder={t('Search by name or SKU')} value={q} onChange={(e) => setQ(e.target.value)} />
        <button type="submit">{t('Search')}</button>
      </form>
      <ErrorBox message={errorText(list.error)} />
      {list.isPending && <Loading />}
      {list.data && list.data.content.length === 0 && <Empty>{t('No items.')}</Empty>}
      {list.data && list.data.content.length > 0 && (
        <table>
          <thead><tr><th>{t('SKU')}</th><th>{t('Name')}</th><th>{t('Price')}</th><th>{t('Available')}</th><th>{t('Reserved')}</th><th>{t('Actions')}</th></tr></thead>
          <tbody>
            {list.data.content.map((i) => (
              <tr key={i.sku} data-sku={i.sku}>
                <td>{i.sku}</td><td>{i.name}</td><td>{money(i.priceCents)}</td><td><StockBadge available={i.available} /></td><td>{i.reserved}</td>
                <td><button type="button" onClick={() => setSelected(i.sku)} aria-label={t('Manage {{sku}}', { sku: i.sku })}>{t('Manage')}</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {list.data && <Pager page={list.data.page.number} totalPages={list.data.page.totalPages} onPage={setPage} />}
      {selected && <ManageItem key={selected} sku={selected} onArchived={() => setSelected(null)} />}
    </section>
  );
}

const EMPTY = { sku: '', name: '', description: '', price: '', available: '' };

function CreateItem() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [form, setForm] = useState(EMPTY);
  const create = useMutation({
    mutationFn: (f: typeof EMPTY) => api.post<Item>('/api/v1/inventory/items', {
      sku: f.sku.trim().toUpperCase(), name: f.name, description: f.description || undefined,
      priceCents: Math.round(Number(f.price) * 100), available: Number(f.available),
    }).then((r) => r.data),
    onSuccess: () => {
      setForm(EMPTY);
      void client.invalidateQueries({ queryKey: ['inventory'] });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(form);
  };
  const field = (name: keyof typeof EMPTY, label: string, type = 'text') => (
    <label>{label}<input name={name} type={type} required={name !== 'description'} value={form[name]} step={type === 'number' ? 'any' : undefined}
      onChange={(e) => setForm({ ...form, [name]: e.target.value })} /></label>
  );
  return (
    <details className="panel">
      <summary>{t('New item')}</summary>
      <form onSubmit={submit} className="form-grid">
        {field('sku', t('SKU'))}{field('name', t('Name'))}{field('description', t('Description'))}
        {field('price', t('Price (USD)'), 'number')}{field('available', t('Initial stock'), 'number')}
        <button type="submit" disabled={create.isPending}>{t('Create')}</button>
      </form>
      <ErrorBox message={errorText(create.error)} />
      {create.data && <Notice>{t('Created {{sku}}.', { sku: create.data.sku })}</Notice>}
    </details>
  );
}

function ManageItem({ sku, onArchived }: { sku: string; onArchived: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const item = useQuery({
    queryKey: ['inventory', 'item', sku],
    queryFn: async ({ signal }) => {
      const r = await api.get<Item>(`/api/v1/inventory/items/${sku}`, {}, signal);
      return { item: r.data, etag: r.headers.get('ETag') ?? `"${r.data.version}"` };
    },
    staleTime: 0,
  });
  const movements = useQuery(apiQuery<Page<Movement>>(['inventory', 'movements', sku, item.data?.etag],
    `/api/v1/inventory/items/${sku}/movements?size=10`));
  const [name, setName] = useState<string | null>(null);
  const [price, setPrice] = useState<string | null>(null);
  const [delta, setDelta] = useState('');
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const panel = useRef<HTMLDivElement>(null);
  const loaded = item.data !== undefined;
  useEffect(() => {
    if (loaded) panel.current?.scrollIntoView?.({ block: 'start' });
  }, [loaded]);
  const changed = () => client.invalidateQueries({ queryKey: ['inventory'] });

  const save = useMutation({
    mutationFn: (etag: string) => api.patch(`/api/v1/inventory/items/${sku}`, {
      name: name ?? undefined, priceCents: price === null ? undefined : Math.round(Number(price) * 100),
    }, { 'If-Match': etag }),
    onMutate: () => setError(null),
    onSuccess: () => {
      setMessage(t('Saved.'));
      void changed();
    },
    onError: (err) => {
      if (err instanceof ApiError && err.status === 412) {
        // what was typed stays; the item is reloaded so the next save carries the fresh ETag
        setError(t('Someone else changed this item since you opened it. It has been reloaded: check the values and save again.'));
        void changed();
      } else {
        setError(describe(err));
      }
    },
  });
  const adjust = useMutation({
    mutationFn: () => api.post(`/api/v1/inventory/items/${sku}/adjustments`, { delta: Number(delta), reason }),
    onMutate: () => setError(null),
    onSuccess: () => {
      setMessage(t('Stock adjusted by {{delta}}.', { delta }));
      setDelta('');
      setReason('');
      void changed();
    },
    onError: (err) => setError(describe(err)),
  });
  const archive = useMutation({
    mutationFn: () => api.del(`/api/v1/inventory/items/${sku}`),
    onMutate: () => setError(null),
    onSuccess: () => {
      void changed();
      onArchived();
    },
    onError: (err) => {
      setConfirming(false);
      setError(describe(err));
    },
  });
  if (item.isPending) return <Loading />;
  if (!item.data) return <ErrorBox message={errorText(item.error)} />;
  const current = item.data.item;
  const etag = item.data.etag;
  return (
    <div className="panel" role="region" aria-label={t('Manage {{sku}}', { sku })} ref={panel}>
      <h2>{current.name} ({sku})</h2>
      <p>{t('Available {{available}}, reserved {{reserved}}, version {{version}}.', { available: current.available, reserved: current.reserved, version: current.version })}</p>
      <form onSubmit={(e) => { e.preventDefault(); save.mutate(etag); }} className="form-grid">
        <label>{t('Name')}<input value={name ?? current.name} onChange={(e) => setName(e.target.value)} /></label>
        <label>{t('Price (USD)')}<input type="number" step="0.01" min="0" value={price ?? (current.priceCents / 100).toFixed(2)} onChange={(e) => setPrice(e.target.value)} /></label>
        <button type="submit" disabled={save.isPending}>{t('Save')}</button>
      </form>
      <form onSubmit={(e) => { e.preventDefault(); adjust.mutate(); }} className="form-grid" aria-label={t('Adjust stock')}>
        <label>{t('Adjust stock by')}<input name="delta" type="number" required value={delta} onChange={(e) => setDelta(e.target.value)} /></label>
        <label>{t('Reason')}<input name="reason" required maxLength={200} value={reason} onChange={(e) => setReason(e.target.value)} /></label>
        <button type="submit" disabled={adjust.isPending}>{t('Adjust')}</button>
      </form>
      <ErrorBox message={error} />
      {message && <Notice>{message}</Notice>}
      {!confirming ? (
        <button type="button" className="secondary" onClick={() => setConfirming(true)}>{t('Archive…')}</button>
      ) : (
        <div className="warning" role="group" aria-label={t('Confirm archiving')}>
          <p>{t('Archive {{sku}}? It leaves the catalog and can no longer be ordered. Its history is kept.', { sku })}</p>
          <button type="button" onClick={() => archive.mutate()} disabled={archive.isPending} autoFocus>{t('Archive {{sku}}', { sku })}</button>{' '}
          <button type="button" className="secondary" onClick={() => setConfirming(false)}>{t('Keep it')}</button>
        </div>
      )}
      <h3>{t('Movements')}</h3>
      {movements.data && movements.data.content.length === 0 && <Empty>{t('No movements yet.')}</Empty>}
      {movements.data && movements.data.content.length > 0 && (
        <table><thead><tr><th>{t('When')}</th><th>{t('Kind')}</th><th>{t('Delta')}</th><th>{t('Reason')}</th><th>{t('By')}</th></tr></thead>
          <tbody>{movements.data.content.map((m) => (
            <tr key={m.id}><td>{dateTime(m.createdAt)}</td><td>{m.kind}</td><td>{m.delta > 0 ? `+${m.delta}` : m.delta}</td><td>{m.reason}</td>
              <td>{m.actorId ? t('user {{id}}', { id: m.actorId }) : m.orderId ? t('order {{id}}', { id: m.orderId.slice(0, 8) }) : ''}</td></tr>
          ))}</tbody></table>
      )}
    </div>
  );
}
