import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, type Page } from '../api';
import type { Order } from '../checkout';
import { dateTime, money } from '../i18n';
import { CUSTOMER_CANCEL_REASON, eventText, eventTitle } from '../orderEvents';
import { apiQuery } from '../query';
import type { OrderEvent } from '../types';
import { Empty, ErrorBox, errorText, Loading, Pager, StatusBadge, statusText } from '../ui';

export function OrdersPage() {
  const { t } = useTranslation();
  const [page, setPage] = useState(0);
  const { data, error, isPending } = useQuery({
    ...apiQuery<Page<Order>>(['orders', 'mine', page], `/api/v1/orders?page=${page}&size=10&sort=createdAt,desc`),
    placeholderData: keepPreviousData,
  });
  return (
    <section>
      <h1>{t('My orders')}</h1>
      <ErrorBox message={errorText(error)} />
      {isPending && <Loading what={t('Loading your orders')} />}
      {data && data.content.length === 0 && <Empty>{t('You have no orders yet.')} <Link to="/">{t('Start shopping')}</Link>.</Empty>}
      {data && data.content.length > 0 && <OrderTable orders={data.content} />}
      {data && <Pager page={data.page.number} totalPages={data.page.totalPages} onPage={setPage} />}
    </section>
  );
}

/** The amount of an order: a rejected order reserved nothing and was not charged, so no $0.00. */
export function OrderTotal({ order }: { order: Order }) {
  const { t } = useTranslation();
  if (order.status === 'REJECTED') return <span className="muted">{t('not charged')}</span>;
  return <>{money(order.totalCents)}</>;
}

export function OrderTable({ orders, showUser = false, linkTo = (o) => `/orders/${o.id}`, actions }: {
  orders: Order[]; showUser?: boolean; linkTo?: (o: Order) => string; actions?: (o: Order) => ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <table>
      <thead><tr><th>{t('Order')}</th>{showUser && <th>{t('User')}</th>}<th>{t('Placed')}</th><th>{t('Status')}</th><th>{t('Items')}</th><th>{t('Total')}</th>
        {actions && <th>{t('Actions')}</th>}</tr></thead>
      <tbody>
        {orders.map((o) => (
          <tr key={o.id} data-order={o.id}>
            <td><Link to={linkTo(o)} aria-label={t('Order {{id}}', { id: o.id.slice(0, 8) })}>{o.id.slice(0, 8)}</Link></td>
            {showUser && <td>{o.userId}</td>}
            <td>{dateTime(o.createdAt)}</td>
            <td><StatusBadge status={o.status} /></td>
            <td>{o.items.reduce((n, i) => n + i.qty, 0)}</td>
            <td><OrderTotal order={o} /></td>
            {actions && <td>{actions(o)}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The lines, total and timeline of one order; `children` adds the viewer's actions. */
export function OrderView({ order, children }: { order: Order; children?: ReactNode }) {
  const { t } = useTranslation();
  const events = useQuery(apiQuery<OrderEvent[]>(['orders', order.id, 'events', order.status], `/api/v1/orders/${order.id}/events`));
  const rejected = order.status === 'REJECTED';
  return (
    <section>
      <h1>{t('Order {{id}}', { id: order.id.slice(0, 8) })} <StatusBadge status={order.status} /></h1>
      {rejected && <p className="warning">{t('This order was rejected: part of it was out of stock, or the store could not reserve it in time (see the timeline). Nothing was reserved and you were not charged.')}</p>}
      <table>
        <caption className="sr-only">{t('Order lines')}</caption>
        <thead><tr><th>{t('Item')}</th><th>{t('Quantity')}</th><th>{t('Unit price')}</th><th>{t('Line total')}</th></tr></thead>
        <tbody>
          {order.items.map((i) => (
            <tr key={i.sku}><td>{i.name ? <>{i.name}<br /><span className="muted">{i.sku}</span></> : i.sku}</td><td>{i.qty}</td>
              <td>{rejected ? '—' : money(i.unitPriceCents)}</td><td>{rejected ? '—' : money(i.lineTotalCents)}</td></tr>
          ))}
        </tbody>
      </table>
      <p className="total">{t('Total:')} <strong><OrderTotal order={order} /></strong></p>
      {children}
      <h2>{t('Timeline')}</h2>
      {events.isPending && <Loading what={t('Loading the timeline')} />}
      <ErrorBox message={errorText(events.error)} />
      {events.data && (
        <ol className="timeline" aria-label={t('Order timeline')}>
          {events.data.map((e) => (
            <li key={e.id} data-event={e.type}>
              <time dateTime={e.createdAt}>{dateTime(e.createdAt)}</time>
              <strong>{eventTitle(t, e)}</strong>
              <span>{eventText(t, e)}{e.newValue ? ` → ${statusText(t, e.newValue)}` : ''}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

export function useOrder(id: string) {
  return useQuery(apiQuery<Order>(['orders', id], `/api/v1/orders/${id}`));
}

/** After an order changed: its own query gets the answer, and every list, stat and stock view refetches. */
export function useOrderChanged() {
  const client = useQueryClient();
  return (order: Order) => {
    client.setQueryData(['orders', order.id], order);
    void client.invalidateQueries({ queryKey: ['orders'] });
    void client.invalidateQueries({ queryKey: ['inventory'] });
  };
}

export function OrderDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { data: order, error, isPending } = useOrder(id);
  const changed = useOrderChanged();
  const cancel = useMutation({
    mutationFn: () => api.post<Order>(`/api/v1/orders/${id}/cancel`, { reason: CUSTOMER_CANCEL_REASON }).then((r) => r.data),
    onSuccess: changed,
  });
  if (isPending) return <Loading what={t('Loading the order')} />;
  if (error || !order) return <ErrorBox message={errorText(error) ?? t('Order not found.')} />;
  return (
    <OrderView order={order}>
      {(order.status === 'PENDING' || order.status === 'CONFIRMED') && (
        <button type="button" className="secondary" onClick={() => cancel.mutate()} disabled={cancel.isPending}>
          {cancel.isPending ? t('Cancelling…') : t('Cancel order')}
        </button>
      )}
      <ErrorBox message={errorText(cancel.error)} />
    </OrderView>
  );
}
