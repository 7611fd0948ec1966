package io.orderfleet.orders.order;

import java.util.EnumSet;
import java.util.Set;

/** The order state machine. Anything not listed here is an illegal transition (409). */
public enum OrderStatus {
    PENDING, CONFIRMED, SHIPPED, DELIVERED, REJECTED, CANCELLED;

    /**
     * Transitions an admin may make through the status endpoint or cancel. A PENDING order is only
     * cancelled by hand: confirming or rejecting it is the saga's outcome (it holds or has no stock).
     */
    Set<OrderStatus> next() {
        return switch (this) {
            case PENDING -> EnumSet.of(CANCELLED);
            case CONFIRMED -> EnumSet.of(SHIPPED, CANCELLED);
            case SHIPPED -> EnumSet.of(DELIVERED, CANCELLED);
            case DELIVERED, REJECTED, CANCELLED -> EnumSet.noneOf(OrderStatus.class);
        };
    }

    /** What the owner (not an admin) may cancel. */
    boolean cancellableByOwner() {
        return this == PENDING || this == CONFIRMED;
    }

    boolean isDead() {
        return this == REJECTED || this == CANCELLED;
    }
}
