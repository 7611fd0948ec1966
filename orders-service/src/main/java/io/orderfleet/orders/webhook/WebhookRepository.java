package io.orderfleet.orders.webhook;

import io.orderfleet.common.web.PageQuery;
import io.orderfleet.orders.webhook.WebhookDtos.DeliveryView;
import io.orderfleet.orders.webhook.WebhookDtos.WebhookView;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

@Repository
class WebhookRepository {

    private final JdbcClient jdbc;

    WebhookRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // --- subscriptions ---

    WebhookView insertWebhook(UUID id, String url, List<String> events, String description, String secret) {
        return jdbc.sql("""
                INSERT INTO webhooks (id, url, events, description, secret)
                VALUES (:id, :url, string_to_array(:events, ','), :description, :secret)
                RETURNING id, url, events, description, created_at""")
                .param("id", id).param("url", url).param("events", String.join(",", events))
                .param("description", description).param("secret", secret)
                .query((rs, i) -> webhook(rs)).single();
    }

    List<WebhookView> webhooks() {
        return jdbc.sql("SELECT id, url, events, description, created_at FROM webhooks ORDER BY created_at, id")
                .query((rs, i) -> webhook(rs)).list();
    }

    boolean exists(UUID id) {
        return jdbc.sql("SELECT count(*) FROM webhooks WHERE id = :id").param("id", id).query(Long.class).single() > 0;
    }

    /** Deletes the webhook with all its deliveries (a worker holding one of them records nothing). */
    boolean deleteWebhook(UUID id) {
        return jdbc.sql("DELETE FROM webhooks WHERE id = :id").param("id", id).update() == 1;
    }

    // --- the outbox ---

    /** A ping: an event already fanned out, to one webhook only. */
    UUID insertPing(UUID eventId, UUID webhookId, String body) {
        jdbc.sql("INSERT INTO outbox_events (id, type, body, dispatched_at) VALUES (:id, 'webhook.ping', :body, clock_timestamp())")
                .param("id", eventId).param("body", body).update();
        UUID deliveryId = UUID.randomUUID();
        jdbc.sql("INSERT INTO webhook_deliveries (id, webhook_id, event_id, status, next_attempt_at)"
                        + " VALUES (:id, :webhook, :event, 'PENDING', now())")
                .param("id", deliveryId).param("webhook", webhookId).param("event", eventId).update();
        return deliveryId;
    }

    /**
     * Fans undispatched events out into one PENDING delivery per webhook subscribed to their type (and
     * created before the event), in one statement: an instance that crashes midway dispatched nothing,
     * and rows another instance is dispatching are skipped.
     */
    int dispatch(int limit) {
        return jdbc.sql("""
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
                .param("limit", limit).update();
    }

    // --- deliveries ---

    /**
     * Claims up to {@code limit} due deliveries for one worker run, like the order reconciler: rows
     * locked by another instance or under an unexpired lease are skipped; the claim's token fences
     * the result, so only the claimant may record the attempt.
     */
    List<DueDelivery> claimDue(UUID token, Duration lease, int limit) {
        return jdbc.sql("""
                WITH claimed AS (
                    UPDATE webhook_deliveries SET lease_until = now() + CAST(:lease AS interval), lease_token = :token
                    WHERE id IN (SELECT id FROM webhook_deliveries
                                 WHERE status = 'PENDING' AND next_attempt_at <= now()
                                   AND (lease_until IS NULL OR lease_until < now())
                                 ORDER BY next_attempt_at LIMIT :limit FOR UPDATE SKIP LOCKED)
                    RETURNING id, webhook_id, event_id, attempts)
                SELECT c.id, c.webhook_id, c.event_id, c.attempts, w.url, w.secret, e.body
                FROM claimed c JOIN webhooks w ON w.id = c.webhook_id JOIN outbox_events e ON e.id = c.event_id""")
                .param("lease", lease.toMillis() + " milliseconds").param("token", token).param("limit", limit)
                .query((rs, i) -> new DueDelivery(rs.getObject("id", UUID.class), rs.getObject("webhook_id", UUID.class),
                        rs.getObject("event_id", UUID.class), rs.getInt("attempts"), rs.getString("url"),
                        rs.getString("secret"), rs.getString("body")))
                .list();
    }

    /**
     * Records one attempt and the delivery's new state, if this claim still holds the delivery: false
     * (and nothing written) when the lease was lost to another claimant or the webhook was deleted.
     *
     * @param nextAttemptAt null when the delivery is finished (SUCCEEDED or FAILED)
     */
    @Transactional
    boolean recordAttempt(DueDelivery delivery, UUID token, AttemptOutcome outcome, String status,
            Instant nextAttemptAt) {
        int attempt = delivery.attempts() + 1;
        int updated = jdbc.sql("""
                UPDATE webhook_deliveries
                SET status = :status, attempts = :attempt, last_status_code = :code, last_error = :error,
                    next_attempt_at = :next, delivered_at = :delivered,
                    lease_until = NULL, lease_token = NULL
                WHERE id = :id AND lease_token = :token AND status = 'PENDING' AND attempts = :previous""")
                .param("status", status).param("attempt", attempt).param("code", outcome.statusCode())
                .param("error", truncate(outcome.error())).param("next", timestamp(nextAttemptAt))
                .param("delivered", "SUCCEEDED".equals(status) ? Timestamp.from(outcome.attemptedAt()) : null)
                .param("id", delivery.id()).param("token", token)
                .param("previous", delivery.attempts()).update();
        if (updated == 0) {
            return false;
        }
        jdbc.sql("""
                INSERT INTO webhook_delivery_attempts
                    (delivery_id, attempt, status_code, error, attempted_at, duration_ms, next_attempt_at)
                VALUES (:id, :attempt, :code, :error, :at, :duration, :next)""")
                .param("id", delivery.id()).param("attempt", attempt).param("code", outcome.statusCode())
                .param("error", truncate(outcome.error())).param("at", Timestamp.from(outcome.attemptedAt()))
                .param("duration", (int) Math.min(Integer.MAX_VALUE, outcome.durationMillis()))
                .param("next", timestamp(nextAttemptAt)).update();
        return true;
    }

    List<DeliveryView> deliveries(UUID webhookId, PageQuery page) {
        return jdbc.sql("SELECT d.*, e.type FROM webhook_deliveries d JOIN outbox_events e ON e.id = d.event_id"
                        + " WHERE d.webhook_id = :webhook ORDER BY d." + page.orderBy() + ", d.id LIMIT :limit OFFSET :offset")
                .param("webhook", webhookId).param("limit", page.size()).param("offset", page.offset())
                .query((rs, i) -> delivery(rs)).list();
    }

    long countDeliveries(UUID webhookId) {
        return jdbc.sql("SELECT count(*) FROM webhook_deliveries WHERE webhook_id = :webhook").param("webhook", webhookId)
                .query(Long.class).single();
    }

    Optional<DeliveryView> delivery(UUID id) {
        return jdbc.sql("SELECT d.*, e.type FROM webhook_deliveries d JOIN outbox_events e ON e.id = d.event_id"
                        + " WHERE d.id = :id")
                .param("id", id).query((rs, i) -> delivery(rs)).optional();
    }

    /** Age in seconds of the oldest event not yet fanned out or with a delivery still pending; 0 when none. */
    double oldestUndeliveredAgeSeconds() {
        Double age = jdbc.sql("""
                SELECT EXTRACT(EPOCH FROM now() - min(created_at))::float8 FROM (
                    (SELECT created_at FROM outbox_events WHERE dispatched_at IS NULL ORDER BY created_at LIMIT 1)
                    UNION ALL
                    (SELECT e.created_at FROM webhook_deliveries d JOIN outbox_events e ON e.id = d.event_id
                     WHERE d.status = 'PENDING' ORDER BY e.created_at LIMIT 1)) oldest""")
                .query(Double.class).optional().orElse(null);
        return age == null ? 0 : Math.max(0, age);
    }

    /** Deletes finished events older than {@code retention} with their deliveries and attempts. */
    int purge(Duration retention) {
        return jdbc.sql("""
                DELETE FROM outbox_events e
                WHERE e.created_at < now() - CAST(:age AS interval) AND e.dispatched_at IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.event_id = e.id AND d.status = 'PENDING')""")
                .param("age", retention.toSeconds() + " seconds").update();
    }

    private static WebhookView webhook(ResultSet rs) throws SQLException {
        String[] events = (String[]) rs.getArray("events").getArray();
        return new WebhookView(rs.getObject("id", UUID.class), rs.getString("url"), Arrays.asList(events),
                rs.getString("description"), rs.getTimestamp("created_at").toInstant());
    }

    private static DeliveryView delivery(ResultSet rs) throws SQLException {
        Integer code = rs.getObject("last_status_code", Integer.class);
        return new DeliveryView(rs.getObject("id", UUID.class), rs.getObject("event_id", UUID.class),
                rs.getString("type"), rs.getString("status"), rs.getInt("attempts"), code, rs.getString("last_error"),
                instant(rs.getTimestamp("next_attempt_at")), instant(rs.getTimestamp("delivered_at")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 500 ? text : text.substring(0, 500);
    }
}
