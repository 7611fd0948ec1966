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
  | { kind: 'unavailable'; message: string; retryAfter?: number }
  | { kind: 'invalid'; message: string }
  | { kind: 'error'; message: string };

/**
 * One checkout attempt = one Idempotency-Key. A double click, or a retry after a network error or a
 * 503 (the server gives the key back: nothing was ordered), reuses the key, so the server makes at most
 * one order. The key changes when the cart does, and after an answer that settled the key's order
 * (placed, or rejected with 409/422): the next press is a new order, not a replay of the dead one.
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
        // the same key with the same body replays the original order, which may have been rejected
        if (r.data.status === 'REJECTED') {
          return { kind: 'out-of-stock', message: i18n.t('This order was rejected because part of it is out of stock. Check the quantities and try again.') };
        }
        return { kind: 'placed', order: r.data };
      })
      .catch((e: unknown): CheckoutOutcome => {
        const outcome = outcomeOf(e);
        if (outcome.kind === 'out-of-stock' || outcome.kind === 'invalid') this.key = null;
        return outcome;
      })
      .finally(() => {
        this.inFlight = null;
      });
    return this.inFlight;
  }
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
    if (e.status === 422 || e.status === 400) return { kind: 'invalid', message: e.message };
    return { kind: 'error', message: e.message };
  }
  return { kind: 'error', message: i18n.t('The network failed. Your order may not have been placed; press the button again to retry safely.') };
}
