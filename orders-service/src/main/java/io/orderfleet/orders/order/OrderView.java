package io.orderfleet.orders.order;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The API's {@code Order}. Prices are inventory's at reservation time; null while not confirmed. */
public record OrderView(UUID id, long userId, String status, List<Line> items, long totalCents, Instant createdAt,
        Instant updatedAt) {

    public record Line(String sku, String name, int qty, Long unitPriceCents, Long lineTotalCents) {
    }

    static OrderView of(Order order) {
        return new OrderView(order.id(), order.userId(), order.status().name(), order.lines().stream()
                .map(l -> new Line(l.sku(), l.name(), l.qty(), l.unitPriceCents(), l.lineTotalCents())).toList(),
                order.totalCents(), order.createdAt(), order.updatedAt());
    }
}
