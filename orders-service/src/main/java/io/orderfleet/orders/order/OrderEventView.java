package io.orderfleet.orders.order;

import java.time.Instant;
import java.util.UUID;

public record OrderEventView(long id, UUID orderId, String type, String description, String oldValue, String newValue,
        String actorId, Instant createdAt) {
}
