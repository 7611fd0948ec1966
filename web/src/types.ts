// Types of what the services answer, generated from their OpenAPI documents (web/openapi/*.json,
// `npm run api:generate`; `npm run check` fails when src/generated/ does not match the specs).
import type { components as InventoryApi } from './generated/inventory';
import type { components as OrdersApi } from './generated/orders';

/** A record as a service sends it: every property is there (springdoc marks response fields optional). */
export type Served<T> = { [K in keyof T]-?: Exclude<T[K], undefined> };

export type Item = Served<InventoryApi['schemas']['ItemView']>;
export type Movement = Served<InventoryApi['schemas']['Movement']>;
export type OrderEvent = Served<OrdersApi['schemas']['OrderEventView']>;
/** inventory-service's stock forecast (per item, and per low-stock item in the stats); the spec cannot say that
 * `daysUntilOut` is null when nothing sold in the window. */
export type StockForecast = Omit<Served<InventoryApi['schemas']['StockForecast']>, 'daysUntilOut' | 'salesPerDay'> & {
  daysUntilOut: number | null; salesPerDay: Served<InventoryApi['schemas']['DailySales']>[];
};
