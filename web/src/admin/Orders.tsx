import { useState } from 'react';
import { api, money, type Page } from '../api';
import type { Order } from '../checkout';
import { useAction, useLoad } from '../hooks';
import { Link } from '../router';
import { Empty, ErrorBox, Loading, Pager, StatusBadge } from '../ui';

const NEXT: Record<string, string[]> = { PENDING: ['CONFIRMED', 'REJECTED', 'CANCELLED'], CONFIRMED: ['SHIPPED', 'CANCELLED'], SHIPPED: ['DELIVERED', 'CANCELLED'] };

export function AdminOrdersPage() {
  const [page, setPage] = useState(0);
  const [status, setStatus] = useState('');
  const [userId, setUserId] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const { error, run } = useAction();
  const params = new URLSearchParams({ page: String(page), size: '20', sort: 'createdAt,desc' });
  if (status) params.set('status', status);
  if (userId) params.set('userId', userId);
  if (from) params.set('from', from);
  if (to) params.set('to', nextDay(to)); // the picked day is included
  const list = useLoad(() => api.get<Page<Order>>(`/api/v1/orders?${params}`).then((r) => r.data), [params.toString()]);
  const move = (order: Order, to: string) => run(async () => {
    if (to === 'CANCELLED') await api.post(`/api/v1/orders/${order.id}/cancel`, { reason: 'by an administrator' });
    else await api.post(`/api/v1/orders/${order.id}/status`, { status: to });
    list.reload();
  });
  return (
    <section>
      <h1>All orders</h1>
      <div className="toolbar">
        <label>Status <select value={status} onChange={(e) => { setPage(0); setStatus(e.target.value); }}>
          <option value="">Any</option>
          {['PENDING', 'CONFIRMED', 'SHIPPED', 'DELIVERED', 'REJECTED', 'CANCELLED'].map((s) => <option key={s}>{s}</option>)}
        </select></label>
        <label>User id <input type="number" min={1} value={userId} onChange={(e) => { setPage(0); setUserId(e.target.value); }} /></label>
        <label>From <input type="date" value={from} onChange={(e) => { setPage(0); setFrom(e.target.value); }} /></label>
        <label>To <input type="date" value={to} onChange={(e) => { setPage(0); setTo(e.target.value); }} /></label>
      </div>
      <ErrorBox message={error ?? list.error} />
      {list.loading && <Loading />}
      {list.data && list.data.content.length === 0 && <Empty>No orders match.</Empty>}
      {list.data && list.data.content.length > 0 && (
        <table>
          <thead><tr><th>Order</th><th>User</th><th>Placed</th><th>Status</th><th>Total</th><th>Move to</th></tr></thead>
          <tbody>{list.data.content.map((o) => (
            <tr key={o.id} data-order={o.id}>
              <td><Link href={`/orders/${o.id}`}>{o.id.slice(0, 8)}</Link></td><td>{o.userId}</td>
              <td>{new Date(o.createdAt).toLocaleString()}</td><td><StatusBadge status={o.status} /></td><td>{money(o.totalCents)}</td>
              <td>{(NEXT[o.status] ?? []).map((s) => <button key={s} type="button" onClick={() => move(o, s)}>{s.toLowerCase()}</button>)}</td>
            </tr>
          ))}</tbody>
        </table>
      )}
      {list.data && <Pager page={list.data.page.number} totalPages={list.data.page.totalPages} onPage={setPage} />}
    </section>
  );
}

function nextDay(isoDate: string): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
