import { api, money } from '../api';
import { useLoad } from '../hooks';
import type { Item } from '../types';
import { ErrorBox, Loading } from '../ui';

type OrderStats = { totalOrders: number; revenueCents: number; byStatus: Record<string, number>; perDay: { date: string; orders: number; revenueCents: number }[] };
type UserStats = { totalUsers: number; activeUsers: number; byRole: Record<string, number>; signupsPerDay: { date: string; count: number }[] };
type StockStats = { totalSkus: number; totalUnits: number; outOfStock: number; lowStock: Item[] };

export function DashboardPage() {
  const { data, error, loading } = useLoad(async () => {
    const [orders, users, stock] = await Promise.all([
      api.get<OrderStats>('/api/v1/orders/stats?days=14'),
      api.get<UserStats>('/api/v1/users/stats?days=14'),
      api.get<StockStats>('/api/v1/inventory/stats?lowStockThreshold=10'),
    ]);
    return { orders: orders.data, users: users.data, stock: stock.data };
  }, []);
  if (loading) return <Loading what="Loading the dashboard" />;
  if (error || !data) return <ErrorBox message={error} />;
  const { orders, users, stock } = data;
  return (
    <section>
      <h1>Dashboard</h1>
      <div className="kpis">
        <Kpi label="Orders (14 days)" value={String(orders.totalOrders)} />
        <Kpi label="Revenue" value={money(orders.revenueCents)} />
        <Kpi label="Active users" value={`${users.activeUsers} / ${users.totalUsers}`} />
        <Kpi label="Units in stock" value={String(stock.totalUnits)} />
        <Kpi label="Out of stock SKUs" value={String(stock.outOfStock)} />
      </div>
      <h2>Orders and revenue per day</h2>
      <BarChart data={orders.perDay.map((d) => ({ label: d.date.slice(5), value: d.orders, secondary: d.revenueCents }))}
        title="Orders per day" secondaryFormat={money} />
      <div className="columns">
        <div>
          <h2>Status breakdown</h2>
          <table><tbody>{Object.entries(orders.byStatus).map(([s, n]) => <tr key={s}><td>{s}</td><td>{n}</td></tr>)}</tbody></table>
        </div>
        <div>
          <h2>Low stock</h2>
          {stock.lowStock.length === 0 ? <p className="empty">Nothing is low.</p> : (
            <table><tbody>{stock.lowStock.slice(0, 10).map((i) => <tr key={i.sku}><td>{i.sku}</td><td>{i.name}</td><td>{i.available}</td></tr>)}</tbody></table>
          )}
        </div>
        <div>
          <h2>Signups</h2>
          <BarChart data={users.signupsPerDay.map((d) => ({ label: d.date.slice(5), value: d.count }))} title="Signups per day" small />
        </div>
      </div>
    </section>
  );
}

function Kpi({ label, value }: { label: string; value: string }) {
  return <div className="kpi"><span className="muted">{label}</span><strong>{value}</strong></div>;
}

function BarChart({ data, title, small, secondaryFormat }: {
  data: { label: string; value: number; secondary?: number }[]; title: string; small?: boolean; secondaryFormat?: (n: number) => string;
}) {
  const max = Math.max(1, ...data.map((d) => d.value));
  const width = small ? 320 : 720;
  const height = small ? 120 : 200;
  const bar = width / Math.max(1, data.length);
  return (
    <svg className="chart" viewBox={`0 0 ${width} ${height + 20}`} role="img" aria-label={title}>
      <title>{title}</title>
      {data.map((d, i) => {
        const h = (d.value / max) * height;
        return (
          <g key={d.label}>
            <rect x={i * bar + 2} y={height - h} width={bar - 4} height={h} className="bar">
              <title>{`${d.label}: ${d.value}${d.secondary !== undefined && secondaryFormat ? `, ${secondaryFormat(d.secondary)}` : ''}`}</title>
            </rect>
            {!small && <text x={i * bar + bar / 2} y={height + 14} textAnchor="middle" className="axis">{d.label}</text>}
          </g>
        );
      })}
    </svg>
  );
}
