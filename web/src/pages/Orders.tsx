import { useState } from 'react';
import { api, money, type Page } from '../api';
import type { Order } from '../checkout';
import { useAction, useLoad } from '../hooks';
import { Link } from '../router';
import type { OrderEvent } from '../types';
import { Empty, ErrorBox, Loading, Pager, StatusBadge } from '../ui';

export function OrdersPage() {
  const [page, setPage] = useState(0);
  const { data, error, loading } = useLoad(
    () => api.get<Page<Order>>(`/api/v1/orders?page=${page}&size=10&sort=createdAt,desc`).then((r) => r.data), [page]);
  return (
    <section>
      <h1>My orders</h1>
      <ErrorBox message={error} />
      {loading && <Loading what="Loading your orders" />}
      {data && data.content.length === 0 && <Empty>You have no orders yet. <Link href="/">Start shopping</Link>.</Empty>}
      {data && data.content.length > 0 && <OrderTable orders={data.content} />}
      {data && <Pager page={data.page.number} totalPages={data.page.totalPages} onPage={setPage} />}
    </section>
  );
}

export function OrderTable({ orders, showUser = false }: { orders: Order[]; showUser?: boolean }) {
  return (
    <table>
      <thead><tr><th>Order</th>{showUser && <th>User</th>}<th>Placed</th><th>Status</th><th>Items</th><th>Total</th></tr></thead>
      <tbody>
        {orders.map((o) => (
          <tr key={o.id} data-order={o.id}>
            <td><Link href={`/orders/${o.id}`}>{o.id.slice(0, 8)}</Link></td>
            {showUser && <td>{o.userId}</td>}
            <td>{new Date(o.createdAt).toLocaleString()}</td>
            <td><StatusBadge status={o.status} /></td>
            <td>{o.items.reduce((n, i) => n + i.qty, 0)}</td>
            <td>{money(o.totalCents)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function OrderDetailPage({ id }: { id: string }) {
  const { data: order, error, loading, setData } = useLoad(() => api.get<Order>(`/api/v1/orders/${id}`).then((r) => r.data), [id]);
  const events = useLoad(() => api.get<OrderEvent[]>(`/api/v1/orders/${id}/events`).then((r) => r.data), [id, order?.status]);
  const { error: actionError, busy, run } = useAction();
  const cancel = () => run(async () => {
    setData((await api.post<Order>(`/api/v1/orders/${id}/cancel`, { reason: 'cancelled by the customer' })).data);
  });
  if (loading) return <Loading what="Loading the order" />;
  if (error || !order) return <ErrorBox message={error ?? 'Order not found.'} />;
  return (
    <section>
      <h1>Order {order.id.slice(0, 8)} <StatusBadge status={order.status} /></h1>
      <table>
        <thead><tr><th>Item</th><th>Quantity</th><th>Unit price</th><th>Line total</th></tr></thead>
        <tbody>
          {order.items.map((i) => (
            <tr key={i.sku}><td>{i.name ?? i.sku}<br /><span className="muted">{i.sku}</span></td><td>{i.qty}</td><td>{money(i.unitPriceCents)}</td><td>{money(i.lineTotalCents)}</td></tr>
          ))}
        </tbody>
      </table>
      <p className="total">Total: <strong>{money(order.totalCents)}</strong></p>
      {(order.status === 'PENDING' || order.status === 'CONFIRMED') && (
        <button type="button" className="secondary" onClick={cancel} disabled={busy}>{busy ? 'Cancelling…' : 'Cancel order'}</button>
      )}
      <ErrorBox message={actionError} />
      <h2>Timeline</h2>
      {events.loading && <Loading what="Loading the timeline" />}
      <ErrorBox message={events.error} />
      {events.data && (
        <ol className="timeline" aria-label="Order timeline">
          {events.data.map((e) => (
            <li key={e.id} data-event={e.type}>
              <time dateTime={e.createdAt}>{new Date(e.createdAt).toLocaleString()}</time>
              <strong>{e.type.replace(/_/g, ' ').toLowerCase()}</strong>
              <span>{e.description}{e.newValue ? ` → ${e.newValue}` : ''}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
