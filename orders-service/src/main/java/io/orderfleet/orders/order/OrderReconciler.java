package io.orderfleet.orders.order;

import io.orderfleet.orders.clients.InventoryClient;
import io.orderfleet.orders.clients.PeerUnavailableException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

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
 */
@Component
class OrderReconciler {

    private static final Logger log = LoggerFactory.getLogger(OrderReconciler.class);
    /** Long enough for a batch of calls bounded by the clients' timeouts; only a crash lets it run out. */
    private static final Duration LEASE = Duration.ofSeconds(60);
    private static final int BATCH = 20;

    private final OrderRepository repository;
    private final OrderTransactions orders;
    private final InventoryClient inventory;
    private final Duration reconcileAfter;
    private final Duration keyRetention;

    OrderReconciler(OrderRepository repository, OrderTransactions orders, InventoryClient inventory,
            @Value("${orderfleet.orders.reconcile-after:30s}") Duration reconcileAfter,
            @Value("${orderfleet.orders.idempotency-retention:48h}") Duration keyRetention) {
        this.repository = repository;
        this.orders = orders;
        this.inventory = inventory;
        this.reconcileAfter = reconcileAfter;
        this.keyRetention = keyRetention;
    }

    @Scheduled(fixedDelayString = "${orderfleet.orders.release-interval:2s}", initialDelayString = "2s")
    void releaseDeadOrders() {
        List<UUID> claimed = repository.claimReleasePending(LEASE, BATCH);
        for (int i = 0; i < claimed.size(); i++) {
            UUID id = claimed.get(i);
            try {
                if (inventory.release(id)) {
                    repository.releaseAcknowledged(id);
                }
            } catch (PeerUnavailableException e) {
                log.info("Release of order {} postponed: {}", id, e.getMessage());
                repository.dropLeases(claimed.subList(i, claimed.size()));
                return;
            }
        }
    }

    @Scheduled(fixedDelayString = "${orderfleet.orders.reconcile-interval:5s}", initialDelayString = "5s")
    void finishStalePendingOrders() {
        List<UUID> claimed = repository.claimStalePending(reconcileAfter, LEASE, BATCH);
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
        var reservation = inventory.find(id);
        if (reservation.isPresent() && "ACTIVE".equals(reservation.get().status())) {
            orders.confirmReconciled(id, reservation.get().lines());
            return;
        }
        if (reservation.isEmpty()) {
            // tombstone first, so a reserve still in flight can no longer take stock
            inventory.release(id);
        }
        orders.abandon(id, "Not confirmed in time; released by reconciliation");
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1M")
    void purgeOldIdempotencyKeys() {
        int purged = repository.purgeIdempotencyKeys(keyRetention);
        if (purged > 0) {
            log.info("Purged {} idempotency keys older than {}", purged, keyRetention);
        }
    }
}
