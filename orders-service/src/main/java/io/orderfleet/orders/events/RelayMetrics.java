package io.orderfleet.orders.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Conditional;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * {@code orderfleet_events_outbox_lag} (order events the broker has not acknowledged yet, read from the
 * database at each scrape), {@code orderfleet_events_published_total},
 * {@code orderfleet_events_publish_failures_total} (records the broker did not acknowledge in time) and
 * {@code orderfleet_events_skipped_total} (malformed outbox rows that were never published).
 */
@Component
@Conditional(KafkaConfigured.class)
class RelayMetrics {

    private static final Logger log = LoggerFactory.getLogger(RelayMetrics.class);

    private final Counter published;
    private final Counter failures;
    private final Counter skipped;

    RelayMetrics(MeterRegistry meters, RelayOutbox outbox) {
        this.published = Counter.builder("orderfleet.events.published")
                .description("order events acknowledged by the broker").register(meters);
        this.failures = Counter.builder("orderfleet.events.publish.failures")
                .description("order events the broker did not acknowledge (retried later)").register(meters);
        this.skipped = Counter.builder("orderfleet.events.skipped")
                .description("outbox rows no order event could be made of (malformed), never published").register(meters);
        Gauge.builder("orderfleet.events.outbox.lag", outbox, RelayMetrics::lag)
                .description("order events in the outbox not yet acknowledged by the broker").register(meters);
    }

    void published(int count) {
        published.increment(count);
    }

    void failed(int count) {
        failures.increment(count);
    }

    void skipped(int count) {
        skipped.increment(count);
    }

    private static double lag(RelayOutbox outbox) {
        try {
            return outbox.lag();
        } catch (DataAccessException e) {
            log.debug("Outbox lag unavailable: {}", e.getMessage());
            return Double.NaN;
        }
    }
}
