package io.orderfleet.orders.observability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * What the saga's background workers still have to do, read from the orders table at scrape time:
 * {@code orders_reconciler_backlog} (PENDING orders), {@code orders_reconciler_oldest_pending_seconds},
 * {@code orders_release_backlog} (dead orders whose stock is still to be released) and
 * {@code orders_release_lag_seconds} (how long the oldest of those has waited). One query serves all
 * four gauges of a scrape; a failed read shows as NaN, never as an error in the scrape.
 */
@Component
class SagaBacklogMetrics {

    private static final Logger log = LoggerFactory.getLogger(SagaBacklogMetrics.class);
    private static final Duration REUSE = Duration.ofSeconds(2);

    record Backlog(double pending, double oldestPendingSeconds, double releases, double releaseLagSeconds, Instant at) {
    }

    private final EntityManager entities;
    private final Clock clock = Clock.systemUTC();
    private final AtomicReference<Backlog> last = new AtomicReference<>();

    SagaBacklogMetrics(EntityManager entities, MeterRegistry meters) {
        this.entities = entities;
        Gauge.builder("orders.reconciler.backlog", this, m -> m.backlog().pending())
                .description("orders still PENDING (the reconciler settles those older than reconcile-after)").register(meters);
        Gauge.builder("orders.reconciler.oldest.pending", this, m -> m.backlog().oldestPendingSeconds()).baseUnit("seconds")
                .description("age of the oldest PENDING order").register(meters);
        Gauge.builder("orders.release.backlog", this, m -> m.backlog().releases())
                .description("rejected or cancelled orders whose reserved stock is not yet released").register(meters);
        Gauge.builder("orders.release.lag", this, m -> m.backlog().releaseLagSeconds()).baseUnit("seconds")
                .description("how long the oldest pending release has waited").register(meters);
    }

    Backlog backlog() {
        Instant now = clock.instant();
        Backlog cached = last.get();
        if (cached != null && Duration.between(cached.at(), now).compareTo(REUSE) < 0) {
            return cached;
        }
        Backlog fresh;
        try {
            Object[] row = (Object[]) entities.createNativeQuery("""
                    SELECT count(*) FILTER (WHERE status = 'PENDING'),
                           COALESCE(EXTRACT(EPOCH FROM now() - min(created_at) FILTER (WHERE status = 'PENDING')), 0),
                           count(*) FILTER (WHERE release_pending),
                           COALESCE(EXTRACT(EPOCH FROM now() - min(updated_at) FILTER (WHERE release_pending)), 0)
                    FROM orders WHERE status = 'PENDING' OR release_pending""").getSingleResult();
            fresh = new Backlog(number(row[0]), number(row[1]), number(row[2]), number(row[3]), now);
        } catch (DataAccessException | PersistenceException e) {
            log.debug("Saga backlog unavailable: {}", e.getMessage());
            fresh = new Backlog(Double.NaN, Double.NaN, Double.NaN, Double.NaN, now);
        }
        last.set(fresh);
        return fresh;
    }

    private static double number(Object value) {
        return value == null ? 0 : ((Number) value).doubleValue();
    }
}
