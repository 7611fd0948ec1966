package io.orderfleet.orders.order;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderfleet.common.problem.ProblemException;
import io.orderfleet.common.security.FleetPrincipal;
import io.orderfleet.orders.observability.WorkerSpans;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every change of an order, each in its own short transaction that also appends the order event and
 * publishes {@link OrderChanged} (for the webhook outbox) — the change, its event and its outbox row
 * commit together or not at all. No HTTP call ever happens inside these transactions.
 */
@Service
class OrderTransactions {

    private final OrderRepository repository;
    private final OrderEventRepository trail;
    private final IdempotencyKeyRepository keys;
    private final ApplicationEventPublisher events;
    private final WorkerSpans spans;
    private final Counter cancelled;

    OrderTransactions(OrderRepository repository, OrderEventRepository trail, IdempotencyKeyRepository keys,
            ApplicationEventPublisher events, WorkerSpans spans, MeterRegistry meters) {
        this.repository = repository;
        this.spans = spans;
        this.trail = trail;
        this.keys = keys;
        this.events = events;
        this.cancelled = meters.counter("orders.cancelled");
    }

    /**
     * The order an Idempotency-Key already stands for, as it is now (once it has left PENDING, or after a
     * short wait), or null when the key is new. A key is bound to its order until it is purged (48 h by
     * default), whatever becomes of the order. The same key with a different body is a conflict.
     */
    OrderView existingForKey(long userId, String key, String requestHash) {
        var owner = keys.findById(new IdempotencyKey.Id(userId, key)).orElse(null);
        if (owner == null) {
            return null;
        }
        if (!owner.requestHash().equals(requestHash)) {
            throw ProblemException.conflict("This Idempotency-Key was already used with a different request.");
        }
        Instant deadline = Instant.now().plus(Duration.ofSeconds(5));
        Order order = repository.findWithLines(owner.orderId()).orElseThrow();
        while (order.status() == OrderStatus.PENDING && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            order = repository.findWithLines(owner.orderId()).orElseThrow();
        }
        return OrderView.of(order);
    }

    /** Null when a concurrent request claimed the same Idempotency-Key first. */
    @Transactional
    OrderView createPending(UUID orderId, long userId, List<OrderLine> lines, String key, String requestHash,
            boolean userCheckSkipped) {
        if (key != null && keys.claim(userId, key, requestHash, orderId) == 0) {
            return null;
        }
        Order order = repository.save(Order.place(orderId, userId, lines, spans.currentTraceparent()));
        trail.save(order.placedEvent());
        if (userCheckSkipped) {
            trail.save(new OrderEvent(order, "USER_CHECK_SKIPPED",
                    "users-service was unreachable; the signed access token was trusted", null, null, null));
        }
        return publish(order, "order.created");
    }

    @Transactional
    OrderView confirm(UUID orderId, List<OrderLine> priced) {
        Order order = repository.lock(orderId).orElseThrow();
        if (order.status().isDead()) {
            // the order died while inventory was reserving for it: give the stock back
            order.releaseStock();
            releaseAfterCommit(orderId);
            return OrderView.of(order);
        }
        if (order.status() != OrderStatus.PENDING) {
            // the reconciler found the same reservation first and confirmed it
            return OrderView.of(order);
        }
        trail.save(order.confirm(priced, "Stock reserved"));
        return publish(order, "order.status_changed");
    }

    @Transactional
    void reject(UUID orderId, String reason) {
        Order order = repository.lock(orderId).orElseThrow();
        if (order.status() == OrderStatus.PENDING) {
            trail.save(order.settle(OrderStatus.REJECTED, "Rejected: " + truncate(reason)));
            publish(order, "order.status_changed");
        }
    }

    /**
     * The reserve's outcome is unknown: the order dies and whatever inventory may hold for it is released.
     * Its Idempotency-Key stays bound to it, like every key to its order: a retry with the same key
     * answers this REJECTED order and never places a second one (a new attempt takes a new key).
     */
    @Transactional
    void abandon(UUID orderId, String reason) {
        Order order = repository.lock(orderId).orElseThrow();
        if (order.status() == OrderStatus.PENDING) {
            trail.save(order.settle(OrderStatus.REJECTED, reason));
            order.releaseStock();
            releaseAfterCommit(orderId);
            publish(order, "order.status_changed");
        }
    }

    /** A reconciled PENDING order whose reservation exists and is active: the reserve did land. */
    @Transactional
    void confirmReconciled(UUID orderId, List<OrderLine> priced) {
        Order order = repository.lock(orderId).orElseThrow();
        if (order.status() == OrderStatus.PENDING) {
            trail.save(new OrderEvent(order, "RECONCILED", "Found its reservation after an interruption", null, null,
                    null));
            confirm(orderId, priced);
        }
    }

    @Transactional
    OrderView cancel(UUID orderId, FleetPrincipal actor, String reason) {
        Order order = visible(orderId, actor, true);
        trail.save(order.cancelBy(actor.subject(), actor.isAdmin(), reason));
        releaseAfterCommit(orderId);
        cancelled.increment();
        return publish(order, "order.cancelled");
    }

    @Transactional
    OrderView changeStatus(UUID orderId, OrderStatus target, FleetPrincipal admin) {
        if (target == OrderStatus.CANCELLED) {
            return cancel(orderId, admin, "by an administrator");
        }
        Order order = visible(orderId, admin, true);
        // every target left here (SHIPPED, DELIVERED) keeps the stock: a dead order only comes from cancel
        trail.save(order.transitionTo(target, admin.subject(), "Status set to " + target + " by an administrator"));
        return publish(order, "order.status_changed");
    }

    @Transactional(readOnly = true)
    OrderView get(UUID orderId, FleetPrincipal actor) {
        return OrderView.of(visible(orderId, actor, false));
    }

    @Transactional(readOnly = true)
    List<OrderEventView> events(UUID orderId, FleetPrincipal actor) {
        visible(orderId, actor, false);
        return trail.trail(orderId);
    }

    /** Another user's order answers 404, exactly like one that does not exist. */
    private Order visible(UUID orderId, FleetPrincipal actor, boolean lock) {
        Order order = (lock ? repository.lock(orderId) : repository.findWithLines(orderId))
                .filter(o -> actor.isAdmin() || o.userId() == actor.userId())
                .orElseThrow(() -> ProblemException.notFound("No such order."));
        return order;
    }

    /** Asks for the stock of an order that just became release-pending back once this transaction commits. */
    record ReleaseRequested(UUID orderId) {
    }

    private void releaseAfterCommit(UUID orderId) {
        events.publishEvent(new ReleaseRequested(orderId));
    }

    private OrderView publish(Order order, String type) {
        OrderView view = OrderView.of(order);
        events.publishEvent(new OrderChanged(order.id(), order.userId(), type, view, Instant.now()));
        return view;
    }

    private static String truncate(String text) {
        if (text == null) {
            return "";
        }
        return text.length() > 400 ? text.substring(0, 400) : text;
    }
}
