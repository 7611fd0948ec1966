package io.orderfleet.common.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One record of the topic {@code orderfleet.orders.v1}: a CloudEvents 1.0 envelope ({@code id},
 * {@code type}, {@code time}) around the order as of that change (the API's {@code Order}). An event of
 * a type the consumers do not know has no order: it is acknowledged and counted, never failed. Read by
 * {@link OrderEventReader}; the consumers of inventory-service and users-service share it.
 */
public record OrderEvent(UUID id, String type, Instant time, Order order) {

    public static final String CREATED = "io.orderfleet.order.created.v1";
    public static final String CONFIRMED = "io.orderfleet.order.confirmed.v1";
    public static final String REJECTED = "io.orderfleet.order.rejected.v1";
    public static final String CANCELLED = "io.orderfleet.order.cancelled.v1";
    public static final List<String> KNOWN_TYPES = List.of(CREATED, CONFIRMED, REJECTED, CANCELLED);

    /** The metric tag of the type: its short name for the known ones, "other" for the rest (bounded cardinality). */
    public String shortType() {
        return KNOWN_TYPES.contains(type) ? type.substring("io.orderfleet.order.".length(), type.length() - ".v1".length())
                : "other";
    }

    public record Order(UUID id, long userId, String status, List<Line> items, long totalCents, Instant createdAt) {
    }

    public record Line(String sku, int qty, long unitPriceCents) {
    }
}
