package io.orderfleet.orders.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Transactional;

/** Deliveries: read as entities; claimed and finished by hand-written, fenced statements. */
interface DeliveryRepository extends JpaRepository<WebhookDelivery, UUID> {

    @EntityGraph(attributePaths = "event")
    Page<WebhookDelivery> findByWebhookId(UUID webhookId, Pageable pageable);

    @EntityGraph(attributePaths = "event")
    Optional<WebhookDelivery> findWithEventById(UUID id);

    /**
     * Claims up to {@code limit} due deliveries for one worker run, like the order reconciler: rows
     * locked by another instance or under an unexpired lease are skipped; the claim's token fences
     * the result, so only the claimant may record the attempt. Per order, each webhook gets the events
     * in the order they happened: a delivery is claimable only when no earlier event of its order is
     * still pending for the same webhook (being sent or waiting for a retry) or not yet fanned out. A
     * FAILED (given up) or SUCCEEDED delivery no longer holds anything back, and other orders never wait.
     * The event's stored trace context comes with the row, for the attempt span's link.
     */
    default List<DueDelivery> claimDue(UUID token, Duration lease, int limit) {
        return claim(token, lease.toMillis() + " milliseconds", limit).stream()
                .map(row -> new DueDelivery((UUID) row[0], (UUID) row[1], (UUID) row[2], ((Number) row[3]).intValue(),
                        (String) row[4], (String) row[5], (String) row[6], (String) row[7]))
                .toList();
    }

    @Transactional
    @Query(nativeQuery = true, value = """
            WITH claimed AS (
                UPDATE webhook_deliveries SET lease_until = now() + CAST(:lease AS interval), lease_token = :token
                WHERE id IN (SELECT d.id FROM webhook_deliveries d JOIN outbox_events e ON e.id = d.event_id
                             WHERE d.status = 'PENDING' AND d.next_attempt_at <= now()
                               AND (d.lease_until IS NULL OR d.lease_until < now())
                               -- per order and webhook, only the oldest unfinished event goes out
                               AND (e.order_id IS NULL OR NOT EXISTS (
                                   SELECT 1 FROM outbox_events e0 JOIN webhook_deliveries d0
                                          ON d0.event_id = e0.id AND d0.webhook_id = d.webhook_id
                                   WHERE e0.order_id = e.order_id AND (e0.created_at, e0.id) < (e.created_at, e.id)
                                     AND d0.status = 'PENDING'))
                               -- nor ahead of an earlier event of its order that is not fanned out yet
                               AND (e.order_id IS NULL OR NOT EXISTS (
                                   SELECT 1 FROM outbox_events u
                                   WHERE u.order_id = e.order_id AND (u.created_at, u.id) < (e.created_at, e.id)
                                     AND u.dispatched_at IS NULL))
                             ORDER BY d.next_attempt_at LIMIT :limit FOR UPDATE OF d SKIP LOCKED)
                RETURNING id, webhook_id, event_id, attempts)
            SELECT c.id, c.webhook_id, c.event_id, c.attempts, w.url, w.secret, e.body, e.traceparent
            FROM claimed c JOIN webhooks w ON w.id = c.webhook_id JOIN outbox_events e ON e.id = c.event_id""")
    List<Object[]> claim(UUID token, String lease, int limit);

    /**
     * Records the outcome of an attempt if the claim {@code token} still holds the delivery and nobody
     * recorded this attempt yet (compare-and-set on token, status and attempts): 1, else 0.
     */
    @Modifying
    @Transactional
    @Query("""
            update WebhookDelivery d
            set d.status = :status, d.attempts = :previous + 1, d.lastStatusCode = :code, d.lastError = :error,
                d.nextAttemptAt = :next, d.deliveredAt = :delivered, d.leaseUntil = null, d.leaseToken = null
            where d.id = :id and d.leaseToken = :token and d.status = 'PENDING' and d.attempts = :previous""")
    int finishAttempt(UUID id, UUID token, int previous, String status, Integer code, String error, Instant next,
            Instant delivered);
}
