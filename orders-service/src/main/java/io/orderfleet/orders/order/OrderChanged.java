package io.orderfleet.orders.order;

import java.time.Instant;
import java.util.UUID;

/**
 * Published inside the transaction of every order change (created, status changed, cancelled), so
 * listeners that write in that transaction (the webhook outbox) commit or roll back with the change.
 *
 * @param type {@code order.created}, {@code order.status_changed} or {@code order.cancelled}
 */
public record OrderChanged(UUID orderId, long userId, String type, OrderView order, Instant occurredAt) {
}
