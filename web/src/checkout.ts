import i18n from 'i18next';
import { Api, ApiError } from './api';
import type { CartLine } from './cart';

export type Order = {
  id: string; userId: number; status: string; totalCents: number; createdAt: string; updatedAt: string;
  items: { sku: string; name: string | null; qty: number; unitPriceCents: number | null; lineTotalCents: number | null }[];
};

export type CheckoutOutcome =
  | { kind: 'placed'; order: Order }
  | { kind: 'out-of-stock'; message: string; sku?: string; available?: number }
  | { kind: 'rejected'; message: string; order: Order }
  | { kind: 'unavailable'; message: string; retryAfter?: number }
  | { kind: 'unknown'; message: string }
  | { kind: 'invalid'; message: string }
  | { kind: 'error'; message: string };

/**
 * One checkout attempt = one Idempotency-Key, and the server binds a key to its order for good: the
 * same key always answers that order, whatever became of it. A double click, or a retry after a
 * network error, a 503 that settled nothing or a 504 (the gateway stopped waiting; the order may have
 * been made), reuses the key, so the server makes at most one order (if the first request did get
 * through, the retry answers its order). The key changes when the cart
 * does, and after every answer that settled the key's order: placed, rejected (409/422, or a replay
 * answering a REJECTED order), or a 503 that names the order it rejected (`orderId`: inventory did not
 * answer in time). The next press is then a new order, not a replay of the dead one.
 */
export class Checkout {
  private key: string | null = null;
  private keyFor = '';
  private inFlight: Promise<CheckoutOutcome> | null = null;

  constructor(private readonly api: Api, private readonly newKey: () => string = () => crypto.randomUUID()) {}

  place(lines: CartLine[]): Promise<CheckoutOutcome> {
    if (this.inFlight) return this.inFlight;
    const fingerprint = JSON.stringify(lines.map((l) => [l.sku, l.qty]));
    if (!this.key || this.keyFor !== fingerprint) {
      this.key = this.newKey();
      this.keyFor = fingerprint;
    }
    const key = this.key;
    this.inFlight = this.api
      .post<Order>('/api/v1/orders', { items: lines.map((l) => ({ sku: l.sku, qty: l.qty })) }, { 'Idempotency-Key': key })
      .then((r): CheckoutOutcome => {
        this.key = null;
        // a replay of the key answers its order as it is now, which may be rejected (out of stock, or
        // inventory did not answer while the first request's answer was lost)
        if (r.data.status === 'REJECTED') {
          return { kind: 'rejected', order: r.data, message: i18n.t('This order was not placed: it was rejected, so nothing was reserved or charged. Check the cart and press the button again to place it as a new order.') };
        }
        return { kind: 'placed', order: r.data };
      })
      .catch((e: unknown): CheckoutOutcome => {
        const outcome = outcomeOf(e);
        // 'unknown' (504) and 'error' (the network) keep the key: only the same key can learn what happened
        if (outcome.kind === 'out-of-stock' || outcome.kind === 'invalid' || settledUnavailable(e)) this.key = null;
        return outcome;
      })
      .finally(() => {
        this.inFlight = null;
      });
    return this.inFlight;
  }
}

/**
 * A 503 from orders-service that names an `orderId`: that attempt's order was rejected (its key now
 * answers the rejected order), so a retry must be a new attempt with a new key. A 503 without one
 * wrote nothing (inventory's breaker was open) or comes from the gateway, which got no answer in time
 * and cannot know what happened: there, only the same key is safe.
 */
function settledUnavailable(e: unknown): boolean {
  return e instanceof ApiError && e.status === 503 && typeof e.problem.orderId === 'string';
}

export function outcomeOf(e: unknown): CheckoutOutcome {
  if (e instanceof ApiError) {
    if (e.status === 409) {
      const sku = e.problem.sku;
      const available = e.problem.available;
      const message = sku !== undefined
        ? i18n.t('Out of stock: only {{available}} of {{sku}} available. Lower the quantity and try again.', { available: available ?? 0, sku })
        : e.message;
      return { kind: 'out-of-stock', message, sku, available };
    }
    if (e.status === 503) {
      const wait = e.retryAfter ? i18n.t('Try again in {{seconds}} s.', { seconds: e.retryAfter }) : i18n.t('Try again shortly.');
      const message = `${i18n.t('Ordering is temporarily unavailable; nothing was charged or reserved.')} ${wait}`;
      return { kind: 'unavailable', message, retryAfter: e.retryAfter };
    }
    if (e.status === 504) {
      return { kind: 'unknown', message: i18n.t('The store took too long to answer, so we cannot tell yet whether your order was placed. Press the button again: it is safe, a retry cannot place a second order.') };
    }
    if (e.status === 422 || e.status === 400) return { kind: 'invalid', message: e.message };
    return { kind: 'error', message: e.message };
  }
  return { kind: 'error', message: i18n.t('The network failed. Your order may not have been placed; press the button again to retry safely.') };
}
