import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { api } from '../api';
import { money, number } from '../i18n';
import type { Item, StockForecast } from '../types';
import { ErrorBox, errorText, Loading, StatusBadge } from '../ui';

type OrderStats = { totalOrders: number; revenueCents: number; byStatus: Record<string, number>; perDay: { date: string; orders: number; revenueCents: number }[] };
type UserStats = { totalUsers: number; activeUsers: number; byRole: Record<string, number>; signupsPerDay: { date: string; count: number }[] };
type StockStats = { totalSkus: number; totalUnits: number; outOfStock: number; lowStock: Item[]; lowStockForecasts?: StockForecast[] };

export function DashboardPage() {
  const { t } = useTranslation();
  const { data, error, isPending } = useQuery({
    queryKey: ['orders', 'dashboard'],
    queryFn: async ({ signal }) => {
      const [orders, users, stock] = await Promise.all([
        api.get<OrderStats>('/api/v1/orders/stats?days=14', {}, signal),
        api.get<UserStats>('/api/v1/users/stats?days=14', {}, signal),
        api.get<StockStats>('/api/v1/inventory/stats?lowStockThreshold=10', {}, signal),
      ]);
      return { orders: orders.data, users: users.data, stock: stock.data };
    },
  });
  if (isPending) return <Loading what={t('Loading the dashboard')} />;
  if (error || !data) return <ErrorBox message={errorText(error)} />;
  const { orders, users, stock } = data;
  const forecasts = new Map((stock.lowStockForecasts ?? []).map((f) => [f.sku, f]));
  return (
    <section>
      <h1>{t('Dashboard')}</h1>
      <div className="kpis">
        <Kpi label={t('Orders (14 days)')} value={number(orders.totalOrders)} />
        <Kpi label={t('Revenue (14 days)')} value={money(orders.revenueCents)} />
        <Kpi label={t('Active users')} value={`${number(users.activeUsers)} / ${number(users.totalUsers)}`} />
        <Kpi label={t('Units in stock')} value={number(stock.totalUnits)} />
        <Kpi label={t('Out of stock SKUs')} value={number(stock.outOfStock)} />
      </div>
      <h2>{t('Orders and revenue per day')}</h2>
      <BarChart data={orders.perDay.map((d) => ({ label: d.date.slice(5), value: d.orders, secondary: d.revenueCents }))}
        title={t('Orders per day')} secondaryFormat={money} secondaryLabel={t('Revenue per day')} />
      <div className="columns">
        <div>
          <h2>{t('Status breakdown')}</h2>
          <table><thead><tr><th>{t('Status')}</th><th>{t('Orders')}</th></tr></thead>
            <tbody>{Object.entries(orders.byStatus).map(([s, n]) => <tr key={s}><td><StatusBadge status={s} /></td><td>{n}</td></tr>)}</tbody></table>
        </div>
        <div>
          <h2>{t('Low stock')}</h2>
          {stock.lowStock.length === 0 ? <p className="empty">{t('Nothing is low.')}</p> : (
            <table><thead><tr><th>{t('SKU')}</th><th>{t('Name')}</th><th>{t('Left')}</th><th>{t('Forecast')}</th></tr></thead>
              <tbody>{stock.lowStock.slice(0, 10).map((i) => (
                <tr key={i.sku} data-sku={i.sku}><td>{i.sku}</td><td>{i.name}</td><td>{i.available}</td><td>{runsOut(t, i, forecasts.get(i.sku))}</td></tr>
              ))}</tbody></table>
          )}
        </div>
        <div>
          <h2>{t('Signups')}</h2>
          <p className="muted">{t('{{count}} in 14 days; {{admins}} admins, {{shoppers}} shoppers.', { count: users.signupsPerDay.reduce((n, d) => n + d.count, 0), admins: users.byRole.admin ?? 0, shoppers: users.byRole.user ?? 0 })}</p>
          <BarChart data={users.signupsPerDay.map((d) => ({ label: d.date.slice(5), value: d.count }))} title={t('Signups per day')} small />
        </div>
      </div>
    </section>
  );
}

/** When the item runs out at the rate it sold over the forecast window (inventory-service's stock forecast). */
export function runsOut(t: TFunction, item: Item, forecast: StockForecast | undefined): string {
  if (item.available === 0) return t('sold out');
  if (!forecast) return '—';
  if (forecast.daysUntilOut === null) return t('no sales in {{days}} days', { days: forecast.windowDays });
  if (forecast.daysUntilOut === 0) return t('runs out today');
  if (forecast.daysUntilOut === 1) return t('runs out in about a day');
  return t('runs out in about {{days}} days', { days: number(forecast.daysUntilOut) });
}

function Kpi({ label, value }: { label: string; value: string }) {
  return <div className="kpi"><span className="muted">{label}</span><strong>{value}</strong></div>;
}

/** Bars for the main series (count above each bar); an optional line for a second series on its own scale. */
function BarChart({ data, title, small, secondaryFormat, secondaryLabel }: {
  data: { label: string; value: number; secondary?: number }[]; title: string; small?: boolean;
  secondaryFormat?: (n: number) => string; secondaryLabel?: string;
}) {
  const { t } = useTranslation();
  const max = Math.max(1, ...data.map((d) => d.value));
  const maxSecondary = Math.max(1, ...data.map((d) => d.secondary ?? 0));
  const width = small ? 320 : 720;
  const height = small ? 110 : 190;
  const top = 16;
  const bar = width / Math.max(1, data.length);
  // the line peaks at 80% of the height so that it never hides the bar's count label
  const ySecondary = (v: number) => top + height - (v / maxSecondary) * height * 0.8;
  const line = data.map((d, i) => `${i * bar + bar / 2},${ySecondary(d.secondary ?? 0)}`).join(' ');
  const hasSecondary = secondaryFormat !== undefined && data.some((d) => d.secondary !== undefined);
  return (
    <figure className="chart-figure">
      <svg className="chart" viewBox={`0 0 ${width} ${top + height + 20}`} role="img" aria-label={title}>
        <title>{title}</title>
        {data.map((d, i) => {
          const h = (d.value / max) * height;
          return (
            <g key={d.label}>
              <rect x={i * bar + 2} y={top + height - h} width={bar - 4} height={h} className="bar">
                <title>{`${d.label}: ${d.value}${hasSecondary ? `, ${secondaryFormat(d.secondary ?? 0)}` : ''}`}</title>
              </rect>
              {d.value > 0 && <text x={i * bar + bar / 2} y={top + height - h - 3} textAnchor="middle" className="value">{d.value}</text>}
              {!small && <text x={i * bar + bar / 2} y={top + height + 14} textAnchor="middle" className="axis">{d.label}</text>}
            </g>
          );
        })}
        {hasSecondary && <polyline points={line} className="line" fill="none" />}
        {hasSecondary && data.map((d, i) => (d.secondary ?? 0) > 0 && (
          <circle key={d.label} cx={i * bar + bar / 2} cy={ySecondary(d.secondary ?? 0)} r={3} className="dot">
            <title>{`${d.label}: ${secondaryFormat(d.secondary ?? 0)}`}</title>
          </circle>
        ))}
      </svg>
      {hasSecondary && (
        <figcaption className="legend"><span className="swatch bar-swatch" /> {title} <span className="swatch line-swatch" /> {secondaryLabel}
          {' '}({t('peak {{value}}', { value: secondaryFormat(Math.max(0, ...data.map((d) => d.secondary ?? 0))) })})</figcaption>
      )}
    </figure>
  );
}
