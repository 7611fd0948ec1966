package io.orderfleet.orders.events;

import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The relay's view of the outbox: its own marker (published_at), next to the webhook fan-out's. */
@Repository
class RelayOutbox {

    private final JdbcClient jdbc;

    RelayOutbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Locks up to {@code limit} unpublished order events, oldest first, skipping rows another instance
     * (or the webhook fan-out) holds. Only the oldest unpublished event of each order is eligible: a
     * later one waits until the earlier one is acknowledged, so no batch, retry or second instance can
     * put an order's events on the topic out of order. Must run in a transaction that lasts until the
     * published ones are marked.
     */
    List<PendingEvent> claim(int limit) {
        return jdbc.sql("""
                SELECT e.id, e.type, e.order_id, e.body, e.traceparent FROM outbox_events e
                WHERE e.published_at IS NULL AND e.order_id IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM outbox_events p
                                  WHERE p.order_id = e.order_id AND p.published_at IS NULL
                                    AND (p.created_at, p.id) < (e.created_at, e.id))
                ORDER BY e.created_at, e.id LIMIT :limit
                FOR UPDATE OF e SKIP LOCKED""")
                .param("limit", limit)
                .query((rs, n) -> new PendingEvent(rs.getObject("id", UUID.class), rs.getString("type"),
                        rs.getObject("order_id", UUID.class), rs.getString("body"), rs.getString("traceparent")))
                .list();
    }

    int markPublished(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                UPDATE outbox_events SET published_at = greatest(clock_timestamp(), created_at)
                WHERE id IN (:ids) AND published_at IS NULL""")
                .param("ids", ids)
                .update();
    }

    /** Order events not yet acknowledged by the broker. */
    long lag() {
        return jdbc.sql("SELECT count(*) FROM outbox_events WHERE published_at IS NULL AND order_id IS NOT NULL")
                .query(Long.class).single();
    }
}
