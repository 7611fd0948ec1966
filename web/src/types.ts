// Types of what the services answer, generated from their OpenAPI documents (web/openapi/*.json,
// `npm run api:generate`; `npm run check` fails when src/generated/ does not match the specs).
import type { components as InventoryApi } from './generated/inventory';
import type { components as OrdersApi } from './generated/orders';

/** A record as a service sends it: every property is there (springdoc marks response fields optional). */
export type Served<T> = { [K in keyof T]-?: Exclude<T[K], undefined> };

export type Item = Served<InventoryApi['schemas']['ItemView']>;
export type Movement = Served<InventoryApi['schemas']['Movement']>;
export type OrderEvent = Served<OrdersApi['schemas']['OrderEventView']>;
/** inventory-service's stock forecast (GET /api/v1/inventory/items/{sku}/forecast, and per low-stock item in the stats). */
export type StockForecast = {
  sku: string; available: number; windowDays: number; unitsSold: number; unitsSoldPerDay: number;
  /** null when nothing sold in the window */
  daysUntilOut: number | null; salesPerDay: { date: string; units: number }[];
};
