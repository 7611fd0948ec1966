// The admin area: one lazily loaded chunk (see routes.tsx). Loading it also adds its German strings.
import './i18n';

export { DashboardPage } from './Dashboard';
export { AdminInventoryPage } from './Inventory';
export { AdminOrderPage, AdminOrdersPage } from './Orders';
export { AdminUsersPage } from './Users';
export { AdminWebhooksPage } from './Webhooks';
