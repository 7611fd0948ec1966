package io.orderfleet.orders.order;

import io.orderfleet.common.problem.ProblemException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An order and the rules of its life. Status changes only through {@link #transitionTo} (people) and
 * {@link #settle} (the placement saga): each refuses what the state machine forbids and returns the
 * event to record with the change.
 */
public final class Order {

    public record Item(String sku, String name, int qty, Long unitPriceCents) {
        public Long lineTotalCents() {
            return unitPriceCents == null ? null : unitPriceCents * qty;
        }
    }

    private final UUID id;
    private final long userId;
    private OrderStatus status;
    private final List<Item> items;
    private final long totalCents;
    private final Instant createdAt;
    private final Instant updatedAt;

    Order(UUID id, long userId, OrderStatus status, List<Item> items, long totalCents, Instant createdAt,
            Instant updatedAt) {
        this.id = id;
        this.userId = userId;
        this.status = status;
        this.items = items;
        this.totalCents = totalCents;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
    }

    OrderEvent transitionTo(OrderStatus target, String actorId, String description) {
        if (!status.next().contains(target)) {
            String detail = status == OrderStatus.PENDING
                    ? "A PENDING order is confirmed or rejected by its placement only; it can be cancelled."
                    : "An order that is " + status + " cannot become " + target + ".";
            throw ProblemException.conflict(detail).with("status", status.name());
        }
        return moveTo(target, actorId, description);
    }

    /** The saga's outcome for a PENDING order: CONFIRMED (stock reserved) or REJECTED. */
    OrderEvent settle(OrderStatus outcome, String description) {
        if (status != OrderStatus.PENDING || (outcome != OrderStatus.CONFIRMED && outcome != OrderStatus.REJECTED)) {
            throw new IllegalStateException("Cannot settle a " + status + " order as " + outcome);
        }
        return moveTo(outcome, null, description);
    }

    private OrderEvent moveTo(OrderStatus target, String actorId, String description) {
        OrderStatus old = status;
        status = target;
        String type = target == OrderStatus.CANCELLED ? "CANCELLED" : "STATUS_CHANGED";
        return new OrderEvent(type, description, old.name(), target.name(), actorId);
    }

    OrderEvent cancelBy(String actorId, boolean admin, String reason) {
        if (!admin && !status.cancellableByOwner()) {
            throw ProblemException.conflict("An order that is " + status + " can no longer be cancelled.")
                    .with("status", status.name());
        }
        return transitionTo(OrderStatus.CANCELLED, actorId,
                reason == null || reason.isBlank() ? "Cancelled" : "Cancelled: " + reason.trim());
    }

    public UUID id() {
        return id;
    }

    public long userId() {
        return userId;
    }

    public OrderStatus status() {
        return status;
    }

    public List<Item> items() {
        return items;
    }

    public long totalCents() {
        return totalCents;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
