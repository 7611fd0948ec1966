package io.orderfleet.orders.order;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderfleet.common.problem.ProblemException;
import io.orderfleet.common.security.FleetPrincipal;
import io.orderfleet.orders.clients.InventoryClient;
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
    private final ApplicationEventPublisher events;
    private final Counter cancelled;

    OrderTransactions(OrderRepository repository, ApplicationEventPublisher events, MeterRegistry meters) {
        this.repository = repository;
        this.events = events;
        this.cancelled = meters.counter("orders.cancelled");
    }

    /**
     * The order an Idempotency-Key already stands for, once it has left PENDING (or after a short wait),
     * or null when the key is new. The same key with a different body is a conflict.
     */
    OrderView existingForKey(long userId, String key, String requestHash) {
        var owner = repository.idempotencyKey(userId, key).orElse(null);
        if (owner == null) {
            return null;
        }
        if (!owner.requestHash().equals(requestHash)) {
            throw ProblemException.conflict("This Idempotency-Key was already used with a different request.");
        }
        Instant deadline = Instant.now().plus(Duration.ofSeconds(5));
        Order order = repository.find(owner.orderId()).orElseThrow();
        while (order.status() == OrderStatus.PENDING && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            order = repository.find(owner.orderId()).orElseThrow();
        }
        return OrderView.of(order);
    }

    /** Null when a concurrent request claimed the same Idempotency-Key first. */
    @Transactional
    OrderView createPending(UUID orderId, long userId, List<InventoryClient.Line> lines, String key, String requestHash,
            boolean userCheckSkipped) {
        if (key != null && !repository.claimIdempotencyKey(userId, key, requestHash, orderId)) {
            return null;
        }
        repository.insertPending(orderId, userId, lines);
        repository.appendEvent(orderId, new OrderEvent("CREATED", "Order placed", null, "PENDING", Long.toString(userId)));
        if (userCheckSkipped) {
            repository.appendEvent(orderId, new OrderEvent("USER_CHECK_SKIPPED",
                    "users-service was unreachable; the signed access token was trusted", null, null, null));
        }
        return publish(repository.find(orderId).orElseThrow(), "order.created");
    }

    @Transactional
    OrderView confirm(UUID orderId, List<InventoryClient.ReservedLine> reserved) {
        Order order = repository.lock(orderId).orElseThrow();
        if (order.status() != OrderStatus.PENDING) {
            // the order died while inventory was reserving for it: give the stock back
            repository.markReleasePending(orderId);
            releaseAfterCommit(orderId);
            return OrderView.of(order);
        }
        repository.saveConfirmedLines(orderId, reserved);
        OrderEvent event = order.settle(OrderStatus.CONFIRMED, "Stock reserved");
        repository.updateStatus(order, false);
        repository.appendEvent(orderId, event);
        return publish(repository.find(orderId).orElseThrow(), "order.status_changed");
    }

    @Transactional
    void reject(UUID orderId, String reason) {
        Order order = repository.lock(orderId).orElseThrow();
        if (order.status() == OrderStatus.PENDING) {
            OrderEvent event = order.settle(OrderStatus.REJECTED, "Rejected: " + truncate(reason));
            repository.updateStatus(order, false);
            repository.appendEvent(orderId, event);
            publish(order, "order.status_changed");
        }
    }

    /** The reserve's outcome is unknown: the order dies and whatever inventory may hold for it is released. */
    @Transactional
    void abandon(UUID orderId, String reason) {
        Order order = repository.lock(orderId).orElseThrow();
        if (order.status() == OrderStatus.PENDING) {
            OrderEvent event = order.settle(OrderStatus.REJECTED, reason);
            repository.updateStatus(order, true);
            releaseAfterCommit(orderId);
            repository.appendEvent(orderId, event);
            // the client was told nothing was ordered: a retry with the same key places a new order
            repository.forgetIdempotencyKey(orderId);
            publish(order, "order.status_changed");
        }
    }

    /** A reconciled PENDING order whose reservation exists and is active: the reserve did land. */
    @Transactional
    void confirmReconciled(UUID orderId, List<InventoryClient.ReservedLine> reserved) {
        Order order = repository.lock(orderId).orElseThrow();
        if (order.status() == OrderStatus.PENDING) {
            repository.appendEvent(orderId, new OrderEvent("RECONCILED", "Found its reservation after an interruption",
                    null, null, null));
            confirm(orderId, reserved);
        }
    }

    @Transactional
    OrderView cancel(UUID orderId, FleetPrincipal actor, String reason) {
        Order order = visible(orderId, actor, true);
        OrderEvent event = order.cancelBy(actor.subject(), actor.isAdmin(), reason);
        repository.updateStatus(order, true);
        releaseAfterCommit(orderId);
        repository.appendEvent(orderId, event);
        cancelled.increment();
        return publish(repository.find(orderId).orElseThrow(), "order.cancelled");
    }

    @Transactional
    OrderView changeStatus(UUID orderId, OrderStatus target, FleetPrincipal admin) {
        if (target == OrderStatus.CANCELLED) {
            return cancel(orderId, admin, "by an administrator");
        }
        Order order = visible(orderId, admin, true);
        OrderEvent event = order.transitionTo(target, admin.subject(), "Status set to " + target + " by an administrator");
        // every target left here (SHIPPED, DELIVERED) keeps the stock: a dead order only comes from cancel
        repository.updateStatus(order, false);
        repository.appendEvent(orderId, event);
        return publish(repository.find(orderId).orElseThrow(), "order.status_changed");
    }

    @Transactional(readOnly = true)
    OrderView get(UUID orderId, FleetPrincipal actor) {
        return OrderView.of(visible(orderId, actor, false));
    }

    @Transactional(readOnly = true)
    List<OrderEventView> events(UUID orderId, FleetPrincipal actor) {
        visible(orderId, actor, false);
        return repository.events(orderId);
    }

    /** Another user's order answers 404, exactly like one that does not exist. */
    private Order visible(UUID orderId, FleetPrincipal actor, boolean lock) {
        Order order = (lock ? repository.lock(orderId) : repository.find(orderId))
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
