package io.orderfleet.orders.events;

import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The relay's view of the outbox: its own marker (published_at), next to the webhook fan-out's. Three
 * hand-written statements: JPQL has no {@code SKIP LOCKED}, no row-value comparison and no
 * {@code clock_timestamp()}. No statement loads an entity, so the relay's transaction never holds a
 * managed outbox row: the claim builds {@link PendingEvent} records directly from the rows (Hibernate's
 * constructor mapping of a native result, by column position).
 */
interface RelayOutbox extends Repository<OutboxPublication, UUID> {

    /**
     * Locks up to {@code limit} unpublished order events, oldest first, skipping rows another instance
     * (or the webhook fan-out) holds. Only the oldest unpublished event of each order is eligible: a
     * later one waits until the earlier one is acknowledged, so no batch, retry or second instance can
     * put an order's events on the topic out of order. Must run in a transaction that lasts until the
     * published ones are marked (hence MANDATORY: without one, the locks would end with the statement).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    @Query(nativeQuery = true, value = """
            SELECT e.id, e.type, e.order_id, e.body, e.traceparent FROM outbox_events e
            WHERE e.published_at IS NULL AND e.order_id IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM outbox_events p
                              WHERE p.order_id = e.order_id AND p.published_at IS NULL
                                AND (p.created_at, p.id) < (e.created_at, e.id))
            ORDER BY e.created_at, e.id LIMIT :limit
            FOR UPDATE OF e SKIP LOCKED""")
    List<PendingEvent> claim(int limit);

    /** Marks the given events published, in the claim's transaction; returns how many were not yet. */
    default int markPublished(Collection<UUID> ids) {
        return ids.isEmpty() ? 0 : stampPublished(ids);
    }

    /**
     * Fenced on {@code published_at IS NULL}: an event already marked keeps its first mark. No
     * {@code clearAutomatically} / {@code flushAutomatically}: the relay's transaction holds no managed
     * entity to flush or clear. Call {@link #markPublished}: an empty {@code IN ()} is not SQL.
     */
    @Modifying
    @Transactional(propagation = Propagation.MANDATORY)
    @Query(nativeQuery = true, value = """
            UPDATE outbox_events SET published_at = greatest(clock_timestamp(), created_at)
            WHERE id IN (:ids) AND published_at IS NULL""")
    int stampPublished(Collection<UUID> ids);

    /** Order events not yet acknowledged by the broker. */
    @Query(nativeQuery = true,
            value = "SELECT count(*) FROM outbox_events WHERE published_at IS NULL AND order_id IS NOT NULL")
    long lag();
}
