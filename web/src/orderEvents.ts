// The order timeline in the user's language. orders-service records each event with a code (`type`,
// `newValue`, and `actorId` when a person made the change) and an English `description`. The screen
// builds its text from the code; from the description it takes only the free text a person or another
// service wrote (a cancellation reason, inventory's reason for a rejection), which stays as written.
import type { TFunction } from 'i18next';
import type { OrderEvent } from './types';
import { statusText } from './ui';

/** The reasons this app sends when a shopper or an operator cancels; the server records them in the event. */
export const CUSTOMER_CANCEL_REASON = 'cancelled by the customer';
export const ADMIN_CANCEL_REASON = 'by an administrator';
const OUR_REASONS = new Set([CUSTOMER_CANCEL_REASON, ADMIN_CANCEL_REASON]);

// Descriptions the service writes as fixed sentences for events whose code alone does not say them.
const FIXED_DESCRIPTIONS = new Set([
  'Stock reserved',
  'Found its reservation after an interruption',
  'users-service was unreachable; the signed access token was trusted',
  'Inventory did not answer; any stock it may hold is being released',
  'Not confirmed in time; released by reconciliation',
]);

/** The kind of event: "created", "status changed", "cancelled", ... */
export function eventTitle(t: TFunction, event: Pick<OrderEvent, 'type'>): string {
  return t(event.type.replace(/_/g, ' ').toLowerCase());
}

/** What happened, in the user's language where the event's code or a fixed sentence allows it. */
export function eventText(t: TFunction, event: Pick<OrderEvent, 'type' | 'description' | 'newValue' | 'actorId'>): string {
  const description = event.description ?? '';
  if (event.type === 'CREATED') return t('Order placed');
  if (event.type === 'CANCELLED') {
    const reason = after('Cancelled:', description);
    if (reason === null) return t('Cancelled');
    return t('Cancelled: {{reason}}', { reason: OUR_REASONS.has(reason) ? t(reason) : reason });
  }
  if (event.type === 'STATUS_CHANGED' && event.newValue) {
    // a person's move; the saga's own outcomes carry no actor
    if (event.actorId) return t('Status set to {{status}} by an administrator', { status: statusText(t, event.newValue) });
    const reason = after('Rejected:', description);
    if (event.newValue === 'REJECTED' && reason !== null) return t('Rejected: {{reason}}', { reason });
  }
  return FIXED_DESCRIPTIONS.has(description) ? t(description) : description;
}

function after(prefix: string, text: string): string | null {
  return text.startsWith(prefix) ? text.slice(prefix.length).trim() : null;
}
