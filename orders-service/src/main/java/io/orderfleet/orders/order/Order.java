package io.orderfleet.orders.order;

import io.orderfleet.common.problem.ProblemException;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderBy;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.Persistable;

/**
 * An order and the rules of its life. Status changes only through {@link #transitionTo} (people) and
 * {@link #settle} / {@link #confirm} (the placement saga): each refuses what the state machine forbids
 * and returns the event to record with the change. Its id is assigned here (a UUID), so persisting
 * it costs no extra round trip; {@link Persistable} tells Spring Data that a new order is new.
 */
@Entity
@Table(name = "orders")
public class Order implements Persistable<UUID> {

    @Id
    private UUID id;
    private long userId;
    @Enumerated(EnumType.STRING)
    private OrderStatus status;
    @ElementCollection
    @CollectionTable(name = "order_items", joinColumns = @JoinColumn(name = "order_id"))
    @OrderBy("sku")
    private List<OrderLine> lines = new ArrayList<>();
    private long totalCents;
    /** Stock may be held for this dead order: the release worker calls inventory until it acknowledges. */
    private boolean releasePending;
    /** A worker's claim (reconciler, release worker); claims are taken by hand-written statements. */
    private Instant leaseUntil;
    private Instant createdAt;
    private Instant updatedAt;
    /** W3C trace context of the placing request, for the workers' span links; null when untraced. */
    private String traceparent;
    @Transient
    private boolean isNew;

    protected Order() {
    }

    /** A new PENDING order for the lines asked for (sorted by SKU, no SKU twice). */
    static Order place(UUID id, long userId, List<OrderLine> requested) {
        return place(id, userId, requested, null);
    }

    /** Like {@link #place(UUID, long, List)}, placed inside the given W3C trace context (may be null). */
    static Order place(UUID id, long userId, List<OrderLine> requested, String traceparent) {
        Order order = new Order();
        order.traceparent = traceparent;
        order.id = id;
        order.userId = userId;
        order.status = OrderStatus.PENDING;
        order.lines = new ArrayList<>(requested);
        order.createdAt = now();
        order.updatedAt = order.createdAt;
        order.isNew = true;
        return order;
    }

    OrderEvent placedEvent() {
        return new OrderEvent(this, "CREATED", "Order placed", null, OrderStatus.PENDING.name(), Long.toString(userId));
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

    /** Inventory reserved the stock: the lines take its names and prices, and the order is CONFIRMED. */
    OrderEvent confirm(List<OrderLine> priced, String description) {
        OrderEvent event = settle(OrderStatus.CONFIRMED, description);
        lines = new ArrayList<>(priced);
        totalCents = priced.stream().mapToLong(OrderLine::lineTotalCents).sum();
        return event;
    }

    OrderEvent cancelBy(String actorId, boolean admin, String reason) {
        if (!admin && !status.cancellableByOwner()) {
            throw ProblemException.conflict("An order that is " + status + " can no longer be cancelled.")
                    .with("status", status.name());
        }
        OrderEvent event = transitionTo(OrderStatus.CANCELLED, actorId,
                reason == null || reason.isBlank() ? "Cancelled" : "Cancelled: " + reason.trim());
        releaseStock();
        return event;
    }

    /** Whatever inventory may hold for this (dead) order is to be given back. */
    void releaseStock() {
        if (!status.isDead()) {
            throw new IllegalStateException("Only a dead order releases its stock, not a " + status + " one");
        }
        releasePending = true;
        leaseUntil = null;
        updatedAt = now();
    }

    private OrderEvent moveTo(OrderStatus target, String actorId, String description) {
        OrderStatus old = status;
        status = target;
        // a status change ends any worker's claim: a release it now needs must not wait for that lease
        leaseUntil = null;
        updatedAt = now();
        String type = target == OrderStatus.CANCELLED ? "CANCELLED" : "STATUS_CHANGED";
        return new OrderEvent(this, type, description, old.name(), target.name(), actorId);
    }

    private static Instant now() {
        // PostgreSQL keeps microseconds: what is published must equal what is read back later
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    @PostLoad
    @PostPersist
    void stored() {
        isNew = false;
    }

    @Override
    public boolean isNew() {
        return isNew;
    }

    @Override
    public UUID getId() {
        return id;
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

    public List<OrderLine> lines() {
        return Collections.unmodifiableList(lines);
    }

    public long totalCents() {
        return totalCents;
    }

    boolean releasePending() {
        return releasePending;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
