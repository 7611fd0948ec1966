package io.orderfleet.orders.webhook;

import java.time.Instant;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Transactional;

/** The outbox; its fan-out, lag and purge are set-based statements written by hand. */
interface OutboxEventRepository extends JpaRepository<OutboxEvent, UUID> {

    /**
     * Fans undispatched events out into one PENDING delivery per webhook subscribed to their type (and
     * created before the event), in one statement: an instance that crashes midway dispatched nothing,
     * and rows another instance is dispatching are skipped.
     */
    @Modifying
    @Transactional
    @Query(nativeQuery = true, value = """
            WITH claimed AS (
                SELECT id, type, created_at FROM outbox_events
                WHERE dispatched_at IS NULL
                ORDER BY created_at LIMIT :limit FOR UPDATE SKIP LOCKED),
            fanned AS (
                INSERT INTO webhook_deliveries (id, webhook_id, event_id, status, next_attempt_at)
                SELECT gen_random_uuid(), w.id, c.id, 'PENDING', now()
                FROM claimed c JOIN webhooks w ON c.type = ANY (w.events) AND w.created_at <= c.created_at
                ON CONFLICT (event_id, webhook_id) DO NOTHING)
            UPDATE outbox_events SET dispatched_at = greatest(clock_timestamp(), created_at)
            WHERE id IN (SELECT id FROM claimed)""")
    int dispatch(int limit);

    /** Age in seconds of the oldest event not yet fanned out or with a delivery still pending; null when none. */
    @Query(nativeQuery = true, value = """
            SELECT CAST(EXTRACT(EPOCH FROM now() - min(created_at)) AS float8) FROM (
                (SELECT created_at FROM outbox_events WHERE dispatched_at IS NULL ORDER BY created_at LIMIT 1)
                UNION ALL
                (SELECT e.created_at FROM webhook_deliveries d JOIN outbox_events e ON e.id = d.event_id
                 WHERE d.status = 'PENDING' ORDER BY e.created_at LIMIT 1)) oldest""")
    Double oldestUndeliveredAgeSeconds();

    /** Deletes finished events created before {@code cutoff}, with their deliveries and attempts (cascade). */
    default int purge(Instant cutoff) {
        return purge(cutoff, false);
    }

    /**
     * Like {@link #purge(Instant)}; with {@code keepUnpublished} (the Kafka relay runs) an order event
     * the broker has not acknowledged yet is kept however old it is.
     */
    @Modifying
    @Transactional
    @Query(nativeQuery = true, value = """
            DELETE FROM outbox_events e
            WHERE e.created_at < :cutoff AND e.dispatched_at IS NOT NULL
              AND (NOT :keepUnpublished OR e.published_at IS NOT NULL OR e.order_id IS NULL)
              AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.event_id = e.id AND d.status = 'PENDING')""")
    int purge(Instant cutoff, boolean keepUnpublished);
}
