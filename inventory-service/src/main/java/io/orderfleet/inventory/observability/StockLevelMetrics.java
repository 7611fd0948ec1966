package io.orderfleet.inventory.observability;

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
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * {@code inventory_items_below_threshold} (items on sale with fewer than
 * {@code orderfleet.inventory.low-stock-threshold} units, 10 by default, as the admin stats page) and
 * {@code inventory_items_out_of_stock}, read at scrape time with one query for both gauges.
 */
@Component
class StockLevelMetrics {

    private static final Logger log = LoggerFactory.getLogger(StockLevelMetrics.class);
    private static final Duration REUSE = Duration.ofSeconds(2);

    record Levels(double belowThreshold, double outOfStock, Instant at) {
    }

    private final EntityManager entities;
    private final int threshold;
    private final Clock clock = Clock.systemUTC();
    private final AtomicReference<Levels> last = new AtomicReference<>();

    StockLevelMetrics(EntityManager entities, MeterRegistry meters,
            @Value("${orderfleet.inventory.low-stock-threshold:10}") int threshold) {
        this.entities = entities;
        this.threshold = threshold;
        Gauge.builder("inventory.items.below.threshold", this, m -> m.levels().belowThreshold())
                .description("items on sale with fewer units available than the low-stock threshold").register(meters);
        Gauge.builder("inventory.items.out.of.stock", this, m -> m.levels().outOfStock())
                .description("items on sale with no unit available").register(meters);
    }

    Levels levels() {
        Instant now = clock.instant();
        Levels cached = last.get();
        if (cached != null && Duration.between(cached.at(), now).compareTo(REUSE) < 0) {
            return cached;
        }
        Levels fresh;
        try {
            Object[] row = (Object[]) entities.createNativeQuery("SELECT count(*) FILTER (WHERE available < :threshold),"
                            + " count(*) FILTER (WHERE available = 0) FROM items WHERE NOT archived")
                    .setParameter("threshold", threshold).getSingleResult();
            fresh = new Levels(((Number) row[0]).doubleValue(), ((Number) row[1]).doubleValue(), now);
        } catch (DataAccessException | PersistenceException e) {
            log.debug("Stock levels unavailable: {}", e.getMessage());
            fresh = new Levels(Double.NaN, Double.NaN, now);
        }
        last.set(fresh);
        return fresh;
    }
}
