package io.orderfleet.orders.events;

import java.util.UUID;

/**
 * An outbox row the relay claimed: the webhook body it was written with, and the change's trace context.
 * {@link RelayOutbox#claim} builds it from the row by column position: keep the components in the
 * order of the claim's SELECT.
 */
record PendingEvent(UUID id, String type, UUID orderId, String body, String traceparent) {
}
