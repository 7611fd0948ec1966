package io.orderfleet.users.ordertotals;

import io.orderfleet.common.events.OrderEvent;
import java.time.Instant;
import java.util.Collection;
import java.util.UUID;

/**
 * What the events of one order in a poll do to its row, folded into one change with the effect of
 * applying them one by one ({@link CustomerOrders#record}): the first event's user and placing time (a row
 * keeps those once written), the total of the last confirmation, and {@code confirmed}/{@code cancelled}
 * if any event was one.
 */
record OrderChange(UUID orderId, long userId, Instant placedAt, long totalCents, boolean confirmed,
        boolean cancelled) {

    static OrderChange of(OrderEvent event) {
        OrderEvent.Order order = event.order();
        return new OrderChange(order.id(), order.userId(), order.createdAt(), order.totalCents(),
                OrderEvent.CONFIRMED.equals(event.type()), OrderEvent.CANCELLED.equals(event.type()));
    }

    OrderChange then(OrderChange later) {
        return new OrderChange(orderId, userId, placedAt, later.confirmed ? later.totalCents : totalCents,
                confirmed || later.confirmed, cancelled || later.cancelled);
    }

    static void record(Collection<OrderChange> changes, CustomerOrders orders) {
        orders.record(changes.stream().map(OrderChange::orderId).toArray(UUID[]::new),
                changes.stream().map(OrderChange::userId).toArray(Long[]::new),
                changes.stream().map(OrderChange::placedAt).toArray(Instant[]::new),
                changes.stream().map(OrderChange::totalCents).toArray(Long[]::new),
                changes.stream().map(OrderChange::confirmed).toArray(Boolean[]::new),
                changes.stream().map(OrderChange::cancelled).toArray(Boolean[]::new));
    }
}
