package io.orderfleet.orders.events;

import java.util.UUID;

/** An outbox row the relay claimed: the webhook body it was written with, and the change's trace context. */
record PendingEvent(UUID id, String type, UUID orderId, String body, String traceparent) {
}
