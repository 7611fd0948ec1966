import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api, ApiError, describe, money, type Page } from '../api';
import { useAction, useLoad } from '../hooks';
import type { Item, Movement } from '../types';
import { Empty, ErrorBox, Loading, Notice, Pager, StockBadge } from '../ui';

export function AdminInventoryPage() {
  const [page, setPage] = useState(0);
  const [q, setQ] = useState('');
  const [search, setSearch] = useState('');
  const [selected, setSelected] = useState<string | null>(null);
  const list = useLoad(() => api.get<Page<Item>>(`/api/v1/inventory/items?page=${page}&size=15&sort=sku,asc${search ? `&q=${encodeURIComponent(search)}` : ''}`)
    .then((r) => r.data), [page, search]);
  return (
    <section>
      <h1>Inventory</h1>
      <CreateItem onCreated={list.reload} />
      <form className="toolbar" role="search" onSubmit={(e) => { e.preventDefault(); setPage(0); setSearch(q.trim()); }}>
        <label htmlFor="inv-q" className="sr-only">Search items</label>
        <input id="inv-q" type="search" placeholder="Search by name or SKU" value={q} onChange={(e) => setQ(e.target.value)} />
        <button type="submit">Search</button>
      </form>
      <ErrorBox message={list.error} />
      {list.loading && <Loading />}
      {list.data && list.data.content.length === 0 && <Empty>No items.</Empty>}
      {list.data && (
        <table>
          <thead><tr><th>SKU</th><th>Name</th><th>Price</th><th>Available</th><th>Reserved</th><th /></tr></thead>
          <tbody>
            {list.data.content.map((i) => (
              <tr key={i.sku} data-sku={i.sku}>
                <td>{i.sku}</td><td>{i.name}</td><td>{money(i.priceCents)}</td><td><StockBadge available={i.available} /></td><td>{i.reserved}</td>
                <td><button type="button" onClick={() => setSelected(i.sku)} aria-label={`Manage ${i.sku}`}>Manage</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {list.data && <Pager page={list.data.page.number} totalPages={list.data.page.totalPages} onPage={setPage} />}
      {selected && <ManageItem key={selected} sku={selected} onChanged={list.reload} />}
    </section>
  );
}

function CreateItem({ onCreated }: { onCreated: () => void }) {
  const [form, setForm] = useState({ sku: '', name: '', description: '', price: '', available: '' });
  const { error, run } = useAction();
  const [done, setDone] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    run(async () => {
      await api.post('/api/v1/inventory/items', {
        sku: form.sku.trim().toUpperCase(), name: form.name, description: form.description || undefined,
        priceCents: Math.round(Number(form.price) * 100), available: Number(form.available),
      });
      setDone(`Created ${form.sku.toUpperCase()}.`);
      setForm({ sku: '', name: '', description: '', price: '', available: '' });
      onCreated();
    });
  };
  const field = (name: keyof typeof form, label: string, type = 'text') => (
    <label>{label}<input name={name} type={type} required={name !== 'description'} value={form[name]} step={type === 'number' ? 'any' : undefined}
      onChange={(e) => setForm({ ...form, [name]: e.target.value })} /></label>
  );
  return (
    <details className="panel">
      <summary>New item</summary>
      <form onSubmit={submit} className="form-grid">
        {field('sku', 'SKU')}{field('name', 'Name')}{field('description', 'Description')}
        {field('price', 'Price (USD)', 'number')}{field('available', 'Initial stock', 'number')}
        <button type="submit">Create</button>
      </form>
      <ErrorBox message={error} />
      {done && <Notice>{done}</Notice>}
    </details>
  );
}

function ManageItem({ sku, onChanged }: { sku: string; onChanged: () => void }) {
  const item = useLoad(async () => {
    const r = await api.get<Item>(`/api/v1/inventory/items/${sku}`);
    return { item: r.data, etag: r.headers.get('ETag') ?? `"${r.data.version}"` };
  }, [sku]);
  const movements = useLoad(() => api.get<Page<Movement>>(`/api/v1/inventory/items/${sku}/movements?size=10`).then((r) => r.data), [sku, item.data?.etag]);
  const [name, setName] = useState<string | null>(null);
  const [price, setPrice] = useState<string | null>(null);
  const [delta, setDelta] = useState('');
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const panel = useRef<HTMLDivElement>(null);
  const loaded = item.data !== null;
  useEffect(() => {
    if (loaded) panel.current?.scrollIntoView?.({ block: 'start' });
  }, [loaded]);
  const [error, setError] = useState<string | null>(null);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!item.data) return;
    setError(null);
    try {
      await api.patch(`/api/v1/inventory/items/${sku}`, {
        name: name ?? undefined, priceCents: price === null ? undefined : Math.round(Number(price) * 100),
      }, { 'If-Match': item.data.etag });
      setMessage('Saved.');
      item.reload();
      onChanged();
    } catch (err) {
      setError(err instanceof ApiError && err.status === 412
        ? 'Someone else changed this item since you opened it. It has been reloaded: check the values and save again.'
        : describe(err));
      if (err instanceof ApiError && err.status === 412) item.reload();
    }
  };
  const adjust = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await api.post(`/api/v1/inventory/items/${sku}/adjustments`, { delta: Number(delta), reason });
      setMessage(`Stock adjusted by ${delta}.`);
      setDelta('');
      setReason('');
      item.reload();
      onChanged();
    } catch (err) {
      setError(describe(err));
    }
  };
  if (item.loading && !item.data) return <Loading />;
  if (!item.data) return <ErrorBox message={item.error} />;
  const current = item.data.item;
  return (
    <div className="panel" role="region" aria-label={`Manage ${sku}`} ref={panel}>
      <h2>{current.name} ({sku})</h2>
      <p>Available {current.available}, reserved {current.reserved}, version {current.version}.</p>
      <form onSubmit={save} className="form-grid">
        <label>Name<input value={name ?? current.name} onChange={(e) => setName(e.target.value)} /></label>
        <label>Price (USD)<input type="number" step="0.01" min="0" value={price ?? (current.priceCents / 100).toFixed(2)} onChange={(e) => setPrice(e.target.value)} /></label>
        <button type="submit">Save</button>
      </form>
      <form onSubmit={adjust} className="form-grid" aria-label="Adjust stock">
        <label>Adjust stock by<input name="delta" type="number" required value={delta} onChange={(e) => setDelta(e.target.value)} /></label>
        <label>Reason<input name="reason" required maxLength={200} value={reason} onChange={(e) => setReason(e.target.value)} /></label>
        <button type="submit">Adjust</button>
      </form>
      <ErrorBox message={error} />
      {message && <Notice>{message}</Notice>}
      <h3>Movements</h3>
      {movements.data && movements.data.content.length === 0 && <Empty>No movements yet.</Empty>}
      {movements.data && movements.data.content.length > 0 && (
        <table><thead><tr><th>When</th><th>Kind</th><th>Delta</th><th>Reason</th><th>By</th></tr></thead>
          <tbody>{movements.data.content.map((m) => (
            <tr key={m.id}><td>{new Date(m.createdAt).toLocaleString()}</td><td>{m.kind}</td><td>{m.delta > 0 ? `+${m.delta}` : m.delta}</td><td>{m.reason}</td><td>{m.actorId ? `user ${m.actorId}` : m.orderId ? `order ${m.orderId.slice(0, 8)}` : ''}</td></tr>
          ))}</tbody></table>
      )}
    </div>
  );
}
