package io.orderfleet.orders.order;

import io.orderfleet.orders.clients.InventoryClient;
import io.orderfleet.orders.clients.PeerUnavailableException;
import io.orderfleet.orders.observability.WorkerSpans;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Background work that makes the saga converge (invariant 3 of the brief: within a minute no stock is
 * held for a dead order and no order stays PENDING):
 * <ul>
 * <li>release-pending orders (cancelled, rejected after an unknown outcome) are released until
 * inventory acknowledges; releases are idempotent, so several instances may overlap safely;</li>
 * <li>orders left PENDING by a crash are finished: confirmed if their reservation is active, otherwise
 * released (leaving a tombstone against a late reserve) and rejected.</li>
 * </ul>
 * Each run claims its rows with {@code FOR UPDATE SKIP LOCKED} and a lease, so instances share the
 * work instead of repeating it; every step is idempotent anyway, so an expired lease costs nothing.
 * The work for each order is a span of its own ({@code order.release}, {@code order.reconcile}) linked
 * to the trace that placed the order ({@link WorkerSpans}).
 */
@Component
class OrderReconciler {

    private static final Logger log = LoggerFactory.getLogger(OrderReconciler.class);
    /** Long enough for a batch of calls bounded by the clients' timeouts; only a crash lets it run out. */
    private static final Duration LEASE = Duration.ofSeconds(60);
    private static final int BATCH = 20;
    private static final int MAX_BATCHES_PER_RUN = 50;

    private final OrderRepository repository;
    private final IdempotencyKeyRepository keys;
    private final OrderTransactions orders;
    private final InventoryClient inventory;
    private final WorkerSpans spans;
    private final Duration reconcileAfter;
    private final Duration keyRetention;
    private final Semaphore promptReleases = new Semaphore(32);
    private final ExecutorService releaseExecutor = Executors.newVirtualThreadPerTaskExecutor();

    OrderReconciler(OrderRepository repository, IdempotencyKeyRepository keys, OrderTransactions orders, InventoryClient inventory,
            WorkerSpans spans, @Value("${orderfleet.orders.reconcile-after:30s}") Duration reconcileAfter,
            @Value("${orderfleet.orders.idempotency-retention:48h}") Duration keyRetention) {
        this.repository = repository;
        this.keys = keys;
        this.orders = orders;
        this.inventory = inventory;
        this.spans = spans;
        this.reconcileAfter = reconcileAfter;
        this.keyRetention = keyRetention;
    }

    /**
     * Gives a dead order's stock back as soon as the transaction that made it release-pending committed
     * (cancel, abandon, a reserve that landed on a dead order), on a virtual thread, so the caller never
     * waits for inventory and the units are not held until the next worker run (under load that queue
     * grew by minutes). If this fails, or too many are already in flight, the order is still
     * release-pending and the worker below releases it.
     */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void releaseSoon(OrderTransactions.ReleaseRequested request) {
        UUID id = request.orderId();
        if (!promptReleases.tryAcquire()) {
            return;
        }
        try {
            releaseExecutor.execute(() -> {
                try {
                    releaseAndAcknowledge(id);
                } catch (RuntimeException e) {
                    log.info("Release of order {} left to the release worker: {}", id, e.getMessage());
                } finally {
                    promptReleases.release();
                }
            });
        } catch (RejectedExecutionException e) {
            promptReleases.release();
        }
    }

    private void releaseAndAcknowledge(UUID id) {
        spans.linkedTo("order.release", id, repository.traceparentOf(id), () -> {
            if (inventory.release(id)) {
                repository.releaseAcknowledged(id);
            }
        });
    }

    @PreDestroy
    void stopPromptReleases() {
        releaseExecutor.shutdown();
    }

    /** Drains the release-pending orders batch by batch (bounded per run), so a backlog never waits. */
    @Scheduled(fixedDelayString = "${orderfleet.orders.release-interval:2s}", initialDelayString = "2s")
    void releaseDeadOrders() {
        for (int round = 0; round < MAX_BATCHES_PER_RUN; round++) {
            List<UUID> claimed = repository.claimReleasePending(interval(LEASE), BATCH);
            for (int i = 0; i < claimed.size(); i++) {
                UUID id = claimed.get(i);
                try {
                    releaseAndAcknowledge(id);
                } catch (PeerUnavailableException e) {
                    log.info("Release of order {} postponed: {}", id, e.getMessage());
                    repository.dropLeases(claimed.subList(i, claimed.size()));
                    return;
                }
            }
            if (claimed.size() < BATCH) {
                return;
            }
        }
    }

    @Scheduled(fixedDelayString = "${orderfleet.orders.reconcile-interval:5s}", initialDelayString = "5s")
    void finishStalePendingOrders() {
        List<UUID> claimed = repository.claimStalePending(interval(reconcileAfter), interval(LEASE), BATCH);
        for (int i = 0; i < claimed.size(); i++) {
            UUID id = claimed.get(i);
            try {
                reconcile(id);
            } catch (PeerUnavailableException e) {
                log.info("Reconciliation of order {} postponed: {}", id, e.getMessage());
                repository.dropLeases(claimed.subList(i, claimed.size()));
                return;
            }
        }
    }

    void reconcile(UUID id) {
        spans.linkedTo("order.reconcile", id, repository.traceparentOf(id), () -> reconcileNow(id));
    }

    private void reconcileNow(UUID id) {
        var reservation = inventory.find(id);
        if (reservation.isPresent() && "ACTIVE".equals(reservation.get().status())) {
            orders.confirmReconciled(id, OrderPlacement.priced(reservation.get()));
            return;
        }
        if (reservation.isEmpty()) {
            // tombstone first, so a reserve still in flight can no longer take stock
            inventory.release(id);
        }
        orders.abandon(id, "Not confirmed in time; released by reconciliation");
    }

    /** A PostgreSQL interval literal for the hand-written claims. */
    static String interval(Duration duration) {
        return duration.toMillis() + " milliseconds";
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1M")
    void purgeOldIdempotencyKeys() {
        int purged = keys.purgeOlderThan(Instant.now().minus(keyRetention));
        if (purged > 0) {
            log.info("Purged {} idempotency keys older than {}", purged, keyRetention);
        }
    }
}
