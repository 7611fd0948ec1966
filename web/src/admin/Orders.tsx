import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, type AdminUser, type Page } from '../api';
import type { Order } from '../checkout';
import { dateTime, money, number } from '../i18n';
import { ADMIN_CANCEL_REASON } from '../orderEvents';
import { apiQuery } from '../query';
import { OrderTable, OrderView, useOrder, useOrderChanged } from '../pages/Orders';
import { Empty, ErrorBox, errorText, Loading, Notice, Pager } from '../ui';
import { download, fetchAll, toCsv } from './csv';

// What an operator may do next. Only the saga moves an order out of PENDING (to CONFIRMED or
// REJECTED); an operator can only cancel it then.
const NEXT: Record<string, string[]> = { PENDING: ['CANCELLED'], CONFIRMED: ['SHIPPED', 'CANCELLED'], SHIPPED: ['DELIVERED', 'CANCELLED'] };
const MOVE_LABELS: Record<string, string> = { CANCELLED: 'cancel', SHIPPED: 'ship', DELIVERED: 'deliver' };
const STATUSES = ['PENDING', 'CONFIRMED', 'SHIPPED', 'DELIVERED', 'REJECTED', 'CANCELLED'];

function useMove() {
  const changed = useOrderChanged();
  return useMutation({
    mutationFn: ({ order, to }: { order: Order; to: string }) => (to === 'CANCELLED'
      ? api.post<Order>(`/api/v1/orders/${order.id}/cancel`, { reason: ADMIN_CANCEL_REASON })
      : api.post<Order>(`/api/v1/orders/${order.id}/status`, { status: to })).then((r) => r.data),
    onSuccess: changed,
  });
}

function MoveButtons({ order, move }: { order: Order; move: ReturnType<typeof useMove> }) {
  const { t } = useTranslation();
  return (
    <>
      {(NEXT[order.status] ?? []).map((s) => (
        <button key={s} type="button" disabled={move.isPending} onClick={() => move.mutate({ order, to: s })}
          aria-label={t('{{move}} order {{id}}', { move: t(MOVE_LABELS[s]), id: order.id.slice(0, 8) })}>{t(MOVE_LABELS[s])}</button>
      ))}
    </>
  );
}

export function AdminOrdersPage() {
  const { t } = useTranslation();
  const [page, setPage] = useState(0);
  const [status, setStatus] = useState('');
  const [userId, setUserId] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const move = useMove();
  const filters = new URLSearchParams({ sort: 'createdAt,desc' });
  if (status) filters.set('status', status);
  if (userId) filters.set('userId', userId);
  if (from) filters.set('from', from);
  if (to) filters.set('to', nextDay(to)); // the picked day is included
  const params = new URLSearchParams(filters);
  params.set('page', String(page));
  params.set('size', '20');
  const list = useQuery({
    ...apiQuery<Page<Order>>(['orders', 'all', params.toString()], `/api/v1/orders?${params}`),
    placeholderData: keepPreviousData,
  });
  const exportCsv = useMutation({
    mutationFn: async () => {
      const orders = await fetchAll<Order>('/api/v1/orders', new URLSearchParams(filters));
      download('orders.csv', toCsv(['id', 'userId', 'status', 'createdAt', 'updatedAt', 'totalCents', 'units', 'lines'],
        orders.map((o) => [o.id, o.userId, o.status, o.createdAt, o.updatedAt, o.status === 'REJECTED' ? '' : o.totalCents,
          o.items.reduce((n, i) => n + i.qty, 0), o.items.map((i) => `${i.sku} x${i.qty}`).join('; ')]), new Set([7])));
      return orders.length;
    },
  });
  const filter = (set: (v: string) => void) => (v: string) => { setPage(0); set(v); };
  return (
    <section>
      <h1>{t('All orders')}</h1>
      <div className="toolbar">
        <label>{t('Status')} <select value={status} onChange={(e) => filter(setStatus)(e.target.value)}>
          <option value="">{t('Any')}</option>
          {STATUSES.map((s) => <option key={s} value={s}>{t(s)}</option>)}
        </select></label>
        <label>{t('User id')} <input type="number" min={1} value={userId} onChange={(e) => filter(setUserId)(e.target.value)} /></label>
        <label>{t('From')} <input type="date" value={from} onChange={(e) => filter(setFrom)(e.target.value)} /></label>
        <label>{t('To')} <input type="date" value={to} onChange={(e) => filter(setTo)(e.target.value)} /></label>
        <button type="button" className="secondary" onClick={() => exportCsv.mutate()} disabled={exportCsv.isPending}>{t('Export CSV (these filters)')}</button>
      </div>
      {exportCsv.data !== undefined && <Notice>{t('Exported {{count}} orders.', { count: exportCsv.data })}</Notice>}
      <ErrorBox message={errorText(move.error ?? list.error ?? exportCsv.error)} />
      {list.isPending && <Loading />}
      {list.data && list.data.content.length === 0 && <Empty>{t('No orders match.')}</Empty>}
      {list.data && list.data.content.length > 0 && (
        <OrderTable orders={list.data.content} showUser linkTo={(o) => `/admin/orders/${o.id}`}
          actions={(o) => <MoveButtons order={o} move={move} />} />
      )}
      {list.data && <Pager page={list.data.page.number} totalPages={list.data.page.totalPages} onPage={setPage} />}
    </section>
  );
}


/** One order by deep link (/admin/orders/{id}): the order, its customer, and the operator's moves. */
export function AdminOrderPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { data: order, error, isPending } = useOrder(id);
  const move = useMove();
  const customer = useQuery({
    ...apiQuery<AdminUser>(['users', order?.userId], `/api/v1/users/${order?.userId}`),
    enabled: order !== undefined,
  });
  if (isPending) return <Loading what={t('Loading the order')} />;
  if (error || !order) return <ErrorBox message={errorText(error) ?? t('Order not found.')} />;
  return (
    <>
      <p><Link to="/admin/orders">{t('Back to all orders')}</Link></p>
      <OrderView order={order}>
        <p>{t('Customer')}: {customer.data ? `${customer.data.name} <${customer.data.email}> (#${order.userId})` : `#${order.userId}`}</p>
        {customer.data && typeof customer.data.orderCount === 'number' && <p className="muted" data-testid="customer-totals">{t('{{orders}} orders placed, {{spend}} lifetime spend, last order {{last}}', {
          orders: number(customer.data.orderCount), spend: money(customer.data.lifetimeSpendCents),
          last: customer.data.lastOrderAt ? dateTime(customer.data.lastOrderAt) : t('never'),
        })}</p>}
        <div role="group" aria-label={t('Move the order')}><MoveButtons order={order} move={move} /></div>
        <ErrorBox message={errorText(move.error)} />
      </OrderView>
    </>
  );
}

function nextDay(isoDate: string): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
