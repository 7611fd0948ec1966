package io.orderfleet.inventory.movement;

import java.time.Instant;
import java.util.UUID;

/** One change of {@code available}: ADJUSTMENT (admin), RESERVATION (negative) or RELEASE (positive). */
public record Movement(long id, String sku, int delta, String reason, String kind, UUID orderId, String actorId,
        Instant createdAt) {
}
